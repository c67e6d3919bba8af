package main

import (
	"context"
	"flag"
	"io"
	"maps"
	"runtime"
	"time"

	"fmt"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/render/web"
)

func mapCommand() *command {
	values := renderValues()
	maps.Copy(values, classifyValues())
	return &command{
		name:    "map",
		args:    "LOG...",
		summary: "logs → map image (the whole pipeline)",
		about: `The whole pipeline in one streaming pass: reads server logs (files, globs,
directories of rotated logs read oldest first, .gz transparently, - for
stdin), classifies every source address, locates it (offline through the
embedded country database unless told otherwise) and draws the map.`,
		examples: []string{
			"threatmap map -o attacks.png /var/log/nginx/access.log* /var/log/auth.log*",
			"threatmap map --size slide --theme dark -o attacks.pdf /var/log/",
			"threatmap map --mmdb GeoLite2-City.mmdb --region europe -o europe.svg access.log",
			"IPINFO_TOKEN=… threatmap map --ipinfo --choropleth -o map.png access.log.*.gz",
			"threatmap map logs/ --actors actors.csv --stats stats.json -q -o map.png",
		},
		flags:  mapFlags,
		values: values,
	}
}

// mapOutputs are map's own flags.
type mapOutputs struct {
	events, actors, stats string
	quiet                 bool
	allowEmpty            bool
}

// pipelineFlags are the flags of a run through the whole pipeline (map,
// report).
type pipelineFlags struct {
	cf classifyFlags
	gf geoFlags
	rf renderFlags
}

func (p *pipelineFlags) add(g *flagGroups, mapNote string) {
	g.add("Classification", "", p.cf.register)
	g.add("Geolocation (offline by default, through the embedded country database)", geoFlagsNote, p.gf.register)
	g.add("Map (output format from the -o extension)", mapNote, p.rf.register)
}

func mapFlags(g *flagGroups) runFunc {
	var o mapOutputs
	var p pipelineFlags
	g.add("", "", func(fs *flag.FlagSet) {
		fs.BoolVar(&o.quiet, "q", false, "quiet: no summary on stderr (for CI)")
		fs.StringVar(&o.events, "events", "", "also write the events CSV (time,ip,threat,risk,rule,source) to `FILE`")
		fs.StringVar(&o.actors, "actors", "", "also write the per-address actors CSV to `FILE`")
		fs.StringVar(&o.stats, "stats", "", "also write the run statistics JSON to `FILE`")
		registerAllowEmpty(fs, &o.allowEmpty)
	})
	p.add(g, "")
	return func(ctx context.Context, env *Env, inputs []string) error {
		return mapRun(ctx, env, inputs, &o, &p)
	}
}

// mapRun classifies, locates and draws the inputs.
func mapRun(ctx context.Context, env *Env, inputs []string, o *mapOutputs, f *pipelineFlags) error {
	if len(inputs) == 0 {
		return usageErrorf("name at least one log file, directory or glob (- for stdin)")
	}
	in, err := classify.Expand(inputs)
	if err != nil {
		return usageErrorf("%v (check the path; name log files, directories or quoted globs, or - for stdin)", err)
	}
	if err := checkOutputs(allInputs(in.Paths, f.cf.rules, f.gf.mmdb, f.rf.inputs()), f.rf.out, o.events, o.actors, o.stats); err != nil {
		return err
	}
	rsetup, err := f.rf.build()
	if err != nil {
		return err
	}
	if err := rsetup.refuseTerminal(env.Stdout); err != nil {
		return err
	}
	opts, rules, err := f.cf.setup(time.Now())
	if err != nil {
		return err
	}
	world, gsetup, err := f.gf.openWorldAndGeo(env, o.quiet)
	if err != nil {
		return err
	}
	defer gsetup.Close()

	var outs outputs
	defer outs.discard()
	p := pipeline{paths: in.Paths, passed: in.Passed, windowed: f.cf.windowed(), outs: &outs, opts: opts, rules: rules, geo: gsetup, agg: rsetup.aggregate(nil), quiet: o.quiet, eventsOut: o.events,
		drawnActorsOnly: o.actors == "" && !rsetup.HTML}
	var tl *web.Timeline
	if rsetup.HTML {
		tl = &web.Timeline{}
		p.onEvent = func(ev classify.Event) {
			if ev.Category != classify.Legit {
				tl.Add(ev.IP, ev.Time, ev.Category)
			}
		}
	}
	res, err := p.run(ctx, env)
	if err != nil {
		return err
	}
	dropUnused(&p, res, o, rsetup)
	if !o.quiet {
		res.summary(env.Stderr, gsetup)
	}
	if err := res.empty(&p, o.allowEmpty); err != nil {
		return err
	}
	if err := stageMap(env, &outs, res, rsetup.newMap(world), rsetup, gsetup, world, tl); err != nil {
		return err
	}
	if err := writeRunFiles(env, &outs, res, o.actors, o.stats); err != nil {
		return err
	}
	if err := outs.commit(ctx); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(env.Stderr, "  map:         %s drawn, %s → %s\n", locPlural(res.data.Caption.Actors, "address", "addresses"), locPlural(len(res.data.Markers), "marker"), rsetup.Output)
	}
	return res.partial(gsetup)
}

// dropUnused collects what drawing does not read, before it draws: the
// aggregate's sources (the layers are made), and the actors unless they are
// written or shown on the interactive page. Each is as large as the run's
// addresses are many; collected now, drawing's own garbage is collected
// against the small heap that is left instead of growing to twice theirs.
func dropUnused(p *pipeline, res *pipelineResult, o *mapOutputs, rsetup *renderSetup) {
	p.agg = nil
	if o.actors == "" && !rsetup.HTML {
		res.actors = nil
	}
	runtime.GC()
}

// stageMap puts a run's layers, caption and attribution on m and stages
// it as the map output: an image, or the interactive page (with the
// timeline tl) when the output is .html.
func stageMap(env *Env, outs *outputs, res *pipelineResult, m *render.Map, rsetup *renderSetup, gsetup *geoSetup, world *assets.World, tl *web.Timeline) error {
	data := res.data
	m.Points, m.Markers, m.Countries, m.Caption = data.Points, data.Markers, data.Countries, data.Caption
	noteLogZone(&m.Caption, res.logZone)
	if a := gsetup.Attribution(data.Summary); a != "" {
		m.Attribution = append(m.Attribution, a)
	}
	if rsetup.HTML {
		page := rsetup.interactivePage(world, res, gsetup, tl, m.Attribution)
		return outs.write(rsetup.Output, env.Stdout, page.Write)
	}
	return outs.write(rsetup.Output, env.Stdout, func(w io.Writer) error { return m.Write(w, rsetup.Format) })
}

// writeRunFiles writes the actors CSV and the statistics JSON of a run,
// when asked.
func writeRunFiles(env *Env, outs *outputs, res *pipelineResult, actors, stats string) error {
	if actors != "" {
		if err := outs.write(actors, env.Stdout, func(w io.Writer) error { return writeActors(actors, w, res.actors) }); err != nil {
			return err
		}
	}
	if stats != "" {
		if err := outs.write(stats, env.Stdout, func(w io.Writer) error { return writeStatsJSON(w, &res.stats, res.passed) }); err != nil {
			return err
		}
	}
	return nil
}
