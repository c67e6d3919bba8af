package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

// cmdCompletion prints a shell completion script for bash, zsh or fish.
// Subcommands complete by name; their arguments complete as file names.
func cmdCompletion(_ context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("completion", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, `Usage: threatmap completion bash|zsh|fish

Prints a completion script. Examples:
  source <(threatmap completion bash)
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
	switch fs.Arg(0) {
	case "bash":
		fmt.Fprintf(env.Stdout, `_threatmap() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "%s help" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _threatmap threatmap
`, words)
	case "zsh":
		fmt.Fprintf(env.Stdout, "#compdef threatmap\n_threatmap() {\n  if (( CURRENT == 2 )); then\n    compadd %s help\n  else\n    _files\n  fi\n}\ncompdef _threatmap threatmap\n", words)
	case "fish":
		for _, c := range commands() {
			fmt.Fprintf(env.Stdout, "complete -c threatmap -n __fish_use_subcommand -a %s -d %q\n", c.name, c.summary)
		}
	default:
		return usageErrorf("completion: unknown shell %q: use bash, zsh or fish", fs.Arg(0))
	}
	return nil
}
