package classify

import (
	"net/netip"
	"time"
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
