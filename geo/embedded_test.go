package geo

import (
	"net/netip"
	"sync"
	"testing"

	"github.com/threatmap/threatmap/assets"
)

// world is loaded once for the package's tests: decoding the borders takes
// tens of milliseconds.
var world = sync.OnceValues(assets.LoadWorld)

func embedded(t testing.TB) *MMDB {
	t.Helper()
	w, err := world()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEmbedded(w)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEmbedded(t *testing.T) {
	e := embedded(t)
	w, _ := world()
	if e.Attribution() != assets.CountryDBAttribution {
		t.Errorf("Attribution() = %q", e.Attribution())
	}
	tests := []struct {
		addr    string
		country string
		bogon   string
	}{
		{"1.0.1.1", "CN", ""},
		{"8.8.8.8", "US", ""},
		{"::ffff:8.8.8.8", "US", ""},
		{"2a00:1450:4001:80b::200e", "IE", ""},
		{"10.1.2.3", "", "private"},
		{"::ffff:192.168.1.1", "", "private"},
		{"fe80::1%eth0", "", "link-local"},
		{"100.64.1.1", "", "cgnat"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			loc, err := e.Locate(netip.MustParseAddr(tt.addr))
			if tt.bogon != "" {
				be, ok := err.(*BogonError)
				if !ok || be.Reason != tt.bogon {
					t.Fatalf("Locate = %+v, %v; want bogon %q", loc, err, tt.bogon)
				}
				if loc.Located() {
					t.Fatalf("bogon located at %v,%v", loc.Lat, loc.Lon)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if loc.Country != tt.country || loc.Precision != PrecisionCountry || loc.Source != assets.CountryDBName {
				t.Fatalf("Locate = %+v; want %s at country precision from %s", loc, tt.country, assets.CountryDBName)
			}
			c, _ := w.Country(tt.country)
			if loc.Lat != c.Point.Lat() || loc.Lon != c.Point.Lon() {
				t.Errorf("placed at %v,%v; want the representative point %v", loc.Lat, loc.Lon, c.Point)
			}
		})
	}
}

// benchAddrs is a spread of public addresses: a lookup walks the tree and
// hits the record cache, as in a real run after the first few addresses.
func benchAddrs() []netip.Addr {
	var out []netip.Addr
	for i := 0; len(out) < 4096; i++ {
		x := uint32(i) * 2654435761 // Knuth's multiplicative hash spreads the space
		a := netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
		if _, bogon := Bogon(a); !bogon {
			out = append(out, a)
		}
	}
	return out
}

// benchAddrs6 spreads addresses over the allocated IPv6 space (2000::/4).
func benchAddrs6() []netip.Addr {
	var out []netip.Addr
	for i := 0; len(out) < 4096; i++ {
		x := uint64(i) * 11400714819323198485
		var b [16]byte
		for j := range 8 {
			b[j] = byte(x >> (56 - 8*j))
		}
		b[0] = 0x20 | b[0]&0x0f
		a := netip.AddrFrom16(b)
		if _, bogon := Bogon(a); !bogon {
			out = append(out, a)
		}
	}
	return out
}

func BenchmarkEmbeddedLocate(b *testing.B) {
	for _, bc := range []struct {
		name  string
		addrs []netip.Addr
	}{{"IPv4", benchAddrs()}, {"IPv6", benchAddrs6()}} {
		b.Run(bc.name, func(b *testing.B) {
			e := embedded(b)
			for _, a := range bc.addrs { // warm the record cache, as after a run's first addresses
				e.Locate(a)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := e.Locate(bc.addrs[i%len(bc.addrs)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
		})
	}
}

// BenchmarkEmbeddedLocateParallel measures contention on the record cache.
func BenchmarkEmbeddedLocateParallel(b *testing.B) {
	e := embedded(b)
	addrs := benchAddrs()
	for _, a := range addrs {
		e.Locate(a)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			e.Locate(addrs[i%len(addrs)])
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}
