package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Completion scripts offer each subcommand's own flags, the rules
// subcommands and the words some flags take, read from the command table,
// and are valid shell.
func TestCompletionFlags(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		out, _, err := runCmd(t, "", "completion", sh)
		if err != nil {
			t.Fatalf("%s: %v", sh, err)
		}
		for _, want := range []string{"report", "charts", "since", "mmdb", "europe", "eqhist", "slide", "print check test"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s script lacks %q", sh, want)
			}
		}
		if sh == "bash" {
			if !strings.Contains(out, `"report") COMPREPLY=($(compgen -W "`) || !strings.Contains(out, `"rules test") COMPREPLY=($(compgen -W "--format --line`) ||
				!strings.Contains(out, `--region) COMPREPLY=($(compgen -W "africa`) || !strings.Contains(out, `rules) COMPREPLY=($(compgen -W "print check test"`) {
				t.Errorf("bash script has no per-subcommand flags:\n%s", out)
			}
			if _, err := exec.LookPath("bash"); err == nil {
				cmd := exec.Command("bash", "-n")
				cmd.Stdin = strings.NewReader(out)
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("bash -n: %v\n%s", err, b)
				}
			}
		}
	}
}
