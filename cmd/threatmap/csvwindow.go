package main

import (
	"flag"
	"time"

	"github.com/threatmap/threatmap/located"
)

// timeRangeFlags are --since and --until for the commands that read a
// CSV (locate, render); classify, map and report take them through
// classifyFlags and filter log lines instead.
type timeRangeFlags struct{ since, until string }

func (f *timeRangeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.since, "since", "", "keep rows at or after `TIME`: RFC 3339 (2026-10-01T00:00:00Z), a date (2026-10-01, UTC) or an age back from now (30d, 12h, 2w)")
	fs.StringVar(&f.until, "until", "", "keep rows before `TIME` (same forms). Rows are timed by their time column (events) or first_seen/last_seen (actors: kept when they overlap the window); rows without a time are kept")
}

func (f *timeRangeFlags) parse(now time.Time) (located.Window, error) {
	return parseWindow(f.since, f.until, now)
}

// parseWindow parses the --since and --until flag values.
func parseWindow(since, until string, now time.Time) (located.Window, error) {
	w, err := located.ParseWindow(since, until, now)
	if err != nil {
		return w, usageErrorf("--%v", err)
	}
	return w, nil
}
