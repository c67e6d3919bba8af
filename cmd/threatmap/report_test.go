package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The HTML report of the sample logs answers an operator's
// questions: the incident's scanner on top, the month per day with the
// DoS burst, the countries, the dictionary user names, every input.
func TestReportHTML(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	charts := filepath.Join(dir, "charts")
	args := append([]string{"report", "-q", "--log-tz", "UTC", "--width", "480", "--top", "5", "--charts", charts, "-o", out}, sampleLogs(t)...)
	if _, stderr, err := runCmd(t, "", args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{
		"<h2>Key findings</h2>", "<h2>Where attacks come from</h2>", "Events per day",
		"<h2>Threat categories</h2>", "<h2>Source countries", "<h2>User names tried",
		"<h2>Top actors", "<h2>Inputs</h2>", "<h2>Geolocation</h2>",
		"1 Oct 2026 – 31 Oct 2026 (UTC)",
		"5.2.136.246", // the incident report's Acunetix scan: the riskiest address
		"Romania", ">root<", "access.log", "auth.log", "mail.log",
		`http-equiv="Content-Security-Policy"`, "@media print",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(html, `src="data:image/png;base64,`); n != 6 {
		t.Errorf("%d inline images, want 6 (map, timeline, hours, 2 × countries, users)", n)
	}
	if regexp.MustCompile(`<script[^>]* src|<link|src="http|url\(`).MatchString(html) {
		t.Error("report references a script, a stylesheet or a remote resource")
	}
	// The one script is the interactive map's, allowed by its hash.
	if n := strings.Count(html, "<script"); n != 2 || !strings.Contains(html, `script-src &#39;sha256-`) || !strings.Contains(html, `id="tm-data"`) {
		t.Errorf("%d scripts; want the interactive map's data and code, allowed by hash", n)
	}
	// Riskiest first: the Acunetix scanner's row comes before any other address's.
	if i, j := strings.Index(html, "5.2.136.246"), strings.Index(html, "222.186.30.76"); i < 0 || (j >= 0 && j < i) {
		t.Errorf("5.2.136.246 at %d, 222.186.30.76 at %d: the scanner should rank first", i, j)
	}
	for _, name := range []string{"map.png", "timeline.png", "timeline.svg", "hours.png", "hours.svg", "countries-events.png", "countries-risk.svg", "users.png", "users.svg"} {
		if st, err := os.Stat(filepath.Join(charts, name)); err != nil || st.Size() == 0 {
			t.Errorf("--charts: %s: %v", name, err)
		}
	}
}

// Text from the logs reaches the report escaped: a user name that is
// markup stays text in HTML and in Markdown.
func TestReportEscapesLogText(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "auth.log")
	var lines []string
	for i := range 4 {
		lines = append(lines, "2026-10-03T10:0"+string(rune('0'+i))+":00+00:00 host sshd[1]: Invalid user <img/src=x onerror=alert(1)>|`*_ from 198.51.100.7 port 4000")
	}
	if err := os.WriteFile(log, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "r.html")
	md := filepath.Join(dir, "r.md")
	for _, args := range [][]string{
		{"report", "-q", "--width", "320", "-o", html, log},
		{"report", "-q", "--format", "md", "-o", md, log},
	} {
		if _, stderr, err := runCmd(t, "", args...); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
	}
	h, _ := os.ReadFile(html)
	if strings.Contains(string(h), "<img/src=x") || !strings.Contains(string(h), "&lt;img/src=x onerror=alert(1)&gt;") {
		t.Errorf("HTML: the user name is not escaped:\n%s", grepLines(string(h), "onerror"))
	}
	m, _ := os.ReadFile(md)
	if strings.Contains(string(m), "<img") || !strings.Contains(string(m), "&lt;img/src=x onerror=alert(1)&gt;&#124;&#96;&#42;&#95;") {
		t.Errorf("Markdown: the user name is not escaped:\n%s", grepLines(string(m), "onerror"))
	}
	if !strings.Contains(string(m), "## Threat report") || !strings.Contains(string(m), "| Brute force | 4 |") {
		t.Errorf("Markdown summary:\n%s", m)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestReportFlags(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	os.WriteFile(log, []byte(cliLog), 0o644)
	// --format takes a log format as well as html or md.
	if _, stderr, err := runCmd(t, "", "report", "-q", "--width", "320", "--format", "access", "--format", "md", "-o", filepath.Join(dir, "r.txt"), log); err != nil {
		t.Fatalf("--format access --format md: %v\n%s", err, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "r.txt")); !strings.HasPrefix(string(b), "## Threat report") {
		t.Errorf("--format md wrote:\n%.200s", b)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "-o", filepath.Join(dir, "r.png"), log}, "use 'threatmap map'"},
		{[]string{"report", "--format", "pdf", log}, "want html or md"},
		{[]string{"report", "--top", "0", log}, "--top 0"},
		{[]string{"report"}, "name at least one log"},
	} {
		_, _, err := runCmd(t, "", c.args...)
		if exitOf(err) != 1 || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want a usage error with %q", c.args, err, c.want)
		}
	}
}
