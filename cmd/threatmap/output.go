package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes an output file through a temporary file in the same
// directory and renames it into place, so a failed run never leaves a half
// written file and an existing output survives a failure untouched. The path
// "-" writes to stdout.
func writeAtomic(path string, stdout io.Writer, write func(io.Writer) error) (err error) {
	if path == "-" || path == "" {
		return write(stdout)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// checkOutputs refuses an output path that is also an input path: writing it
// would destroy the input before (or while) it is read.
func checkOutputs(inputs []string, outputs ...string) error {
	for _, out := range outputs {
		if out == "" || out == "-" {
			continue
		}
		oi, err := os.Stat(out)
		if err != nil {
			continue // does not exist yet: cannot be an input
		}
		for _, in := range inputs {
			if ii, err := os.Stat(in); err == nil && os.SameFile(oi, ii) {
				return usageErrorf("output %s is also an input; choose another output path", out)
			}
		}
	}
	return nil
}
