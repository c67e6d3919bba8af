package located

import (
	"testing"
	"time"
)

func TestParseBound(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"2026-10-01T08:30:00+02:00", time.Date(2026, 10, 1, 6, 30, 0, 0, time.UTC), false},
		{"2026-10-01", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), false},
		{"30d", now.AddDate(0, 0, -30), false},
		{"12h", now.Add(-12 * time.Hour), false},
		{"2w", now.AddDate(0, 0, -14), false},
		{"90m", now.Add(-90 * time.Minute), false},
		{"yesterday", time.Time{}, true},
		{"-3d", time.Time{}, true},
		{"d", time.Time{}, true},
	}
	for _, tc := range tests {
		got, err := parseBound(tc.in, now)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseBound(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("parseBound(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestWindowContains(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	if _, err := ParseWindow("2026-11-02", "2026-11-01", now); err == nil {
		t.Error("since after until: want an error")
	}
	r, err := ParseWindow("2026-11-01", "2026-11-02", now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2026, 10, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), false},
		{time.Time{}, true},
	} {
		if got := r.Contains(tc.t); got != tc.want {
			t.Errorf("Contains(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
}

func TestWindowKeeps(t *testing.T) {
	w := Window{Since: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC)}
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	event := func(s string) Row { return Row{Time: at(s)} }
	actor := func(first, last string) Row { return Row{First: at(first), Last: at(last)} }
	for _, c := range []struct {
		w    Window
		row  Row
		keep bool
	}{
		{w, event("2026-10-03T08:52:42Z"), true},
		{w, event("2026-10-02T23:59:59Z"), false},
		{w, event("2026-10-04T00:00:00Z"), false}, // Until is exclusive
		{w, Row{}, true}, // no time: kept
		{w, actor("2026-10-01T00:00:00Z", "2026-10-03T01:00:00Z"), true}, // overlaps
		{w, actor("2026-10-01T00:00:00Z", "2026-10-02T01:00:00Z"), false},
		{w, actor("2026-10-04T00:00:00Z", "2026-10-05T00:00:00Z"), false},
		{w, actor("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z"), true}, // spans it
		{Window{}, event("1999-01-01T00:00:00Z"), true},
	} {
		if got := c.w.Keeps(&c.row); got != c.keep {
			t.Errorf("%+v: keep %v, want %v", c.row, got, c.keep)
		}
	}
}
