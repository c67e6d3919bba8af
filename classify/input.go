package classify

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

// Inputs is what command-line arguments expand to.
type Inputs struct {
	Paths  []string     // the inputs to read, in reading order
	Passed []PassedOver // files of directories and globs that are not logs
}

// ExpandInputs is Expand's list of paths.
func ExpandInputs(args []string) ([]string, error) {
	in, err := Expand(args)
	return in.Paths, err
}

// Expand turns command-line arguments into the inputs to read: "-" is
// standard input; a glob ("/var/log/nginx/access.log*") or a directory
// expands to the log files it holds (hidden files and subdirectories left
// out), each group of rotated logs ordered oldest first — access.log.3.gz,
// access.log.2.gz, access.log.1, access.log — and dated rotations
// (auth.log-20240101) by date. Of a directory or a glob only files that look
// like logs are read (see lookLikeLog); the others are listed in
// Inputs.Passed with the reason. A file named explicitly is always read, in
// the order given. An argument that names nothing is an error naming it. A
// directory without log files is kept as it is: opening it fails, so a run
// reports it as an unreadable input and goes on with the others.
func Expand(args []string) (Inputs, error) {
	var in Inputs
	for _, a := range args {
		if a == "-" {
			in.Paths = append(in.Paths, a)
			continue
		}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				return in, fmt.Errorf("classify: bad pattern %q: %w", a, err)
			}
			var files []string
			for _, p := range m {
				st, err := os.Stat(p)
				if err != nil {
					continue
				}
				if st.IsDir() {
					d, passed, err := dirFiles(p)
					if err != nil {
						return in, err
					}
					files = append(files, d...)
					in.Passed = append(in.Passed, passed...)
				} else if why := lookLikeLog(p); why == "" {
					files = append(files, p)
				} else {
					in.Passed = append(in.Passed, PassedOver{Path: p, Reason: why})
				}
			}
			if len(files) == 0 && len(in.Passed) == 0 {
				return in, fmt.Errorf("classify: no file matches %q", a)
			}
			SortRotated(files)
			in.Paths = append(in.Paths, files...)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return in, fmt.Errorf("classify: %w", err)
		}
		if st.IsDir() {
			d, passed, err := dirFiles(a)
			if err != nil {
				return in, err
			}
			in.Passed = append(in.Passed, passed...)
			if len(d) == 0 && len(passed) == 0 {
				d = []string{a}
			}
			in.Paths = append(in.Paths, d...)
			continue
		}
		in.Paths = append(in.Paths, a)
	}
	return in, nil
}

// dirFiles lists the log files of a directory, oldest rotation first, and
// the files passed over.
func dirFiles(dir string) ([]string, []PassedOver, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("classify: %w", err)
	}
	var files []string
	var passed []PassedOver
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") || e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !isRegularFile(p) {
			continue
		}
		if why := lookLikeLog(p); why != "" {
			passed = append(passed, PassedOver{Path: p, Reason: why})
			continue
		}
		files = append(files, p)
	}
	SortRotated(files)
	return files, passed, nil
}

// rotation describes where a file sits in its rotation group.
type rotation struct {
	base  string
	class int    // 0 numbered or dated (older), 1 current
	num   int    // .N suffix: larger is older
	date  string // -YYYYMMDD suffix
}

func rotationOf(path string) rotation {
	name := strings.TrimSuffix(path, ".gz")
	r := rotation{base: name, class: 1}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if n, err := strconv.Atoi(name[i+1:]); err == nil && n >= 0 && len(name)-i-1 <= 4 {
			return rotation{base: name[:i], num: n}
		}
	}
	if i := strings.LastIndexByte(name, '-'); i > 0 && len(name)-i-1 >= 8 && allDigits([]byte(name[i+1:])) {
		return rotation{base: name[:i], date: name[i+1:]}
	}
	return r
}

// SortRotated orders paths by rotation group, each group oldest first.
func SortRotated(paths []string) {
	slices.SortStableFunc(paths, func(a, b string) int {
		ra, rb := rotationOf(a), rotationOf(b)
		if c := cmp.Compare(ra.base, rb.base); c != 0 {
			return c
		}
		if c := cmp.Compare(ra.class, rb.class); c != 0 {
			return c
		}
		if c := cmp.Compare(ra.date, rb.date); c != 0 {
			return c
		}
		return cmp.Compare(rb.num, ra.num)
	})
}

// OpenInput opens one input: "-" reads stdin. Gzip data is decompressed
// whatever the name (detected by its magic bytes). modTime is the file's
// modification time (zero for stdin), the reference for syslog years.
func OpenInput(path string, stdin io.Reader) (rc io.ReadCloser, modTime time.Time, err error) {
	return OpenInputCounted(path, stdin, nil)
}

// OpenInputCounted is OpenInput with the input's bytes as stored —
// compressed, for gzip — passed through count (when not nil) before they
// are decompressed, so that a progress bar can measure them against the
// sizes of the files.
func OpenInputCounted(path string, stdin io.Reader, count func(io.Reader) io.Reader) (rc io.ReadCloser, modTime time.Time, err error) {
	var r io.Reader
	var closer io.Closer
	if path == "-" {
		if stdin == nil {
			return nil, time.Time{}, fmt.Errorf("classify: -: no standard input")
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("classify: %w", err)
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, time.Time{}, fmt.Errorf("classify: %w", err)
		}
		if st.IsDir() {
			f.Close()
			return nil, time.Time{}, fmt.Errorf("classify: %s is a directory", path)
		}
		r, closer, modTime = f, f, st.ModTime()
	}
	if count != nil {
		r = count(r)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			if closer != nil {
				closer.Close()
			}
			if errors.Is(err, io.EOF) { // a header and nothing after it
				err = fmt.Errorf("truncated gzip stream: %w", io.ErrUnexpectedEOF)
			}
			return nil, time.Time{}, fmt.Errorf("classify: %s: %w", path, err)
		}
		return &readCloser{Reader: zr, closers: []io.Closer{zr, closer}}, modTime, nil
	}
	return &readCloser{Reader: br, closers: []io.Closer{closer}}, modTime, nil
}

type readCloser struct {
	io.Reader
	closers []io.Closer
}

func (rc *readCloser) Close() error {
	var errs []error
	for _, c := range rc.closers {
		if c != nil {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// Run classifies every input in order and then calls Finish. An input that
// cannot be opened or read to the end (a truncated .gz) does not stop the
// run: it is recorded in Stats.Files and returned at the end, joined, as
// *InputError values, after everything readable was classified. Any other
// error (from emit, or ctx) stops the run and is returned as is.
func (c *Classifier) Run(ctx context.Context, paths []string, stdin io.Reader, emit func(Event) error) error {
	var inErrs []error
	for _, p := range paths {
		rc, mod, err := OpenInput(p, stdin)
		if err != nil {
			c.RecordInputError(p, err)
			inErrs = append(inErrs, &InputError{Path: p, Err: err})
			continue
		}
		_, err = c.Classify(ctx, rc, p, mod, emit)
		rc.Close()
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				inErrs = append(inErrs, err)
				continue
			}
			return err
		}
	}
	if err := c.Finish(emit); err != nil {
		return err
	}
	return errors.Join(inErrs...)
}

// RecordInputError records an input that could not be opened, so that
// Stats.Files names it (with no lines).
func (c *Classifier) RecordInputError(path string, err error) {
	c.stats.Files = append(c.stats.Files, FileStats{Path: path, Error: err.Error()})
}
