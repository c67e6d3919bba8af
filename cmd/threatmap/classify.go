package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
)

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// parseInterspersed parses flags that may follow positional arguments
// ("classify access.log -o events.csv"), returning the positional ones. A
// "--" ends flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// classifyFlags are the flags shared by classify and rules test.
type classifyFlags struct {
	format    string
	rules     multiFlag
	proxies   multiFlag
	logTZ     string
	maxActors int
	since     string
	until     string
	shard     string
}

func (f *classifyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "auto", "log `FORMAT`: auto (per file, and per line in mixed files), or one of "+strings.Join(classify.Formats()[1:], ", "))
	fs.Var(&f.rules, "rules", "merge a rule `FILE` over the default set (repeatable): the same name replaces a rule, {name: x, disabled: true} switches one off; see 'threatmap rules print'")
	fs.Var(&f.proxies, "trusted-proxy", "believe X-Forwarded-For/CF-Connecting-IP only from these proxies (`CIDR`, repeatable); otherwise it is ignored")
	fs.StringVar(&f.logTZ, "log-tz", "Local", "time `ZONE` the logs were written in, for timestamps without an offset (syslog, error logs): Local (this machine's zone), UTC, Europe/Paris, …; give it for a run that does not depend on the machine")
	fs.IntVar(&f.maxActors, "max-actors", classify.DefaultMaxActors, "cap on tracked addresses (`N`)")
	fs.StringVar(&f.since, "since", "", "keep lines at or after `TIME`: RFC 3339 (2026-10-01T00:00:00Z), a date (2026-10-01, UTC) or an age back from now (30d, 12h, 2w); other lines are counted as ignored")
	fs.StringVar(&f.until, "until", "", "keep lines before `TIME` (same forms)")
	fs.StringVar(&f.shard, "shard", "", "keep only the source addresses of shard `K/N` (0 ≤ K < N; FNV-1a 64 of the 16-byte address mod N, see README): N runs split the addresses exactly, 'threatmap merge' joins their outputs; other lines are counted as ignored (other_shard)")
}

// windowed reports whether --since or --until narrows the run.
func (f *classifyFlags) windowed() bool { return f.since != "" || f.until != "" }

// options builds the library options from the flags.
func (f *classifyFlags) options(now time.Time) (classify.Options, error) {
	var o classify.Options
	var err error
	if o.Format, err = classify.ParseFormat(f.format); err != nil {
		return o, usageErrorf("%v", err)
	}
	for _, p := range f.proxies {
		pr, err := netip.ParsePrefix(p)
		if err != nil {
			a, err2 := netip.ParseAddr(p)
			if err2 != nil {
				return o, usageErrorf("--trusted-proxy %q: not a CIDR prefix or address", p)
			}
			pr = netip.PrefixFrom(a, a.BitLen())
		}
		o.TrustedProxies = append(o.TrustedProxies, pr)
	}
	if o.Location, err = loadZone("log-tz", f.logTZ); err != nil {
		return o, err
	}
	tr, err := parseWindow(f.since, f.until, now)
	if err != nil {
		return o, err
	}
	o.Since, o.Until = tr.Since, tr.Until
	if f.shard != "" {
		if o.Shard, err = classify.ParseShard(f.shard); err != nil {
			return o, usageErrorf("--shard: %v", err)
		}
	}
	o.Now = now
	o.MaxActors = f.maxActors
	return o, nil
}

// setup returns the library options and the compiled rules the flags
// describe; errors are usage errors.
func (f *classifyFlags) setup(now time.Time) (classify.Options, *classify.Rules, error) {
	opts, err := f.options(now)
	if err != nil {
		return opts, nil, err
	}
	_, rules, err := f.loadRules()
	return opts, rules, err
}

// loadRules loads the default set merged with the flag's files and compiles it.
func (f *classifyFlags) loadRules() (*classify.RuleSet, *classify.Rules, error) {
	set, err := classify.LoadRules(f.rules...)
	if err != nil {
		return nil, nil, usageErrorf("%v", err)
	}
	rules, err := set.Compile()
	if err != nil {
		return nil, nil, usageErrorf("%v", err)
	}
	return set, rules, nil
}

func classifyCommand() *command {
	return &command{
		name:    "classify",
		args:    "LOG...",
		summary: "logs → events CSV (time,ip,threat,risk,rule,source) and per-IP actors",
		about: `Reads server logs (files, globs, directories of rotated logs read oldest
first, .gz transparently, - for stdin), sorts every source address into a
threat category and writes one CSV row per non-legit line:

  time,ip,threat,risk,rule,source

(time in RFC 3339 UTC). With --actors, one row per address:

  ip,category,risk,score,events,first_seen,last_seen,categories

Categories (risk): vuln_scanner 5, brute_force 4, port_scanner 4, dos 3,
proxy_scanner 2, noise 1, good_bot 1, vpn 1, legit 0. An address keeps every behaviour it
showed; its category is the riskiest, its score (0-100) rewards breadth and
volume.`,
		examples: []string{
			"threatmap classify /var/log/nginx/access.log* > events.csv",
			"threatmap classify --actors actors.csv --stats stats.json -o events.csv /var/log/auth.log* /var/log/nginx/",
			"zcat access.log.*.gz | threatmap classify --format access -",
			"threatmap classify access.log --trusted-proxy 10.0.0.0/8 --rules mysite.yaml",
		},
		flags:  classifyCommandFlags,
		values: classifyValues(),
	}
}

