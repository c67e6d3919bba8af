package main

// Every file of the hostile corpus, alone and all together: nothing
// panics, every line is accounted for.

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
)

// TestHostileEachFile runs `classify --stats --allow-empty` over every corpus
// file alone.
func TestHostileEachFile(t *testing.T) {
	for _, m := range hostileManifest(t) {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			stats, events := filepath.Join(dir, "stats.json"), filepath.Join(dir, "events.csv")
			path := filepath.Join(hostileDir, m.name)
			r := runT(t, context.Background(), nil, nil, "classify", "--all", "--allow-empty", "--log-tz", "UTC", "--stats", stats, "-o", events, path)
			checkStderr(t, r.stderr)
			if r.took > 10*time.Second {
				t.Errorf("took %v", r.took)
			}
			wantCode := 0
			if slices.Contains(brokenGzip, m.name) {
				wantCode = 2
				if !strings.Contains(r.stderr, m.name) {
					t.Errorf("stderr does not name the broken input:\n%s", r.stderr)
				}
			}
			if r.code != wantCode {
				t.Fatalf("exit %d; want %d\n%s", r.code, wantCode, r.stderr)
			}
			s := readStats(t, stats)
			checkAccounting(t, s)
			switch {
			case m.name == "not-gzip.log.gz":
				// Gzip is recognised by its magic bytes, not its name: plain
				// text named .gz is read as what it is.
				if s.Lines != 1 || s.Classified != 1 {
					t.Errorf("plain text named .gz: %d lines, %d classified; want 1, 1", s.Lines, s.Classified)
				}
			case strings.HasSuffix(m.name, ".gz"):
				// Another decompressor may deliver a little less of a
				// broken stream than the manifest counted.
				if s.Lines > m.lines || (m.lines > 0 && s.Lines == 0) {
					t.Errorf("%d lines read; the manifest counts %d", s.Lines, m.lines)
				}
			default:
				if s.Lines != m.lines {
					t.Errorf("%d lines; the manifest counts %d", s.Lines, m.lines)
				}
			}
			b, err := os.ReadFile(events)
			if err != nil {
				t.Fatal(err)
			}
			rows := readEvents(t, string(b))
			if int64(len(rows)) != s.Classified {
				t.Errorf("%d event rows for %d classified lines (--all)", len(rows), s.Classified)
			}
		})
	}
}

// TestHostileAllTogether runs classify and map over the whole corpus in one
// run, with a 10 MB line, an empty directory and an unreadable file among
// the inputs: the broken inputs are named, the rest is read, exit 2.
func TestHostileAllTogether(t *testing.T) {
	dir := t.TempDir()
	inputs := corpusFiles(t)
	huge := hugeLog(t, dir)
	empty := filepath.Join(dir, "empty-dir")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, huge, empty)
	named := append(slices.Clone(brokenGzip), "empty-dir")
	if u := unreadableInput(t, dir); u != "" {
		inputs = append(inputs, u)
		named = append(named, u)
	} else {
		t.Log("no unreadable file available: that case is not exercised")
	}
	for _, cmd := range []string{"classify", "map"} {
		t.Run(cmd, func(t *testing.T) {
			out := t.TempDir()
			stats, events := filepath.Join(out, "stats.json"), filepath.Join(out, "events.csv")
			args := []string{cmd, "--log-tz", "UTC", "--stats", stats}
			if cmd == "classify" {
				args = append(args, "--all", "-o", events)
			} else {
				args = append(args, "--events", events, "--size", "400x300", "-o", filepath.Join(out, "map.png"))
			}
			r := runT(t, context.Background(), nil, nil, append(args, inputs...)...)
			checkStderr(t, r.stderr)
			if r.code != 2 {
				t.Fatalf("exit %d; want 2 (partial)\n%s", r.code, r.stderr)
			}
			if r.took > 15*time.Second {
				t.Errorf("took %v", r.took)
			}
			for _, n := range named {
				if !strings.Contains(r.stderr, n) {
					t.Errorf("stderr does not name %s:\n%s", n, r.stderr)
				}
			}
			s := readStats(t, stats)
			checkAccounting(t, s)
			byPath := map[string]classify.FileStats{}
			for _, f := range s.Files {
				byPath[f.Path] = f
			}
			for _, in := range inputs {
				if _, ok := byPath[in]; !ok {
					t.Errorf("%s missing from the stats", in)
				}
			}
			for _, n := range named {
				p := n
				if !filepath.IsAbs(n) {
					if n == "empty-dir" {
						p = empty
					} else {
						p = filepath.Join(hostileDir, n)
					}
				}
				if byPath[p].Error == "" {
					t.Errorf("%s: no error recorded in the stats", p)
				}
			}
			if f := byPath[huge]; f.Lines != 3 || f.Error != "" {
				t.Errorf("huge.log: %+v; want 3 lines read to the end", f)
			}
			if s.Skipped["too_long"] < 1 {
				t.Errorf("the 10 MB line is not counted as too long: %v", s.Skipped)
			}
			if cmd == "map" {
				if b, err := os.ReadFile(filepath.Join(out, "map.png")); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
					t.Errorf("no map written: %v", err)
				}
			}
			b, err := os.ReadFile(events)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, row := range readEvents(t, string(b)) {
				found = found || (row["ip"] == "45.141.84.99" && row["threat"] == "vuln_scanner")
			}
			if !found {
				t.Error("the line after the 10 MB line was not classified")
			}
		})
	}
}
