package main

import (
	"flag"
	"strings"
	"time"
)

// timeRangeFlags are --since and --until for the commands that read a
// CSV (locate, render); classify, map and report take them through
// classifyFlags and filter log lines instead.
type timeRangeFlags struct{ since, until string }

const timeRangeFlagsHelp = `  --since TIME            keep rows at or after TIME: RFC 3339 (2026-10-01T00:00:00Z),
                          a date (2026-10-01, UTC) or an age back from now (30d, 12h, 2w)
  --until TIME            keep rows before TIME (same forms). Rows are timed by their
                          time column (events) or first_seen/last_seen (actors: kept
                          when they overlap the window); rows without a time are kept`

func (f *timeRangeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.since, "since", "", "keep rows at or after `TIME` (RFC 3339, a date, or an age: 30d, 12h, 2w)")
	fs.StringVar(&f.until, "until", "", "keep rows before `TIME` (RFC 3339, a date, or an age: 30d, 12h, 2w)")
}

func (f *timeRangeFlags) parse(now time.Time) (timeRange, error) {
	return parseTimeRange(f.since, f.until, now)
}

// rowWindow decides which CSV rows fall in a time window, from the
// header's time column or its first_seen/last_seen pair.
type rowWindow struct {
	r               timeRange
	at, first, last int // column indexes; -1 when absent
}

// newRowWindow finds the time columns of header. The zero range keeps
// every row.
func newRowWindow(r timeRange, header []string) rowWindow {
	w := rowWindow{r: r, at: -1, first: -1, last: -1}
	for i, h := range header {
		switch normalizeHeader(h, i) {
		case "time", "timestamp":
			w.at = i
		case "first_seen", "first":
			w.first = i
		case "last_seen", "last":
			w.last = i
		}
	}
	return w
}

// keep reports whether rec is in the window. A row whose time is missing
// or unreadable is kept: it cannot be placed outside.
func (w rowWindow) keep(rec []string) bool {
	if w.r.Since.IsZero() && w.r.Until.IsZero() {
		return true
	}
	if w.at >= 0 {
		return w.r.Contains(rowTime(rec, w.at))
	}
	first, last := rowTime(rec, w.first), rowTime(rec, w.last)
	if first.IsZero() || last.IsZero() {
		return w.r.Contains(first) && w.r.Contains(last)
	}
	// An actor overlaps [Since, Until) when it was last seen at or after
	// Since and first seen before Until.
	return (w.r.Since.IsZero() || !last.Before(w.r.Since)) && (w.r.Until.IsZero() || first.Before(w.r.Until))
}

func rowTime(rec []string, i int) time.Time {
	if i < 0 || i >= len(rec) {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(rec[i]))
	if err != nil {
		return time.Time{}
	}
	return t
}
