package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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

// checkOutputs refuses an output path that is also an input path (however
// spelt: relative, through a symlink or a hard link): writing it would
// destroy the input before (or while) it is read. It also refuses two
// outputs that are one file, where the second would silently replace the
// first. Inputs are every file the run reads: logs or CSV, rule files,
// databases, borders (see allInputs).
func checkOutputs(inputs []string, outputs ...string) error {
	seen := map[string]string{} // absolute cleaned path → output as given
	for _, out := range outputs {
		if out == "" || out == "-" {
			continue
		}
		if abs, err := filepath.Abs(out); err == nil {
			if prev, ok := seen[abs]; ok {
				return usageErrorf("output %s is given twice (also as %s); choose distinct output paths", out, prev)
			}
			seen[abs] = out
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
		for prev := range seen {
			if pi, err := os.Stat(prev); err == nil && prev != mustAbs(out) && os.SameFile(oi, pi) {
				return usageErrorf("outputs %s and %s are the same file; choose distinct output paths", seen[prev], out)
			}
		}
	}
	return nil
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// allInputs joins the lists of files a run reads, for checkOutputs.
func allInputs(lists ...[]string) []string {
	return slices.Concat(lists...)
}
