package classify

import (
	"math"
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/threat"
)

// Actor is everything known about one source address after a run.
type Actor struct {
	IP       netip.Addr
	Category Category           // the highest-risk category seen
	Counts   [NumCategories]int // events per category
	Events   int                // all events, legit included
	First    time.Time          // first event, UTC
	Last     time.Time          // last event, UTC
	Score    float64            // composite score 0–100, see Score
}

// Risk is the risk level of the actor's category.
func (a *Actor) Risk() int { return a.Category.Risk() }

// Categories returns the categories the actor was seen in, highest risk
// first.
func (a *Actor) Categories() []Category {
	var out []Category
	for _, c := range ByRisk() {
		if a.Counts[c] > 0 {
			out = append(out, c)
		}
	}
	return out
}

// CategoriesString formats the counts as "vuln_scanner:12;brute_force:3;legit:1",
// highest risk first.
func (a *Actor) CategoriesString() string { return threat.Counts(a.Counts).String() }

// Score is the composite threat score of an actor, 0–100. Every category
// c other than legit that the actor was seen in contributes
//
//	s_c = risk(c)/5 × (0.4 + 0.6 × min(1, log10(1 + n_c) / 3))
//
// where n_c is its event count: the risk level sets the ceiling, and volume
// lifts a single event's 40 % of it to the full value at about 1000 events.
// The contributions are combined like independent probabilities (a
// "noisy OR"), damped by 0.9 so that no single behaviour reaches 100:
//
//	score = 100 × (1 − Π_c (1 − 0.9 × s_c))
//
// rounded to one decimal. Adding any behaviour strictly raises the score, so
// an address that scans and also brute-forces ranks above the same scanning
// or brute-forcing alone; a purely legit address scores 0. Examples: one
// vuln_scanner event 41.4; 1000 of them 90.0; three brute_force failures
// 37.5; ten of each 74.6.
func Score(a *Actor) float64 {
	keep := 1.0
	for c := 1; c < NumCategories; c++ {
		n := a.Counts[c]
		if n <= 0 {
			continue
		}
		vol := math.Min(1, math.Log10(1+float64(n))/3)
		s := float64(Category(c).Risk()) / 5 * (0.4 + 0.6*vol)
		keep *= 1 - 0.9*s
	}
	return math.Round(1000*(1-keep)) / 10
}
