package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), err
}

func exitOf(err error) int {
	var buf bytes.Buffer
	return exitCode(err, &buf)
}

const cliLog = `203.0.113.5 - - [13/Mar/2021:23:36:26 +0000] "GET /phpMyAdmin/scripts/setup.php HTTP/1.1" 403 0 "-" "ZmEu"
203.0.113.6 - - [13/Mar/2021:23:36:27 +0000] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0"
198.51.100.4 - - [13/Mar/2021:23:36:28 +0000] "CONNECT leakix.net:443 HTTP/1.1" 403 0 "-" "Go-http-client/1.1"
Mar 13 23:46:00 web sshd[1]: Invalid user steam from 198.51.100.79 port 50000
Mar 13 23:46:01 web CRON[2]: pam_unix(cron:session): session opened for user root
`

func TestClassifyCommand(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "access.log")
	os.WriteFile(logPath, []byte(cliLog), 0o644)
	actors, stats := filepath.Join(dir, "actors.csv"), filepath.Join(dir, "stats.json")
	out, stderr, err := runCmd(t, "", "classify", "--log-tz", "UTC", logPath, "--actors", actors, "--stats", stats)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "time,ip,threat,risk,rule,source" || len(lines) != 4 {
		t.Fatalf("events:\n%s", out)
	}
	if !strings.HasPrefix(lines[1], "2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,scanner-user-agent,") {
		t.Errorf("row %q", lines[1])
	}
	if !strings.Contains(stderr, "5 lines") || !strings.Contains(stderr, "1 ignored") {
		t.Errorf("summary %q", stderr)
	}
	a, _ := os.ReadFile(actors)
	if !strings.HasPrefix(string(a), "ip,category,risk,score,events,first_seen,last_seen,categories,compromised,services,users\n203.0.113.5,vuln_scanner,5,41.4,1,") {
		t.Errorf("actors:\n%s", a)
	}
	var s struct {
		Files []struct {
			Path, Format, Error string
			Lines               int
		}
		Lines, Classified, Ignored int
		Skipped                    map[string]int
		Actors, Events             map[string]int
	}
	b, _ := os.ReadFile(stats)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Lines != 5 || s.Classified != 4 || s.Ignored != 1 || s.Files[0].Path != logPath || s.Actors["vuln_scanner"] != 1 || s.Events["legit"] != 1 {
		t.Errorf("stats %s", b)
	}

	// --all includes legit lines; stdin works.
	out, _, err = runCmd(t, cliLog, "classify", "--all", "-q", "-")
	if err != nil || strings.Count(out, "\n") != 5 {
		t.Errorf("--all: %v\n%s", err, out)
	}
}

func TestClassifyErrors(t *testing.T) {
	dir := t.TempDir()
	// A missing file is an input error naming it: exit 1.
	_, _, err := runCmd(t, "", "classify", filepath.Join(dir, "nope.log"))
	if exitOf(err) != 1 || !strings.Contains(err.Error(), "nope.log") {
		t.Errorf("missing: %v", err)
	}
	// A bad rule file names file, rule and field.
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("rules:\n  - name: mine\n    category: noise\n    match: {stauts: [401]}\n"), 0o644)
	_, _, err = runCmd(t, cliLog, "classify", "--rules", bad, "-")
	if exitOf(err) != 1 || !strings.Contains(err.Error(), "bad.yaml:4") || !strings.Contains(err.Error(), `"mine"`) || !strings.Contains(err.Error(), "stauts") {
		t.Errorf("bad rules: %v", err)
	}
	// A truncated .gz keeps what was read and exits 2, naming the file.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	for i := 0; i < 500; i++ {
		zw.Write([]byte(cliLog))
	}
	zw.Close()
	cut := filepath.Join(dir, "access.log.1.gz")
	os.WriteFile(cut, z.Bytes()[:z.Len()/2], 0o644)
	good := filepath.Join(dir, "access.log")
	os.WriteFile(good, []byte(cliLog), 0o644)
	out, stderr, err := runCmd(t, "", "classify", "--log-tz", "UTC", filepath.Join(dir, "access.log*"))
	if exitOf(err) != 2 || !strings.Contains(err.Error(), "access.log.1.gz") || !strings.Contains(stderr, "truncated") {
		t.Errorf("truncated: %v\n%s", err, stderr)
	}
	if strings.Count(out, "vuln_scanner") < 2 {
		t.Errorf("lost what was read:\n%.300s", out)
	}
	// Output equal to input is refused.
	_, _, err = runCmd(t, "", "classify", "-o", good, good)
	if exitOf(err) != 1 {
		t.Errorf("output = input: %v", err)
	}
	// Unknown format.
	_, _, err = runCmd(t, "", "classify", "--format", "xml", good)
	if exitOf(err) != 1 {
		t.Errorf("bad format: %v", err)
	}
	if _, _, err = runCmd(t, "", "classify", "-h"); !errors.Is(err, errHelp) {
		t.Errorf("-h: %v", err)
	}
}

