package located

import (
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/internal/par"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
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
	// Include names the categories below risk 2 (noise, good_bot, vpn)
	// that are drawn and counted with the threats. By default a map shows
	// malicious activity only: the categories of risk 2 and above; the
	// others are counted apart (Counts.Drawn is false for them).
	Include []classify.Category
	// View is the map's extent: addresses placed outside it are counted in
	// Caption.Outside and left out of every layer, so that the legend,
	// caption and colour bars count what the map shows. The zero Extent
	// keeps every place.
	View render.Extent

	addrs   map[netip.Addr]int // index into sources
	indexed int                // srcs[:indexed] are in addrs
	srcs    []source
	points  pointList // bare points, kept apart from srcs in less memory
	undrawn Counts    // addresses counted without a source (AddUndrawn)
}

// source is one address, or one bare point.
type source struct {
	ip          netip.Addr
	loc         geo.Location
	counts      [classify.NumCategories]int
	risk        [classify.NumCategories]float64 // summed risk of the events, by category
	weight      float64                         // a weight column's sum; negative when none
	events      int                             // events of rows without a category
	bareRisk    float64                         // their summed risk
	first, last time.Time

	pointsBefore int // points added before this source: their order is kept
}

// Add adds one row. The row's location, when it has one, wins over the
// Locator's.
func (a *Aggregate) Add(r *Row) {
	if p, ok := bare(r); ok {
		a.points.add(p)
		return
	}
	a.source(r).add(r)
}

func (s *source) add(r *Row) {
	for c, n := range r.Counts {
		s.counts[c] += n
	}
	if uncategorised(r) {
		s.events += r.Events
		s.bareRisk += r.Risk * float64(r.Events)
	} else {
		addRisk(&s.risk, r)
	}
	if r.Weight >= 0 {
		s.weight = max(s.weight, 0) + r.Weight
	}
	if r.Location.Located() || !s.loc.Located() && r.Location.Country != "" {
		s.loc = r.Location
	}
	for _, t := range [...]time.Time{r.Time, r.First, r.Last} {
		s.first, s.last = earliest(s.first, t), latest(s.last, t)
	}
}

// AddActors adds classify's actors, whose addresses are distinct (as a
// Classifier's are). Into an empty aggregate they are added in parallel
// and indexed by address only when a later row needs it: a run's map
// never does.
func (a *Aggregate) AddActors(actors []classify.Actor) {
	if len(a.srcs) > 0 {
		a.grow(len(actors))
		for i := range actors {
			r := ActorRow(&actors[i])
			a.Add(&r)
		}
		return
	}
	a.srcs = make([]source, len(actors))
	before := a.points.n
	par.Range(len(actors), 4<<10, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r := ActorRow(&actors[i])
			s := &a.srcs[i]
			*s = source{ip: r.IP, weight: -1, pointsBefore: before}
			s.add(&r)
		}
	})
}

// grow makes room for n more addresses, so that adding a run's actors
// copies no source twice.
func (a *Aggregate) grow(n int) {
	if a.addrs == nil {
		a.addrs = make(map[netip.Addr]int, len(a.srcs)+n)
	}
	a.srcs = slices.Grow(a.srcs, n)
}

func (a *Aggregate) source(r *Row) *source {
	a.index()
	if r.IP.IsValid() {
		if i, ok := a.addrs[r.IP]; ok {
			return &a.srcs[i]
		}
		a.addrs[r.IP] = len(a.srcs)
	}
	a.srcs = append(a.srcs, source{ip: r.IP, weight: -1, pointsBefore: a.points.n})
	a.indexed = len(a.srcs)
	return &a.srcs[len(a.srcs)-1]
}

// index puts the sources not yet in addrs there.
func (a *Aggregate) index() {
	if a.addrs == nil {
		a.addrs = make(map[netip.Addr]int, len(a.srcs))
	}
	for i := a.indexed; i < len(a.srcs); i++ {
		if ip := a.srcs[i].ip; ip.IsValid() {
			a.addrs[ip] = i
		}
	}
	a.indexed = len(a.srcs)
}

// addRisk adds the risk of a row's events by category: an event's risk
// level (the file's risk column when it has one), or an actor's events
// times the risk of each category.
func addRisk(risk *[classify.NumCategories]float64, r *Row) {
	total := 0
	for _, n := range r.Counts {
		total += n
	}
	if own := r.Counts[r.Category]; total == own {
		risk[r.Category] += r.Risk * float64(own)
		return
	}
	for c, n := range r.Counts {
		risk[c] += float64(n * classify.Category(c).Risk())
	}
}

// uncategorised reports whether a row has no category: a bare point, or a
// row of a file without a threat column.
func uncategorised(r *Row) bool {
	for _, n := range r.Counts {
		if n > 0 {
			return false
		}
	}
	return true
}

// scope is which categories are drawn: risk 2 and above, and Include.
type scope = threat.Scope

func (a *Aggregate) scope() scope { return threat.ThreatScope(a.Include) }

// Addrs lists the addresses that would be drawn, in the order added: what
// an online Locator should fetch in one batch.
func (a *Aggregate) Addrs() []netip.Addr {
	sc := a.scope()
	var out []netip.Addr
	for i := range a.srcs {
		if s := &a.srcs[i]; s.ip.IsValid() && s.drawn(&sc) {
			out = append(out, s.ip)
		}
	}
	return out
}

// drawn reports whether the source was seen in a drawn category; a row
// without categories (a bare point, an address of a file without a threat
// column) always is. A place's counts (lat,lon,category,count) are drawn by
// their categories, as an address's are.
func (s *source) drawn(sc *scope) bool {
	if s.events > 0 {
		return true
	}
	for c, n := range s.counts {
		if n > 0 && sc[c] {
			return true
		}
	}
	return false
}

// tally returns the source's events and summed risk in the drawn
// categories.
func (s *source) tally(sc *scope) (events int, risk float64) {
	events, risk = s.events, s.bareRisk
	for c, n := range s.counts {
		if sc[c] {
			events += n
			risk += s.risk[c]
		}
	}
	return events, risk
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
