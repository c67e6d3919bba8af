package loggen

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/oschwald/maxminddb-golang/v2"
)

// TestAddressesGeolocate checks the address tables against the embedded
// country database: every /16 of the country table, the IPv6 networks and
// the crawlers' networks are where the tables say, and a sample of the
// generated pools is public and located.
func TestAddressesGeolocate(t *testing.T) {
	db, err := maxminddb.Open("../../assets/data/geo-whois-asn-country.mmdb")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	country := func(a netip.Addr) string {
		var rec struct {
			CC string `maxminddb:"country_code"`
		}
		if err := db.Lookup(a).Decode(&rec); err != nil {
			t.Fatalf("%v: %v", a, err)
		}
		return rec.CC
	}

	countries16 := map[string]bool{}
	for _, c := range countries {
		countries16[c.cc] = true
		for _, n := range c.nets {
			for _, host := range []string{".0.1", ".127.200", ".255.254"} {
				a := netip.MustParseAddr(n + host)
				if got := country(a); got != c.cc {
					t.Errorf("%v: country %q, table says %q", a, got, c.cc)
				}
			}
		}
	}
	if len(countries16) < 50 {
		t.Errorf("only %d countries", len(countries16))
	}
	for _, n := range v6Nets {
		hi, lo, _ := strings.Cut(n.net, ":")
		for _, rest := range []string{"::1", ":1234:5678:9abc:def0:1:2", ":ffff:ffff:ffff:ffff:ffff:fffe"} {
			a := netip.MustParseAddr(hi + ":" + lo + rest)
			if got := country(a); got != n.cc {
				t.Errorf("%v: country %q, table says %q", a, got, n.cc)
			}
		}
	}
	for _, b := range bots {
		net := b.net
		if b.hi > 0 {
			net += "." + strconv.Itoa(b.hi)
		}
		a := netip.MustParseAddr(net + ".200")
		if got := country(a); got != b.cc {
			t.Errorf("crawler %v: country %q, table says %q", a, got, b.cc)
		}
	}

	g, err := newGen(nil, Config{Seed: 1, Lines: 1})
	if err != nil {
		t.Fatal(err)
	}
	located := map[string]int{}
	for _, p := range []*pool{&g.visit, &g.attack, &g.v6, &g.bots} {
		for i := 0; i < p.len(); i += 1 + p.len()/500 {
			a := netip.MustParseAddr(string(p.at(i)))
			if !a.IsGlobalUnicast() || a.IsPrivate() {
				t.Errorf("%v is not a public address", a)
			}
			cc := country(a)
			if cc == "" {
				t.Errorf("%v is not located", a)
			}
			located[cc]++
		}
	}
	if len(located) < 40 {
		t.Errorf("the sample covers only %d countries", len(located))
	}
}
