package report

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/threat"
)

// Event is what a report counts of one classified event.
type Event struct {
	Time     time.Time
	Category threat.Category
	// User is the user name an authentication attempt tried; empty for
	// other events.
	User string
	// Program is the program that logged the event, as threat.ProgramSSHD
	// names it; it sorts user names into services.
	Program string
}

// Actor is one source address of a run, as a report ranks it.
type Actor struct {
	IP       netip.Addr
	Category threat.Category // the highest-risk category seen
	Counts   threat.Counts   // events per category
	First    time.Time
	Last     time.Time
	Score    float64 // composite score 0–100
	// Compromised: many failed logins, then a successful one.
	Compromised bool
	// Services are the programs it failed to log in to; Users the user
	// names it tried most, most tried first.
	Services, Users []string
}

// Totals are the run's counts a report prints, by category name
// ("brute_force") as an events or actors file names them.
type Totals struct {
	Lines  int64        // log lines read
	Actors threat.Tally // addresses per category
	Events threat.Tally // events per category
	// LegitOnly are the addresses seen in nothing but legit: Actors[Legit]
	// counts every address with a legit event, attackers included.
	LegitOnly int64
}
