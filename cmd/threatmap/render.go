package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/render"
)

func cmdRender(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var rf renderFlags
	rf.register(fs)
	quiet := fs.Bool("q", false, "quiet: no summary on stderr")
	var tf timeRangeFlags
	tf.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, `Usage: threatmap render [flags] [INPUT.csv]

Draws a map from a located CSV (what threatmap locate writes: any columns plus
lat,lon,country,city,precision, e.g. events with time,ip,threat,risk or actors
with ip,category,risk,events) or from a plain lat,lon[,weight] CSV, header
optional. Reads stdin when no INPUT is given. Rows without coordinates are
counted as not located. Threat categories become markers; countries feed
--choropleth.

Examples:
  threatmap render -o map.png located.csv
  threatmap render --region europe --theme dark --size slide -o europe.pdf located.csv
  threatmap render --bare --width 4000 --bandwidth 150km -o tile.png data.csv
  threatmap render --choropleth=only --scale log -o countries.svg located.csv
  threatmap render --since 2026-10-03 --until 2026-10-04 -o oct3.png located.csv

Flags:
  -q                      no summary
%s

%s

%s
`, timeRangeFlagsHelp, renderFlagsHelp, exitCodesHelp)
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageErrorf("render: %v", err)
	}
	input := "-"
	switch len(pos) {
	case 0:
	case 1:
		input = pos[0]
	default:
		fs.Usage()
		return usageErrorf("render: give one input CSV (or none for stdin)")
	}
	if err := checkOutputs(allInputs([]string{input}, rf.inputs()), rf.out); err != nil {
		return err
	}
	setup, err := rf.build()
	if err != nil {
		return err
	}
	window, err := tf.parse(time.Now())
	if err != nil {
		return err
	}
	var r io.Reader = env.Stdin
	if input != "-" {
		f, err := os.Open(input)
		if err != nil {
			return usageErrorf("render: %v", err)
		}
		defer f.Close()
		r = f
	}
	data, err := readLocatedCSVIn(r, setup.Weight, window)
	if err != nil {
		return usageErrorf("render: %s: %v", input, err)
	}
	world, err := assets.LoadWorld()
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	m := setup.newMap(world)
	m.Points, m.Markers, m.Countries, m.Caption = data.Points, data.Markers, data.Countries, data.Caption
	if data.countryPrecision {
		m.Attribution = append(m.Attribution, assets.CountryDBAttribution)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := setup.write(env.Stdout, m); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if !*quiet {
		fmt.Fprintf(env.Stderr, "render: %s located, %s not located", locPlural(data.located, "row"), locPlural(data.Caption.Unlocated, "row"))
		if data.bad > 0 {
			fmt.Fprintf(env.Stderr, ", %s with unreadable coordinates (skipped)", locPlural(data.bad, "row"))
		}
		if data.outside > 0 {
			fmt.Fprintf(env.Stderr, ", %s outside --since/--until (left out)", locPlural(data.outside, "row"))
		}
		fmt.Fprintf(env.Stderr, "; %d markers → %s\n", len(data.Markers), setup.Output)
	}
	if data.bad > 0 {
		return partialError(fmt.Errorf("render: %s of %s had unreadable coordinates and are missing from the map", locPlural(data.bad, "row"), input))
	}
	return nil
}

// renderData is a located CSV turned into map layers.
type renderData struct {
	Points    []render.Point
	Markers   []render.Marker
	Countries map[string]float64
	Caption   render.Caption

	located          int
	bad              int  // rows whose lat/lon did not parse
	outside          int  // rows outside --since/--until
	countryPrecision bool // some rows were placed at a country's point
}

// csvColumns are the indexes of the columns render understands; -1 when
// absent.
type csvColumns struct {
	lat, lon, weight, risk, category, time, ip, country, precision, events int
}

func findColumns(header []string) (csvColumns, bool) {
	c := csvColumns{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "lat", "latitude":
			c.lat = i
		case "lon", "lng", "long", "longitude":
			c.lon = i
		case "weight":
			c.weight = i
		case "risk":
			c.risk = i
		case "threat", "category", "threattype", "threat_type":
			c.category = i
		case "time", "first":
			if c.time < 0 {
				c.time = i
			}
		case "ip":
			c.ip = i
		case "country":
			c.country = i
		case "precision":
			c.precision = i
		case "events":
			c.events = i
		}
	}
	return c, c.lat >= 0 && c.lon >= 0
}

// readLocatedCSV reads a located events or actors CSV, or a plain
// lat,lon[,weight] CSV without a header, into points (one per row, weight
// by w), markers (one per location and category, counting events), summed
// risk per country, and the caption's counts and time range.
func readLocatedCSV(r io.Reader, w weightMode) (*renderData, error) {
	return readLocatedCSVIn(r, w, timeRange{})
}

