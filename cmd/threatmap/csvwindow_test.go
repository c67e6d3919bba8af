package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/located"
)

// render and locate keep the rows of the window only.
func TestSinceUntilOnCSV(t *testing.T) {
	d, err := readLocatedCSV(strings.NewReader(locatedCSV), &located.Aggregate{}, located.Window{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d.outside != 3 || d.Caption.Actors != 1 || d.Caption.Unlocated != 1 || len(d.Markers) != 1 {
		t.Errorf("outside %d, located %d, unlocated %d, markers %v: want 3, 1 (the DoS), 1, [dos]", d.outside, d.Caption.Actors, d.Caption.Unlocated, d.Markers)
	}

	w, err := assets.LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	var g geoFlags
	setup, err := g.build(&Env{Getenv: func(string) string { return "" }}, w)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	st, err := located.Locate(context.Background(), strings.NewReader("time,ip\n2026-10-01T00:00:00Z,8.8.8.8\n2026-10-05T00:00:00Z,1.1.1.1\n"), &out, setup.Locator, located.Window{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 1 || st.Outside != 1 || !strings.Contains(out.String(), "1.1.1.1") || strings.Contains(out.String(), "8.8.8.8") {
		t.Errorf("rows %d, outside %d:\n%s", st.Rows, st.Outside, out.String())
	}

	// Through the command line.
	dir := t.TempDir()
	in := filepath.Join(dir, "located.csv")
	os.WriteFile(in, []byte(locatedCSV), 0o644)
	_, stderr, err := runCmd(t, "", "render", "--width", "320", "--since", "2026-10-02", "--until", "2026-10-31", "-o", filepath.Join(dir, "m.png"), in)
	if err != nil || !strings.Contains(stderr, "3 rows outside --since/--until") {
		t.Errorf("render --since --until: %v\n%s", err, stderr)
	}
	if _, _, err := runCmd(t, "", "locate", "--since", "soon", in); exitOf(err) != 1 {
		t.Errorf("locate --since soon: %v, want a usage error", err)
	}
}
