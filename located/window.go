package located

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Window is a time range: Since inclusive, Until exclusive; a zero bound is
// open.
type Window struct {
	Since, Until time.Time
}

// Contains reports whether t falls in the window. A zero t (a line without
// a time) is always kept: it cannot be placed outside.
func (w Window) Contains(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	if !w.Since.IsZero() && t.Before(w.Since) {
		return false
	}
	return w.Until.IsZero() || t.Before(w.Until)
}

// Keeps reports whether a row falls in the window: an event by its time, an
// actor when its first and last events overlap the window.
func (w Window) Keeps(r *Row) bool {
	if w.Since.IsZero() && w.Until.IsZero() {
		return true
	}
	if !r.Time.IsZero() {
		return w.Contains(r.Time)
	}
	if r.First.IsZero() || r.Last.IsZero() {
		return w.Contains(r.First) && w.Contains(r.Last)
	}
	return (w.Since.IsZero() || !r.Last.Before(w.Since)) && (w.Until.IsZero() || r.First.Before(w.Until))
}

// ParseWindow reads the bounds of a window, each an RFC 3339 time
// ("2026-10-01T00:00:00Z"), a date ("2026-10-01", midnight UTC) or an age
// back from now ("30d", "12h", "2w", "90m"); an empty bound is open.
func ParseWindow(since, until string, now time.Time) (Window, error) {
	var w Window
	var err error
	if w.Since, err = parseBound(since, now); err != nil {
		return w, fmt.Errorf("since: %w", err)
	}
	if w.Until, err = parseBound(until, now); err != nil {
		return w, fmt.Errorf("until: %w", err)
	}
	if !w.Since.IsZero() && !w.Until.IsZero() && !w.Since.Before(w.Until) {
		return w, fmt.Errorf("since %s is not before until %s", since, until)
	}
	return w, nil
}

func parseBound(s string, now time.Time) (time.Time, error) {
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
