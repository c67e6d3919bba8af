package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every route from the sample logs to a map counts the same: the whole
// pipeline, the events CSV and the actors CSV located and rendered, and the
// events CSV read back as a log. Compared are the summary's counts by
// category, the legend and the caption of the map.
func TestRoutesCountAlike(t *testing.T) {
	t.Run("threats", func(t *testing.T) { checkRoutes(t, nil) })
	t.Run("include", func(t *testing.T) { checkRoutes(t, []string{"--include", "noise,good_bot,vpn"}) })
}

// checkRoutes runs every route with the map flags extra.
func checkRoutes(t *testing.T, extra []string) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	logs := sampleLogs(t)
	steps := []struct {
		route string // which route the step's map belongs to; "" for none
		args  []string
	}{
		{"logs → map", append([]string{"map", "--log-tz", "UTC", "--rules", sampleRules, "--events", at("events.csv"), "--actors", at("actors.csv"), "-o", at("map.svg")}, logs...)},
		{"", []string{"locate", at("events.csv"), "-o", at("events-located.csv")}},
		{"events CSV → locate → render", []string{"render", at("events-located.csv"), "-o", at("events.svg")}},
		{"", []string{"locate", at("actors.csv"), "-o", at("actors-located.csv")}},
		{"actors CSV → locate → render", []string{"render", at("actors-located.csv"), "-o", at("actors.svg")}},
		{"events CSV → map", []string{"map", at("events.csv"), "-o", at("events-map.svg")}},
	}
	var want, wantSummary []string
	for _, st := range steps {
		if st.route != "" {
			st.args = append(st.args, extra...)
		}
		_, stderr, err := runCmd(t, "", st.args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(st.args, " "), err, stderr)
		}
		if st.route == "" {
			continue
		}
		got := mapNumbers(t, st.args[slices.Index(st.args, "-o")+1])
		summary := summaryCounts(stderr)
		t.Logf("%s:\n  %s\n  %s", st.route, strings.Join(got, "\n  "), strings.Join(summary, "\n  "))
		if want == nil {
			want, wantSummary = got, summary
			if len(want) < 5 || len(summary) < 1 {
				t.Fatalf("%s: too few numbers: %q, %q", st.route, want, summary)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: map says\n  %s\nwant\n  %s", st.route, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		if !slices.Equal(summary, wantSummary) {
			t.Errorf("%s: summary says\n  %s\nwant\n  %s", st.route, strings.Join(summary, "\n  "), strings.Join(wantSummary, "\n  "))
		}
	}
}

var svgText = regexp.MustCompile(`>([^<>]*\d[^<>]*)</text>`)

// mapNumbers are the texts of an SVG map that hold a number and a unit:
// legend entries and the caption (the colour bar's ticks are left out).
func mapNumbers(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range svgText.FindAllStringSubmatch(string(b), -1) {
		if strings.Contains(m[1], "address") || strings.Contains(m[1], "event") {
			out = append(out, m[1])
		}
	}
	return out
}

// summaryCounts are the lines of a summary that count by category.
func summaryCounts(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "threats:") || strings.HasPrefix(l, "also seen:") {
			out = append(out, l)
		}
	}
	return out
}

// The report's headline counts what the summary and the map count: the
// threat events and sources, with and without --include.
func TestReportCountsAsSummary(t *testing.T) {
	logs := sampleLogs(t)
	summaryRE := regexp.MustCompile(`threats:\s+([\d,]+) address(?:es)?, ([\d,]+) events?`)
	headRE := regexp.MustCompile(`\| \*\*([\d,]+)\*\* \| \*\*([\d,]+)\*\* \|`)
	for _, extra := range [][]string{nil, {"--include", "noise,good_bot,vpn"}} {
		args := append([]string{"report", "--log-tz", "UTC", "--rules", sampleRules, "--format", "md", "-o", filepath.Join(t.TempDir(), "r.md")}, extra...)
		_, stderr, err := runCmd(t, "", append(args, logs...)...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		md, err := os.ReadFile(args[slices.Index(args, "-o")+1])
		if err != nil {
			t.Fatal(err)
		}
		s, h := summaryRE.FindStringSubmatch(stderr), headRE.FindStringSubmatch(string(md))
		if s == nil || h == nil {
			t.Fatalf("include %v: no counts in the summary or the report:\n%s\n%s", extra, stderr, md)
		}
		if s[2] != h[1] || s[1] != h[2] {
			t.Errorf("include %v: summary %s addresses, %s events; report %s events, %s sources", extra, s[1], s[2], h[1], h[2])
		}
	}
}
