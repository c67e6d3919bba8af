package block

import (
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
)

func TestSelect(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
	e := func(addr string, c classify.Category, score float64, first, last int) Entry {
		return Entry{Addr: netip.MustParseAddr(addr), Category: c, Risk: c.Risk(), Score: score, First: day(first), Last: day(last)}
	}
	entries := []Entry{
		e("45.33.1.1", classify.VulnScanner, 60, 1, 2),
		e("45.33.1.2", classify.BruteForce, 30, 3, 4),
		e("45.33.1.3", classify.DoS, 90, 1, 2),
		e("10.0.0.7", classify.VulnScanner, 90, 1, 2),
		e("::ffff:10.0.0.8", classify.VulnScanner, 90, 1, 2),
		e("2002:a00:1::1", classify.VulnScanner, 90, 1, 2),
		e("45.33.2.1", classify.VulnScanner, 90, 1, 2),
		e("45.33.3.1", classify.VulnScanner, 90, 1, 2),
		e("45.33.1.1", classify.Legit, 0, 1, 5), // merged into the first
		{Category: classify.VulnScanner, Risk: 5},
	}
	tests := []struct {
		name   string
		policy Policy
		listed []string
		skip   Skipped
	}{
		{"defaults", Policy{}, []string{"45.33.1.1", "45.33.1.2", "45.33.2.1", "45.33.3.1"},
			Skipped{Invalid: 1, Reserved: 3, Risk: 1}},
		{"exclude and trusted proxies", Policy{
			Exclude:        []netip.Prefix{netip.MustParsePrefix("45.33.2.0/24")},
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("::ffff:45.33.3.1/128")},
		}, []string{"45.33.1.1", "45.33.1.2"}, Skipped{Invalid: 1, Reserved: 3, Risk: 1, Excluded: 1, TrustedProxy: 1}},
		{"min risk, min score", Policy{MinRisk: 3, MinScore: 50}, []string{"45.33.1.1", "45.33.1.3", "45.33.2.1", "45.33.3.1"},
			Skipped{Invalid: 1, Reserved: 3, Score: 1}},
		{"categories", Policy{Categories: []classify.Category{classify.BruteForce}}, []string{"45.33.1.2"},
			Skipped{Invalid: 1, Reserved: 3, Risk: 1, Category: 3}},
		{"window", Policy{Since: day(3), Until: day(5)}, []string{"45.33.1.1", "45.33.1.2"},
			Skipped{Invalid: 1, Reserved: 3, Risk: 1, Window: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := tt.policy.Select(entries)
			var got []string
			for _, l := range sel.Listed {
				got = append(got, l.Addr.String())
			}
			if !slices.Equal(got, tt.listed) {
				t.Errorf("listed %v, want %v", got, tt.listed)
			}
			if sel.Skipped != tt.skip {
				t.Errorf("skipped %+v, want %+v", sel.Skipped, tt.skip)
			}
			if n := len(sel.Listed) + len(sel.Unlisted); n != len(entries)-1 {
				t.Errorf("%d addresses accounted for, want %d", n, len(entries)-1)
			}
		})
	}
	merged := (&Policy{}).Select(entries).Listed[0]
	if merged.Last != day(5) || merged.Category != classify.VulnScanner {
		t.Errorf("merged entry %+v", merged)
	}
}
