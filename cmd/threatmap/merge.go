package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/threatmap/threatmap/located"
)

func mergeCommand() *command {
	return &command{
		name:    "merge",
		args:    "PART...",
		summary: "shard outputs → one output: exact union of actors, events in time order",
		about: `Joins the outputs of runs over disjoint shards of the addresses
('threatmap classify --shard K/N', or the same files located) into the output
of one run over everything:

  actors     in the single run's order (score, risk, events descending, then
             address): exactly the actors CSV one run writes. A part that is
             not in that order, or an address in two parts (overlapping
             shards), is an error.
  events     and located events: by time, a streaming merge that holds one
             row per part.
  points     bare lat,lon[,weight] files: one after the other.

Every part must have the same columns.`,
		examples: []string{
			"threatmap merge -o actors.csv actors-0.csv actors-1.csv actors-2.csv actors-3.csv",
			"threatmap merge -o events.csv events-*.csv",
		},
		flags: mergeFlags,
	}
}

func mergeFlags(g *flagGroups) runFunc {
	var out string
	var quiet bool
	g.add("", "", func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "-", "output `FILE` (- for stdout), written atomically")
		fs.BoolVar(&quiet, "q", false, "quiet: no summary on stderr")
	})
	return func(ctx context.Context, env *Env, pos []string) error {
		return mergeRun(ctx, env, pos, out, quiet)
	}
}

// mergeRun merges the parts pos into out.
func mergeRun(ctx context.Context, env *Env, pos []string, out string, quiet bool) error {
	if len(pos) == 0 {
		return usageErrorf("give the parts to merge")
	}
	if err := checkOutputs(pos, out); err != nil {
		return err
	}
	readers, closeAll, err := openParts(pos, env.Stdin)
	if err != nil {
		return err
	}
	defer closeAll()
	m := located.NewMerger(pos, readers)
	rows := 0
	err = writeAtomic(out, env.Stdout, func(w io.Writer) error {
		var err error
		rows, err = copyRows(ctx, m, out, w)
		return err
	})
	if errors.Is(err, located.ErrOverlap) || errors.Is(err, located.ErrUnsorted) {
		return usageErrorf("%v", err)
	}
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(env.Stderr, "merge: %s from %d parts, %d skipped\n", locPlural(rows, "row"), len(pos), m.Skipped)
	}
	if m.Skipped > 0 {
		return partialError(fmt.Errorf("%d unreadable records left out (last: %w)", m.Skipped, m.Err))
	}
	return nil
}

// copyRows writes every row of r to the table at path (CSV or Parquet)
// on w, with r's header.
func copyRows(ctx context.Context, r located.RowReader, path string, w io.Writer) (int, error) {
	var rw located.RowWriter
	n := 0
	for ; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		row, err := r.Read()
		if rw == nil {
			rw = newRowWriter(path, w, r.Header())
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		if err := rw.Write(&row); err != nil {
			return n, err
		}
	}
	return n, rw.Flush()
}

// openParts opens every part for reading (CSV or Parquet); "-" is stdin,
// once.
func openParts(paths []string, stdin io.Reader) ([]located.RowReader, func(), error) {
	var cleanups []func()
	closeAll := func() {
		for _, c := range cleanups {
			c()
		}
	}
	readers := make([]located.RowReader, 0, len(paths))
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				closeAll()
				return nil, nil, usageErrorf("- (stdin) is given twice")
			}
			stdinUsed = true
		}
		r, cleanup, err := openRows(p, stdin)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		cleanups = append(cleanups, cleanup)
		readers = append(readers, r)
	}
	return readers, closeAll, nil
}
