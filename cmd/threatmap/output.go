package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// writeAtomic writes an output file. A regular file (or a path that does not
// exist yet) is written through a temporary file in the same directory and
// renamed into place, so a failed run never leaves a half written file, an
// existing output survives a failure untouched, and an existing output keeps
// its permission bits. A symbolic link is followed: its target is replaced
// atomically and the link stays a link. Anything else — a device such as
// /dev/null, a FIFO, a socket, /dev/stdout — is opened and written in place,
// never renamed over. The path "-" writes to stdout.
func writeAtomic(path string, stdout io.Writer, write func(io.Writer) error) error {
	s, err := stage(path, stdout, write)
	if err != nil || s == nil {
		return err
	}
	return s.commit()
}

// stagedFile is an output written to a temporary file beside its target,
// waiting to be renamed into place.
type stagedFile struct {
	path   string // as the user gave it
	tmp    string
	target string // path with its symbolic links followed
}

// stage writes an output as writeAtomic does but stops before the rename:
// the caller commits or discards the staged file. Outputs that cannot be
// staged (stdout, special files) are written at once and give a nil file.
func stage(path string, stdout io.Writer, write func(io.Writer) error) (_ *stagedFile, err error) {
	if path == "-" || path == "" {
		return nil, write(stdout)
	}
	target, err := resolveOutput(path)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, writeInPlace(path, target, write)
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, plainErr(err))
	}
	temps.add(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			temps.remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	if err = tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	if err = tmp.Close(); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	return &stagedFile{path: path, tmp: tmp.Name(), target: target}, nil
}

// commit renames the staged file into place.
func (s *stagedFile) commit() error {
	defer temps.remove(s.tmp)
	if err := os.Rename(s.tmp, s.target); err != nil {
		return fmt.Errorf("write %s: %w", s.path, plainErr(err))
	}
	return nil
}

// outputs are the files of one run, staged until the run has succeeded, so
// that a run that fails — an unwritable second output, an empty result, a
// signal — leaves none of them behind.
type outputs struct {
	staged []*stagedFile
}

// write stages one output (see stage).
func (o *outputs) write(path string, stdout io.Writer, write func(io.Writer) error) error {
	s, err := stage(path, stdout, write)
	if s != nil {
		o.staged = append(o.staged, s)
	}
	return err
}

// commit renames every staged output into place, unless ctx was cancelled
// (a signal) meanwhile: then it removes them and returns ctx's error.
func (o *outputs) commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		o.discard()
		return err
	}
	for i, s := range o.staged {
		if err := s.commit(); err != nil {
			o.staged = o.staged[i+1:]
			o.discard()
			return err
		}
	}
	o.staged = nil
	return nil
}

// discard removes the outputs not committed; deferred by every run.
func (o *outputs) discard() {
	for _, s := range o.staged {
		temps.remove(s.tmp)
	}
	o.staged = nil
}

// tempFiles are the temporary files of the outputs being written, so that
// a run stopped by a signal while blocked (reading a pipe that stays open)
// can still remove them on its way out.
type tempFiles struct {
	mu    sync.Mutex
	paths map[string]bool
}

var temps = &tempFiles{paths: map[string]bool{}}

func (t *tempFiles) add(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.paths[path] = true
}

// remove deletes the file (when it is still there) and forgets it.
func (t *tempFiles) remove(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	os.Remove(path)
	delete(t.paths, path)
}

// removeAll deletes every temporary file still known.
func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for p := range t.paths {
		os.Remove(p)
	}
	clear(t.paths)
}

// writeInPlace writes to an existing file that is not a regular file
// (device, FIFO, socket): renaming over it would replace a system file.
func writeInPlace(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	return nil
}

// resolveOutput follows symbolic links from path to the file they name,
// which need not exist yet (a dangling link is written through to its
// target). It gives up after 40 links, as the kernel does.
func resolveOutput(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", plainErr(err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// plainErr drops the path from an *fs.PathError, so messages name the
// user's file and never a temporary one.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
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
		if err := checkOutputDir(out); err != nil {
			return err
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

// checkOutputDir refuses, before any input is read, an output whose
// directory does not exist or is not a directory.
func checkOutputDir(out string) error {
	target, err := resolveOutput(out)
	if err != nil {
		return usageErrorf("output %s: %v", out, err)
	}
	dir := filepath.Dir(target)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageErrorf("output %s: directory %s does not exist; create it or choose another path", out, dir)
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
