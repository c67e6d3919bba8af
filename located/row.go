package located

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
)

// Row is one record of an events, actors or located CSV: an event (one log
// line's threat), an actor (every event of one address), or a bare point.
type Row struct {
	Time     time.Time         // an event's time; zero for an actor
	IP       netip.Addr        // the source address; invalid for a bare point
	Category classify.Category // an event's threat or an actor's highest-risk category
	Risk     float64           // risk level of Category, or the file's risk column
	Rule     string            // the rule that matched (events)
	Source   string            // the input the event came from (events)
	Score    float64           // composite score 0–100 (actors)
	// Events is how many events the row stands for: 1 for an event, the
	// total (legit included) for an actor.
	Events      int
	First, Last time.Time // first and last event (actors)
	// Counts are the row's events per category: the event's own threat, or
	// an actor's categories column. All zero for a bare point, which has
	// no category.
	Counts   [classify.NumCategories]int
	Location geo.Location // where IP is; Precision none when not located
	// Weight is the density weight of the file's weight column; negative
	// when the file has none and the weight follows from Counts and Risk.
	Weight float64
	// Compromised, Services and Users are an actor's: many failed logins
	// then a success, the programs it failed to log in to, and the user
	// names it tried most.
	Compromised bool
	Services    []string
	Users       []string
	// Extra holds the fields of the columns the stage does not know, in
	// the order of Reader.Header, so that they can be carried through.
	Extra []string
}

// EventRow is the row of one classified event.
func EventRow(ev *classify.Event) Row {
	r := Row{Time: ev.Time, IP: ev.IP, Category: ev.Category, Risk: float64(ev.Category.Risk()),
		Rule: ev.Rule, Source: ev.Source, Events: 1, Weight: -1}
	r.Counts[ev.Category] = 1
	return r
}

// ActorRow is the row of one address's actor.
func ActorRow(a *classify.Actor) Row {
	return Row{IP: a.IP, Category: a.Category, Risk: float64(a.Risk()), Score: a.Score, Events: a.Events,
		First: a.First, Last: a.Last, Counts: a.Counts, Weight: -1,
		Compromised: a.Compromised, Services: a.Services, Users: a.Users}
}
