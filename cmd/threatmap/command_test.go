package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every subcommand takes its flags after its file names as well as before.
func TestFlagsAfterFileNames(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	logs := sampleLogs(t)
	rules := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(rules, []byte("rules: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		args []string
		out  string // a file the command must have written
	}{
		{append(append([]string{"classify"}, logs...), "-q", "-o", at("events.csv"), "--actors", at("actors.csv")), at("actors.csv")},
		{[]string{"locate", at("events.csv"), "-q", "-o", at("located.csv")}, at("located.csv")},
		{[]string{"render", at("located.csv"), "-q", "--width", "300", "-o", at("render.png")}, at("render.png")},
		{append(append([]string{"map"}, logs...), "-q", "--width", "300", "-o", at("map.png")), at("map.png")},
		{append(append([]string{"report"}, logs...), "-q", "-o", at("report.md")), at("report.md")},
		{[]string{"rules", "check", rules, "--rules", rules}, ""},
		{[]string{"rules", "test", logs[0], "-q", "--log-tz", "UTC"}, ""},
		{[]string{"rules", "print", "--log-tz", "UTC"}, ""},
		{[]string{"completion", "bash"}, ""},
		{[]string{"version"}, ""},
	}
	for _, st := range steps {
		if _, stderr, err := runCmd(t, "", st.args...); err != nil {
			t.Errorf("%s: %v\n%s", st.args[0], err, stderr)
			continue
		}
		if st.out != "" {
			if fi, err := os.Stat(st.out); err != nil || fi.Size() == 0 {
				t.Errorf("%s wrote no %s: %v", st.args[0], filepath.Base(st.out), err)
			}
		}
	}
}

// An unknown flag is one line that names it and suggests the nearest one,
// not the whole help; no message repeats its command's name.
func TestUsageErrors(t *testing.T) {
	doubled := regexp.MustCompile(`\b(map|classify|locate|render|report|rules): (map|classify|locate|render|report|rules):`)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"map", "--bbx", "1,2,3,4", "x.log"}, "unknown flag --bbx; did you mean --bbox?"},
		{[]string{"render", "x.csv", "--regoin", "europe"}, "did you mean --region?"},
		{[]string{"locate", "--sinse", "7d"}, "did you mean --since?"},
		{[]string{"rules", "test", "--lines", "x"}, "did you mean --line?"},
		{[]string{"rules", "tset"}, `unknown subcommand "tset"; did you mean test?`},
		{[]string{"mpa"}, `unknown command "mpa"; did you mean map?`},
		{[]string{"locate", filepath.Join(t.TempDir(), "nope.csv")}, "no such file"},
		{[]string{"render", "--weight", "x"}, "--weight"},
	} {
		_, stderr, err := runCmd(t, "", tc.args...)
		msg := ""
		if err != nil {
			msg = "threatmap: " + err.Error()
		}
		if exitOf(err) != 1 || !strings.Contains(msg, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit 1 and %q", tc.args, exitOf(err), msg, tc.want)
		}
		if strings.Contains(stderr, "Usage:") || strings.Count(msg, "\n") > 0 {
			t.Errorf("%v: more than one line:\n%s%s", tc.args, stderr, msg)
		}
		if doubled.MatchString(msg) {
			t.Errorf("%v: doubled prefix: %q", tc.args, msg)
		}
	}
}

// `threatmap help CMD` and `CMD -h` print the same help, generated from the
// flags: every flag with its default, for commands and rules subcommands.
func TestHelp(t *testing.T) {
	for _, path := range [][]string{{"map"}, {"classify"}, {"locate"}, {"render"}, {"report"}, {"rules", "test"}, {"rules", "check"}, {"completion"}, {"version"}} {
		viaHelp, _, err := runCmd(t, "", append([]string{"help"}, path...)...)
		if err != nil {
			t.Fatalf("help %v: %v", path, err)
		}
		viaFlag, _, err := runCmd(t, "", append(path, "-h")...)
		if exitOf(err) != 0 || viaFlag != viaHelp {
			t.Errorf("%v -h (exit %d) differs from help %v:\n%s\n---\n%s", path, exitOf(err), path, viaFlag, viaHelp)
		}
		if !strings.HasPrefix(viaHelp, "Usage: threatmap "+strings.Join(path, " ")) || !strings.Contains(viaHelp, "Exit codes:") {
			t.Errorf("help %v:\n%s", path, viaHelp)
		}
	}
	h, _, _ := runCmd(t, "", "help", "map")
	for _, want := range []string{"--bbox W,S,E,N", "--scale S", "(default\nlog)", "(default 1000000)", "--include CATEGORIES", "--mmdb FILE", "--since TIME", "Geolocation"} {
		if !strings.Contains(strings.Join(strings.Fields(h), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("help map lacks %q", want)
		}
	}
}
