package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located"
)

func renderCommand() *command {
	return &command{
		name:    "render",
		args:    "[INPUT.csv]",
		summary: "located CSV or lat,lon[,weight] CSV → map image",
		about: `Draws a map from a located CSV (what threatmap locate writes: any columns plus
lat,lon,country,city,precision, e.g. events with time,ip,threat,risk or actors
with ip,category,risk,events,categories), from a plain lat,lon[,weight] CSV,
header optional, or from per-place counts lat,lon,category,count; CSV or
Parquet. Reads stdin when no INPUT is given. Addresses without
coordinates are counted as not located. Threat categories become markers;
countries feed --choropleth. It counts as map does: addresses once in every
category they were seen in, whether the rows are events or actors.`,
		examples: []string{
			"threatmap render -o map.png located.csv",
			"threatmap render --region europe --theme dark --size slide -o europe.pdf located.csv",
			"threatmap render --bare --width 4000 --bandwidth 150km -o tile.png data.csv",
			"threatmap render --choropleth=only --scale log -o countries.svg located.csv",
			"threatmap render located.csv --since 2026-10-03 --until 2026-10-04 -o oct3.png",
		},
		flags:  renderCommandFlags,
		values: renderValues(),
	}
}

func renderCommandFlags(g *flagGroups) runFunc {
	var rf renderFlags
	var tf timeRangeFlags
	var quiet, allowEmpty bool
	g.add("", "", func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "q", false, "quiet: no summary on stderr")
		registerAllowEmpty(fs, &allowEmpty)
		tf.register(fs)
	})
	g.add("Map (output format from the -o extension)", "", rf.register)
	return func(ctx context.Context, env *Env, pos []string) error {
		return renderRun(ctx, env, pos, &rf, &tf, quiet, allowEmpty)
	}
}

// renderRun draws the map of the input CSV.
func renderRun(ctx context.Context, env *Env, pos []string, rf *renderFlags, tf *timeRangeFlags, quiet, allowEmpty bool) error {
	input, err := oneInput(pos)
	if err != nil {
		return err
	}
	if err := checkOutputs(allInputs([]string{input}, rf.inputs()), rf.out); err != nil {
		return err
	}
	setup, err := rf.build()
	if err != nil {
		return err
	}
	if setup.HTML {
		return usageErrorf("-o %s: render draws images (.png, .svg, .pdf); threatmap map writes the interactive .html map", rf.out)
	}
	if err := setup.refuseTerminal(env.Stdout); err != nil {
		return err
	}
	window, err := tf.parse(time.Now())
	if err != nil {
		return err
	}
	r, err := openTable(input, env.Stdin)
	if err != nil {
		return usageErrorf("%v", plainErr(err))
	}
	defer r.Close()
	data, err := readLocatedCSV(r, setup.aggregate(nil), window)
	if err != nil {
		return usageErrorf("%s: %v", input, err)
	}
	if err := emptyRows(input, data.rows, data.bad, data.outside, allowEmpty); err != nil {
		return err
	}
	world, err := assets.LoadWorld()
	if err != nil {
		return err
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
		return err
	}
	return renderDone(env, data, setup.Output, input, quiet)
}

// renderDone prints render's summary unless quiet and returns the exit-2
// error of rows that could not be read, or nil.
func renderDone(env *Env, data *renderData, output, input string, quiet bool) error {
	if !quiet {
		fmt.Fprintf(env.Stderr, "render: %s read: %s located, %s not located", locPlural(data.rows, "row"), locPlural(data.Caption.Actors+data.Caption.Outside, "address", "addresses"), locPlural(data.Caption.Unlocated, "address", "addresses"))
		if data.Caption.Outside > 0 {
			fmt.Fprintf(env.Stderr, ", %s outside the view", locPlural(data.Caption.Outside, "address", "addresses"))
		}
		if data.bad > 0 {
			fmt.Fprintf(env.Stderr, ", %s that could not be read (skipped)", locPlural(data.bad, "row"))
		}
		if data.outside > 0 {
			fmt.Fprintf(env.Stderr, ", %s outside --since/--until (left out)", locPlural(data.outside, "row"))
		}
		fmt.Fprintf(env.Stderr, "; %s → %s\n", locPlural(len(data.Markers), "marker"), output)
		printCounts(env.Stderr, &data.Counts)
	}
	if data.bad > 0 {
		return partialError(fmt.Errorf("%s of %s could not be read and are missing from the map", locPlural(data.bad, "row"), input))
	}
	return nil
}

// renderData is a located CSV turned into map layers, and what its rows
// were.
type renderData struct {
	located.Layers
	rows             int  // rows drawn or counted
	bad              int  // rows that could not be read
	outside          int  // rows outside --since/--until
	countryPrecision bool // some rows were placed at a country's point
}

// readLocatedCSV reads a located events or actors CSV, or a plain
// lat,lon[,weight] CSV, keeping the rows in window, into map layers.
// Unreadable rows are counted and skipped.
func readLocatedCSV(r io.Reader, agg *located.Aggregate, window located.Window) (*renderData, error) {
	d := &renderData{}
	n, err := agg.AddAll(located.NewReader(r), window)
	if err != nil {
		return nil, err
	}
	d.rows, d.bad, d.outside = n.Added, n.Bad, n.Outside
	d.Layers = agg.Layers()
	d.countryPrecision = d.Summary.ByPrecision[geo.PrecisionCountry] > 0
	return d, nil
}
