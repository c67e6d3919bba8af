package located

import (
	"sync"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/internal/par"
	"github.com/threatmap/threatmap/threat"
)

// Counts are what every summary, legend and report counts, whichever route
// the data took. An address counts once in every category it was seen in
// (an address that scanned and then brute-forced is one vulnerability
// scanner and one brute-force address); an event is one log line classified
// in the category.
type Counts struct {
	Addresses [classify.NumCategories]int
	Events    [classify.NumCategories]int
	// Drawn says which categories the map draws and ranks; the others
	// (legit, and by default noise, good bots and VPN users) are reported
	// apart.
	Drawn [classify.NumCategories]bool
	// Sources are the distinct addresses drawn (seen in a drawn category,
	// or given without a category), and Bystanders the others.
	Sources, Bystanders int
	// LegitOnly are the addresses seen in no category but legit: the
	// others of Addresses[Legit] also did something else (an attacker's
	// connection lines that match no rule are legit events).
	LegitOnly int
	// AlsoDrawn counts, for each category the map does not draw, the
	// addresses of it that the map draws all the same (seen in a drawn
	// category too): a brute-forcer's banner grab is noise, and it is no
	// other address than the brute-forcer.
	AlsoDrawn [classify.NumCategories]int
}

func (c *Counts) add(s *source) {
	if !s.ip.IsValid() {
		return
	}
	drawn := s.events > 0 // rows without a category are drawn
	c.count(&s.counts)
	for cat, n := range s.counts {
		drawn = drawn || n > 0 && c.Drawn[cat]
	}
	if !drawn {
		c.Bystanders++
		return
	}
	c.Sources++
	for cat, n := range s.counts {
		if n > 0 && !c.Drawn[cat] {
			c.AlsoDrawn[cat]++
		}
	}
}

// count counts an address seen this many times in each category.
func (c *Counts) count(counts *[classify.NumCategories]int) {
	others := false
	for cat, n := range counts {
		if n > 0 {
			c.Addresses[cat]++
			c.Events[cat] += n
			others = others || classify.Category(cat) != classify.Legit
		}
	}
	if counts[classify.Legit] > 0 && !others {
		c.LegitOnly++
	}
}

// DrawnEvents are the events of the drawn categories.
func (c *Counts) DrawnEvents() int {
	n := 0
	for cat, k := range c.Events {
		if c.Drawn[cat] {
			n += k
		}
	}
	return n
}

// Counts returns the counts of every address added so far.
func (a *Aggregate) Counts() Counts {
	c := a.undrawn
	c.Drawn = a.scope()
	var mu sync.Mutex
	par.Range(len(a.srcs), 16<<10, func(lo, hi int) {
		part := Counts{Drawn: c.Drawn}
		for i := lo; i < hi; i++ {
			part.add(&a.srcs[i])
		}
		mu.Lock()
		c.merge(&part)
		mu.Unlock()
	})
	return c
}

// merge adds the counts of o, which has the same Drawn.
func (c *Counts) merge(o *Counts) {
	for cat := range c.Addresses {
		c.Addresses[cat] += o.Addresses[cat]
		c.Events[cat] += o.Events[cat]
		c.AlsoDrawn[cat] += o.AlsoDrawn[cat]
	}
	c.Sources += o.Sources
	c.Bystanders += o.Bystanders
	c.LegitOnly += o.LegitOnly
}

// Drawn returns the actors seen in a drawn category, in order: the
// addresses a malicious-activity map ranks.
func (a *Aggregate) Drawn(actors []classify.Actor) []classify.Actor {
	sc := a.scope()
	var out []classify.Actor
	for i := range actors {
		for c, n := range actors[i].Counts {
			if n > 0 && sc[c] {
				out = append(out, actors[i])
				break
			}
		}
	}
	return out
}

// Draws reports whether the map draws an address seen this many times in
// each category: whether it was seen in a drawn category.
func (a *Aggregate) Draws(counts *[classify.NumCategories]int) bool {
	sc := a.scope()
	for c, n := range counts {
		if n > 0 && sc[c] {
			return true
		}
	}
	return false
}

// AddUndrawn counts an address the map does not draw (see Draws), seen
// this many times in each category, without keeping anything else of it:
// Counts counts it as Add would have counted its actor. It is for an
// address added no other way, before or after, as the actors of one
// classifier's run are: a run that only draws its actors spares making a
// source of every address it will not draw.
func (a *Aggregate) AddUndrawn(counts *[classify.NumCategories]int) {
	a.undrawn.count(counts)
	a.undrawn.Bystanders++
}

// Tallies returns the addresses and events per category, as classify's
// run statistics count them.
func (c *Counts) Tallies() (addresses, events threat.Tally) {
	for cat := range c.Addresses {
		addresses[cat], events[cat] = int64(c.Addresses[cat]), int64(c.Events[cat])
	}
	return addresses, events
}
