package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/threatmap/threatmap/threat"
)

// The statistics behind a Report are counters fed one event at a time, so
// that a report of a billion lines needs no more memory than one of a
// thousand: a Timeline whose resolution coarsens as its span grows, an
// hour-of-day histogram, and a capped table of user names. They live in
// render because they exist only to be drawn and tabulated; they know
// nothing of log formats.

// TimeUnit is the width of a Timeline bucket.
type TimeUnit uint8

// Timeline resolutions, finest first.
const (
	Hourly TimeUnit = iota
	Daily
	Monthly
)

func (u TimeUnit) String() string {
	return [...]string{"hour", "day", "month"}[u]
}

// Timeline spans beyond which a Timeline coarsens: hours up to three days
// (an incident), days up to four months, months beyond (a year of attacks).
const (
	HourlySpan = 3 * 24 * time.Hour
	DailySpan  = 124 * 24 * time.Hour
)

// CategoryCounts are events per category.
type CategoryCounts [threat.NumCategories]int

// Sum is the total over every category but legit.
func (c *CategoryCounts) Sum() int {
	n := 0
	for cat := 1; cat < threat.NumCategories; cat++ {
		n += c[cat]
	}
	return n
}

// Timeline counts events per time bucket and category. Buckets start at
// the Zone's midnight (days) or first of the month (months); the zero Zone
// is UTC. Memory is bounded by the span: at most ~72 hourly, ~124 daily,
// or one bucket per month.
type Timeline struct {
	Zone *time.Location

	unit     TimeUnit
	counts   map[int64]*CategoryCounts // bucket start, Unix seconds
	min, max time.Time
}

// Add counts n events of category c at t. A zero t is not counted.
func (tl *Timeline) Add(t time.Time, c threat.Category, n int) {
	if t.IsZero() || !c.Valid() {
		return
	}
	if tl.counts == nil {
		tl.counts = map[int64]*CategoryCounts{}
		tl.min, tl.max = t, t
	}
	if t.Before(tl.min) {
		tl.min = t
	}
	if t.After(tl.max) {
		tl.max = t
	}
	for span := tl.max.Sub(tl.min); (tl.unit == Hourly && span > HourlySpan) || (tl.unit == Daily && span > DailySpan); {
		tl.coarsen()
	}
	k := tl.bucket(t).Unix()
	cc := tl.counts[k]
	if cc == nil {
		cc = new(CategoryCounts)
		tl.counts[k] = cc
	}
	cc[c] += n
}

// Unit is the current resolution.
func (tl *Timeline) Unit() TimeUnit { return tl.unit }

func (tl *Timeline) zone() *time.Location {
	if tl.Zone == nil {
		return time.UTC
	}
	return tl.Zone
}

// bucket is the start of t's bucket at the current unit.
func (tl *Timeline) bucket(t time.Time) time.Time {
	return truncate(t.In(tl.zone()), tl.unit)
}

