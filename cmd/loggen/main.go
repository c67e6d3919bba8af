// Command loggen writes a large, deterministic, realistic Apache combined
// access log for benchmarks (see internal/loggen):
//
//	loggen -n 10000000 -seed 1 -o access.log
//	loggen -n 1000000 -o access.log.gz     # gzip when the name ends in .gz
//
// The output is written to a temporary file beside it and renamed, so an
// interrupted run never leaves a partial log. Without -o it writes to
// standard output.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/threatmap/threatmap/internal/loggen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "loggen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loggen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg loggen.Config
	fs.IntVar(&cfg.Lines, "n", 1_000_000, "number of lines")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed; the same seed gives the same bytes")
	start := fs.String("start", "2025-10-01", "date (UTC) or RFC 3339 time of the first line")
	fs.DurationVar(&cfg.Span, "span", 365*24*time.Hour, "time the lines cover")
	fs.IntVar(&cfg.Visitors, "visitors", 200_000, "distinct IPv4 addresses of ordinary visitors")
	fs.IntVar(&cfg.Attackers, "attackers", 5_000, "distinct IPv4 attack sources")
	fs.IntVar(&cfg.DoSBursts, "dos", 4, "DoS bursts (0 for none)")
	out := fs.String("o", "", "output file (.gz: gzip); standard output when empty")
	quiet := fs.Bool("q", false, "no summary on stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: loggen [flags]\n\nWrites a deterministic Apache combined access log.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	t, err := parseStart(*start)
	if err != nil {
		return err
	}
	cfg.Start = t
	if cfg.DoSBursts == 0 {
		cfg.DoSBursts = -1
	}

	began := time.Now()
	var st loggen.Stats
	if *out == "" {
		st, err = loggen.Write(ctxWriter{ctx, stdout}, cfg)
	} else {
		st, err = writeFile(ctx, *out, cfg)
	}
	if err != nil {
		return err
	}
	if !*quiet {
		d := time.Since(began)
		fmt.Fprintf(stderr, "loggen: %d lines, %d bytes, %s … %s, in %.2fs (%.2f M lines/s)\n",
			st.Lines, st.Bytes, st.First.Format(time.RFC3339), st.Last.Format(time.RFC3339),
			d.Seconds(), float64(st.Lines)/d.Seconds()/1e6)
	}
	return nil
}

func parseStart(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, fmt.Errorf("-start %q: want YYYY-MM-DD or RFC 3339", s)
	}
	return t, nil
}

// writeFile writes the log to a temporary file in path's directory and
// renames it to path once complete.
func writeFile(ctx context.Context, path string, cfg loggen.Config) (loggen.Stats, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return loggen.Stats{}, err
	}
	defer os.Remove(f.Name()) // no-op after the rename
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		w = zw
	}
	st, err := loggen.Write(ctxWriter{ctx, w}, cfg)
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return st, err
}

// ctxWriter stops writing once ctx is done (Ctrl-C).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
