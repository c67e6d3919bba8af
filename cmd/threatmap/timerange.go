package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// timeRange is the --since/--until window every subcommand accepts. A zero
// bound is open.
type timeRange struct {
	Since, Until time.Time
}

// Contains reports whether t falls in the window (Since inclusive, Until
// exclusive). A zero t (a line without a time) is always kept.
func (r timeRange) Contains(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	if !r.Since.IsZero() && t.Before(r.Since) {
		return false
	}
	if !r.Until.IsZero() && !t.Before(r.Until) {
		return false
	}
	return true
}

// parseTimeBound reads an RFC 3339 time ("2026-10-01T00:00:00Z"), a date
// ("2026-10-01", midnight UTC) or a duration back from now ("30d", "12h",
// "2w", "90m"). An empty string is an open bound.
func parseTimeBound(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if len(s) >= 2 {
		unit := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]
		if n, err := strconv.Atoi(s[:len(s)-1]); err == nil && unit != 0 && n >= 0 {
			return now.Add(-time.Duration(n) * unit).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2026-10-01T00:00:00Z), a date (2026-10-01) or an age (30d, 12h, 2w)", s)
}

// parseTimeRange parses the --since and --until flag values.
func parseTimeRange(since, until string, now time.Time) (timeRange, error) {
	var r timeRange
	var err error
	if r.Since, err = parseTimeBound(since, now); err != nil {
		return r, usageErrorf("--since: %v", err)
	}
	if r.Until, err = parseTimeBound(until, now); err != nil {
		return r, usageErrorf("--until: %v", err)
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && !r.Since.Before(r.Until) {
		return r, usageErrorf("--since %s is not before --until %s", since, until)
	}
	return r, nil
}
