package geo_test

import (
	"net/netip"
	"testing"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/geo/geotest"
)

// TestCountryNetworks: every network a database places in a country is
// listed, IPv4 ones as IPv4 prefixes, and each lies in the country.
func TestCountryNetworks(t *testing.T) {
	dir := t.TempDir()
	db, err := geo.OpenMMDB([]string{geotest.WriteMMDB(t, dir, geotest.MaxMindCity)}, geo.MMDBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ps, err := db.CountryNetworks("gb")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Fatal("no network listed for GB")
	}
	has4 := false
	for _, p := range ps {
		if p.Addr().Is4In6() || (p.Addr().Is6() && p.Bits() <= 96 && netip.MustParsePrefix("::/96").Contains(p.Addr())) {
			t.Errorf("%v: an IPv4 network in IPv6 form", p)
		}
		has4 = has4 || p.Addr().Is4()
		l, err := db.Locate(p.Addr())
		if err != nil || l.Country != "GB" {
			t.Errorf("%v: its first address is located in %q (%v)", p, l.Country, err)
		}
	}
	if !has4 {
		t.Errorf("no IPv4 network among %v", ps)
	}
	if !containsAddr(ps, netip.MustParseAddr("81.2.69.160")) {
		t.Errorf("81.2.69.160 (London) is not covered by %v", ps)
	}
	none, err := db.CountryNetworks("ZZ")
	if err != nil || len(none) != 0 {
		t.Errorf("ZZ: %v, %v; want none", none, err)
	}
}

func containsAddr(ps []netip.Prefix, a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
