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
)

func TestRowWindow(t *testing.T) {
	r := timeRange{Since: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC)}
	events := newRowWindow(r, []string{"time", "ip"})
	actors := newRowWindow(r, []string{"ip", "category", "first_seen", "last_seen"})
	for _, c := range []struct {
		w    rowWindow
		rec  []string
		keep bool
	}{
		{events, []string{"2026-10-03T08:52:42Z", "x"}, true},
		{events, []string{"2026-10-02T23:59:59Z", "x"}, false},
		{events, []string{"2026-10-04T00:00:00Z", "x"}, false},                             // Until is exclusive
		{events, []string{"", "x"}, true},                                                  // no time: kept
		{events, []string{"yesterday", "x"}, true},                                         // unreadable: kept
		{actors, []string{"x", "c", "2026-10-01T00:00:00Z", "2026-10-03T01:00:00Z"}, true}, // overlaps
		{actors, []string{"x", "c", "2026-10-01T00:00:00Z", "2026-10-02T01:00:00Z"}, false},
		{actors, []string{"x", "c", "2026-10-04T00:00:00Z", "2026-10-05T00:00:00Z"}, false},
		{actors, []string{"x", "c", "2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z"}, true}, // spans it
		{newRowWindow(timeRange{}, []string{"time"}), []string{"1999-01-01T00:00:00Z"}, true},
	} {
		if got := c.w.keep(c.rec); got != c.keep {
			t.Errorf("%v: keep %v, want %v", c.rec, got, c.keep)
		}
	}
}

// render and locate keep the rows of the window only.
func TestSinceUntilOnCSV(t *testing.T) {
	d, err := readLocatedCSVIn(strings.NewReader(locatedCSV), weightRisk, timeRange{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d.outside != 3 || d.located != 1 || d.Caption.Unlocated != 1 || len(d.Markers) != 1 {
		t.Errorf("outside %d, located %d, unlocated %d, markers %v: want 3, 1 (the DoS), 1, [dos]", d.outside, d.located, d.Caption.Unlocated, d.Markers)
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
	st, err := locateCSVIn(context.Background(), strings.NewReader("time,ip\n2026-10-01T00:00:00Z,8.8.8.8\n2026-10-05T00:00:00Z,1.1.1.1\n"), &out, setup.Locator, timeRange{Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if st.rows != 1 || st.outside != 1 || !strings.Contains(out.String(), "1.1.1.1") || strings.Contains(out.String(), "8.8.8.8") {
		t.Errorf("rows %d, outside %d:\n%s", st.rows, st.outside, out.String())
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
