package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDirectoryPassesOverNonLogs: of a directory only the logs are read;
// the others are named with the reason in the summary and in --stats'
// passed_over; a file named explicitly is read whatever it holds.
func TestDirectoryPassesOverNonLogs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"access.log":   cliLog,
		"README.md":    "# Sample logs\n\nGenerated.\n",
		"expected.csv": "ip,category\n203.0.113.5,vuln_scanner\n",
		"notes.txt":    "nothing here is a log line\nnor here\n",
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	stats := filepath.Join(t.TempDir(), "stats.json")
	r := runT(t, context.Background(), nil, nil, "classify", "--log-tz", "UTC", "--stats", stats, "-o", filepath.Join(t.TempDir(), "e.csv"), dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"README.md", "expected.csv", "notes.txt"} {
		if !strings.Contains(r.stderr, filepath.Join(dir, name)+": not a log") {
			t.Errorf("summary does not name %s as passed over:\n%s", name, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "passed over: 3 files not read") {
		t.Errorf("summary:\n%s", r.stderr)
	}
	var s struct {
		Lines      int64
		Files      []struct{ Path string }
		PassedOver []struct{ Path, Reason string } `json:"passed_over"`
	}
	b, _ := os.ReadFile(stats)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Files) != 1 || s.Files[0].Path != filepath.Join(dir, "access.log") || s.Lines != 5 {
		t.Errorf("read %+v, %d lines; want access.log alone, 5 lines", s.Files, s.Lines)
	}
	if len(s.PassedOver) != 3 || s.PassedOver[0].Reason == "" {
		t.Errorf("passed_over %+v", s.PassedOver)
	}

	// Named explicitly, a file that is not a log is read.
	r = runT(t, context.Background(), nil, nil, "classify", "--log-tz", "UTC", "--stats", stats, "-o", filepath.Join(t.TempDir(), "e.csv"), filepath.Join(dir, "notes.txt"), filepath.Join(dir, "access.log"))
	b, _ = os.ReadFile(stats)
	json.Unmarshal(b, &s)
	if r.code != 0 || len(s.Files) != 2 || len(s.PassedOver) != 0 || s.Lines != 7 {
		t.Errorf("explicit files: exit %d, %+v, %d lines, passed over %+v\n%s", r.code, s.Files, s.Lines, s.PassedOver, r.stderr)
	}
}
