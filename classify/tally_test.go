package classify

import (
	"math"
	"testing"
	"time"
)

// A tally gives back the Actor the events make: counts, category, first
// and last times (UTC, to the nanosecond), and no time when no event had
// one.
func TestTallyActor(t *testing.T) {
	var tl tally
	t0 := time.Date(2021, 3, 3, 9, 52, 42, 123456789, time.FixedZone("x", 3600))
	for _, ev := range []Event{
		{Category: Legit, Time: t0.Add(time.Minute)},
		{Category: BruteForce, Time: t0},
		{Category: BruteForce},
		{Category: Legit, Time: t0.Add(time.Hour)},
	} {
		tl.add(&ev)
	}
	a := tl.actor()
	if a.Events != 4 || a.Counts[BruteForce] != 2 || a.Counts[Legit] != 2 || a.Category != BruteForce {
		t.Errorf("counts %v, events %d, category %v", a.Counts, a.Events, a.Category)
	}
	if !a.First.Equal(t0) || a.First.Location() != time.UTC || !a.Last.Equal(t0.Add(time.Hour)) {
		t.Errorf("first %v, last %v", a.First, a.Last)
	}
	var untimed tally
	untimed.add(&Event{Category: Noise})
	if a := untimed.actor(); !a.First.IsZero() || !a.Last.IsZero() {
		t.Errorf("untimed: first %v, last %v", a.First, a.Last)
	}
	// A count stops at its largest value instead of wrapping.
	tl.Counts[Noise] = math.MaxUint32 - 1
	tl.addCount(Noise, 5)
	if tl.Counts[Noise] != math.MaxUint32 {
		t.Errorf("count %d, want it held at %d", tl.Counts[Noise], uint32(math.MaxUint32))
	}
}
