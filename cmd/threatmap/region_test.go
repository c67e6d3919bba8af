package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// classicCSV is the gallery's located actors: a DoS source in France,
// proxy scanners in China, vulnerability scanners in the US, Europe and
// India (38 addresses).
var classicCSV = filepath.Join("..", "..", "testdata", "gallery", "classic.csv")

// With --region or --bbox the legend, caption and colour bar count what
// lies in the view, and the caption says how many addresses lie outside;
// an empty view says so instead of a legend.
func TestRegionScopesTheCounts(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		flags []string
		want  []string // the map's texts with numbers, in order
	}{
		{"world", nil, []string{
			"Vulnerability scanner · 17 addresses", "DoS source · 1 address", "Proxy scanner / Tor · 20 addresses",
			"1 Feb 2021 00:00 – 28 Feb 2021 23:00 UTC  ·  21,676 events  ·  38 source addresses"}},
		// Europe: the DoS source and 6 scanners in Amsterdam, Frankfurt,
		// London and Paris.
		{"europe", []string{"--region", "europe"}, []string{
			"Vulnerability scanner · 6 addresses", "DoS source · 1 address",
			"1 Feb 2021 00:00 – 28 Feb 2021 23:00 UTC  ·  20,420 events  ·  7 source addresses  ·  31 addresses outside the view"}},
		{"china", []string{"--bbox", "100,18,125,42"}, []string{
			"Proxy scanner / Tor · 20 addresses",
			"1 Feb 2021 00:00 – 28 Feb 2021 23:00 UTC  ·  366 events  ·  20 source addresses  ·  18 addresses outside the view"}},
		{"pacific", []string{"--bbox", "-170,-40,-120,0"}, []string{"38 addresses outside the view"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".svg")
			args := append([]string{"render", classicCSV, "-q", "-o", out}, tc.flags...)
			if _, stderr, err := runCmd(t, "", args...); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if got := mapNumbers(t, out); !slices.Equal(got, tc.want) {
				t.Errorf("map says\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if empty := strings.Contains(string(b), ">No located events in the view<"); empty != (tc.name == "pacific") {
				t.Errorf("notice of an empty view shown: %v", empty)
			}
		})
	}
}
