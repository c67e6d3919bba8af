package loggen

import (
	"fmt"
	"time"
)

// Config describes the log to write. The zero value of every field but
// Lines means its default.
type Config struct {
	Seed  uint64
	Lines int // lines to write, exactly

	// Start is the time of the first line; default 2025-10-01 00:00 UTC.
	// Lines are written in UTC (+0000).
	Start time.Time
	// Span is the time the lines cover, [Start, Start+Span); default 365
	// days.
	Span time.Duration

	// Visitors is the number of distinct IPv4 addresses of ordinary
	// visitors; default 200,000. Attackers is the number of distinct IPv4
	// attack sources; default 5,000.
	Visitors  int
	Attackers int

	// DoSBursts is the number of denial-of-service bursts, each 1,100 to
	// 1,500 requests from one address within one clock minute; default 4,
	// negative for none. Fewer are written when Lines is under 25,000
	// lines per burst.
	DoSBursts int

	// Mix gives each kind of traffic's share of the lines; the zero value
	// means DefaultMix.
	Mix Mix
}

// Mix is the share of lines of each kind of traffic (DoS apart). Shares
// need not sum to 1; they are normalised.
type Mix struct {
	Legit, GoodBot, Scanner, BruteForce, Proxy, Noise float64
	// IPv6 is the fraction of ordinary visits that come over IPv6.
	IPv6 float64
}

// DefaultMix is the mix of a small shop's year.
var DefaultMix = Mix{Legit: 0.86, GoodBot: 0.06, Scanner: 0.04, BruteForce: 0.02, Proxy: 0.01, Noise: 0.01, IPv6: 0.03}

// Kind is the kind of traffic a line belongs to, named after the
// classifier's category that should result.
type Kind int

const (
	Legit Kind = iota
	GoodBot
	Scanner    // vuln_scanner
	BruteForce // brute_force (HTTP login)
	Proxy      // proxy_scanner
	Noise
	DoS
	NumKinds
)

var kindNames = [NumKinds]string{"legit", "good_bot", "vuln_scanner", "brute_force", "proxy_scanner", "noise", "dos"}

func (k Kind) String() string {
	if k < 0 || k >= NumKinds {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Stats describes what Write wrote.
type Stats struct {
	Lines, Bytes int64
	Kinds        [NumKinds]int64 // lines per kind
	First, Last  time.Time       // timestamps of the first and last line
	Bursts       []Burst         // the DoS bursts, in order
}

// Burst is one denial-of-service burst.
type Burst struct {
	IP    string
	Start time.Time // a whole minute; every request is within 59 s of it
	Lines int
}

const (
	defaultVisitors  = 200_000
	defaultAttackers = 5_000
	defaultBursts    = 4
	linesPerBurst    = 25_000 // minimum Lines per DoS burst
)

var defaultStart = time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)

func (c Config) withDefaults() (Config, error) {
	if c.Lines < 0 {
		return c, fmt.Errorf("loggen: negative line count %d", c.Lines)
	}
	if c.Start.IsZero() {
		c.Start = defaultStart
	}
	if c.Start.Unix() < 0 {
		return c, fmt.Errorf("loggen: start %v before 1970", c.Start)
	}
	if c.Span == 0 {
		c.Span = 365 * 24 * time.Hour
	}
	if c.Span < 0 {
		return c, fmt.Errorf("loggen: negative span %v", c.Span)
	}
	if c.Visitors == 0 {
		c.Visitors = defaultVisitors
	}
	if c.Attackers == 0 {
		c.Attackers = defaultAttackers
	}
	if c.Visitors < 1 || c.Attackers < 1 {
		return c, fmt.Errorf("loggen: need at least one visitor and one attacker address")
	}
	if c.DoSBursts == 0 {
		c.DoSBursts = defaultBursts
	}
	c.DoSBursts = max(0, min(c.DoSBursts, c.Lines/linesPerBurst))
	if c.Mix == (Mix{}) {
		c.Mix = DefaultMix
	}
	m := c.Mix
	for _, s := range []float64{m.Legit, m.GoodBot, m.Scanner, m.BruteForce, m.Proxy, m.Noise, m.IPv6} {
		if s < 0 {
			return c, fmt.Errorf("loggen: negative share in mix %+v", m)
		}
	}
	if m.Legit+m.GoodBot+m.Scanner+m.BruteForce+m.Proxy+m.Noise == 0 {
		return c, fmt.Errorf("loggen: empty mix")
	}
	return c, nil
}