// classifyValues are the words the classification flags take.
func classifyValues() map[string][]string {
	return map[string][]string{"format": classify.Formats()}
}

// classifyOutputs are classify's own flags.
type classifyOutputs struct {
	out, actors, stats string
	all, quiet         bool
	allowEmpty         bool
}

func classifyCommandFlags(g *flagGroups) runFunc {
	var o classifyOutputs
	var cf classifyFlags
	g.add("", "", func(fs *flag.FlagSet) {
		fs.StringVar(&o.out, "o", "-", "events CSV `FILE` (- for stdout), written atomically")
		fs.BoolVar(&o.all, "all", false, "include legit lines in the events CSV")
		fs.StringVar(&o.actors, "actors", "", "also write the per-address actors CSV to `FILE`")
		fs.StringVar(&o.stats, "stats", "", "also write run statistics JSON to `FILE`: files, lines = classified + ignored + skipped (by reason), actors and events per category, files passed over")
		fs.BoolVar(&o.quiet, "q", false, "quiet: no summary on stderr")
		registerAllowEmpty(fs, &o.allowEmpty)
	})
	g.add("Classification", "", cf.register)
	return func(ctx context.Context, env *Env, inputs []string) error {
		return classifyRun(ctx, env, inputs, &o, &cf)
	}
}

// classifyRun classifies the inputs into the events CSV, then writes the
// actors and statistics. Every output is staged and renamed into place
// only when the whole run succeeded.
func classifyRun(ctx context.Context, env *Env, inputs []string, o *classifyOutputs, cf *classifyFlags) error {
	if len(inputs) == 0 {
		if isTerminal(env.Stdin) {
			return usageErrorf("no input: name log files, directories or globs, or pipe logs in\n\nUsage: threatmap classify [flags] LOG...\n  threatmap classify /var/log/nginx/access.log* > events.csv\n  zcat access.log.*.gz | threatmap classify --format access -\n\nRun 'threatmap help classify' for the flags")
		}
		inputs = []string{"-"}
	}
	if n := countStdout(o.out, o.actors, o.stats); n > 1 {
		return usageErrorf("only one of -o, --actors and --stats can be - (stdout)")
	}
	in, err := classify.Expand(inputs)
	if err != nil {
		return usageErrorf("%v (check the path; name log files, directories or quoted globs, or - for stdin)", err)
	}
	if err := checkOutputs(allInputs(in.Paths, cf.rules), o.out, o.actors, o.stats); err != nil {
		return err
	}
	opts, rules, err := cf.setup(time.Now())
	if err != nil {
		return err
	}
	start := time.Now()
	c := classify.NewClassifier(rules, opts)
	prog := newProgress(env.Stderr, inputSize(in.Paths), isTerminal(env.Stderr) && !o.quiet, 250*time.Millisecond)
	var outs outputs
	defer outs.discard()
	var inputErrs []error
	err = outs.write(o.out, env.Stdout, func(w io.Writer) error {
		ew := newRowWriter(o.out, w, nil)
		var row located.Row // one for every event: writers do not keep it
		emit := func(ev classify.Event) error {
			if ev.Category == classify.Legit && !o.all {
				return nil
			}
			row = located.EventRow(&ev)
			return ew.Write(&row)
		}
		inputErrs, err = classifyInputs(ctx, c, in.Paths, env.Stdin, prog, emit, nil)
		if err != nil {
			return err
		}
		return ew.Flush()
	})
	prog.Close()
	if err != nil {
		return err
	}
	run := classifyResult{in: in, inputErrs: inputErrs, took: time.Since(start), windowed: cf.windowed(), logZone: opts.Location}
	if err := classifyDone(env, c, o, &outs, &run); err != nil {
		return err
	}
	if err := outs.commit(ctx); err != nil {
		return err
	}
	return run.partial()
}

// classifyResult is what a classify run read.
type classifyResult struct {
	in        classify.Inputs
	inputErrs []error
	took      time.Duration
	windowed  bool // --since or --until was given
	logZone   *time.Location
}

// partial returns the exit-2 error of inputs not read to the end, or nil.
func (r *classifyResult) partial() error {
	if len(r.inputErrs) > 0 {
		return partialError(fmt.Errorf("%s not read to the end: %w", locPlural(len(r.inputErrs), "input"), errors.Join(r.inputErrs...)))
	}
	return nil
}

