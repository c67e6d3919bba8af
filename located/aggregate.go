package located

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
)

// Weight chooses what a density point weighs.
type Weight uint8

const (
	// WeightRisk: an address weighs the sum of its events' risk levels.
	WeightRisk Weight = iota
	// WeightEvents: an address weighs its events.
	WeightEvents
)

// Aggregate gathers rows per source address, whichever file they came
// from: an actor row is one address; event rows of one address add up to
// it. Rows without an address (a plain lat,lon file) stay points of their
// own. The zero value is empty and ready to use.
type Aggregate struct {
	// Weight is the density weight of an address.
	Weight Weight
	// Locator, when set, places the addresses whose rows carry no location
	// (classify's actors); rows of a located file keep theirs.
	Locator geo.Locator

	addrs map[netip.Addr]int // index into sources
	srcs  []source
}

// source is one address, or one bare point.
type source struct {
	ip          netip.Addr
	loc         geo.Location
	counts      [classify.NumCategories]int
	risk        float64 // summed risk of the events counted
	weight      float64 // a weight column's sum; negative when none
	events      int     // events of a bare point
	first, last time.Time
}

// Add adds one row. The row's location, when it has one, wins over the
// Locator's.
func (a *Aggregate) Add(r *Row) {
	s := a.source(r)
	for c, n := range r.Counts {
		s.counts[c] += n
	}
	s.risk += rowRisk(r)
	if r.Weight >= 0 {
		s.weight = max(s.weight, 0) + r.Weight
	}
	if !r.IP.IsValid() {
		s.events += r.Events
	}
	if r.Location.Located() || !s.loc.Located() && r.Location.Country != "" {
		s.loc = r.Location
	}
	for _, t := range [...]time.Time{r.Time, r.First, r.Last} {
		s.first, s.last = earliest(s.first, t), latest(s.last, t)
	}
}

// AddActors adds classify's actors.
func (a *Aggregate) AddActors(actors []classify.Actor) {
	for i := range actors {
		r := ActorRow(&actors[i])
		a.Add(&r)
	}
}

func (a *Aggregate) source(r *Row) *source {
	if r.IP.IsValid() {
		if i, ok := a.addrs[r.IP]; ok {
			return &a.srcs[i]
		}
		if a.addrs == nil {
			a.addrs = map[netip.Addr]int{}
		}
		a.addrs[r.IP] = len(a.srcs)
	}
	a.srcs = append(a.srcs, source{ip: r.IP, weight: -1})
	return &a.srcs[len(a.srcs)-1]
}

// rowRisk is the summed risk of a row's threat events: an event's risk
// level (the file's risk column when it has one), or an actor's events
// times the risk of each category. Legit events weigh nothing.
func rowRisk(r *Row) float64 {
	total, own := 0, r.Counts[r.Category]
	for _, n := range r.Counts {
		total += n
	}
	if total == 0 && !r.IP.IsValid() {
		return r.Risk * float64(r.Events) // a bare point
	}
	if total == own && r.Category != classify.Legit {
		return r.Risk * float64(own)
	}
	sum := 0.0
	for c, n := range r.Counts {
		sum += float64(n * classify.Category(c).Risk())
	}
	return sum
}

// Addrs lists the addresses that would be drawn, in the order added: what
// an online Locator should fetch in one batch.
func (a *Aggregate) Addrs() []netip.Addr {
	var out []netip.Addr
	for i := range a.srcs {
		if s := &a.srcs[i]; s.ip.IsValid() && s.threat() {
			out = append(out, s.ip)
		}
	}
	return out
}

// threat reports whether the source did anything but legitimate traffic.
func (s *source) threat() bool {
	if !s.ip.IsValid() {
		return true
	}
	for c, n := range s.counts {
		if n > 0 && classify.Category(c) != classify.Legit {
			return true
		}
	}
	return false
}

// threatEvents are the source's events other than legit ones.
func (s *source) threatEvents() int {
	if !s.ip.IsValid() {
		return max(s.events, 1)
	}
	n := 0
	for c, k := range s.counts {
		if classify.Category(c) != classify.Legit {
			n += k
		}
	}
	return n
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
