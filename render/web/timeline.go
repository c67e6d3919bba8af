package web

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/threat"
)

// maxBuckets bounds the buckets of a Timeline's range: when the events
// span more, buckets double in width and merge.
const maxBuckets = 1024

// Timeline counts events per address, period and category as they stream
// by, in memory that grows with the addresses and at most maxBuckets
// periods each, never with the events. The zero value is empty and ready
// to use.
type Timeline struct {
	step     int64 // bucket width in seconds
	min, max int64 // unix seconds of the first and last event
	seen     bool
	addrs    map[netip.Addr]map[int64]*threat.Counts // bucket index → counts
}

// Add counts one event of address ip at time at. Events without a time or
// an address are not counted.
func (t *Timeline) Add(ip netip.Addr, at time.Time, c threat.Category) {
	if at.IsZero() || !ip.IsValid() || !c.Valid() {
		return
	}
	sec := at.Unix()
	if !t.seen {
		t.step, t.min, t.max, t.seen = 1, sec, sec, true
		t.addrs = map[netip.Addr]map[int64]*threat.Counts{}
	}
	t.min, t.max = min(t.min, sec), max(t.max, sec)
	for (t.max-t.min)/t.step >= maxBuckets {
		t.widen()
	}
	buckets := t.addrs[ip]
	if buckets == nil {
		buckets = map[int64]*threat.Counts{}
		t.addrs[ip] = buckets
	}
	k := floorDiv(sec, t.step)
	n := buckets[k]
	if n == nil {
		n = new(threat.Counts)
		buckets[k] = n
	}
	n[c]++
}

// widen doubles the bucket width and merges the buckets.
func (t *Timeline) widen() {
	t.step *= 2
	for ip, buckets := range t.addrs {
		merged := make(map[int64]*threat.Counts, len(buckets)/2+1)
		for k, n := range buckets {
			k2 := floorDiv(k, 2)
			if m := merged[k2]; m != nil {
				for c := range n {
					m[c] += n[c]
				}
			} else {
				merged[k2] = n
			}
		}
		t.addrs[ip] = merged
	}
}

// Span returns the times of the first and last event; zero when none.
func (t *Timeline) Span() (from, to time.Time) {
	if t == nil || !t.seen {
		return time.Time{}, time.Time{}
	}
	return time.Unix(t.min, 0).UTC(), time.Unix(t.max, 0).UTC()
}

// bins splits the span into n periods of equal length and returns the
// start of each (and the end of the last), and each address's counts per
// period, a bucket counted in the period of its start. n is lowered when
// the span holds fewer buckets.
func (t *Timeline) bins(n int) ([]time.Time, map[netip.Addr][]threat.Counts) {
	if t == nil || !t.seen || n <= 0 {
		return nil, nil
	}
	from, span := t.min, t.max+1-t.min
	n = int(min(int64(n), (span+t.step-1)/t.step))
	edges := make([]time.Time, n+1)
	for i := range edges {
		edges[i] = time.Unix(from+span*int64(i)/int64(n), 0).UTC()
	}
	per := make(map[netip.Addr][]threat.Counts, len(t.addrs))
	for ip, buckets := range t.addrs {
		counts := make([]threat.Counts, n)
		for k, c := range buckets {
			i := min(int((max(k*t.step, from)-from)*int64(n)/span), n-1)
			for j := range c {
				counts[i][j] += c[j]
			}
		}
		per[ip] = counts
	}
	return edges, per
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