// classifyDone stages the actors and statistics and prints the summary
// unless quiet; it returns the exit-3 error of a run that found nothing.
func classifyDone(env *Env, c *classify.Classifier, o *classifyOutputs, outs *outputs, r *classifyResult) error {
	actors := c.Actors()
	stats := c.Stats()
	if !o.quiet {
		var agg located.Aggregate
		agg.AddActors(actors)
		counts := agg.Counts()
		printClassifySummary(env.Stderr, &stats, &counts, r.took)
		printPassed(env.Stderr, r.in.Passed)
		printLogZone(env.Stderr, zoneUsed(&stats, r.logZone))
	}
	if err := emptyRun(&stats, r.in.Passed, len(r.inputErrs), r.windowed, o.allowEmpty); err != nil {
		return err
	}
	if o.actors != "" {
		if err := outs.write(o.actors, env.Stdout, func(w io.Writer) error { return writeActors(o.actors, w, actors) }); err != nil {
			return err
		}
	}
	if o.stats != "" {
		if err := outs.write(o.stats, env.Stdout, func(w io.Writer) error { return writeStatsJSON(w, &stats, r.in.Passed) }); err != nil {
			return err
		}
	}
	return nil
}

// countStdout counts the outputs named - (stdout).
func countStdout(outs ...string) int {
	n := 0
	for _, o := range outs {
		if o == "-" {
			n++
		}
	}
	return n
}

// classifyInputs runs every input through c (opening them here so that the
// progress bar sees the bytes), then finishes the run. Inputs that fail are
// returned as the first result; a fatal error as the second. afterFile, when
// not nil, is called after each input with its stats.
func classifyInputs(ctx context.Context, c *classify.Classifier, paths []string, stdin io.Reader, prog *progress, emit func(classify.Event) error, afterFile func(classify.FileStats)) ([]error, error) {
	if afterFile == nil {
		afterFile = func(classify.FileStats) {}
	}
	var inputErrs []error
	for _, p := range paths {
		rc, mod, err := classify.OpenInputCounted(p, stdin, prog.Stored)
		if err != nil {
			c.RecordInputError(p, err)
			inputErrs = append(inputErrs, err)
			afterFile(classify.FileStats{Path: p, Error: err.Error()})
			continue
		}
		fst, err := c.Classify(ctx, prog.Reader(rc), p, mod, emit)
		rc.Close()
		if err != nil {
			var ie *classify.InputError
			if !errors.As(err, &ie) {
				return inputErrs, err
			}
			inputErrs = append(inputErrs, err)
		}
		afterFile(fst)
	}
	return inputErrs, c.Finish(emit)
}

// printClassifySummary writes the one-screen summary.
func printClassifySummary(w io.Writer, s *classify.Stats, counts *located.Counts, took time.Duration) {
	fmt.Fprintf(w, "classify: %s from %s in %s: %s classified, %s ignored, %s skipped",
		locPlural(int(s.Lines), "line"), locPlural(len(s.Files), "input"), took.Round(time.Millisecond), formatCount(s.Classified), formatCount(s.Ignored), formatCount(s.SkippedTotal()))
	if reasons := skipReasons(s); reasons != "" {
		fmt.Fprintf(w, " (%s)", reasons)
	}
	fmt.Fprintln(w)
	if s.OtherShard > 0 {
		fmt.Fprintf(w, "  shard:       %d of the ignored lines came from addresses of other shards\n", s.OtherShard)
	}
	printCounts(w, counts)
	if s.Evicted > 0 || s.Untracked > 0 {
		fmt.Fprintf(w, "  warning: address cap reached: %s evicted, %s of untracked addresses (raise --max-actors)\n", locPlural(int(s.Evicted), "legit-only address", "legit-only addresses"), locPlural(int(s.Untracked), "event"))
	}
	for _, f := range s.Files {
		if f.Error != "" {
			fmt.Fprintf(w, "  %s: %s (kept the %s read)\n", f.Path, f.Error, locPlural(int(f.Lines), "line"))
		}
	}
}

// printCounts writes the addresses and events by category: the threats
// the map draws, then the others ("also seen").
func printCounts(w io.Writer, c *located.Counts) {
	var drawn, other []string
	for _, cat := range classify.ByRisk() {
		n := c.Addresses[cat]
		if n == 0 || cat == classify.Legit {
			continue
		}
		part := fmt.Sprintf("%s %s (%s", cat, locPlural(n, "address", "addresses"), locPlural(c.Events[cat], "event"))
		if c.Drawn[cat] {
			drawn = append(drawn, part+")")
			continue
		}
		if k := c.AlsoDrawn[cat]; k == 1 {
			part += "; 1 also a threat"
		} else if k > 1 {
			part += "; " + formatCount(k) + " also threats"
		}
		other = append(other, part+")")
	}
	fmt.Fprintf(w, "  threats:     %s, %s", locPlural(c.Sources, "address", "addresses"), locPlural(c.DrawnEvents(), "event"))
	if len(drawn) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(drawn, ", "))
	}
	fmt.Fprintln(w)
	if len(other) > 0 {
		fmt.Fprintf(w, "  also seen:   %s\n", strings.Join(other, ", "))
	}
	if n := c.Addresses[classify.Legit]; n > 0 {
		fmt.Fprintf(w, "  legit:       %s from %s", locPlural(c.Events[classify.Legit], "event"), locPlural(n, "address", "addresses"))
		if c.LegitOnly < n {
			fmt.Fprintf(w, ", %s of them also above", formatCount(int64(n-c.LegitOnly)))
		}
		fmt.Fprintln(w)
	}
}
