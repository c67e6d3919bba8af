package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/netip"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/render/web"
	"github.com/threatmap/threatmap/report"
	"github.com/threatmap/threatmap/threat"
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

func reportCommand() *command {
	values := renderValues()
	values["format"] = append([]string{"html", "md"}, classify.Formats()...)
	return &command{
		name:    "report",
		args:    "LOG... -o report.html",
		summary: "logs → self-contained HTML report (map, charts, tables) or Markdown summary",
		about: `Runs the whole pipeline like 'threatmap map' and writes the statistics
behind the map: key findings, the map, events per month (per day or hour
for shorter spans) and per hour of the day stacked by category, top
countries by events and by summed risk, the user names tried over SSH and
mail, a category table, the riskiest addresses, every input file and how
many addresses were located.

The HTML report is one self-contained file: charts and map inline, no
script, nothing loaded from the network; it prints to PDF from a browser.
--format md writes a Markdown summary instead, for CI job summaries.`,
		examples: []string{
			"threatmap report -o report.html /var/log/nginx/access.log* /var/log/auth.log*",
			"threatmap report --since 30d --charts charts/ -o report.html /var/log/",
			"threatmap report --log-tz UTC --tz Asia/Tokyo --top 26 -o year.html secure* maillog*",
			`threatmap report --format md -q -o - logs/ >> "$GITHUB_STEP_SUMMARY"`,
			`threatmap report access.log* --report-title "Acunetix scan, 3 Oct" --since 2016-10-03 --until 2016-10-04 -o incident.html`,
		},
		flags:  reportFlags,
		values: values,
	}
}

// reportOptions are report's own flags.
type reportOptions struct {
	format *formatFlag
	charts string
	top    int
	title  string
	tz     string // the zone times are shown in
	quiet  bool
	// allowEmpty writes the report even when nothing was found.
	allowEmpty bool
	fs         *flag.FlagSet // to tell which flags were given
}

func reportFlags(g *flagGroups) runFunc {
	o := reportOptions{format: &formatFlag{}, fs: g.fs}
	var p pipelineFlags
	g.add("Report", "", func(fs *flag.FlagSet) {
		fs.StringVar(&o.charts, "charts", "", "also write every chart as PNG and SVG into `DIR` (created), with the map as map.png")
		fs.IntVar(&o.top, "top", 15, "length (`N`) of the country, user-name and address rankings")
		fs.StringVar(&o.title, "report-title", "Threat report", "the report's heading (`TEXT`)")
		fs.StringVar(&o.tz, "tz", "UTC", "time `ZONE` the report's charts and times are shown in: UTC, Local, Asia/Tokyo, …; how zone-less log times are read is --log-tz")
		fs.BoolVar(&o.quiet, "q", false, "quiet: no summary on stderr")
		registerAllowEmpty(fs, &o.allowEmpty)
	})
	p.add(g, "The map is the one inside the report; -o names the report (default report.html; - for stdout; a .md file is Markdown), written atomically.")
	if f := g.fs.Lookup("format"); f != nil {
		o.format.log, f.Value = f.Value, o.format
		f.Usage = "html or md: the report (default html, or from -o); any other value is the log `FORMAT`: " + strings.Join(classify.Formats(), ", ")
	}
	p.rf.out = "report.html"
	g.fs.Lookup("o").DefValue = "report.html"
	return func(ctx context.Context, env *Env, inputs []string) error {
		return reportRun(ctx, env, inputs, &o, &p)
	}
}

// reportDoc decides the document from --format or the -o extension.
func reportDoc(o *reportOptions, out string) (reportFormat, error) {
	if o.format.docSet {
		return o.format.doc, nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".md", ".markdown":
		return reportMarkdown, nil
	case ".png", ".svg", ".pdf":
		return 0, usageErrorf("-o %s is an image; the report is .html or .md (use 'threatmap map' for the map alone, or --charts DIR for the images)", out)
	}
	return reportHTML, nil
}

