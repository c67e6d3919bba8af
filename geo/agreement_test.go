package geo_test

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/geo/geotest"
)

// expected is what a database says about one network, in threatmap's terms.
type expected struct {
	country, city string
	prec          geo.Precision
	lat, lon      float64 // the database's, or the country's representative point
	accuracyKm    int
}

// diff describes how loc differs from w, or returns "" when they agree.
// Coordinates agree within tol degrees.
func diff(loc geo.Location, w expected, tol float64) string {
	if loc.Country != w.country || loc.City != w.city || loc.Precision != w.prec || loc.AccuracyKm != w.accuracyKm ||
		math.Abs(loc.Lat-w.lat) > tol || math.Abs(loc.Lon-w.lon) > tol {
		return fmt.Sprintf("got %s/%q/%v at %v,%v ±%dkm; want %s/%q/%v at %v,%v ±%dkm",
			loc.Country, loc.City, loc.Precision, loc.Lat, loc.Lon, loc.AccuracyKm,
			w.country, w.city, w.prec, w.lat, w.lon, w.accuracyKm)
	}
	return ""
}

// firstLast returns the first and last address of a network.
func firstLast(t *testing.T, cidr string) []netip.Addr {
	t.Helper()
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		t.Fatal(err)
	}
	p = p.Masked()
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	last, _ := netip.AddrFromSlice(b)
	return []netip.Addr{p.Addr(), last}
}

// sourceExpectation reads what a MaxMind test-data record says: the
// country (or, failing that, the registered country), the English city
// name, whether a subdivision is named, the coordinates and their accuracy.
func sourceExpectation(rec map[string]any, pts geo.CountryPoints) expected {
	str := func(v any) string { s, _ := v.(string); return s }
	sub := func(m any, k string) any {
		if mm, ok := m.(map[string]any); ok {
			return mm[k]
		}
		return nil
	}
	var w expected
	w.country = str(sub(rec["country"], "iso_code"))
	if w.country == "" {
		w.country = str(sub(rec["registered_country"], "iso_code"))
	}
	w.city = str(sub(sub(rec["city"], "names"), "en"))
	subs, _ := rec["subdivisions"].([]any)
	lat, okLat := sub(rec["location"], "latitude").(float64)
	lon, okLon := sub(rec["location"], "longitude").(float64)
	switch {
	case okLat && okLon:
		w.lat, w.lon = lat, lon
		acc, _ := sub(rec["location"], "accuracy_radius").(float64)
		w.accuracyKm = int(acc)
		switch {
		case w.city != "":
			w.prec = geo.PrecisionCity
		case len(subs) > 0:
			w.prec = geo.PrecisionSubdivision
		default:
			w.prec = geo.PrecisionCoordinates
		}
	case w.country != "":
		p, _ := pts(w.country)
		w.lat, w.lon = p.Lat(), p.Lon()
		w.prec = geo.PrecisionCountry
	}
	return w
}

// TestMaxMindTestDataAgreement builds MaxMind's published City and Country
// test databases from their source JSON (testdata/maxmind) and checks that
// the first and last address of every network are located as the source
// says: the database's own coordinates and accuracy radius whenever it gives
// them, the country's representative point only when it gives a country
// alone.
func TestMaxMindTestDataAgreement(t *testing.T) {
	pts := points(t)
	for _, name := range []string{"GeoLite2-City-Test", "GeoLite2-Country-Test"} {
		t.Run(name, func(t *testing.T) {
			src := geotest.ReadSource(t, filepath.Join("testdata", "maxmind", name+".json"))
			dbType := name[:len(name)-len("-Test")]
			m, err := geo.NewMMDB(name, geotest.MMDBFromSource(t, dbType, src), geo.MMDBOptions{Points: pts})
			if err != nil {
				t.Fatal(err)
			}
			if s := m.Databases()[0].Schema.Name; s != "maxmind" {
				t.Fatalf("schema %q; want maxmind", s)
			}
			agree := 0
			for _, n := range src {
				w := sourceExpectation(n.Record, pts)
				ok := true
				for _, a := range firstLast(t, n.CIDR) {
					loc, err := m.Locate(a)
					if err != nil {
						t.Errorf("%s (%s): %v", n.CIDR, a, err)
						ok = false
					} else if d := diff(loc, w, 1e-9); d != "" {
						t.Errorf("%s (%s): %s", n.CIDR, a, d)
						ok = false
					}
				}
				if ok {
					agree++
				}
			}
			t.Logf("%s: %d of %d networks agree", name, agree, len(src))
			if len(src) == 0 {
				t.Fatal("no networks")
			}
		})
	}
}