// readLocatedCSVIn is readLocatedCSV keeping only the rows in the time
// window (a CSV without a header has no times: every row is kept).
func readLocatedCSVIn(r io.Reader, w weightMode, window timeRange) (*renderData, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	d := &renderData{Countries: map[string]float64{}}
	first, err := cr.Read()
	if err == io.EOF {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	cols, ok := findColumns(first)
	win := newRowWindow(timeRange{}, nil)
	if ok {
		win = newRowWindow(window, first)
	}
	if !ok {
		// No header: lat,lon[,weight], as the seed's data.csv.
		cols = csvColumns{0, 1, 2, -1, -1, -1, -1, -1, -1, -1}
		if _, err := strconv.ParseFloat(strings.TrimSpace(first[0]), 64); err != nil {
			return nil, fmt.Errorf("no lat and lon columns in the header %q", strings.Join(first, ","))
		}
		d.add(first, cols, w)
	}
	markers := markerCounts{}
	ips := map[string]struct{}{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(pe.Err, csv.ErrQuote) {
				d.bad++
				continue
			}
			return nil, err
		}
		if !win.keep(rec) {
			d.outside++
			continue
		}
		if cols.ip >= 0 && cols.ip < len(rec) && rec[cols.ip] != "" {
			ips[rec[cols.ip]] = struct{}{}
		}
		if err := d.add(rec, cols, w); err != nil {
			continue
		}
		cat, hasCat := category(rec, cols)
		if hasCat && cat != classify.Legit {
			p := d.Points[len(d.Points)-1]
			markers.add(p.Lon, p.Lat, cat, events(rec, cols))
		}
	}
	d.Markers = markers.sorted()
	d.Caption.Actors = len(ips)
	return d, nil
}

var (
	errUnlocated = errors.New("not located")
	errLegit     = errors.New("legitimate traffic")
)

// add turns one row into a point, or counts it as not located (empty
// coordinates, precision none) or bad (coordinates that do not parse).
func (d *renderData) add(rec []string, c csvColumns, w weightMode) error {
	field := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	latS, lonS := field(c.lat), field(c.lon)
	if latS == "" || lonS == "" || field(c.precision) == "none" {
		d.Caption.Unlocated += events(rec, c)
		return errUnlocated
	}
	lat, err1 := strconv.ParseFloat(latS, 64)
	lon, err2 := strconv.ParseFloat(lonS, 64)
	// Negated comparisons so that NaN, which ParseFloat accepts, is refused.
	if err1 != nil || err2 != nil || !(math.Abs(lat) <= 90) || !(math.Abs(lon) <= 180) {
		d.bad++
		return fmt.Errorf("bad coordinates")
	}
	n := events(rec, c)
	risk := 1.0
	cat, hasCat := category(rec, c)
	if hasCat && cat == classify.Legit {
		return errLegit // located, but not a threat: not drawn
	}
	switch {
	case field(c.risk) != "":
		if v, err := strconv.ParseFloat(field(c.risk), 64); err == nil && v >= 0 {
			risk = v
		}
	case hasCat:
		risk = float64(cat.Risk())
	}
	weight := 1.0
	switch {
	case w == weightCount:
		weight = float64(n)
	case field(c.weight) != "":
		if v, err := strconv.ParseFloat(field(c.weight), 64); err == nil && v >= 0 {
			weight = v
		}
	default:
		weight = risk * float64(n)
	}
	if math.IsInf(weight, 0) || math.IsInf(risk*float64(n), 0) {
		d.bad++ // a risk or weight so large that the product overflows
		return fmt.Errorf("weight out of range")
	}
	d.Points = append(d.Points, render.Point{Lon: lon, Lat: lat, Weight: weight})
	d.located++
	d.Caption.Events += n
	if cc := strings.ToUpper(field(c.country)); cc != "" && risk > 0 {
		d.Countries[cc] += risk * float64(n)
	}
	if field(c.precision) == "country" {
		d.countryPrecision = true
	}
	if t, err := time.Parse(time.RFC3339, field(c.time)); err == nil {
		if d.Caption.From.IsZero() || t.Before(d.Caption.From) {
			d.Caption.From = t
		}
		if t.After(d.Caption.To) {
			d.Caption.To = t
		}
	}
	return nil
}

func category(rec []string, c csvColumns) (classify.Category, bool) {
	if c.category < 0 || c.category >= len(rec) {
		return classify.Legit, false
	}
	cat, err := classify.ParseCategory(strings.TrimSpace(rec[c.category]))
	return cat, err == nil
}

// events is how many events a row stands for: its events column (actors
// CSV), else 1.
func events(rec []string, c csvColumns) int {
	if c.events >= 0 && c.events < len(rec) {
		if n, err := strconv.Atoi(strings.TrimSpace(rec[c.events])); err == nil && n > 0 {
			return n
		}
	}
	return 1
}
