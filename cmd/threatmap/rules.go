package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
)

func rulesCommand() *command {
	return &command{
		name:    "rules",
		summary: "print, validate and test rule sets",
		about:   "Prints, checks and tests rule sets: the default one merged with your --rules files.",
		examples: []string{
			"threatmap rules print > my-rules.yaml",
			"threatmap rules check --rules mysite.yaml",
			`threatmap rules test --line '203.0.113.9 - - [01/Oct/2016:10:07:06 +0100] "\x16\x03\x02" 400 0 "-" "-"'`,
			"threatmap rules test /var/log/auth.log --rules mysite.yaml",
		},
		subs: []*command{
			{name: "print", summary: "print the effective rule set (default merged with your files) as YAML",
				about: "Prints the effective rule set, the default one merged with your --rules files, as YAML.",
				flags: func(g *flagGroups) runFunc {
					var cf classifyFlags
					g.add("Classification", "", cf.register)
					return func(_ context.Context, env *Env, pos []string) error { return rulesPrint(env, pos, &cf) }
				}},
			{name: "check", args: "[FILE...]", summary: "load and compile; report errors naming file, rule and field",
				about: "Loads and compiles the rule set with your --rules files (or FILEs); errors name the file, rule and field.",
				flags: func(g *flagGroups) runFunc {
					var cf classifyFlags
					g.add("Classification", "", cf.register)
					return func(_ context.Context, env *Env, pos []string) error { return rulesCheck(env, pos, &cf) }
				}},
			{name: "test", args: "(--line '…' | FILE...)", summary: "explain how lines parse and which rules match, like fail2ban-regex",
				about: `Shows, for each line, how it parses, which rules match and why, then what
the per-address windows (DoS, brute force) make of the whole input, like
fail2ban-regex.`,
				flags: rulesTestFlags},
		},
		values: classifyValues(),
	}
}

func rulesPrint(env *Env, pos []string, cf *classifyFlags) error {
	if len(pos) > 0 {
		return usageErrorf("unexpected argument %q (rule files go after --rules)", pos[0])
	}
	set, _, err := cf.loadRules()
	if err != nil {
		return err
	}
	b, err := set.YAML()
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(b)
	return err
}

func rulesCheck(env *Env, pos []string, cf *classifyFlags) error {
	cf.rules = append(cf.rules, pos...) // "rules check mine.yaml" works too
	set, rules, err := cf.loadRules()
	if err != nil {
		return err
	}
	active := len(rules.RuleNames())
	fmt.Fprintf(env.Stdout, "ok: %d rules (%d active, %d disabled), %d windows, %d lists\n",
		len(set.Rules), active, len(set.Rules)-active, len(set.Windows), len(set.Lists))
	return nil
}

func rulesTestFlags(g *flagGroups) runFunc {
	var cf classifyFlags
	var lines multiFlag
	var quiet bool
	g.add("", "", func(fs *flag.FlagSet) {
		fs.Var(&lines, "line", "test this `LINE` (repeatable)")
		fs.BoolVar(&quiet, "q", false, "only the summary, not every line")
	})
	g.add("Classification", "", cf.register)
	return func(ctx context.Context, env *Env, files []string) error {
		if len(lines) == 0 && len(files) == 0 {
			return usageErrorf("give --line '…' or a log FILE (- for stdin)")
		}
		srcs, inputErrs, err := testSources(env, lines, files)
		if err != nil {
			return err
		}
		if err := rulesTest(ctx, env, srcs, &cf, quiet); err != nil {
			return err
		}
		if len(inputErrs) > 0 {
			return partialError(fmt.Errorf("%s not read to the end: %w", locPlural(len(inputErrs), "input"), errors.Join(inputErrs...)))
		}
		return nil
	}
}

// testSource is a named list of lines to explain.
type testSource struct {
	name string
	text []string
}

// testSources gathers the lines to explain: --line values, then the
// files' lines. A file that cannot be read to the end (a truncated .gz)
// keeps the lines read before and is returned in the third result.
func testSources(env *Env, lines, files []string) ([]testSource, []error, error) {
	var srcs []testSource
	if len(lines) > 0 {
		srcs = append(srcs, testSource{"--line", lines})
	}
	if len(files) == 0 {
		return srcs, nil, nil
	}
	in, err := classify.Expand(files)
	if err != nil {
		return nil, nil, usageErrorf("%v (check the path)", err)
	}
	printPassed(env.Stderr, in.Passed)
	var inputErrs []error
	for _, p := range in.Paths {
		text, err := readLines(p, env.Stdin)
		if err != nil && text == nil {
			return nil, nil, usageErrorf("%v", err)
		}
		if err != nil {
			inputErrs = append(inputErrs, err)
		}
		srcs = append(srcs, testSource{p, text})
	}
	return srcs, inputErrs, nil
}

