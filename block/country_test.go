package block

import (
	"errors"
	"net/netip"
	"slices"
	"testing"

	"github.com/threatmap/threatmap/classify"
)

// fakeNetworks is a geolocation database of a few countries.
type fakeNetworks map[string][]string

func (f fakeNetworks) CountryNetworks(cc string) ([]netip.Prefix, error) {
	ss, ok := f[cc]
	if !ok {
		return nil, errors.New("no such country")
	}
	var out []netip.Prefix
	for _, s := range ss {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out, nil
}

func TestByCountry(t *testing.T) {
	e := func(addr, cc string, c classify.Category) Entry {
		return Entry{Addr: netip.MustParseAddr(addr), Country: cc, Category: c, Risk: c.Risk(), Score: 50}
	}
	entries := []Entry{
		e("45.33.1.1", "US", classify.VulnScanner), e("45.33.1.2", "US", classify.Legit),
		e("45.33.1.3", "US", classify.Legit), e("45.33.1.4", "US", classify.BruteForce),
		e("5.2.1.1", "ru", classify.BruteForce), e("5.2.1.2", "RU", classify.VulnScanner),
		e("5.2.1.3", "RU", classify.Noise),
		e("1.2.3.4", "CN", classify.BruteForce),
		e("8.8.8.8", "", classify.BruteForce),
	}
	sel := (&Policy{}).Select(entries)
	got, unknown := ByCountry(&sel)
	want := []CountryShare{
		{"CN", 1, 1, 1}, {"RU", 2, 3, 2.0 / 3}, {"US", 2, 4, 0.5},
	}
	if !slices.Equal(got, want) || unknown != 1 {
		t.Errorf("got %v, %d unknown; want %v, 1", got, unknown, want)
	}
	if above := Above(got, 0.6); !slices.Equal(above, []string{"CN", "RU"}) {
		t.Errorf("Above(0.6) = %v", above)
	}
}

func TestCountryBlock(t *testing.T) {
	db := fakeNetworks{
		"XA": {"5.0.0.0/8", "5.1.0.0/16", "2a05::/16"},
		"XB": {"10.0.0.0/7", "45.33.1.0/24"},
	}
	p := Policy{Exclude: []netip.Prefix{netip.MustParsePrefix("5.128.0.0/9"), netip.MustParsePrefix("2a05:1::1/128")}}
	got, err := p.CountryBlock(db, []string{"XA", "xb"})
	if err != nil {
		t.Fatal(err)
	}
	var avoid = append(DefaultReserved(), p.Exclude...)
	for i, g := range got {
		for _, a := range avoid {
			if g.Overlaps(a) {
				t.Errorf("%s overlaps avoided %s", g, a)
			}
		}
		if i > 0 && (got[i-1].Overlaps(g) || comparePrefix(got[i-1], g) >= 0) {
			t.Errorf("%s after %s", g, got[i-1])
		}
	}
	for _, in := range []string{"5.1.2.3", "5.127.255.255", "11.1.1.1", "45.33.1.200", "2a05:1::2", "2a05:ffff::1"} {
		if !slices.ContainsFunc(got, func(p netip.Prefix) bool { return p.Contains(netip.MustParseAddr(in)) }) {
			t.Errorf("%s not covered by %v", in, got)
		}
	}
	if got[0] != netip.MustParsePrefix("5.0.0.0/9") || got[1] != netip.MustParsePrefix("11.0.0.0/8") {
		t.Errorf("got %v", got)
	}
	if _, err := p.CountryBlock(db, []string{"ZZ"}); err == nil {
		t.Error("unknown country: no error")
	}
}

func TestJoinSiblings(t *testing.T) {
	in := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/25"), netip.MustParsePrefix("10.0.0.128/25"), // → 10.0.0.0/24
		netip.MustParsePrefix("10.0.1.0/24"), // with it → 10.0.0.0/23
		netip.MustParsePrefix("10.0.3.0/24"), // not a sibling of 10.0.2.0/24's absence
		netip.MustParsePrefix("2001:db8::/33"), netip.MustParsePrefix("2001:db8:8000::/33"),
	}
	got := joinSiblings(in)
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/23"), netip.MustParsePrefix("10.0.3.0/24"), netip.MustParsePrefix("2001:db8::/32")}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