func TestClassifySinceUntil(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "access.log")
	os.WriteFile(logPath, []byte(cliLog), 0o644)
	stats := filepath.Join(dir, "stats.json")
	out, stderr, err := runCmd(t, "", "classify", "--log-tz", "UTC", "--all", "-q",
		"--since", "2021-03-13T23:36:27Z", "--until", "2021-03-13T23:36:28Z", "--stats", stats, logPath)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "2021-03-13T23:36:27Z,203.0.113.6,legit,") {
		t.Errorf("events:\n%s", out)
	}
	var s struct{ Lines, Classified, Ignored int }
	b, _ := os.ReadFile(stats)
	if err := json.Unmarshal(b, &s); err != nil || s.Lines != 5 || s.Classified != 1 || s.Ignored != 4 {
		t.Errorf("stats %s (%v)", b, err)
	}
	if _, _, err := runCmd(t, "", "classify", "--since", "yesterday", logPath); exitOf(err) != 1 {
		t.Errorf("--since yesterday: %v, want a usage error", err)
	}
	if _, _, err := runCmd(t, "", "classify", "--since", "2021-03-14", "--until", "2021-03-13", logPath); exitOf(err) != 1 {
		t.Errorf("--since after --until: %v, want a usage error", err)
	}
}

// The legit and also-seen lines of the summary say how many of their
// addresses are counted above too: an attacker's connection lines that
// match no rule are legit events, its banner grab is noise, and its
// address is neither a legit user nor another prober.
func TestSummaryLegitAlsoAbove(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "Mar  3 10:00:1%d web1 sshd[10%d]: Failed password for root from 203.0.113.5 port 4%d ssh2\n", i, i, i)
		fmt.Fprintf(&b, "Mar  3 10:00:1%d web1 sshd[10%d]: Received disconnect from 203.0.113.5 port 4%d:11: Bye Bye [preauth]\n", i, i, i)
	}
	b.WriteString("Mar  3 10:05:00 web1 sshd[200]: Accepted publickey for alice from 198.51.100.7 port 5000 ssh2: ED25519 SHA256:abc\n")
	b.WriteString("Mar  3 10:06:00 web1 sshd[201]: Did not receive identification string from 203.0.113.5 port 4000\n")
	b.WriteString("Mar  3 10:06:01 web1 sshd[202]: Did not receive identification string from 192.0.2.44 port 4001\n")
	dir := t.TempDir()
	in := filepath.Join(dir, "auth.log")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, "", "classify", "--log-tz", "UTC", "-o", filepath.Join(dir, "events.csv"), in)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"threats:     1 address, 8 events: brute_force 1 address (8 events)\n",
		"also seen:   noise 2 addresses (2 events; 1 also a threat)\n",
		"legit:       9 events from 2 addresses, 1 of them also above\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
}

// The summary names the zone log times were read in only when some time
// had no zone to read.
func TestSummaryLogZoneOnlyWhenUsed(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, log string
		want      bool
	}{
		{"access.log", `203.0.113.9 - - [10/Oct/2025:13:55:36 +0200] "GET /.env HTTP/1.1" 404 512 "-" "curl/8.5.0"` + "\n", false},
		{"auth.log", "Oct 10 13:55:36 web1 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2\n", true},
	} {
		in := filepath.Join(dir, tc.name)
		if err := os.WriteFile(in, []byte(tc.log), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"classify", "map"} {
			out := filepath.Join(dir, tc.name+"."+cmd+".csv")
			if cmd == "map" {
				out = filepath.Join(dir, tc.name+".svg")
			}
			_, stderr, err := runCmd(t, "", cmd, "--log-tz", "Europe/Paris", "-o", out, in)
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", cmd, tc.name, err, stderr)
			}
			if got := strings.Contains(stderr, "log times:   without a zone read as Europe/Paris"); got != tc.want {
				t.Errorf("%s %s: zone line %v, want %v:\n%s", cmd, tc.name, got, tc.want, stderr)
			}
			if cmd == "map" {
				svg, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Contains(string(svg), "without a zone read as"); got != tc.want {
					t.Errorf("map %s: caption note %v, want %v", tc.name, got, tc.want)
				}
			}
		}
	}
}
