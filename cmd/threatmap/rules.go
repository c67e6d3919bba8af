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

func cmdRules(ctx context.Context, env *Env, args []string) error {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, `Usage: threatmap rules <print|check|test> [flags]

  print [--rules FILE]...        print the effective rule set (default merged
                                 with your files) as YAML
  check [--rules FILE]...        load and compile; report errors naming file,
                                 rule and field
  test  [flags] (--line '…' | FILE...)
                                 show, for each line, how it parses, which
                                 rules match and why, then what the per-address
                                 windows (DoS, brute force) make of the whole
                                 input, like fail2ban-regex

Examples:
  threatmap rules print > my-rules.yaml
  threatmap rules check --rules mysite.yaml
  threatmap rules test --line '203.0.113.9 - - [01/Oct/2016:10:07:06 +0100] "\x16\x03\x02" 400 0 "-" "-"'
  threatmap rules test --rules mysite.yaml /var/log/auth.log

%s
`, exitCodesHelp)
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return usageErrorf("rules: give a subcommand: print, check or test")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(env.Stdout)
		return nil
	case "print":
		return rulesPrint(env, args[1:])
	case "check", "validate":
		return rulesCheck(env, args[1:])
	case "test":
		return rulesTest(ctx, env, args[1:])
	}
	usage(env.Stderr)
	return usageErrorf("rules: unknown subcommand %q", args[0])
}

func parseRulesFlags(env *Env, name string, args []string, cf *classifyFlags, extra func(*flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet("rules "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cf.register(fs)
	if extra != nil {
		extra(fs)
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, usageErrorf("rules %s: %v", name, err)
	}
	return pos, nil
}

func rulesPrint(env *Env, args []string) error {
	var cf classifyFlags
	if pos, err := parseRulesFlags(env, "print", args, &cf, nil); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageErrorf("rules print: unexpected argument %q (rule files go after --rules)", pos[0])
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

func rulesCheck(env *Env, args []string) error {
	var cf classifyFlags
	pos, err := parseRulesFlags(env, "check", args, &cf, nil)
	if err != nil {
		return err
	}
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

func rulesTest(ctx context.Context, env *Env, args []string) error {
	var cf classifyFlags
	var lines multiFlag
	quiet := false
	files, err := parseRulesFlags(env, "test", args, &cf, func(fs *flag.FlagSet) {
		fs.Var(&lines, "line", "test this `LINE` (repeatable)")
		fs.BoolVar(&quiet, "q", false, "only the summary")
	})
	if err != nil {
		return err
	}
	if len(lines) == 0 && len(files) == 0 {
		return usageErrorf("rules test: give --line '…' or a log FILE (- for stdin)")
	}
	opts, rules, err := cf.setup(time.Now())
	if err != nil {
		return err
	}
	// Gather the lines to explain: --line values, then the files' lines.
	type src struct {
		name string
		text []string
	}
	var srcs []src
	if len(lines) > 0 {
		srcs = append(srcs, src{"--line", lines})
	}
	if len(files) > 0 {
		paths, err := classify.ExpandInputs(files)
		if err != nil {
			return usageErrorf("%v", err)
		}
		for _, p := range paths {
			rc, _, err := classify.OpenInput(p, env.Stdin)
			if err != nil {
				return usageErrorf("%v", err)
			}
			var text []string
			sc := bufio.NewReader(rc)
			for {
				l, err := sc.ReadString('\n')
				if l != "" {
					text = append(text, strings.TrimRight(l, "\r\n"))
				}
				if err != nil {
					break
				}
			}
			rc.Close()
			srcs = append(srcs, src{p, text})
		}
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	hits := map[string]int{}
	var order []string
	results := map[string]int{}
	c := classify.NewClassifier(rules, opts)
	n := 0
	for _, s := range srcs {
		for _, l := range s.text {
			n++
			ex := rules.Explain(l, opts)
			results[ex.Result]++
			if ex.Rule != "" {
				if hits[ex.Rule] == 0 {
					order = append(order, ex.Rule)
				}
				hits[ex.Rule]++
			}
			if !quiet {
				writeExplanation(w, n, l, &ex)
			}
		}
		if _, err := c.Classify(ctx, strings.NewReader(strings.Join(s.text, "\n")), s.name, opts.Now, nil); err != nil {
			return err
		}
	}
	if err := c.Finish(nil); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nLines: %d", n)
	for _, r := range append([]string{"classified", "ignored"}, classify.SkipReasons...) {
		if results[r] > 0 {
			fmt.Fprintf(w, ", %s %d", r, results[r])
		}
	}
	fmt.Fprintln(w)
	if len(order) > 0 {
		fmt.Fprintln(w, "Deciding rules (line by line, before windows):")
		for _, r := range order {
			fmt.Fprintf(w, "  %-28s %d\n", r, hits[r])
		}
	}
	actors := c.Actors()
	if len(actors) > 0 {
		fmt.Fprintln(w, "Addresses after windows (DoS, brute force):")
		for _, a := range actors {
			fmt.Fprintf(w, "  %-39s %-13s score %5.1f  %s\n", a.IP, a.Category, a.Score, a.CategoriesString())
		}
	}
	return nil
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
