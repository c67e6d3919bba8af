package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

const exitCodesHelp = `Exit codes:
  0  success
  1  usage or input error (nothing useful was produced)
  2  partial result: output written, but some input was unreadable or some
     addresses could not be located (the summary says which)
  3  nothing found: no line was read or understood, every line (or, for
     render, every CSV row) was outside the time window, or no address
     matched (block); the error says which and how to fix it, and nothing
     was written (--allow-empty writes an empty result and exits 0)`

// exitNothingFound is the exit code of a run that found nothing to write.
const exitNothingFound = 3

// help writes a command's help: synopsis, what it does, examples, then its
// flags by group as the FlagSet knows them (names, value names, defaults).
func (c *command) help(w io.Writer, path string, g *flagGroups) {
	if c.subs != nil {
		fmt.Fprintf(w, "Usage: threatmap %s <%s> [flags]\n\n%s\n\nSubcommands:\n", path, strings.Join(c.subNames(), "|"), c.about)
		for _, s := range c.subs {
			fmt.Fprintf(w, "  %-9s %s\n", s.name, s.summary)
		}
		fmt.Fprintf(w, "\nRun 'threatmap help %s <subcommand>' for its flags.\n", path)
	} else {
		synopsis := "[flags]"
		if c.args != "" {
			synopsis += " " + c.args
		}
		fmt.Fprintf(w, "Usage: threatmap %s %s\n\n%s\n", path, synopsis, c.about)
	}
	if len(c.examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for _, e := range c.examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
	if g != nil {
		for _, grp := range g.groups {
			writeGroup(w, g.fs, grp)
		}
	}
	fmt.Fprintf(w, "\n%s\n", exitCodesHelp)
}

// writeGroup writes one group of flags.
func writeGroup(w io.Writer, fs *flag.FlagSet, grp flagGroup) {
	if len(grp.names) == 0 && grp.note == "" {
		return
	}
	title := grp.title
	if title == "" {
		title = "Flags"
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, name := range grp.names {
		writeFlag(w, fs.Lookup(name))
	}
	if grp.note != "" {
		fmt.Fprintf(w, "%s\n", wrap(grp.note, 78, ""))
	}
}

// helpIndent is the column where flag descriptions start.
const helpIndent = 26

// writeFlag writes one flag: "  --name VALUE   usage (default X)", the
// usage wrapped under itself.
func writeFlag(w io.Writer, f *flag.Flag) {
	value, usage := flag.UnquoteUsage(f)
	head := "  " + dashes(f.Name)
	if value != "" {
		head += " " + strings.ToUpper(value)
	}
	if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" && !strings.Contains(usage, "default") {
		usage += " (default " + d + ")"
	}
	pad := "\n" + strings.Repeat(" ", helpIndent)
	if len(head) >= helpIndent-1 {
		fmt.Fprintf(w, "%s%s%s\n", head, pad, wrap(usage, 78-helpIndent, pad))
		return
	}
	fmt.Fprintf(w, "%-*s%s\n", helpIndent, head, wrap(usage, 78-helpIndent, pad))
}

// wrap breaks s into lines of at most width runes, joined by sep+"\n"
// style separators (sep holds the newline and indent; "" means "\n").
func wrap(s string, width int, sep string) string {
	if sep == "" {
		sep = "\n"
	}
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		l := len([]rune(word))
		if i > 0 && n+1+l > width {
			b.WriteString(sep)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}
