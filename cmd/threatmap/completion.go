package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// completionCommand prints a shell completion script for bash, zsh or
// fish, read from the command table: subcommands by name, their flags
// after a dash, the words some flags take, and other arguments as file
// names.
func completionCommand() *command {
	return &command{
		name:    "completion",
		args:    "bash|zsh|fish",
		summary: "print a shell completion script (bash, zsh, fish)",
		about:   "Prints a completion script: subcommands, each one's flags and the values they take, file names.",
		examples: []string{
			"source <(threatmap completion bash)",
			"threatmap completion bash > /etc/bash_completion.d/threatmap",
			`threatmap completion zsh > "${fpath[1]}/_threatmap"`,
			"threatmap completion fish > ~/.config/fish/completions/threatmap.fish",
		},
		flags: func(*flagGroups) runFunc { return runCompletion },
	}
}

func runCompletion(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return usageErrorf("name one shell: bash, zsh or fish")
	}
	t := completionTable()
	switch args[0] {
	case "bash":
		writeBash(env.Stdout, t)
	case "zsh":
		writeZsh(env.Stdout, t)
	case "fish":
		writeFish(env.Stdout, t)
	default:
		return usageErrorf("unknown shell %q: use bash, zsh or fish", args[0])
	}
	return nil
}

// completions is what a completion script offers, read from the command
// table.
type completions struct {
	names   []string            // subcommands
	flags   map[string][]string // command path ("map", "rules test") → its flags, sorted
	subs    map[string][]string // command → its subcommands
	values  map[string][]string // flag ("--region") → the words it takes
	summary map[string]string
}

func completionTable() *completions {
	t := &completions{flags: map[string][]string{}, subs: map[string][]string{}, values: map[string][]string{}, summary: map[string]string{}}
	var add func(c *command, path string)
	add = func(c *command, path string) {
		for f, v := range c.values {
			t.values[dashes(f)] = mergeWords(t.values[dashes(f)], v)
		}
		if c.subs != nil {
			t.subs[path] = c.subNames()
			for _, s := range c.subs {
				add(s, path+" "+s.name)
			}
			return
		}
		g, _ := c.flagSet(path)
		g.fs.VisitAll(func(f *flag.Flag) { t.flags[path] = append(t.flags[path], dashes(f.Name)) })
		slices.Sort(t.flags[path])
	}
	for _, c := range commands() {
		t.names = append(t.names, c.name)
		t.summary[c.name] = c.summary
		add(c, c.name)
	}
	return t
}

func mergeWords(a, b []string) []string {
	for _, w := range b {
		if !slices.Contains(a, w) {
			a = append(a, w)
		}
	}
	return a
}

// sortedKeys returns m's keys in order, so that scripts are stable.
func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func writeBash(w io.Writer, t *completions) {
	var subs, values, flags strings.Builder
	for _, c := range sortedKeys(t.subs) {
		fmt.Fprintf(&subs, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", c, strings.Join(t.subs[c], " "))
	}
	for _, f := range sortedKeys(t.values) {
		fmt.Fprintf(&values, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f, strings.Join(t.values[f], " "))
	}
	for _, c := range sortedKeys(t.flags) {
		fmt.Fprintf(&flags, "      %q) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c, strings.Join(t.flags[c], " "))
	}
	fmt.Fprintf(w, `_threatmap() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "%s help" -- "$cur")); return
  fi
  if [ "$COMP_CWORD" -eq 2 ]; then
    case $cmd in
%s    help) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;;
    esac
  fi
  case $prev in
%s  esac
  if [ -n "${COMP_WORDS[2]}" ] && [ "$COMP_CWORD" -gt 2 ] && [[ ${COMP_WORDS[2]} != -* ]]; then
    case $cmd in rules) cmd="$cmd ${COMP_WORDS[2]}" ;; esac
  fi
  if [[ $cur == -* ]]; then
    case $cmd in
%s    esac
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _threatmap threatmap
`, strings.Join(t.names, " "), subs.String(), strings.Join(t.names, " "), values.String(), flags.String())
}

func writeZsh(w io.Writer, t *completions) {
	var subs, values, flags strings.Builder
	for _, c := range sortedKeys(t.subs) {
		fmt.Fprintf(&subs, "      %s) compadd -- %s; return ;;\n", c, strings.Join(t.subs[c], " "))
	}
	for _, f := range sortedKeys(t.values) {
		fmt.Fprintf(&values, "    %s) compadd -- %s; return ;;\n", f, strings.Join(t.values[f], " "))
	}
	for _, c := range sortedKeys(t.flags) {
		fmt.Fprintf(&flags, "      %q) compadd -- %s ;;\n", c, strings.Join(t.flags[c], " "))
	}
	fmt.Fprintf(w, `#compdef threatmap
_threatmap() {
  local cmd=$words[2]
  if (( CURRENT == 2 )); then
    compadd %s help; return
  fi
  if (( CURRENT == 3 )); then
    case $cmd in
%s      help) compadd %s; return ;;
    esac
  fi
  case $words[CURRENT-1] in
%s  esac
  if (( CURRENT > 3 )) && [[ $cmd == rules ]]; then cmd="$cmd $words[3]"; fi
  if [[ $PREFIX == -* ]]; then
    case $cmd in
%s    esac
  else
    _files
  fi
}
compdef _threatmap threatmap
`, strings.Join(t.names, " "), subs.String(), strings.Join(t.names, " "), values.String(), flags.String())
}

func writeFish(w io.Writer, t *completions) {
	for _, c := range t.names {
		fmt.Fprintf(w, "complete -c threatmap -n __fish_use_subcommand -a %s -d %q\n", c, t.summary[c])
	}
	for _, c := range sortedKeys(t.subs) {
		fmt.Fprintf(w, "complete -c threatmap -n '__fish_seen_subcommand_from %s' -a %q\n", c, strings.Join(t.subs[c], " "))
	}
	for _, path := range sortedKeys(t.flags) {
		last := path[strings.LastIndexByte(path, ' ')+1:]
		for _, f := range t.flags[path] {
			opt := "-l " + strings.TrimLeft(f, "-")
			if !strings.HasPrefix(f, "--") {
				opt = "-o " + strings.TrimLeft(f, "-")
			}
			if v := t.values[f]; len(v) > 0 {
				opt += fmt.Sprintf(" -x -a %q", strings.Join(v, " "))
			}
			fmt.Fprintf(w, "complete -c threatmap -n '__fish_seen_subcommand_from %s' %s\n", last, opt)
		}
	}
}
