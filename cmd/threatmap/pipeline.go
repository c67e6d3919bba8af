package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
)

// pipeline is the classify → locate part of a run that map and report
// share: it reads the logs in one streaming pass, optionally writes the
// events CSV, and locates the non-legit actors.
type pipeline struct {
	paths []string
	// passed are the files of directories and globs left out as not logs.
	passed []classify.PassedOver
	// windowed is set when --since or --until narrows the run.
	windowed bool
	// outs stages the run's outputs; nil writes eventsOut at once.
	outs  *outputs
	opts  classify.Options
	rules *classify.Rules
	geo   *geoSetup
	// agg receives the actors; its Locator is set by run.
	agg *located.Aggregate
	// quiet turns the progress bar off.
	quiet bool
	// drawnActorsOnly makes actors of the addresses the map draws only,
	// for a run that only draws them: the others are only counted (see
	// located.Aggregate.AddUndrawn), and the result's actors are the drawn
	// ones.
	drawnActorsOnly bool
	// eventsOut, when set, receives the non-legit events as CSV, written
	// atomically.
	eventsOut string
	// onEvent sees every event, legit ones included, in emit order; nil for
	// none. It must not keep the events: memory would grow with the lines.
	onEvent func(classify.Event)
	// onFile is called after each input with its stats and the run's
	// counts of classified, ignored and skipped lines before and after it;
	// nil for none.
	onFile func(f classify.FileStats, before, after *classify.Stats)
}

// pipelineResult is what a run found.
type pipelineResult struct {
	actors    []classify.Actor
	stats     classify.Stats
	data      located.Layers
	inputErrs []error // inputs not read to the end
	passed    []classify.PassedOver
	logZone   *time.Location // zone-less log times were read in it; nil: there were none
	took      time.Duration
}

// run classifies and locates. Unreadable inputs do not stop it (they are
// in inputErrs); a failed events output or a cancelled context does.
func (p *pipeline) run(ctx context.Context, env *Env) (*pipelineResult, error) {
	res := &pipelineResult{passed: p.passed, logZone: p.opts.Location}
	start := time.Now()
	c := classify.NewClassifier(p.rules, p.opts)
	prog := newProgress(env.Stderr, inputSize(p.paths), isTerminal(env.Stderr) && !p.quiet, 250*time.Millisecond)
	err := p.writeEvents(func(w io.Writer) error {
		var ew located.RowWriter
		if w != nil {
			ew = newRowWriter(p.eventsOut, w, nil)
		}
		var row located.Row // one for every event: writers do not keep it
		emit := func(ev classify.Event) error {
			if p.onEvent != nil {
				p.onEvent(ev)
			}
			if ew == nil || ev.Category == classify.Legit {
				return nil
			}
			row = located.EventRow(&ev)
			return ew.Write(&row)
		}
		if ew == nil && p.onEvent == nil {
			emit = nil // nothing reads the events: the classifier only counts them
		}
		var err error
		if res.inputErrs, err = p.classify(ctx, c, env.Stdin, prog, emit); err != nil {
			return err
		}
		if ew != nil {
			return ew.Flush()
		}
		return nil
	})
	prog.Close()
	if err != nil {
		return nil, err
	}
	withoutGC(func() {
		if p.drawnActorsOnly {
			res.actors = c.ActorsSeenFunc(p.agg.Draws, p.agg.AddUndrawn)
			classify.SortActors(res.actors)
		} else {
			res.actors = c.Actors()
		}
		res.stats = c.Stats()
	})
	res.logZone = zoneUsed(&res.stats, res.logZone)
	// The classifier's per-address state, the run's largest data, is
	// garbage now: collected and given back before the aggregate makes as
	// many sources again, so that the peak holds one of the two.
	debug.FreeOSMemory()
	agg := p.agg
	agg.Locator = p.geo.Locator
	withoutGC(func() { agg.AddActors(res.actors) })
	if p.geo.NeedsPrefetch() {
		// An API failure here is not fatal: the addresses it could not
		// answer are retried one by one, then counted as not located.
		_ = p.geo.Prefetch(ctx, agg.Addrs())
	}
	withoutGC(func() { res.data = agg.Layers() })
	res.took = time.Since(start)
	return res, ctx.Err()
}

// withoutGC runs f with the collector off. For the stages that only make
// data that stays live (the actors beside the per-address state, the
// aggregate beside the actors), where a cycle their allocations start
// would mark the whole heap and free nothing.
func withoutGC(f func()) {
	gcPercent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(gcPercent)
	f()
}

// classify runs every input through c and finishes the run, reporting each
// input to onFile; see classifyInputs.
func (p *pipeline) classify(ctx context.Context, c *classify.Classifier, stdin io.Reader, prog *progress, emit func(classify.Event) error) ([]error, error) {
	var afterFile func(classify.FileStats)
	if p.onFile != nil {
		before := c.Stats()
		afterFile = func(fst classify.FileStats) { p.fileDone(c, fst, &before) }
	}
	return classifyInputs(ctx, c, p.paths, stdin, prog, emit, afterFile)
}

func (p *pipeline) fileDone(c *classify.Classifier, fst classify.FileStats, before *classify.Stats) {
	if p.onFile == nil {
		return
	}
	after := c.Stats()
	p.onFile(fst, before, &after)
	*before = after
}

// summary writes the one-screen summary of a run to w.
func (r *pipelineResult) summary(w io.Writer, g *geoSetup) {
	printClassifySummary(w, &r.stats, &r.data.Counts, r.took)
	printPassed(w, r.passed)
	printLogZone(w, r.logZone)
	g.writeSummary(w, r.data.Summary)
}

// empty returns the exit-3 error of a run that found nothing (see
// emptyRun), or nil.
func (r *pipelineResult) empty(p *pipeline, allow bool) error {
	return emptyRun(&r.stats, p.passed, len(r.inputErrs), p.windowed, allow)
}

// partial returns the exit-2 error of a run that lost input or could not
// locate some addresses, or nil.
func (r *pipelineResult) partial(g *geoSetup) error {
	var partial []error
	if len(r.inputErrs) > 0 {
		partial = append(partial, fmt.Errorf("%s not read to the end: %w", locPlural(len(r.inputErrs), "input"), errors.Join(r.inputErrs...)))
	}
	if err := g.Partial(r.data.Summary); err != nil {
		partial = append(partial, err)
	}
	if len(partial) > 0 {
		return partialError(fmt.Errorf("partial result: %w", errors.Join(partial...)))
	}
	return nil
}

// writeEvents calls write with the staged events file when eventsOut is
// set, and with a nil writer when it is not.
func (p *pipeline) writeEvents(write func(io.Writer) error) error {
	switch {
	case p.eventsOut == "":
		return write(nil)
	case p.outs == nil:
		return writeAtomic(p.eventsOut, nil, write)
	}
	return p.outs.write(p.eventsOut, nil, write)
}
