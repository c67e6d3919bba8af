package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/render"
)

// reportFormat is the document report writes.
type reportFormat uint8

const (
	reportHTML reportFormat = iota
	reportMarkdown
)

// formatFlag is report's --format: html or md choose the document, any
// other value is the log format and goes to the classify flag it wraps,
// so that `report --format syslog` means what it means for map.
type formatFlag struct {
	log    flag.Value
	doc    reportFormat
	docSet bool
}

func (f *formatFlag) String() string {
	if f.log == nil {
		return ""
	}
	return f.log.String()
}

func (f *formatFlag) Set(v string) error {
	switch strings.ToLower(v) {
	case "html":
		f.doc, f.docSet = reportHTML, true
		return nil
	case "md", "markdown":
		f.doc, f.docSet = reportMarkdown, true
		return nil
	}
	if _, err := classify.ParseFormat(v); err != nil {
		return fmt.Errorf("want html or md (the report), or a log format: %s", strings.Join(classify.Formats(), ", "))
	}
	return f.log.Set(v)
}

const reportUsage = `Usage: threatmap report [flags] LOG... -o report.html

Runs the whole pipeline like 'threatmap map' and writes the statistics
behind the map: key findings, the map, events per month (per day or hour
for shorter spans) and per hour of the day stacked by category, top
countries by events and by summed risk, the user names tried over SSH and
mail, a category table, the riskiest addresses, every input file and how
many addresses were located.

The HTML report is one self-contained file: charts and map inline, no
script, nothing loaded from the network; it prints to PDF from a browser.
--format md writes a Markdown summary instead, for CI job summaries.

Examples:
  threatmap report -o report.html /var/log/nginx/access.log* /var/log/auth.log*
  threatmap report --since 30d --charts charts/ -o report.html /var/log/
  threatmap report --tz Asia/Tokyo --top 26 -o year.html secure* maillog*
  threatmap report --format md -q -o - logs/ >> "$GITHUB_STEP_SUMMARY"
  threatmap report --report-title "Acunetix scan, 3 Oct" --since 2016-10-03 --until 2016-10-04 -o incident.html access.log*

Report:
  -o FILE                 the report (default report.html; - for stdout), written
                          atomically
  --format html|md        HTML (default, or from -o: a .md file is Markdown) or
                          Markdown; any other value is the log format (below)
  --charts DIR            also write every chart as PNG and SVG into DIR (created),
                          with the map as map.png
  --top N                 length of the country, user-name and address rankings
                          (default 15)
  --report-title TEXT     the report's heading (default "Threat report")
  --tz ZONE               also the zone of the timeline and hour-of-day charts
                          (default UTC when not given)
  -q                      no summary on stderr

Classification:
%s

%s
%s
                          (the map inside the report; -o names the report)

%s
`

