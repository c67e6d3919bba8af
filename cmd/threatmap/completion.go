package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// cmdCompletion prints a shell completion script for bash, zsh or fish.
// Subcommands complete by name, their flags after a dash, and other
// arguments as file names.
func cmdCompletion(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("completion", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, `Usage: threatmap completion bash|zsh|fish

Prints a completion script: subcommands, each one's flags, file names.

Examples:
  source <(threatmap completion bash)
  threatmap completion bash > /etc/bash_completion.d/threatmap
  threatmap completion zsh > "${fpath[1]}/_threatmap"
  threatmap completion fish > ~/.config/fish/completions/threatmap.fish
`)
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return usageErrorf("completion: %v", err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageErrorf("completion: name one shell: bash, zsh or fish")
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	words := strings.Join(names, " ")
	flags := commandFlags(ctx)
	switch fs.Arg(0) {
	case "bash":
		var cases strings.Builder
		for _, c := range names {
			if f := flags[c]; len(f) > 0 {
				fmt.Fprintf(&cases, "      %s) COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c, strings.Join(f, " "))
			}
		}
		fmt.Fprintf(env.Stdout, `_threatmap() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "%s help" -- "$cur"))
  elif [[ $cur == -* ]]; then
    case ${COMP_WORDS[1]} in
%s    esac
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _threatmap threatmap
`, words, cases.String())
	case "zsh":
		var cases strings.Builder
		for _, c := range names {
			if f := flags[c]; len(f) > 0 {
				fmt.Fprintf(&cases, "      %s) compadd -- %s ;;\n", c, strings.Join(f, " "))
			}
		}
		fmt.Fprintf(env.Stdout, `#compdef threatmap
_threatmap() {
  if (( CURRENT == 2 )); then
    compadd %s help
  elif [[ $PREFIX == -* ]]; then
    case $words[2] in
%s    esac
  else
    _files
  fi
}
compdef _threatmap threatmap
`, words, cases.String())
	case "fish":
		for _, c := range commands() {
			fmt.Fprintf(env.Stdout, "complete -c threatmap -n __fish_use_subcommand -a %s -d %q\n", c.name, c.summary)
		}
		for _, c := range names {
			for _, f := range flags[c] {
				opt := "-l " + strings.TrimLeft(f, "-")
				if !strings.HasPrefix(f, "--") {
					opt = "-o " + strings.TrimLeft(f, "-")
				}
				fmt.Fprintf(env.Stdout, "complete -c threatmap -n '__fish_seen_subcommand_from %s' %s\n", c, opt)
			}
		}
	default:
		return usageErrorf("completion: unknown shell %q: use bash, zsh or fish", fs.Arg(0))
	}
	return nil
}

// helpFlag matches a flag at the start of a line of a command's help
// ("  --since TIME  …", "  -o FILE  …") or in a synopsis ("[--rules FILE]").
var helpFlag = regexp.MustCompile(`(?m)(?:^\s{2,}|[\[(])(--?[a-z][a-z0-9-]*)`)

// commandFlags reads each subcommand's flags from its own -h text, so
// that completion never drifts from the help.
func commandFlags(ctx context.Context) map[string][]string {
	out := map[string][]string{}
	for _, c := range commands() {
		if c.name == "completion" || c.name == "version" {
			continue
		}
		var help bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &help, Stderr: &help, Getenv: func(string) string { return "" }}
		_ = c.run(ctx, env, []string{"-h"})
		var fl []string
		for _, m := range helpFlag.FindAllStringSubmatch(help.String(), -1) {
			if !slices.Contains(fl, m[1]) {
				fl = append(fl, m[1])
			}
		}
		slices.Sort(fl)
		out[c.name] = fl
	}
	return out
}
