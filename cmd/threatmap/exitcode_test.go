package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNothingFound runs each way of finding nothing through classify, map
// and report: exit 3, an error saying which and how to fix it, and no
// output left; with --allow-empty, classify writes its outputs and exits 0
// (map and report draw, which takes too long to repeat here).
func TestNothingFound(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := write("garbage.log", strings.Repeat("\x01\x02 not a log line at all \x7f\n", 20))
	empty := write("empty.log", "")
	old := write("old.log", cliLog)
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "README.md"), []byte("# notes\n"), 0o644)
	cases := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"not understood", []string{garbage}, "--format"},
		{"empty input", []string{empty}, "check the path"},
		{"empty window", []string{"--since", "2030-01-01", old}, "widen the window"},
		{"passed over", []string{docs}, "README.md"},
	}
	for _, c := range cases {
		for _, cmd := range []string{"classify", "map", "report"} {
			t.Run(c.name+"/"+cmd, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				out += map[string]string{"classify": ".csv", "map": ".png", "report": ".html"}[cmd]
				args := append([]string{cmd, "-q", "--log-tz", "UTC", "-o", out}, c.args...)
				r := runT(t, context.Background(), nil, nil, args...)
				if r.code != exitNothingFound || !strings.Contains(r.stderr, "nothing found") || !strings.Contains(r.stderr, c.want) {
					t.Fatalf("exit %d; want %d and %q\n%s", r.code, exitNothingFound, c.want, r.stderr)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("%s written by a run that found nothing", out)
				}
				if cmd != "classify" {
					return
				}
				r = runT(t, context.Background(), nil, nil, append([]string{cmd, "--allow-empty"}, args[1:]...)...)
				if r.code != 0 {
					t.Fatalf("--allow-empty: exit %d\n%s", r.code, r.stderr)
				}
				if _, err := os.Stat(out); err != nil {
					t.Errorf("--allow-empty: %v", err)
				}
			})
		}
	}
}

// TestFailedRunLeavesNoOutput: an output that cannot be written fails the
// run before it reads anything, and the other outputs are not left behind.
func TestFailedRunLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "access.log")
	os.WriteFile(logPath, []byte(cliLog), 0o644)
	ok := filepath.Join(dir, "ok.csv")
	r := runT(t, context.Background(), nil, nil, "classify", "--log-tz", "UTC", "--actors", filepath.Join(dir, "nonexistent", "a.csv"), "-o", ok, logPath)
	if r.code != 1 || !strings.Contains(r.stderr, "nonexistent") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
}

// TestRulesTestTruncatedGzip: rules test explains the lines read, then
// names the broken input and exits 2.
func TestRulesTestTruncatedGzip(t *testing.T) {
	r := runT(t, context.Background(), nil, nil, "rules", "test", "-q", "--log-tz", "UTC", filepath.Join(hostileDir, "truncated.log.gz"))
	if r.code != 2 || !strings.Contains(r.stderr, "truncated.log.gz: stopped after 1,195 lines") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestSummaryWords: counts have thousands separators and a singular for 1.
func TestSummaryWords(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "access.log")
	os.WriteFile(logPath, []byte(strings.Repeat(cliLog, 240)), 0o644)
	r := runT(t, context.Background(), nil, nil, "classify", "--log-tz", "UTC", "-o", filepath.Join(t.TempDir(), "e.csv"), logPath)
	for _, want := range []string{"1,200 lines from 1 input in", "960 classified, 240 ignored", "proxy_scanner 1 address (240 events)"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stderr)
		}
	}
}

// TestRenderNothingFound: render of a CSV without a row, or with every
// row outside the window, exits 3 and writes nothing.
func TestRenderNothingFound(t *testing.T) {
	dir := t.TempDir()
	headerOnly := filepath.Join(dir, "located.csv")
	os.WriteFile(headerOnly, []byte("time,ip,threat,lat,lon\n"), 0o644)
	old := filepath.Join(dir, "old.csv")
	os.WriteFile(old, []byte("time,ip,threat,lat,lon\n2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,48.8,2.3\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{headerOnly}, "holds no row"},
		{[]string{"--since", "2030-01-01", old}, "widen the window"},
	} {
		out := filepath.Join(t.TempDir(), "map.png")
		r := runT(t, context.Background(), nil, nil, append([]string{"render", "-q", "-o", out}, c.args...)...)
		if r.code != exitNothingFound || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d\n%s", c.args, r.code, r.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: %s written", c.args, out)
		}
	}
}
