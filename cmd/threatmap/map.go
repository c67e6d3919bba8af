package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
)

func cmdMap(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("map", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var cf classifyFlags
	cf.register(fs)
	var gf geoFlags
	gf.register(fs)
	var rf renderFlags
	rf.register(fs)
	quiet := fs.Bool("q", false, "quiet: no summary on stderr")
	eventsOut := fs.String("events", "", "also write the events CSV to `FILE`")
	actorsOut := fs.String("actors", "", "also write the per-address actors CSV to `FILE`")
	statsOut := fs.String("stats", "", "also write run statistics JSON to `FILE`")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, `Usage: threatmap map [flags] LOG...

The whole pipeline in one streaming pass: reads server logs (files, globs,
directories of rotated logs read oldest first, .gz transparently, - for
stdin), classifies every source address, locates it (offline through the
embedded country database unless told otherwise) and draws the map.

Examples:
  threatmap map -o attacks.png /var/log/nginx/access.log* /var/log/auth.log*
  threatmap map --size slide --theme dark -o attacks.pdf /var/log/
  threatmap map --mmdb GeoLite2-City.mmdb --region europe -o europe.svg access.log
  IPINFO_TOKEN=… threatmap map --ipinfo --choropleth -o map.png access.log.*.gz
  threatmap map --actors actors.csv --stats stats.json -q -o map.png logs/

Flags:
  -q                      no summary on stderr (for CI)
  --events FILE           also write the events CSV (time,ip,threat,risk,rule,source)
  --actors FILE           also write the actors CSV
  --stats FILE            also write the run statistics JSON

Classification:
%s

%s
%s

%s
`, classifyFlagsHelp, geoFlagsHelp, renderFlagsHelp, exitCodesHelp)
	}
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageErrorf("map: %v", err)
	}
	if len(inputs) == 0 {
		fs.Usage()
		return usageErrorf("map: name at least one log file, directory or glob (- for stdin)")
	}
	paths, err := classify.ExpandInputs(inputs)
	if err != nil {
		return usageErrorf("%v (check the path; name log files, directories or quoted globs, or - for stdin)", err)
	}
	if err := checkOutputs(allInputs(paths, cf.rules, gf.mmdb, rf.inputs()), rf.out, *eventsOut, *actorsOut, *statsOut); err != nil {
		return err
	}
	rsetup, err := rf.build()
	if err != nil {
		return err
	}
	opts, rules, err := cf.setup(time.Now())
	if err != nil {
		return err
	}
	world, gsetup, err := gf.openWorldAndGeo(env, "map", *quiet)
	if err != nil {
		return err
	}
	defer gsetup.Close()

	p := pipeline{paths: paths, opts: opts, rules: rules, geo: gsetup, agg: rsetup.aggregate(nil), quiet: *quiet, eventsOut: *eventsOut}
	res, err := p.run(ctx, env)
	if err != nil {
		return fmt.Errorf("map: %w", err)
	}
	data := res.data
	m := rsetup.newMap(world)
	m.Points, m.Markers, m.Countries, m.Caption = data.Points, data.Markers, data.Countries, data.Caption
	if a := gsetup.Attribution(data.Summary); a != "" {
		m.Attribution = append(m.Attribution, a)
	}
	if err := rsetup.write(env.Stdout, m); err != nil {
		return fmt.Errorf("map: %w", err)
	}
	if *actorsOut != "" {
		if err := writeAtomic(*actorsOut, env.Stdout, func(w io.Writer) error { return located.WriteActors(w, res.actors) }); err != nil {
			return fmt.Errorf("map: %w", err)
		}
	}
	if *statsOut != "" {
		if err := writeAtomic(*statsOut, env.Stdout, func(w io.Writer) error { return writeStatsJSON(w, &res.stats) }); err != nil {
			return fmt.Errorf("map: %w", err)
		}
	}
	if !*quiet {
		res.summary(env.Stderr, gsetup)
		fmt.Fprintf(env.Stderr, "  map:         %d addresses drawn, %d markers → %s\n", data.Caption.Actors, len(data.Markers), rsetup.Output)
	}
	return res.partial("map", gsetup)
}
