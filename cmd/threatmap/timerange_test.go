package main

import (
	"testing"
	"time"
)

func TestParseTimeBound(t *testing.T) {
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
		got, err := parseTimeBound(tc.in, now)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseTimeBound(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("parseTimeBound(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTimeRange(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	if _, err := parseTimeRange("2026-11-02", "2026-11-01", now); err == nil {
		t.Error("since after until: want an error")
	}
	r, err := parseTimeRange("2026-11-01", "2026-11-02", now)
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
