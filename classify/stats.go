package classify

import "github.com/threatmap/threatmap/threat"

// Stats account for every line read: Lines = Classified + Ignored + Σ
// Skipped. Its JSON form is the --stats file of `threatmap classify`.
type Stats struct {
	Files      []FileStats      `json:"files"`
	Lines      int64            `json:"lines"`
	Classified int64            `json:"classified"` // lines that became an event (legit included)
	Ignored    int64            `json:"ignored"`    // recognised but irrelevant (CRON in auth.log, headers)
	Skipped    map[string]int64 `json:"skipped"`    // by reason: empty, too_long, binary, hostname, malformed, bad_time
	Actors     threat.Tally     `json:"actors"`     // addresses by final category
	Events     threat.Tally     `json:"events"`     // events by category
	Evicted    int64            `json:"evicted"`    // legit-only addresses dropped at the MaxActors cap
	Untracked  int64            `json:"untracked"`  // events of addresses beyond the cap
	// IgnoredByService counts, per program ("sshd", "postfix", …), the
	// ignored lines of a program this package reads: lines it did not
	// understand, or found nothing in to classify.
	IgnoredByService map[string]int64 `json:"ignored_by_service"`
	// Untimed counts classified lines whose timestamp was cut off (read
	// with a zero time).
	Untimed int64 `json:"untimed"`
	// Zoneless counts classified lines whose timestamp had no offset and
	// was read in Options.Location (syslog, error logs, ISO times without
	// a zone).
	Zoneless int64 `json:"zoneless"`
	// OtherShard counts the ignored lines whose source belongs to another
	// shard (Options.Shard).
	OtherShard int64 `json:"other_shard"`
	// Restated counts events emitted a second time: the first requests of
	// a flood, emitted as legit before the flood was recognised and again
	// as dos when it was. Events counts each line once (as dos); an events
	// CSV with legit lines holds them under both.
	Restated int64 `json:"restated"`
}

// FileStats describe one input.
type FileStats struct {
	Path   string `json:"path"`
	Format string `json:"format"` // the detected (or forced) format; "mixed" when detected per line
	Lines  int64  `json:"lines"`
	Error  string `json:"error"` // why reading stopped early, "" when read to the end
}

// SkippedTotal is Σ Skipped.
func (s *Stats) SkippedTotal() int64 {
	var n int64
	for _, v := range s.Skipped {
		n += v
	}
	return n
}