// readLines reads an input's lines. An error that stops it early comes
// with the lines read before (nil when the input could not be opened).
func readLines(path string, stdin io.Reader) ([]string, error) {
	rc, _, err := classify.OpenInput(path, stdin)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	text := []string{}
	r := bufio.NewReader(rc)
	for {
		l, err := r.ReadString('\n')
		if l != "" {
			text = append(text, strings.TrimRight(l, "\r\n"))
		}
		if err == io.EOF {
			return text, nil
		}
		if err != nil {
			return text, fmt.Errorf("%s: stopped after %s: %w", path, locPlural(len(text), "line"), err)
		}
	}
}

// ruleTally counts the results and deciding rules of the lines explained.
type ruleTally struct {
	lines   int
	results map[string]int
	hits    map[string]int
	order   []string // deciding rules, in first-seen order
}

func rulesTest(ctx context.Context, env *Env, srcs []testSource, cf *classifyFlags, quiet bool) error {
	opts, rules, err := cf.setup(time.Now())
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	t := ruleTally{results: map[string]int{}, hits: map[string]int{}}
	c := classify.NewClassifier(rules, opts)
	for _, s := range srcs {
		for _, l := range s.text {
			t.lines++
			ex := rules.Explain(l, opts)
			t.results[ex.Result]++
			if ex.Rule != "" {
				if t.hits[ex.Rule] == 0 {
					t.order = append(t.order, ex.Rule)
				}
				t.hits[ex.Rule]++
			}
			if !quiet {
				writeExplanation(w, t.lines, l, &ex)
			}
		}
		if _, err := c.Classify(ctx, strings.NewReader(strings.Join(s.text, "\n")), s.name, opts.Now, nil); err != nil {
			return err
		}
	}
	if err := c.Finish(nil); err != nil {
		return err
	}
	writeTally(w, &t, c.Actors())
	return nil
}

// writeTally writes the summary of rules test: lines by result, deciding
// rules, and the addresses after the windows.
func writeTally(w io.Writer, t *ruleTally, actors []classify.Actor) {
	fmt.Fprintf(w, "\nLines: %s", formatCount(t.lines))
	for _, r := range append([]string{"classified", "ignored"}, classify.SkipReasons...) {
		if t.results[r] > 0 {
			fmt.Fprintf(w, ", %s %s", r, formatCount(t.results[r]))
		}
	}
	fmt.Fprintln(w)
	if len(t.order) > 0 {
		fmt.Fprintln(w, "Deciding rules (line by line, before windows):")
		for _, r := range t.order {
			fmt.Fprintf(w, "  %-28s %s\n", r, formatCount(t.hits[r]))
		}
	}
	if len(actors) > 0 {
		fmt.Fprintln(w, "Addresses after windows (DoS, brute force):")
		for _, a := range actors {
			fmt.Fprintf(w, "  %-39s %-13s score %5.1f  %s\n", a.IP, a.Category, a.Score, a.CategoriesString())
		}
	}
}

func writeExplanation(w io.Writer, n int, line string, ex *classify.Explanation) {
	show := line
	if len(show) > 200 {
		show = show[:200] + "…"
	}
	fmt.Fprintf(w, "line %d: %q\n", n, show)
	if ex.Result != "classified" {
		fmt.Fprintf(w, "  %s (format %s)\n", ex.Result, ex.Format)
		return
	}
	fmt.Fprintf(w, "  format %s, time %s, source %s\n", ex.Format, ex.Time.Format(time.RFC3339), ex.IP)
	for _, f := range ex.Fields {
		fmt.Fprintf(w, "    %-10s %q\n", f.Name, f.Value)
	}
	for _, m := range ex.Matches {
		win := ""
		if m.Window != "" {
			win = ", counts in window " + m.Window
		}
		fmt.Fprintf(w, "  match %s (%s%s): %s\n", m.Rule, m.Category, win, strings.Join(m.Why, ", "))
	}
	verdict := ex.Category.String()
	if ex.Rule != "" {
		verdict += " by " + ex.Rule
	}
	if ex.Window != "" {
		verdict += "; brute force once window " + ex.Window + " trips"
	}
	fmt.Fprintf(w, "  => %s\n", verdict)
}
