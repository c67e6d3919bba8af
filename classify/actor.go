package classify

import (
	"cmp"
	"encoding/binary"
	"math"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/threatmap/threatmap/internal/par"
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
	// Compromised: many failed logins, then a successful one (see
	// Window's attempts mode): a likely compromise.
	Compromised bool
	// Services are the programs the address failed to authenticate to
	// ("sshd", "postfix", …), in a fixed order.
	Services []string
	// Users are the user names it tried most, most tried first, at most
	// MaxUsers (an estimate when it tried more names than that).
	Users []string
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
//	s_c = risk(c)/5 × (0.4 + 0.6 × min(1, log10(1 + n_c) / 3 + b_c))
//
// where n_c is its event count: the risk level sets the ceiling, and volume
// lifts a single event's 40 % of it to the full value at about 1000 events.
// For brute force, breadth counts like volume:
//
//	b = 0.05 × min(u − 1, 4) + 0.1 × min(s − 1, 2) + 0.1 × min(d / 7 days, 1)
//
// with u the user names tried (as far as Users holds them), s the services
// attacked and d the time from first to last event; b is 0 for every other
// category.
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
		vol := math.Log10(1+float64(n)) / 3
		if Category(c) == BruteForce {
			vol += breadth(a)
		}
		vol = math.Min(1, vol)
		s := float64(Category(c).Risk()) / 5 * (0.4 + 0.6*vol)
		keep *= 1 - 0.9*s
	}
	return math.Round(1000*(1-keep)) / 10
}

func breadth(a *Actor) float64 {
	b := 0.05*float64(min(max(len(a.Users)-1, 0), 4)) + 0.1*float64(min(max(len(a.Services)-1, 0), 2))
	if !a.First.IsZero() && a.Last.After(a.First) {
		b += 0.1 * math.Min(1, a.Last.Sub(a.First).Hours()/(7*24))
	}
	return b
}

// MaxUsers is the number of user names kept per address.
const MaxUsers = 5

// authState is what is kept of an address's failed logins: the services
// (a bit per service) and the user names tried most, counted with the
// space-saving algorithm (a name not held replaces the least counted one
// and inherits its count), so memory stays bounded however many names an
// address tries.
type authState struct {
	svcs  enumSet
	users [MaxUsers]userCount
}

type userCount struct {
	name string
	n    int32
}

func (s *authState) add(user string, svc service) {
	if svc != svcNone {
		s.svcs.add(int(svc))
	}
	if user == "" {
		return
	}
	low := 0
	for i := range s.users {
		u := &s.users[i]
		if u.name == user {
			u.n++
			return
		}
		if u.n == 0 {
			u.name, u.n = user, 1
			return
		}
		if u.n < s.users[low].n {
			low = i
		}
	}
	s.users[low].name = user
	s.users[low].n++
}

func (s *authState) services() []string {
	var out []string
	for svc := service(1); svc < numServices; svc++ {
		if s.svcs.has(int(svc)) {
			out = append(out, serviceNames[svc])
		}
	}
	return out
}

func (s *authState) topUsers() []string {
	us := make([]userCount, 0, MaxUsers)
	for _, u := range s.users {
		if u.n > 0 {
			us = append(us, u)
		}
	}
	slices.SortFunc(us, func(a, b userCount) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	if len(us) == 0 {
		return nil
	}
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.name
	}
	return out
}

// SortActors sorts actors deterministically: score, risk and events
// descending, then address ascending. It sorts small keys, each with its
// actor's index, and then moves every actor once to its place: an actor is
// large, and sorting the actors themselves copies two at every comparison.
// Actors of equal keys keep their order (the keys end with the index), so
// the order is the one a stable sort of the actors gives, whatever the
// number of processors.
func SortActors(actors []Actor) {
	keys := make([]actorKey, len(actors))
	par.Range(len(actors), minParallelActors, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = keyOf(&actors[i], i)
		}
	})
	sortKeys(keys, actors)
	// Follow each cycle of the permutation: place p takes the actor that
	// was at keys[p].i.
	for start := range keys {
		if keys[start].i < 0 {
			continue
		}
		held := actors[start]
		p := start
		for {
			from := keys[p].i
			keys[p].i = -1
			if from == start {
				actors[p] = held
				break
			}
			actors[p], p = actors[from], from
		}
	}
}

// minParallelActors is the fewest actors worth a goroutine of their own.
const minParallelActors = 4 << 10

// keyOf returns the key of actors[i]: its fields as integers that compare
// as the fields do, so that keys compare without floating point or calls.
func keyOf(a *Actor, i int) actorKey {
	k := actorKey{score: ^orderedFloat(a.Score), events: ^orderedInt(a.Events), cat: ^uint8(a.Category), i: i}
	if a.IP.IsValid() {
		b := a.IP.As16()
		k.hi, k.lo = binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
		k.fam = 1
		if a.IP.Is6() {
			k.fam = 2
		}
	}
	return k
}

// orderedFloat maps f to an integer of the same order as cmp.Compare's:
// NaN below everything, −0 equal to +0.
func orderedFloat(f float64) uint64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f == 0:
		f = 0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// orderedInt maps n to an unsigned integer of the same order.
func orderedInt(n int) uint64 { return uint64(n) ^ 1<<63 }

// sortKeys sorts actor keys: score, risk and events descending, then
// address ascending (as netip.Addr.Compare: IPv4 before IPv6, zones last,
// read from actors), then index (a strict order, so the result does not
// depend on the number of processors).
func sortKeys(keys []actorKey, actors []Actor) {
	par.SortFunc(keys, func(a, b actorKey) int {
		if a.score != b.score {
			return cmp.Compare(a.score, b.score)
		}
		if a.cat != b.cat {
			return cmp.Compare(a.cat, b.cat)
		}
		if a.events != b.events {
			return cmp.Compare(a.events, b.events)
		}
		if a.fam != b.fam {
			return cmp.Compare(a.fam, b.fam)
		}
		if a.hi != b.hi {
			return cmp.Compare(a.hi, b.hi)
		}
		if a.lo != b.lo {
			return cmp.Compare(a.lo, b.lo)
		}
		if a.fam == 2 {
			if c := strings.Compare(actors[a.i].IP.Zone(), actors[b.i].IP.Zone()); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.i, b.i)
	})
}

// actorKey is what SortActors orders an actor by, as integers that sort
// ascending (score, risk and events inverted), and where it was.
type actorKey struct {
	score  uint64 // ^orderedFloat(Score)
	events uint64 // ^orderedInt(Events)
	hi, lo uint64 // the address's 16 bytes
	i      int
	cat    uint8 // ^Category
	fam    uint8 // 0 no address, 1 IPv4, 2 IPv6
}
