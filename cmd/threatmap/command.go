package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// runFunc runs a subcommand on its positional arguments, after its flags
// were parsed.
type runFunc func(ctx context.Context, env *Env, args []string) error

// command is one subcommand: its help and completion are generated from
// this value and its flags, never typed twice.
type command struct {
	name     string
	args     string // the synopsis after [flags]: "LOG...", "[INPUT.csv]"
	summary  string // one line, in the command list
	about    string // what it does, a paragraph or two
	examples []string
	// flags registers the command's flags in groups and returns the
	// function that runs with them; nil for a command of subcommands.
	flags func(g *flagGroups) runFunc
	subs  []*command // rules print, check, test
	// values are the words a flag takes, for completion.
	values map[string][]string
}

// flagGroups files a command's flags under headings, in order.
type flagGroups struct {
	fs     *flag.FlagSet
	groups []flagGroup
}

type flagGroup struct {
	title string
	note  string // printed after the group's flags
	names []string
}

// add registers flags through register and files them under title; an
// empty title is the command's own flags.
func (g *flagGroups) add(title, note string, register func(*flag.FlagSet)) {
	before := map[string]bool{}
	g.fs.VisitAll(func(f *flag.Flag) { before[f.Name] = true })
	register(g.fs)
	grp := flagGroup{title: title, note: note}
	g.fs.VisitAll(func(f *flag.Flag) {
		if !before[f.Name] {
			grp.names = append(grp.names, f.Name)
		}
	})
	g.groups = append(g.groups, grp)
}

// flagSet returns the command's flags, registered, and its run function.
func (c *command) flagSet(path string) (*flagGroups, runFunc) {
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	g := &flagGroups{fs: fs}
	return g, c.flags(g)
}

// exec runs the command with args; path is its name as typed
// ("rules test"). Errors are prefixed with path once, here.
func (c *command) exec(ctx context.Context, env *Env, path string, args []string) error {
	if c.subs != nil {
		return c.execSub(ctx, env, path, args)
	}
	g, run := c.flagSet(path)
	pos, err := parseInterspersed(g.fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.help(env.Stdout, path, g)
		return errHelp
	}
	if err != nil {
		return usageErrorf("%s: %s (see 'threatmap help %s')", path, flagError(g.fs, err), path)
	}
	if err := run(ctx, env, pos); err != nil && !errors.Is(err, errHelp) {
		return prefixed(path, err)
	} else if err != nil {
		return err
	}
	return nil
}

// execSub runs a subcommand of a command of subcommands.
func (c *command) execSub(ctx context.Context, env *Env, path string, args []string) error {
	if len(args) == 0 {
		c.help(env.Stderr, path, nil)
		return usageErrorf("%s: give a subcommand: %s", path, strings.Join(c.subNames(), ", "))
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.help(env.Stdout, path, nil)
		return errHelp
	}
	for _, s := range c.subs {
		if s.name == args[0] || (s.name == "check" && args[0] == "validate") {
			return s.exec(ctx, env, path+" "+s.name, args[1:])
		}
	}
	return usageErrorf("%s: unknown subcommand %q%s", path, args[0], suggestion(args[0], c.subNames(), ""))
}

func (c *command) subNames() []string {
	var out []string
	for _, s := range c.subs {
		out = append(out, s.name)
	}
	return out
}

// prefixed puts "path: " before err's text unless it is there already,
// keeping err's exit code.
func prefixed(path string, err error) error {
	if strings.HasPrefix(err.Error(), path+": ") {
		return err
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return &exitError{code: ee.code, err: fmt.Errorf("%s: %w", path, err)}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// flagError rewrites the flag package's parse error as one line naming the
// flag, with the nearest known flag as a suggestion.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: ")
	if !ok {
		return msg
	}
	name = strings.TrimLeft(name, "-")
	var known []string
	fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
	return "unknown flag " + dashes(name) + suggestion(name, known, "-")
}

// dashes is how help writes a flag: -o, --bbox.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// suggestion is ", did you mean X?" for the known word nearest to w, or
// "" when none is near. flag is "-" when the words are flag names.
func suggestion(w string, known []string, flag string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(w, k); d < bestD || (d == bestD && best == "" && strings.HasPrefix(k, w)) {
			best, bestD = k, d
		}
	}
	if bestD >= 2 && len(w) >= 2 {
		// A word that is the end of a known name: --tz for --log-tz.
		for _, k := range known {
			if strings.HasSuffix(k, "-"+w) {
				best = k
				break
			}
		}
	}
	if best == "" {
		return ""
	}
	if flag != "" {
		best = dashes(best)
	}
	return "; did you mean " + best + "?"
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
