package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shardSampleArgs classify the bundled sample logs.
var shardSampleArgs = []string{"-q", "--log-tz", "UTC", "--rules", "../../testdata/sample/site.yaml",
	"../../testdata/sample/access.log", "../../testdata/sample/auth.log", "../../testdata/sample/mail.log"}

// classifyShards classifies the sample logs once whole (shard "") and once
// per shard of n, into dir: actors[-k].csv and events[-k].csv.
func classifyShards(t *testing.T, dir string, n int) {
	t.Helper()
	for k := -1; k < n; k++ {
		suffix, args := "", slices.Clone(shardSampleArgs)
		if k >= 0 {
			suffix = fmt.Sprintf("-%d", k)
			args = append(args, "--shard", fmt.Sprintf("%d/%d", k, n))
		}
		args = append(args, "--actors", filepath.Join(dir, "actors"+suffix+".csv"), "-o", filepath.Join(dir, "events"+suffix+".csv"))
		if _, stderr, err := runCmd(t, "", append([]string{"classify"}, args...)...); err != nil {
			t.Fatalf("classify shard %d: %v\n%s", k, err, stderr)
		}
	}
}

func shardPaths(dir, name string, n int) []string {
	var out []string
	for k := 0; k < n; k++ {
		out = append(out, filepath.Join(dir, fmt.Sprintf("%s-%d.csv", name, k)))
	}
	return out
}

// TestMergeShards: the sample logs split into four shards, classified and
// merged, give the single run's actors byte for byte, its events (the
// files are read one after the other, so they are not in time order across
// files: the merge keeps the rows, see located's tests for the order), and
// the same map.
func TestMergeShards(t *testing.T) {
	dir := t.TempDir()
	classifyShards(t, dir, 4)
	merged := filepath.Join(dir, "merged-actors.csv")
	if _, stderr, err := runCmd(t, "", append([]string{"merge", "-q", "-o", merged}, shardPaths(dir, "actors", 4)...)...); err != nil {
		t.Fatalf("merge actors: %v\n%s", err, stderr)
	}
	whole, _ := os.ReadFile(filepath.Join(dir, "actors.csv"))
	got, _ := os.ReadFile(merged)
	if !bytes.Equal(got, whole) {
		t.Errorf("merged actors differ from the single run:\n%s\nwant:\n%s", got, whole)
	}
	if n := strings.Count(string(whole), "\n"); n < 50 {
		t.Errorf("the single run has only %d actors lines", n)
	}

	mergedEvents := filepath.Join(dir, "merged-events.csv")
	if _, stderr, err := runCmd(t, "", append([]string{"merge", "-q", "-o", mergedEvents}, shardPaths(dir, "events", 4)...)...); err != nil {
		t.Fatalf("merge events: %v\n%s", err, stderr)
	}
	wantRows, gotRows := readRecords(t, filepath.Join(dir, "events.csv")), readRecords(t, mergedEvents)
	sortRecords(wantRows)
	sortRecords(gotRows)
	if !slices.EqualFunc(gotRows, wantRows, slices.Equal) {
		t.Errorf("merged events are not the single run's: %d rows, want %d", len(gotRows), len(wantRows))
	}

	wholeMap, mergedMap := renderEvents(t, dir, "events.csv"), renderEvents(t, dir, "merged-events.csv")
	if !bytes.Equal(wholeMap, mergedMap) {
		t.Error("the map of the merged events differs from the single run's")
	}
}

// renderEvents locates an events CSV of dir and renders it as a PNG.
func renderEvents(t *testing.T, dir, name string) []byte {
	t.Helper()
	loc := filepath.Join(dir, "located-"+name)
	png := filepath.Join(dir, name+".png")
	if _, stderr, err := runCmd(t, "", "locate", "-q", "-o", loc, filepath.Join(dir, name)); err != nil {
		t.Fatalf("locate %s: %v\n%s", name, err, stderr)
	}
	if _, stderr, err := runCmd(t, "", "render", "-q", "--width", "240", "-o", png, loc); err != nil {
		t.Fatalf("render %s: %v\n%s", name, err, stderr)
	}
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func sortRecords(recs [][]string) {
	slices.SortFunc(recs, func(a, b []string) int { return strings.Compare(strings.Join(a, ","), strings.Join(b, ",")) })
}

// TestMergeOverlap: parts that share an address are refused.
func TestMergeOverlap(t *testing.T) {
	dir := t.TempDir()
	classifyShards(t, dir, 2)
	parts := append(shardPaths(dir, "actors", 2), filepath.Join(dir, "actors.csv"))
	_, _, err := runCmd(t, "", append([]string{"merge", "-o", filepath.Join(dir, "x.csv")}, parts...)...)
	if err == nil || exitOf(err) != 1 || !strings.Contains(err.Error(), "not disjoint shards") {
		t.Errorf("overlapping parts: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.csv")); err == nil {
		t.Error("a refused merge left an output")
	}
}

// TestMergeUsage: the errors a user can make.
func TestMergeUsage(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	os.WriteFile(a, []byte("time,ip,threat\n2026-01-01T00:00:00Z,192.0.2.1,dos\n"), 0o644)
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(b, []byte("ip,category,risk,score\n192.0.2.2,dos,3,40\n"), 0o644)
	for _, args := range [][]string{
		{"merge"},
		{"merge", filepath.Join(dir, "missing.csv")},
		{"merge", a, b},
		{"merge", "-", "-"},
	} {
		if _, _, err := runCmd(t, "", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
