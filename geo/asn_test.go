package geo_test

import (
	"errors"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/geo/geotest"
)

// sourcePrefix parses a network of MaxMind's source data; "::a.b.c.d/n" (an
// IPv4 network written in the IPv6 tree) becomes a.b.c.d/(n-96).
func sourcePrefix(t *testing.T, cidr string) (p netip.Prefix, v4InV6 bool) {
	t.Helper()
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Addr(); a.Is6() && p.Bits() >= 96 && strings.HasPrefix(cidr, "::") && strings.Contains(cidr, ".") {
		b := a.As16()
		v4 := netip.AddrFrom4([4]byte(b[12:]))
		return netip.PrefixFrom(v4, p.Bits()-96), true
	}
	return p.Masked(), false
}

// TestASNTestDataAgreement builds MaxMind's GeoLite2-ASN test database from
// its source JSON and checks the first and last address of every network:
// the answer is the record of the last network in the file that holds the
// address (later networks overwrite earlier ones, as in MaxMind's writer).
func TestASNTestDataAgreement(t *testing.T) {
	src := geotest.ReadSource(t, filepath.Join("testdata", "maxmind", "GeoLite2-ASN-Test.json"))
	d, err := geo.NewASNDB("GeoLite2-ASN-Test", geotest.MMDBFromSource(t, "GeoLite2-ASN", src))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	prefixes := make([]netip.Prefix, len(src))
	for i, n := range src {
		prefixes[i], _ = sourcePrefix(t, n.CIDR)
	}
	want := func(a netip.Addr) geo.ASN {
		for i := len(src) - 1; i >= 0; i-- {
			if prefixes[i].Contains(a) {
				rec := src[i].Record
				num, _ := rec["autonomous_system_number"].(float64)
				org, _ := rec["autonomous_system_organization"].(string)
				return geo.ASN{Number: uint32(num), Org: org, Source: "GeoLite2-ASN-Test"}
			}
		}
		return geo.ASN{}
	}
	agree, total := 0, 0
	for i, n := range src {
		ok := true
		total++
		for _, a := range firstLast(t, prefixes[i].String()) {
			got, err := d.LocateASN(a)
			if _, bogon := geo.Bogon(a); bogon {
				if !errors.As(err, new(*geo.BogonError)) || got.Known() {
					t.Errorf("%s (%s): got %+v, %v; want a bogon", n.CIDR, a, got, err)
					ok = false
				}
				continue
			}
			if w := want(a); err != nil || got != w {
				t.Errorf("%s (%s): got %+v, %v; want %+v", n.CIDR, a, got, err, w)
				ok = false
			}
		}
		if ok {
			agree++
		}
	}
	t.Logf("GeoLite2-ASN-Test: %d of %d networks agree", agree, total)
}

// TestASNFixtures reads every ASN layout: MaxMind, DB-IP, ip-location-db,
// IPinfo's ASN file and IPinfo Lite.
func TestASNFixtures(t *testing.T) {
	for _, kind := range geotest.ASNKinds() {
		t.Run(string(kind), func(t *testing.T) {
			d, err := geo.OpenASNDB([]string{geotest.WriteMMDB(t, t.TempDir(), kind)})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			agree, total := 0, 0
			for _, n := range geotest.Networks() {
				addrs := firstLast(t, n.CIDR)
				if _, bogon := geo.Bogon(addrs[0]); bogon {
					if got, err := d.LocateASN(addrs[0]); !errors.As(err, new(*geo.BogonError)) || got.Known() {
						t.Errorf("%s: got %+v, %v; want a bogon", addrs[0], got, err)
					}
					continue
				}
				total++
				num, org := n.AS()
				w := geo.ASN{Number: num, Org: org, Source: string(kind)}
				ok := true
				for _, a := range addrs {
					if got, err := d.LocateASN(a); err != nil || got != w {
						t.Errorf("%s: got %+v, %v; want %+v", a, got, err, w)
						ok = false
					}
				}
				if ok {
					agree++
				}
			}
			if got, err := d.LocateASN(netip.MustParseAddr("1.1.1.1")); err != nil || got.Known() {
				t.Errorf("1.1.1.1: got %+v, %v; want unknown", got, err)
			}
			if d.Attribution() == "" {
				t.Error("no attribution")
			}
			t.Logf("%s: %d of %d networks agree", kind, agree, total)
		})
	}
}

