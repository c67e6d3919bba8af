package block

import (
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/classify"
)

// DefaultMinRisk is the lowest risk level a Policy lists when its MinRisk is
// zero: brute force, port scanning and vulnerability scanning.
const DefaultMinRisk = 4

// Policy says which of the addresses that were seen are to be blocked. The
// zero value lists every address of risk DefaultMinRisk or more.
//
// Whatever the other fields say, an address in a reserved range (see
// DefaultReserved and Reserved), an excluded range or a trusted proxy's range
// is never listed.
type Policy struct {
	MinRisk    int                 // lowest risk level listed; 0 means DefaultMinRisk
	MinScore   float64             // lowest score listed (0–100)
	Categories []classify.Category // categories listed; empty means all
	Since      time.Time           // list only addresses last seen at or after Since (zero: no bound)
	Until      time.Time           // list only addresses first seen before Until (zero: no bound)
	Exclude    []netip.Prefix      // allowlist: never listed, never covered by a prefix
	// TrustedProxies are the caller's own reverse proxies and load
	// balancers: never listed, never covered by a prefix.
	TrustedProxies []netip.Prefix
	Reserved       []netip.Prefix // more ranges never listed, added to DefaultReserved
	Expire         time.Duration  // how long a block lasts where the format supports it; 0: forever
}

// Skipped counts the addresses seen but not listed, by reason. An address is
// counted under the first reason that applies, in field order.
type Skipped struct {
	Invalid      int // not a valid address
	Reserved     int // private, loopback, documentation, multicast, …
	Excluded     int // in Policy.Exclude
	TrustedProxy int // in Policy.TrustedProxies
	Risk         int // below MinRisk
	Score        int // below MinScore
	Category     int // category not in Policy.Categories
	Window       int // not seen between Since and Until
}

// Total is the number of addresses skipped for any reason.
func (s Skipped) Total() int {
	return s.Invalid + s.Reserved + s.Excluded + s.TrustedProxy + s.Risk + s.Score + s.Category + s.Window
}

// Selection is the outcome of a Policy applied to the addresses that were
// seen.
type Selection struct {
	Listed   []Entry        // addresses to block, in address order, one entry per address
	Unlisted []Entry        // every other address that was seen, in address order
	Avoid    []netip.Prefix // ranges no listed prefix may overlap: reserved, excluded, trusted proxies
	Skipped  Skipped
}

// Select applies the policy to the entries. IPv4-mapped IPv6 addresses are
// taken as the IPv4 address they carry and zones are dropped. Entries of the
// same address are merged (the riskiest category, the highest score, the
// events summed, the widest time span), so an address listed by one entry is
// listed once. entries is not modified.
func (p *Policy) Select(entries []Entry) Selection {
	sel := Selection{Avoid: p.avoid()}
	minRisk := p.MinRisk
	if minRisk == 0 {
		minRisk = DefaultMinRisk
	}
	for _, e := range mergeEntries(entries) {
		if n := p.skipCounter(&e, &sel.Skipped, sel.Avoid, minRisk); n != nil {
			*n++
			sel.Unlisted = append(sel.Unlisted, e)
			continue
		}
		sel.Listed = append(sel.Listed, e)
	}
	return sel
}

// skipCounter returns the counter in s of the reason e is not listed, or nil
// when it is listed.
func (p *Policy) skipCounter(e *Entry, s *Skipped, avoid []netip.Prefix, minRisk int) *int {
	switch {
	case !e.Addr.IsValid():
		return &s.Invalid
	case inAny(e.Addr, p.Exclude):
		return &s.Excluded
	case inAny(e.Addr, p.TrustedProxies):
		return &s.TrustedProxy
	case inAny(e.Addr, avoid):
		return &s.Reserved
	case e.Risk < minRisk || e.Risk <= 0:
		return &s.Risk
	case e.Score < p.MinScore:
		return &s.Score
	case len(p.Categories) > 0 && !slices.Contains(p.Categories, e.Category):
		return &s.Category
	case !p.inWindow(e):
		return &s.Window
	}
	return nil
}

// inWindow reports whether the entry was seen between Since and Until. An
// entry without times is outside any bounded window.
func (p *Policy) inWindow(e *Entry) bool {
	if !p.Since.IsZero() && (e.Last.IsZero() || e.Last.Before(p.Since)) {
		return false
	}
	if !p.Until.IsZero() && (e.First.IsZero() || !e.First.Before(p.Until)) {
		return false
	}
	return true
}

// avoid returns the ranges never listed, normalised and sorted.
func (p *Policy) avoid() []netip.Prefix {
	var out []netip.Prefix
	for _, list := range [][]netip.Prefix{DefaultReserved(), p.Reserved, p.Exclude, p.TrustedProxies} {
		for _, r := range list {
			if r.IsValid() {
				out = append(out, normPrefix(r))
			}
		}
	}
	slices.SortFunc(out, comparePrefix)
	return slices.Compact(out)
}

// mergeEntries returns the entries with normalised addresses, one per
// address, in address order.
func mergeEntries(entries []Entry) []Entry {
	out := sortedEntries(entries)
	j := 0
	for i := range out {
		if j > 0 && out[j-1].Addr == out[i].Addr {
			merge(&out[j-1], &out[i])
			continue
		}
		out[j] = out[i]
		j++
	}
	return out[:j]
}

// sortedEntries returns a copy of the entries with normalised addresses, in
// address order; entries of one address keep their order. es is not
// modified.
func sortedEntries(es []Entry) []Entry {
	idx := make([]int, len(es))
	addrs := make([]netip.Addr, len(es))
	for i, e := range es {
		idx[i], addrs[i] = i, normAddr(e.Addr)
	}
	// Sorting indices, not the entries themselves, moves ints rather than
	// large structs; the index breaks ties, so the order is stable.
	slices.SortFunc(idx, func(a, b int) int {
		if c := addrs[a].Compare(addrs[b]); c != 0 {
			return c
		}
		return a - b
	})
	out := make([]Entry, len(es))
	for i, k := range idx {
		out[i] = es[k]
		out[i].Addr = addrs[k]
	}
	return out
}

// merge folds b into a.
func merge(a, b *Entry) {
	if b.Risk > a.Risk || (b.Risk == a.Risk && b.Category > a.Category) {
		a.Category, a.Risk, a.Reason = b.Category, b.Risk, b.Reason
	}
	a.Score = max(a.Score, b.Score)
	a.Events += b.Events
	if a.Country == "" {
		a.Country = b.Country
	}
	if a.ASN == 0 {
		a.ASN = b.ASN
	}
	if !b.First.IsZero() && (a.First.IsZero() || b.First.Before(a.First)) {
		a.First = b.First
	}
	if b.Last.After(a.Last) {
		a.Last = b.Last
	}
}

func normAddr(a netip.Addr) netip.Addr { return a.Unmap().WithZone("") }

// normPrefix returns p masked, with an IPv4-mapped prefix as IPv4.
func normPrefix(p netip.Prefix) netip.Prefix {
	a := p.Addr().WithZone("")
	if a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return netip.PrefixFrom(a, p.Bits()).Masked()
}

func inAny(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if normPrefix(p).Contains(a) {
			return true
		}
	}
	return false
}

// comparePrefix orders prefixes by family, address, then length.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}
