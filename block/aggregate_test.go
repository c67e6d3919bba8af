package block

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/threatmap/threatmap/classify"
)

// randomSeen draws n addresses from a few small neighbourhoods (so that
// listed and unlisted addresses share prefixes), some of them in reserved
// and excluded ranges, each flagged or not at random.
func randomSeen(r *rand.Rand, n int) []Entry {
	bases := []netip.Addr{
		netip.MustParseAddr("45.33.0.0"), netip.MustParseAddr("45.33.1.0"),
		netip.MustParseAddr("185.220.100.0"), netip.MustParseAddr("10.1.2.0"),
		netip.MustParseAddr("192.168.7.0"), netip.MustParseAddr("100.64.0.0"),
		netip.MustParseAddr("2a01:4f8:10:20::"), netip.MustParseAddr("2a01:4f8:10:21::"),
		netip.MustParseAddr("fd00::"), netip.MustParseAddr("2001:db8::"),
		netip.MustParseAddr("2002:c0a8:101::"),
	}
	var out []Entry
	for range n {
		b := bases[r.IntN(len(bases))].AsSlice()
		if len(b) == 4 {
			b[3] = byte(r.IntN(256))
		} else {
			b[15] = byte(r.IntN(64))
			b[14] = byte(r.IntN(2))
		}
		a, _ := netip.AddrFromSlice(b)
		e := Entry{Addr: a, Category: classify.Legit}
		if r.IntN(3) > 0 {
			e.Category, e.Risk, e.Score = classify.VulnScanner, 5, 50
		}
		out = append(out, e)
	}
	return out
}

func TestPrefixesNeverCoverUnlisted(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	exclude := []netip.Prefix{
		netip.MustParsePrefix("45.33.0.128/28"),
		netip.MustParsePrefix("2a01:4f8:10:20::20/124"),
	}
	aggs := []Aggregation{DefaultAggregation, NoAggregation, {V4: 8, V6: 16}, {V4: 28, V6: 120}}
	for round := range 300 {
		entries := randomSeen(r, 1+r.IntN(200))
		pol := Policy{Exclude: exclude}
		sel := pol.Select(entries)
		agg := aggs[round%len(aggs)]
		ps := sel.Prefixes(agg)
		for _, e := range sel.Listed {
			if !slices.ContainsFunc(ps, func(p netip.Prefix) bool { return p.Contains(e.Addr) }) {
				t.Fatalf("round %d: listed %s not covered by %v", round, e.Addr, ps)
			}
		}
		for i, p := range ps {
			for _, u := range sel.Unlisted {
				if p.Contains(u.Addr) {
					t.Fatalf("round %d: %s covers unlisted %s (%+v)", round, p, u.Addr, u)
				}
			}
			for _, x := range append(DefaultReserved(), exclude...) {
				if p.Overlaps(x) {
					t.Fatalf("round %d: %s overlaps avoided %s", round, p, x)
				}
			}
			min := agg.V4
			if p.Addr().Is6() {
				min = agg.V6
			}
			if p.Bits() < min {
				t.Fatalf("round %d: %s wider than /%d", round, p, min)
			}
			if i > 0 && (comparePrefix(ps[i-1], p) >= 0 || ps[i-1].Overlaps(p)) {
				t.Fatalf("round %d: %s after %s: not sorted or not disjoint", round, p, ps[i-1])
			}
		}
		for _, e := range entries {
			if _, ok := reservedOrExcluded(e.Addr, exclude); ok && slices.ContainsFunc(sel.Listed, func(l Entry) bool { return l.Addr == e.Addr }) {
				t.Fatalf("round %d: %s listed", round, e.Addr)
			}
		}
	}
}

func reservedOrExcluded(a netip.Addr, exclude []netip.Prefix) (netip.Prefix, bool) {
	for _, p := range append(DefaultReserved(), exclude...) {
		if p.Contains(a) {
			return p, true
		}
	}
	return netip.Prefix{}, false
}

func TestPrefixes(t *testing.T) {
	flag := func(s string) Entry {
		return Entry{Addr: netip.MustParseAddr(s), Category: classify.BruteForce, Risk: 4, Score: 40}
	}
	seen := func(s string) Entry { return Entry{Addr: netip.MustParseAddr(s)} }
	tests := []struct {
		name    string
		entries []Entry
		agg     Aggregation
		want    []string
	}{
		{"single address stays a host", []Entry{flag("45.33.1.9")}, DefaultAggregation, []string{"45.33.1.9/32"}},
		{"neighbours merge to the smallest prefix", []Entry{flag("45.33.1.8"), flag("45.33.1.11")}, DefaultAggregation, []string{"45.33.1.8/30"}},
		{"a seen address in between splits", []Entry{flag("45.33.1.8"), flag("45.33.1.11"), seen("45.33.1.10")},
			DefaultAggregation, []string{"45.33.1.8/32", "45.33.1.11/32"}},
		{"never wider than the limit", []Entry{flag("45.33.1.1"), flag("45.33.2.1")}, DefaultAggregation, []string{"45.33.1.1/32", "45.33.2.1/32"}},
		{"wider limit", []Entry{flag("45.33.1.1"), flag("45.33.2.1")}, Aggregation{V4: 16}, []string{"45.33.0.0/22"}},
		{"no aggregation", []Entry{flag("45.33.1.8"), flag("45.33.1.9")}, NoAggregation, []string{"45.33.1.8/32", "45.33.1.9/32"}},
		{"ipv6 within a /48", []Entry{flag("2a01:4f8:10::1"), flag("2a01:4f8:10::3"), flag("::ffff:45.33.1.1")},
			DefaultAggregation, []string{"45.33.1.1/32", "2a01:4f8:10::/126"}},
		{"a private neighbour is never covered", []Entry{flag("11.255.255.255"), flag("11.255.255.0")}, Aggregation{V4: 4}, []string{"11.255.255.0/24"}},
		{"merging stops at a private range", []Entry{flag("9.255.255.255"), flag("11.0.0.0")}, Aggregation{V4: 4}, []string{"9.255.255.255/32", "11.0.0.0/32"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Policy
			sel := p.Select(tt.entries)
			var got []string
			for _, p := range sel.Prefixes(tt.agg) {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseAggregation(t *testing.T) {
	for in, want := range map[string]Aggregation{
		"none": NoAggregation, "": DefaultAggregation, "16": {16, 48}, "/20,/40": {20, 40}, "32,128": NoAggregation,
	} {
		got, err := ParseAggregation(in)
		if err != nil || got != want {
			t.Errorf("ParseAggregation(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "33", "24,129", "x"} {
		if _, err := ParseAggregation(bad); err == nil {
			t.Errorf("ParseAggregation(%q): no error", bad)
		}
	}
}