func truncate(t time.Time, u TimeUnit) time.Time {
	y, m, d := t.Date()
	switch u {
	case Hourly:
		return time.Date(y, m, d, t.Hour(), 0, 0, 0, t.Location())
	case Daily:
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
}

func step(t time.Time, u TimeUnit) time.Time {
	switch u {
	case Hourly:
		return t.Add(time.Hour)
	case Daily:
		return t.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 1, 0)
}

// coarsen merges the buckets into the next coarser unit.
func (tl *Timeline) coarsen() {
	tl.unit++
	old := tl.counts
	tl.counts = make(map[int64]*CategoryCounts, len(old)/8+1)
	for k, cc := range old {
		nk := tl.bucket(time.Unix(k, 0)).Unix()
		dst := tl.counts[nk]
		if dst == nil {
			dst = new(CategoryCounts)
			tl.counts[nk] = dst
		}
		for c, n := range cc {
			dst[c] += n
		}
	}
}

// TimeBucket is one bar of a Timeline chart.
type TimeBucket struct {
	Start  time.Time // in the Timeline's Zone
	Counts CategoryCounts
}

// Buckets returns every bucket from the first event's to the last's, empty
// ones included, oldest first.
func (tl *Timeline) Buckets() []TimeBucket {
	if len(tl.counts) == 0 {
		return nil
	}
	var out []TimeBucket
	end := tl.bucket(tl.max)
	for t := tl.bucket(tl.min); !t.After(end); t = step(t, tl.unit) {
		b := TimeBucket{Start: t}
		if cc := tl.counts[t.Unix()]; cc != nil {
			b.Counts = *cc
		}
		out = append(out, b)
	}
	return out
}

// Span is the first and last time added.
func (tl *Timeline) Span() (first, last time.Time) { return tl.min, tl.max }

// HourOfDay counts events per hour of the day in Zone (zero: UTC) and
// category.
type HourOfDay struct {
	Zone   *time.Location
	Counts [24]CategoryCounts
}

// Add counts n events of category c at t; a zero t is not counted.
func (h *HourOfDay) Add(t time.Time, c threat.Category, n int) {
	if t.IsZero() || !c.Valid() {
		return
	}
	z := h.Zone
	if z == nil {
		z = time.UTC
	}
	h.Counts[t.In(z).Hour()][c] += n
}

// UserCount is how often one user name was tried, per service.
type UserCount struct {
	Name   string
	Counts [threat.NumServices]int
}

// Total is the attempts over every service.
func (u *UserCount) Total() int {
	n := 0
	for _, c := range u.Counts {
		n += c
	}
	return n
}

// DefaultUserLimit is the number of distinct user names a UserNames keeps.
const DefaultUserLimit = 20000

// UserNames counts the user names tried in authentication attempts. It
// keeps at most Limit names (0: DefaultUserLimit); past that, the half
// with the fewest attempts is dropped and their attempts are counted in
// Dropped, so a name first seen after a pruning may be under-counted by
// at most MaxError. Top lists are exact while Dropped is 0.
type UserNames struct {
	Limit    int
	Dropped  int // attempts of pruned names
	MaxError int // the largest count a pruned name had
	names    map[string]*UserCount
	distinct int                     // names ever seen, pruned ones included
	total    [threat.NumServices]int // attempts, pruned ones included
}

// Add counts one attempt of name on service s. Empty names are not counted.
func (u *UserNames) Add(name string, s threat.Service) {
	if name == "" || int(s) >= threat.NumServices {
		return
	}
	if u.names == nil {
		u.names = map[string]*UserCount{}
	}
	uc := u.names[name]
	if uc == nil {
		limit := u.Limit
		if limit <= 0 {
			limit = DefaultUserLimit
		}
		if len(u.names) >= limit {
			u.prune(limit / 2)
		}
		uc = &UserCount{Name: name}
		u.names[name] = uc
		u.distinct++
	}
	uc.Counts[s]++
	u.total[s]++
}

func (u *UserNames) prune(keep int) {
	all := u.sorted()
	for _, uc := range all[keep:] {
		n := uc.Total()
		u.Dropped += n
		u.MaxError = max(u.MaxError, n)
		delete(u.names, uc.Name)
	}
}

func (u *UserNames) sorted() []*UserCount {
	all := make([]*UserCount, 0, len(u.names))
	for _, uc := range u.names {
		all = append(all, uc)
	}
	slices.SortFunc(all, func(a, b *UserCount) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), cmp.Compare(a.Name, b.Name))
	})
	return all
}

// Top returns the n most tried names, most tried first (ties by name).
func (u *UserNames) Top(n int) []UserCount {
	all := u.sorted()
	out := make([]UserCount, 0, min(n, len(all)))
	for _, uc := range all[:min(n, len(all))] {
		out = append(out, *uc)
	}
	return out
}

// Distinct is the number of different names seen.
func (u *UserNames) Distinct() int { return u.distinct }

// Attempts is the number of attempts counted on service s.
func (u *UserNames) Attempts(s threat.Service) int {
	if int(s) >= threat.NumServices {
		return 0
	}
	return u.total[s]
}
