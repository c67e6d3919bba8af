package classify

import (
	"math"
	"net/netip"
	"time"
)

// tally is what the classifier keeps of an address while it reads: an
// Actor's counts without the fields only Actors fills in (score, services,
// user names), times as Unix seconds and nanoseconds, counts per category
// in 32 bits. It is a hundred bytes smaller than an Actor, and there is one
// per address seen.
type tally struct {
	IP          netip.Addr
	Counts      [NumCategories]uint32 // events per category
	Events      int
	first, last stamp
	Category    Category
	Compromised bool
}

// stamp is an event time as Unix seconds and nanoseconds; the zero stamp
// is no time.
type stamp struct {
	sec  int64
	nsec int32
	set  bool
}

func stampOf(t time.Time) stamp {
	if t.IsZero() {
		return stamp{}
	}
	return stamp{sec: t.Unix(), nsec: int32(t.Nanosecond()), set: true}
}

func (s stamp) before(o stamp) bool { return s.sec < o.sec || s.sec == o.sec && s.nsec < o.nsec }

func (s stamp) time() time.Time {
	if !s.set {
		return time.Time{}
	}
	return time.Unix(s.sec, int64(s.nsec)).UTC()
}

// add counts an event.
func (t *tally) add(ev *Event) {
	t.addCount(ev.Category, 1)
	t.Events++
	if s := stampOf(ev.Time); s.set {
		if !t.first.set || s.before(t.first) {
			t.first = s
		}
		if !t.last.set || t.last.before(s) {
			t.last = s
		}
	}
	if ev.Category > t.Category {
		t.Category = ev.Category
	}
}

// addCount adds n events to category c's count, which stops at its
// largest value rather than wrap (four billion events of one address in
// one category; Events keeps the exact total).
func (t *tally) addCount(c Category, n int) {
	t.Counts[c] = uint32(min(uint64(t.Counts[c])+uint64(n), math.MaxUint32))
}

// actor is the tally as an Actor, without score, services or users.
func (t *tally) actor() Actor {
	a := Actor{IP: t.IP, Category: t.Category, Events: t.Events, First: t.first.time(), Last: t.last.time(), Compromised: t.Compromised}
	for c, n := range t.Counts {
		a.Counts[c] = int(n)
	}
	return a
}
