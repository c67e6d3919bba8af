package main

// Input that is large on purpose: a huge line, a million spoofed
// sources, a full address cap.

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/internal/loggen"
)

// TestHostileHugeLineMemory: a 10 MB line costs at most the line cap, not
// its length.
func TestHostileHugeLineMemory(t *testing.T) {
	line := loggen.HugeLine(10 << 20)
	rules, err := classify.LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	c := classify.NewClassifier(compiled, classify.Options{MaxLineBytes: 64 << 10})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := c.Classify(context.Background(), bytes.NewReader(line), "huge", time.Time{}, func(classify.Event) error { return nil }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2<<20 {
		t.Errorf("classifying a 10 MB line allocated %d bytes; want about the 64 KiB cap", grew)
	}
	if s := c.Stats(); s.Skipped["too_long"] != 1 || s.Lines != 1 {
		t.Errorf("stats %+v; want 1 line, too_long", s)
	}
}

// TestHostileMillionSpoofed: a million distinct spoofed sources, through
// stdin. Per-address state stays under its cap, the eviction is reported,
// every line is accounted for.
func TestHostileMillionSpoofed(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	const maxActors = 50_000
	pr, pw := io.Pipe()
	go func() {
		_, err := loggen.SpoofedIPs(pw, n, 8)
		pw.CloseWithError(err)
	}()
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	r := runT(t, context.Background(), nil, pr, "map", "--format", "access", "--max-actors", strconv.Itoa(maxActors),
		"--stats", stats, "--size", "400x300", "-o", filepath.Join(dir, "map.png"), "-")
	pr.Close()
	t.Logf("%d spoofed lines in %v", n, r.took)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	s := readStats(t, stats)
	checkAccounting(t, s)
	if s.Lines != int64(n) {
		t.Errorf("%d lines; want %d", s.Lines, n)
	}
	var actors int64
	for _, v := range s.Actors {
		actors += v
	}
	if actors > maxActors {
		t.Errorf("%d addresses tracked over a cap of %d", actors, maxActors)
	}
	if s.Evicted == 0 {
		t.Error("the cap never evicted anything")
	}
	if !strings.Contains(r.stderr, "address cap reached") {
		t.Errorf("no warning that the cap bit:\n%s", r.stderr)
	}
}

// TestHostileActorCapSaturated: when the tracked addresses are all threats
// (nothing to evict), new addresses are untracked, still classified, and the
// user is warned.
func TestHostileActorCapSaturated(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		b.WriteString("45.141.")
		b.WriteString(strconv.Itoa(i / 250))
		b.WriteString(".")
		b.WriteString(strconv.Itoa(i%250 + 1))
		b.WriteString(` - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	}
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	r := runT(t, context.Background(), nil, strings.NewReader(b.String()), "classify", "--max-actors", "20", "--stats", stats, "-o", filepath.Join(dir, "events.csv"), "-")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	s := readStats(t, stats)
	checkAccounting(t, s)
	if s.Actors[classify.VulnScanner] != 20 || s.Untracked != 180 || s.Events[classify.VulnScanner] != 200 {
		t.Errorf("actors %v, untracked %d, events %v; want 20 tracked, 180 untracked, 200 events", s.Actors, s.Untracked, s.Events)
	}
	if !strings.Contains(r.stderr, "address cap reached") || !strings.Contains(r.stderr, "--max-actors") {
		t.Errorf("no warning that the cap bit:\n%s", r.stderr)
	}
}
