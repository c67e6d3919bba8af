package block

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/classify"
)

// Entry is one address that was seen, with what is known about it.
type Entry struct {
	Addr     netip.Addr
	Category classify.Category // the highest-risk category seen
	Risk     int               // 0 (legit) to 5, the category's risk level
	Score    float64           // composite score 0–100
	Events   int               // all events, legit included
	Country  string            // ISO 3166-1 alpha-2; empty when unknown
	ASN      uint32            // autonomous system number; 0 when unknown
	Reason   string            // why it is listed, e.g. "vuln_scanner:12;brute_force:3"
	First    time.Time         // first event, UTC; zero when unknown
	Last     time.Time         // last event, UTC; zero when unknown
}

// FromActor returns the Entry of a classified actor. Country and ASN are left
// empty: the caller fills them from a geolocation database when it has one.
func FromActor(a *classify.Actor) Entry {
	return Entry{
		Addr:     a.IP,
		Category: a.Category,
		Risk:     a.Risk(),
		Score:    a.Score,
		Events:   a.Events,
		Reason:   a.CategoriesString(),
		First:    a.First,
		Last:     a.Last,
	}
}

// FromActors returns the entries of actors, in the same order.
func FromActors(actors []classify.Actor) []Entry {
	out := make([]Entry, len(actors))
	for i := range actors {
		out[i] = FromActor(&actors[i])
	}
	return out
}
