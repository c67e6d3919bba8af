package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/render"
)

// loadZone reads the value of the time-zone flag name: Local (this
// machine's zone), UTC, or an IANA name.
func loadZone(name, value string) (*time.Location, error) {
	switch strings.ToLower(value) {
	case "local", "":
		return time.Local, nil
	case "utc":
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(value)
	if err != nil {
		return nil, usageErrorf("--%s %q: %v (give an IANA zone such as Europe/Paris, or UTC)", name, value, err)
	}
	return loc, nil
}

// zoneName names a zone for a person: the IANA name when known (for Local,
// from $TZ or the /etc/localtime link), else its abbreviation and offset now.
func zoneName(loc *time.Location) string {
	if loc != time.Local {
		return loc.String()
	}
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		return tz
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(link, "zoneinfo/"); i >= 0 {
			return link[i+len("zoneinfo/"):]
		}
		return filepath.Base(link)
	}
	return time.Now().In(loc).Format("MST -07:00")
}

// zoneUsed is loc, the zone zone-less log times are read in, when a run's
// stats say some time was read in it, and nil when none was: then the
// summary and the caption have nothing to say of it.
func zoneUsed(s *classify.Stats, loc *time.Location) *time.Location {
	if s.Zoneless == 0 {
		return nil
	}
	return loc
}

// logZoneNote is the line of summaries and map captions that says in which
// zone timestamps without an offset were read.
func logZoneNote(loc *time.Location) string {
	return "log times without a zone read as " + zoneName(loc)
}

// noteLogZone adds the reading zone to a map's caption, unless it is UTC
// (the zone the caption's times are written in) or nil (no time was read
// in a zone).
func noteLogZone(c *render.Caption, loc *time.Location) {
	if loc == nil || loc == time.UTC {
		return
	}
	if c.Note != "" {
		c.Note += "; "
	}
	c.Note += logZoneNote(loc)
}

// printLogZone writes the summary's line on the reading zone, if any
// (nil: no time was read in a zone).
func printLogZone(w io.Writer, loc *time.Location) {
	if loc == nil {
		return
	}
	fmt.Fprintf(w, "  log times:   without a zone read as %s (--log-tz)\n", zoneName(loc))
}
