package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesCommand(t *testing.T) {
	out, _, err := runCmd(t, "", "rules", "print")
	if err != nil || !strings.Contains(out, "name: scanner-user-agent") || !strings.Contains(out, "mode: attempts") {
		t.Fatalf("print: %v\n%.500s", err, out)
	}
	// What print writes is a valid rule file.
	dir := t.TempDir()
	p := filepath.Join(dir, "printed.yaml")
	os.WriteFile(p, []byte(out), 0o644)
	out, _, err = runCmd(t, "", "rules", "check", "--rules", p)
	if err != nil || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check: %v %s", err, out)
	}

	out, _, err = runCmd(t, "", "rules", "test", "--log-tz", "UTC",
		"--line", `203.0.113.21 - - [01/Oct/2016:10:07:03 +0100] "\x16\x03\x02" 400 0 "-" "-"`,
		"--line", `Mar  3 09:52:42 web sshd[812]: Failed password for root from 203.0.113.50 port 40000 ssh2`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"match non-http-request (noise)", "request \"non_http\"", "=> noise by non-http-request",
		"counts in window ssh", "Lines: 2, classified 2", "203.0.113.21"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules test output lacks %q:\n%s", want, out)
		}
	}
	// A file, through stdin.
	out, _, err = runCmd(t, cliLog, "rules", "test", "-q", "-")
	if err != nil || !strings.Contains(out, "scanner-user-agent") || strings.Contains(out, "line 1:") {
		t.Errorf("rules test -q -: %v\n%s", err, out)
	}
	if _, _, err = runCmd(t, "", "rules", "test"); exitOf(err) != 1 {
		t.Errorf("no input: %v", err)
	}
	if _, _, err = runCmd(t, "", "rules", "frob"); exitOf(err) != 1 {
		t.Errorf("unknown subcommand: %v", err)
	}
}