func TestOpenASNDBRefusesOtherDatabases(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []geotest.Kind{geotest.MaxMindCity, geotest.FlatCountry, geotest.Empty} {
		_, err := geo.OpenASNDB([]string{geotest.WriteMMDB(t, dir, kind)})
		if err == nil || !strings.Contains(err.Error(), string(kind)) {
			t.Errorf("%s: err %v; want an error naming the file", kind, err)
		}
	}
	if _, err := geo.OpenASNDB([]string{filepath.Join(dir, "missing.mmdb")}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestParseASOrg(t *testing.T) {
	tests := []struct {
		in   string
		want geo.ASN
	}{
		{"AS15169 Google LLC", geo.ASN{Number: 15169, Org: "Google LLC"}},
		{"as16276 OVH SAS", geo.ASN{Number: 16276, Org: "OVH SAS"}},
		{"AS64496", geo.ASN{Number: 64496}},
		{"Some Org", geo.ASN{Org: "Some Org"}},
		{"ASUS Computer", geo.ASN{Org: "ASUS Computer"}},
		{"", geo.ASN{}},
	}
	for _, tt := range tests {
		if got := geo.ParseASOrg(tt.in); got != tt.want {
			t.Errorf("ParseASOrg(%q) = %+v; want %+v", tt.in, got, tt.want)
		}
	}
	if s := (geo.ASN{Number: 16276, Org: "OVH SAS"}).String(); s != "AS16276 OVH SAS" {
		t.Errorf("String: %q", s)
	}
}

type fakeASN map[string]geo.ASN

func (f fakeASN) LocateASN(a netip.Addr) (geo.ASN, error) {
	if a.String() == "192.0.2.99" {
		return geo.ASN{}, errors.New("broken")
	}
	return f[a.String()], nil
}

func TestASNChain(t *testing.T) {
	c := geo.ASNChain{fakeASN{"8.8.8.8": {Number: 15169}}, fakeASN{"8.8.8.8": {Number: 1}, "9.9.9.9": {Org: "Quad9"}}}
	if a, err := c.LocateASN(netip.MustParseAddr("8.8.8.8")); err != nil || a.Number != 15169 {
		t.Errorf("8.8.8.8: %+v, %v", a, err)
	}
	if a, err := c.LocateASN(netip.MustParseAddr("9.9.9.9")); err != nil || a.Org != "Quad9" {
		t.Errorf("9.9.9.9: %+v, %v", a, err)
	}
	if a, err := c.LocateASN(netip.MustParseAddr("192.0.2.99")); err == nil || a.Known() {
		t.Errorf("failing lookup: %+v, %v", a, err)
	}
}

func FuzzParseASOrg(f *testing.F) {
	for _, s := range []string{"AS15169 Google LLC", "as1", "AS", "AS0 x", "AS4294967296 big", "ASUS", " AS7  Org "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := geo.ParseASOrg(s)
		if a.Number != 0 {
			if got := geo.ParseASOrg(a.String()); got.Number != a.Number || got.Org != a.Org {
				t.Fatalf("%q → %+v → %q → %+v", s, a, a.String(), got)
			}
		}
	})
}

func BenchmarkASNDBLocateASN(b *testing.B) {
	src := geotest.ReadSource(b, filepath.Join("testdata", "maxmind", "GeoLite2-ASN-Test.json"))
	d, err := geo.NewASNDB("asn", geotest.MMDBFromSource(b, "GeoLite2-ASN", src))
	if err != nil {
		b.Fatal(err)
	}
	addrs := []netip.Addr{netip.MustParseAddr("38.108.80.31"), netip.MustParseAddr("2a02:a440::1"), netip.MustParseAddr("1.1.1.1")}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := d.LocateASN(addrs[i%len(addrs)]); err != nil {
			b.Fatal(err)
		}
	}
}