// reportRun runs the pipeline and writes the report.
func reportRun(ctx context.Context, env *Env, inputs []string, o *reportOptions, f *pipelineFlags) error {
	out := f.rf.out
	in, doc, err := reportInputs(inputs, o, f)
	if err != nil {
		return err
	}
	f.rf.out = "report-map.png" // the map is drawn in memory, as PNG
	rsetup, err := f.rf.build()
	if err != nil {
		return err
	}
	now := time.Now()
	opts, rules, err := f.cf.setup(now)
	if err != nil {
		return err
	}
	zone, err := loadZone("tz", o.tz)
	if err != nil {
		return err
	}
	titled := false
	o.fs.Visit(func(fl *flag.Flag) { titled = titled || fl.Name == "title" })
	if !titled {
		rsetup.Options.Title = "" // the report's heading says it
	}
	world, gsetup, err := f.gf.openWorldAndGeo(env, o.quiet)
	if err != nil {
		return err
	}
	defer gsetup.Close()
	rep := &report.Report{Title: o.title, Zone: zone, TopN: o.top, Include: rsetup.Include, Version: programVersion(), Generated: generatedAt(env, now)}
	var outs outputs
	defer outs.discard()
	p := pipeline{paths: in.Paths, passed: in.Passed, windowed: f.cf.windowed(), outs: &outs, opts: opts, rules: rules, geo: gsetup, agg: rsetup.aggregate(nil), quiet: o.quiet}
	var tl *web.Timeline
	if doc == reportHTML {
		tl = &web.Timeline{}
	}
	res, err := reportPipeline(ctx, env, &p, rep, world, gsetup, tl)
	if err != nil {
		return err
	}
	if !o.quiet {
		res.summary(env.Stderr, gsetup)
	}
	if err := res.empty(&p, o.allowEmpty); err != nil {
		return err
	}
	if err := writeReport(env, &outs, rep, res, rsetup, world, gsetup, tl, doc, out, o.charts); err != nil {
		return err
	}
	if err := outs.commit(ctx); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(env.Stderr, "  report:      %s, %s → %s\n", locPlural(rep.ActorsTotal, "threat source"), locPlural(len(rep.Countries), "country", "countries"), out)
		if o.charts != "" {
			fmt.Fprintf(env.Stderr, "  charts:      → %s\n", o.charts)
		}
	}
	return res.partial(gsetup)
}

// reportInputs checks the inputs and outputs of report and expands the
// inputs; doc is the document to write.
func reportInputs(inputs []string, o *reportOptions, f *pipelineFlags) (classify.Inputs, reportFormat, error) {
	var in classify.Inputs
	if len(inputs) == 0 {
		return in, 0, usageErrorf("name at least one log file, directory or glob (- for stdin)")
	}
	if o.top < 1 {
		return in, 0, usageErrorf("--top %d: want at least 1", o.top)
	}
	doc, err := reportDoc(o, f.rf.out)
	if err != nil {
		return in, 0, err
	}
	in, err = classify.Expand(inputs)
	if err != nil {
		return in, 0, usageErrorf("%v (check the path; name log files, directories or quoted globs, or - for stdin)", err)
	}
	return in, doc, checkOutputs(allInputs(in.Paths, f.cf.rules, f.gf.mmdb, f.rf.inputs()), f.rf.out)
}