func cmdReport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var cf classifyFlags
	cf.register(fs)
	format := &formatFlag{}
	if f := fs.Lookup("format"); f != nil {
		format.log, f.Value = f.Value, format
	}
	var gf geoFlags
	gf.register(fs)
	var rf renderFlags
	rf.register(fs)
	rf.out = "report.html"
	fs.Lookup("o").DefValue = "report.html"
	charts := fs.String("charts", "", "also write the charts as PNG and SVG into `DIR`")
	top := fs.Int("top", 15, "length of the rankings (`N`)")
	title := fs.String("report-title", "Threat report", "the report's heading (`TEXT`)")
	quiet := fs.Bool("q", false, "quiet: no summary on stderr")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, reportUsage, classifyFlagsHelp, geoFlagsHelp, renderFlagsHelp, exitCodesHelp)
	}
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageErrorf("report: %v", err)
	}
	if len(inputs) == 0 {
		fs.Usage()
		return usageErrorf("report: name at least one log file, directory or glob (- for stdin)")
	}
	if *top < 1 {
		return usageErrorf("report: --top %d: want at least 1", *top)
	}
	out := rf.out
	doc := format.doc
	if !format.docSet {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".md", ".markdown":
			doc = reportMarkdown
		case ".png", ".svg", ".pdf":
			return usageErrorf("report: -o %s is an image; the report is .html or .md (use 'threatmap map' for the map alone, or --charts DIR for the images)", out)
		}
	}
	paths, err := classify.ExpandInputs(inputs)
	if err != nil {
		return usageErrorf("%v (check the path; name log files, directories or quoted globs, or - for stdin)", err)
	}
	if err := checkOutputs(allInputs(paths, cf.rules, gf.mmdb, rf.inputs()), out); err != nil {
		return err
	}
	rf.out = "report-map.png" // the map is drawn in memory, as PNG
	rsetup, err := rf.build()
	if err != nil {
		return err
	}
	now := time.Now()
	opts, rules, err := cf.setup(now)
	if err != nil {
		return err
	}
	zone := time.UTC
	titled := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "tz":
			zone = opts.Location
		case "title":
			titled = true
		}
	})
	if !titled {
		rsetup.Options.Title = "" // the report's heading says it
	}
	world, gsetup, err := gf.openWorldAndGeo(env, "report", *quiet)
	if err != nil {
		return err
	}
	defer gsetup.Close()

	rep := &render.Report{Title: *title, Zone: zone, TopN: *top, Version: programVersion(), Generated: generatedAt(env, now)}
	eventsBySource := map[string]int{}
	p := pipeline{
		paths: paths, opts: opts, rules: rules, geo: gsetup, agg: rsetup.aggregate(nil), quiet: *quiet,
		onEvent: func(ev classify.Event) {
			rep.AddEvent(&ev)
			if ev.Category != classify.Legit {
				eventsBySource[ev.Source]++
			}
		},
		onFile: func(f classify.FileStats, before, after *classify.Stats) {
			rep.Files = append(rep.Files, fileRow(f, before, after))
		},
	}
	res, err := p.run(ctx, env)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for i := range rep.Files {
		rep.Files[i].Events = eventsBySource[rep.Files[i].Path]
	}
	// The report counts as the map does: addresses in every category they
	// were seen in, and ranks the addresses the map draws.
	rep.Stats = res.stats
	rep.Stats.Actors, rep.Stats.Events = res.data.Counts.ByName()
	rep.Location = res.data.Summary
	rep.AddActors(p.agg.Drawn(res.actors), func(ip netip.Addr) (string, string) {
		l, err := gsetup.Locator.Locate(ip)
		if err != nil || !l.Located() || l.Country == "" {
			return "", ""
		}
		return l.Country, world.CountryName(l.Country)
	})
	rep.Notes = runNotes(res)

	m := rsetup.newMap(world)
	m.Points, m.Markers, m.Countries, m.Caption = res.data.Points, res.data.Markers, res.data.Countries, res.data.Caption
	if a := gsetup.Attribution(res.data.Summary); a != "" {
		m.Attribution = append(m.Attribution, a)
	}
	rep.Attribution = m.Attribution
	var mapPNG bytes.Buffer
	if err := m.Write(&mapPNG, render.PNG); err != nil {
		return fmt.Errorf("report: map: %w", err)
	}
	if doc == reportHTML {
		rep.Map = mapPNG.Bytes()
	}
	if *charts != "" {
		if err := writeCharts(*charts, rep, m, mapPNG.Bytes()); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	err = writeAtomic(out, env.Stdout, func(w io.Writer) error {
		if doc == reportMarkdown {
			return rep.WriteMarkdown(w)
		}
		return rep.WriteHTML(w, render.DefaultChartStyle)
	})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if !*quiet {
		res.summary(env.Stderr, gsetup)
		fmt.Fprintf(env.Stderr, "  report:      %d threat sources, %d countries → %s\n", rep.ActorsTotal, len(rep.Countries), out)
		if *charts != "" {
			fmt.Fprintf(env.Stderr, "  charts:      → %s\n", *charts)
		}
	}
	return res.partial("report", gsetup)
}

// fileRow is one input's line of the report: its own stats and what the
// run's counters gained while it was read.
func fileRow(f classify.FileStats, before, after *classify.Stats) render.FileRow {
	row := render.FileRow{
		Path: f.Path, Format: f.Format, Lines: f.Lines, Error: f.Error,
		Classified: after.Classified - before.Classified,
		Ignored:    after.Ignored - before.Ignored,
	}
	var by []string
	for _, r := range classify.SkipReasons {
		if n := after.Skipped[r] - before.Skipped[r]; n > 0 {
			row.Skipped += n
			by = append(by, fmt.Sprintf("%s %d", r, n))
		}
	}
	row.SkippedBy = strings.Join(by, ", ")
	return row
}

// runNotes are the warnings a report prints above its findings.
func runNotes(res *pipelineResult) []string {
	var notes []string
	if s := res.stats; s.Evicted > 0 || s.Untracked > 0 {
		notes = append(notes, fmt.Sprintf("The address cap was reached: %d legit-only addresses were evicted and %d events of untracked addresses are missing (raise --max-actors).", s.Evicted, s.Untracked))
	}
	if n := len(res.inputErrs); n > 0 {
		notes = append(notes, fmt.Sprintf("%d input(s) could not be read to the end; the report holds what was read before (see Inputs).", n))
	}
	return notes
}

// writeCharts writes every figure as PNG and SVG, and the map as PNG,
// into dir, creating it.
func writeCharts(dir string, rep *render.Report, m *render.Map, mapPNG []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--charts: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, "map.png"), nil, func(w io.Writer) error { _, err := w.Write(mapPNG); return err }); err != nil {
		return err
	}
	for _, f := range rep.Figures(render.DefaultChartStyle) {
		size := render.FigureSize(f)
		for _, format := range []render.Format{render.PNG, render.SVG} {
			path := filepath.Join(dir, f.Name+"."+format.String())
			if err := writeAtomic(path, nil, func(w io.Writer) error { return f.Chart.Write(w, format, size) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// programVersion is the module version the binary was built from.
func programVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}

// generatedAt is the report's date: SOURCE_DATE_EPOCH when set (so that a
// CI job can make byte-identical reports), else now.
func generatedAt(env *Env, now time.Time) time.Time {
	if s := env.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return now
}