// TestFixtureAgreement checks every network of every fixture layout
// (MaxMind, DB-IP, ip-location-db, IPinfo) against what the fixture wrote.
func TestFixtureAgreement(t *testing.T) {
	pts := points(t)
	tests := []struct {
		kinds []geotest.Kind
		// what the layout holds for a network: coordinates of cities,
		// coordinates of country-level networks, an accuracy radius
		cityCoords, areaCoords, accuracy bool
		tol                              float64
	}{
		{[]geotest.Kind{geotest.MaxMindCity}, true, true, true, 1e-9},
		{[]geotest.Kind{geotest.DBIPCity}, true, true, true, 1e-5}, // float32 coordinates
		{[]geotest.Kind{geotest.MaxMindCountry}, false, false, false, 0},
		{[]geotest.Kind{geotest.FlatCityIPv4, geotest.FlatCityIPv6}, true, false, false, 1e-5},
		{[]geotest.Kind{geotest.FlatCountry}, false, false, false, 0},
		{[]geotest.Kind{geotest.IPinfoLocation}, true, false, false, 1e-9},
		{[]geotest.Kind{geotest.IPinfoLite}, false, false, false, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.kinds[0]), func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, k := range tt.kinds {
				paths = append(paths, geotest.WriteMMDB(t, dir, k))
			}
			m, err := geo.OpenMMDB(paths, geo.MMDBOptions{Points: pts})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			agree, total := 0, 0
			for _, n := range geotest.Networks() {
				addrs := firstLast(t, n.CIDR)
				if _, bogon := geo.Bogon(addrs[0]); bogon {
					// Reserved space that databases map anyway is refused.
					for _, a := range addrs {
						if loc, err := m.Locate(a); !errors.As(err, new(*geo.BogonError)) || loc.Located() {
							t.Errorf("%s: got %+v, %v; want a bogon", a, loc, err)
						}
					}
					continue
				}
				total++
				w := expected{country: n.Country}
				switch {
				case n.City != "" && tt.cityCoords:
					w.city, w.prec, w.lat, w.lon = n.City, geo.PrecisionCity, n.Lat, n.Lon
					if tt.accuracy {
						w.accuracyKm = geotest.CityAccuracyKm
					}
				case n.City == "" && tt.areaCoords:
					w.prec, w.lat, w.lon = geo.PrecisionCoordinates, n.Lat, n.Lon
					if tt.accuracy {
						w.accuracyKm = geotest.CountryAccuracyKm
					}
				default:
					w.prec = geo.PrecisionCountry
					p, _ := pts(n.Country)
					w.lat, w.lon = p.Lat(), p.Lon()
				}
				ok := true
				for _, a := range addrs {
					loc, err := m.Locate(a)
					if err != nil {
						t.Errorf("%s: %v", a, err)
						ok = false
					} else if d := diff(loc, w, tt.tol); d != "" {
						t.Errorf("%s (%s): %s", n.CIDR, a, d)
						ok = false
					}
				}
				if ok {
					agree++
				}
			}
			t.Logf("%s: %d of %d networks agree", tt.kinds[0], agree, total)
		})
	}
}

// TestMMDBPrecisionFromRecord: the precision says what the record holds.
func TestMMDBPrecisionFromRecord(t *testing.T) {
	pts := points(t)
	loc := func(lat, lon, acc float64) map[string]any {
		return map[string]any{"latitude": lat, "longitude": lon, "accuracy_radius": acc}
	}
	gb := map[string]any{"iso_code": "GB"}
	city := map[string]any{"names": map[string]any{"en": "Leeds"}}
	subs := []any{map[string]any{"iso_code": "ENG", "names": map[string]any{"en": "England"}}}
	gbPoint, _ := pts("GB")
	gbLat, gbLon := gbPoint.Lat(), gbPoint.Lon()
	tests := []struct {
		cidr string
		rec  map[string]any
		want expected
	}{
		{"1.0.0.0/24", map[string]any{"country": gb, "city": city, "subdivisions": subs, "location": loc(53.8, -1.55, 5)},
			expected{"GB", "Leeds", geo.PrecisionCity, 53.8, -1.55, 5}},
		{"1.0.1.0/24", map[string]any{"country": gb, "subdivisions": subs, "location": loc(52.5, -1.5, 200)},
			expected{"GB", "", geo.PrecisionSubdivision, 52.5, -1.5, 200}},
		{"1.0.2.0/24", map[string]any{"country": gb, "location": loc(54.75, -2.69, 1000)},
			expected{"GB", "", geo.PrecisionCoordinates, 54.75, -2.69, 1000}},
		{"1.0.3.0/24", map[string]any{"location": loc(48.69, 9.14, 100)},
			expected{"", "", geo.PrecisionCoordinates, 48.69, 9.14, 100}},
		{"1.0.4.0/24", map[string]any{"registered_country": gb},
			expected{"GB", "", geo.PrecisionCountry, gbLat, gbLon, 0}},
		{"1.0.5.0/24", map[string]any{"country": gb, "city": city},
			expected{"GB", "Leeds", geo.PrecisionCountry, gbLat, gbLon, 0}},
	}
	var src []geotest.SourceNetwork
	for _, tt := range tests {
		src = append(src, geotest.SourceNetwork{CIDR: tt.cidr, Record: tt.rec})
	}
	m, err := geo.NewMMDB("records", geotest.MMDBFromSource(t, "GeoIP2-City", src), geo.MMDBOptions{Points: pts})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		a := firstLast(t, tt.cidr)[0]
		got, err := m.Locate(a)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if d := diff(got, tt.want, 1e-9); d != "" {
			t.Errorf("%s: %s", tt.cidr, d)
		}
	}
}