// reportPipeline runs the pipeline, feeding the report every event, every
// input and the counts of the map, and the interactive map's timeline (nil
// for none) the threat events.
func reportPipeline(ctx context.Context, env *Env, p *pipeline, rep *report.Report, world *assets.World, gsetup *geoSetup, tl *web.Timeline) (*pipelineResult, error) {
	eventsBySource := map[string]int{}
	threats := threat.ThreatScope(rep.Include)
	p.onEvent = func(ev classify.Event) {
		rep.AddEvent(report.Event{Time: ev.Time, Category: ev.Category, User: ev.User, Program: ev.Service})
		if threats[ev.Category] {
			eventsBySource[ev.Source]++
		}
		if tl != nil && ev.Category != classify.Legit {
			tl.Add(ev.IP, ev.Time, ev.Category) // the page applies the map's scope itself
		}
	}
	p.onFile = func(f classify.FileStats, before, after *classify.Stats) {
		rep.Files = append(rep.Files, fileRow(f, before, after))
	}
	for _, f := range p.passed {
		rep.PassedOver = append(rep.PassedOver, report.PassedOverRow{Path: f.Path, Reason: f.Reason})
	}
	res, err := p.run(ctx, env)
	if err != nil {
		return nil, err
	}
	for i := range rep.Files {
		rep.Files[i].Events = eventsBySource[rep.Files[i].Path]
	}
	// The report counts as the map does: addresses in every category they
	// were seen in, and ranks the addresses the map draws.
	rep.Stats = report.Totals{Lines: res.stats.Lines, LegitOnly: int64(res.data.Counts.LegitOnly)}
	rep.Stats.Actors, rep.Stats.Events = res.data.Counts.Tallies()
	rep.Location = res.data.Summary
	rep.AddActors(reportActors(p.agg.Drawn(res.actors)), func(ip netip.Addr) (string, string) {
		l, err := gsetup.Locator.Locate(ip)
		if err != nil || !l.Located() || l.Country == "" {
			return "", ""
		}
		return l.Country, world.CountryName(l.Country)
	})
	if gsetup.Net.active() {
		system, domain := gsetup.Net.lookups()
		rep.AddNetworks(reportActors(p.agg.Drawn(res.actors)), system, domain)
	}
	rep.Notes = runNotes(res)
	return res, nil
}

// writeReport draws the map into the report (with the interactive map in
// the HTML document) and writes the document and the charts.
func writeReport(env *Env, outs *outputs, rep *report.Report, res *pipelineResult, rsetup *renderSetup, world *assets.World, gsetup *geoSetup, tl *web.Timeline, doc reportFormat, out, charts string) error {
	m := rsetup.newMap(world)
	m.Points, m.Markers, m.Countries, m.Caption = res.data.Points, res.data.Markers, res.data.Countries, res.data.Caption
	noteLogZone(&m.Caption, res.logZone)
	if a := gsetup.Attribution(res.data.Summary); a != "" {
		m.Attribution = append(m.Attribution, a)
	}
	rep.Attribution = m.Attribution
	var mapPNG bytes.Buffer
	if err := m.Write(&mapPNG, render.PNG); err != nil {
		return fmt.Errorf("draw the map: %w", err)
	}
	if doc == reportHTML {
		rep.Map = mapPNG.Bytes()
		embed, err := rsetup.interactivePage(world, res, gsetup, tl, m.Attribution).Embed()
		if err != nil {
			return fmt.Errorf("draw the interactive map: %w", err)
		}
		rep.Interactive = embed
	}
	if charts != "" {
		if err := writeCharts(outs, charts, rep, m, mapPNG.Bytes()); err != nil {
			return err
		}
	}
	return outs.write(out, env.Stdout, func(w io.Writer) error {
		if doc == reportMarkdown {
			return rep.WriteMarkdown(w)
		}
		return rep.WriteHTML(w, render.DefaultChartStyle)
	})
}

// fileRow is one input's line of the report: its own stats and what the
// run's counters gained while it was read.
func fileRow(f classify.FileStats, before, after *classify.Stats) report.FileRow {
	row := report.FileRow{
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

// reportActors are a run's actors as the report ranks them.
func reportActors(actors []classify.Actor) iter.Seq[report.Actor] {
	return func(yield func(report.Actor) bool) {
		for _, a := range actors {
			if !yield(report.Actor{IP: a.IP, Category: a.Category, Counts: a.Counts, First: a.First, Last: a.Last, Score: a.Score,
				Compromised: a.Compromised, Services: a.Services, Users: a.Users}) {
				return
			}
		}
	}
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
func writeCharts(outs *outputs, dir string, rep *report.Report, m *render.Map, mapPNG []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--charts: %w", err)
	}
	if err := outs.write(filepath.Join(dir, "map.png"), nil, func(w io.Writer) error { _, err := w.Write(mapPNG); return err }); err != nil {
		return err
	}
	for _, f := range rep.Figures(render.DefaultChartStyle) {
		size := report.FigureSize(f)
		for _, format := range []render.Format{render.PNG, render.SVG} {
			path := filepath.Join(dir, f.Name+"."+format.String())
			if err := outs.write(path, nil, func(w io.Writer) error { return f.Chart.Write(w, format, size) }); err != nil {
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
