package geo_test

import (
	"errors"
	"maps"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/geo/geotest"
)

var world = sync.OnceValues(assets.LoadWorld)

func points(t testing.TB) geo.CountryPoints {
	t.Helper()
	w, err := world()
	if err != nil {
		t.Fatal(err)
	}
	return geo.WorldPoints(w)
}

// want is what a lookup should give: a country and city, the precision, and
// for city precision the fixture's coordinates (country precision is checked
// against the representative point).
type want struct {
	country string
	city    string
	prec    geo.Precision
	lat     float64
	lon     float64
	bogon   string
}

var (
	london    = want{"GB", "London", geo.PrecisionCity, 51.5142, -0.0931, ""}
	tokyo     = want{"JP", "Tokyo", geo.PrecisionCity, 35.6895, 139.6917, ""}
	gbCountry = want{country: "GB", prec: geo.PrecisionCountry}
	jpCountry = want{country: "JP", prec: geo.PrecisionCountry}
	ph        = want{country: "PH", prec: geo.PrecisionCountry}
	za        = want{country: "ZA", prec: geo.PrecisionCountry}
	phArea    = want{country: "PH", prec: geo.PrecisionCoordinates, lat: 13, lon: 122}
	zaArea    = want{country: "ZA", prec: geo.PrecisionCoordinates, lat: -29, lon: 24}
	none      = want{}
	private   = want{bogon: "private"}
	docs      = want{bogon: "documentation"}
)

func check(t *testing.T, pts geo.CountryPoints, addr string, loc geo.Location, err error, w want) {
	t.Helper()
	if w.bogon != "" {
		var be *geo.BogonError
		if !errors.As(err, &be) || be.Reason != w.bogon || loc.Located() {
			t.Errorf("%s: got %+v, %v; want bogon %q", addr, loc, err, w.bogon)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: %v", addr, err)
		return
	}
	if loc.Country != w.country || loc.City != w.city || loc.Precision != w.prec {
		t.Errorf("%s: got %s/%q/%v; want %s/%q/%v", addr, loc.Country, loc.City, loc.Precision, w.country, w.city, w.prec)
		return
	}
	switch w.prec {
	case geo.PrecisionCity, geo.PrecisionSubdivision, geo.PrecisionCoordinates:
		if math.Abs(loc.Lat-w.lat) > 1e-3 || math.Abs(loc.Lon-w.lon) > 1e-3 {
			t.Errorf("%s: at %v,%v; want %v,%v", addr, loc.Lat, loc.Lon, w.lat, w.lon)
		}
	case geo.PrecisionCountry:
		p, _ := pts(w.country)
		if loc.Lat != p.Lat() || loc.Lon != p.Lon() {
			t.Errorf("%s: at %v,%v; want %s's representative point %v (lon, lat)", addr, loc.Lat, loc.Lon, w.country, p)
		}
	case geo.PrecisionNone:
		if loc.Lat != 0 || loc.Lon != 0 {
			t.Errorf("%s: unlocated but at %v,%v", addr, loc.Lat, loc.Lon)
		}
	}
}

// TestMMDBSchemas locates the same mixed IPv4, IPv6 and bogon addresses
// through a fixture of every schema, each detected from the file.
func TestMMDBSchemas(t *testing.T) {
	pts := points(t)
	cityLike := map[string]want{
		"81.2.69.160":        london,
		"::ffff:81.2.69.160": london,
		"2001:218:1::1":      tokyo,
		"202.196.224.1":      ph,
		"2c0f:ff40::1":       za,
		"10.1.1.1":           private,
		"::ffff:10.1.1.1":    private,
		"2001:db8::1":        docs,
		"1.1.1.1":            none,
		"2a0b::1":            none,
	}
	// MaxMind-layout city files give coordinates to networks without a city.
	cityArea := maps.Clone(cityLike)
	cityArea["202.196.224.1"], cityArea["2c0f:ff40::1"] = phArea, zaArea
	countryLike := map[string]want{
		"81.2.69.160":        gbCountry,
		"::ffff:81.2.69.160": gbCountry,
		"2001:218:1::1":      jpCountry,
		"202.196.224.1":      ph,
		"2c0f:ff40::1":       za,
		"10.1.1.1":           private,
		"2001:db8::1":        docs,
		"1.1.1.1":            none,
	}
	v4only := map[string]want{
		"81.2.69.160":        london,
		"::ffff:81.2.69.160": london, // an IPv4-only file must not see ::ffff:
		"2001:218:1::1":      none,   // skipped, not an error
		"10.1.1.1":           private,
	}
	v6only := map[string]want{
		"81.2.69.160":   none,
		"2001:218:1::1": tokyo,
		"2c0f:ff40::1":  za,
		"fd00::1":       {bogon: "unique-local"},
	}
	tests := []struct {
		kinds  []geotest.Kind
		schema string
		cases  map[string]want
	}{
		{[]geotest.Kind{geotest.MaxMindCity}, "maxmind", cityArea},
		{[]geotest.Kind{geotest.MaxMindCountry}, "maxmind", countryLike},
		{[]geotest.Kind{geotest.DBIPCity}, "dbip", cityArea},
		{[]geotest.Kind{geotest.FlatCityIPv4}, "ip-location-db", v4only},
		{[]geotest.Kind{geotest.FlatCityIPv6}, "ip-location-db", v6only},
		{[]geotest.Kind{geotest.FlatCityIPv4, geotest.FlatCityIPv6}, "ip-location-db", cityLike},
		{[]geotest.Kind{geotest.FlatCityIPv6, geotest.FlatCityIPv4}, "ip-location-db", cityLike},
		{[]geotest.Kind{geotest.FlatCountry}, "ip-location-db", countryLike},
		{[]geotest.Kind{geotest.IPinfoLocation}, "ipinfo", cityLike},
		{[]geotest.Kind{geotest.IPinfoLite}, "ipinfo", countryLike},
		// A country file first, a city file second: the finer answer wins.
		{[]geotest.Kind{geotest.MaxMindCountry, geotest.MaxMindCity}, "maxmind", cityArea},
	}
	for _, tt := range tests {
		var names []string
		for _, k := range tt.kinds {
			names = append(names, string(k))
		}
		t.Run(strings.Join(names, "+"), func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, k := range tt.kinds {
				paths = append(paths, geotest.WriteMMDB(t, dir, k))
			}
			for _, schema := range []string{"auto", tt.schema} {
				sc, err := geo.ParseSchema(schema)
				if err != nil {
					t.Fatal(err)
				}
				m, err := geo.OpenMMDB(paths, geo.MMDBOptions{Schema: sc, Points: pts})
				if err != nil {
					t.Fatal(err)
				}
				for _, info := range m.Databases() {
					if info.Schema.Name != tt.schema {
						t.Errorf("%s: schema %q; want %q", info.Name, info.Schema, tt.schema)
					}
					if info.Built.Unix() != geotest.BuildEpoch || !strings.Contains(info.Description, "fixture") {
						t.Errorf("%s: metadata %+v", info.Name, info)
					}
				}
				for addr, w := range tt.cases {
					loc, err := m.Locate(netip.MustParseAddr(addr))
					check(t, pts, addr, loc, err, w)
					if loc.Located() && loc.Source != strings.TrimSuffix(filepath.Base(paths[0]), ".mmdb") && len(paths) == 1 {
						t.Errorf("%s: source %q", addr, loc.Source)
					}
				}
				if err := m.Close(); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestMMDBAttribution(t *testing.T) {
	tests := []struct {
		kind geotest.Kind
		want string
	}{
		{geotest.MaxMindCity, "GeoLite2 data created by MaxMind"},
		{geotest.DBIPCity, "DB-IP"},
		{geotest.IPinfoLocation, "IPinfo"},
		{geotest.FlatCountry, "threatmap test fixture"},
	}
	for _, tt := range tests {
		m, err := geo.NewMMDB(string(tt.kind), geotest.MMDB(t, tt.kind), geo.MMDBOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Attribution(); !strings.Contains(got, tt.want) {
			t.Errorf("%s: attribution %q; want it to mention %q", tt.kind, got, tt.want)
		}
	}
}

// TestMMDBBroken checks that every broken database is refused at open with
// an error that names the file and says what is wrong.
func TestMMDBBroken(t *testing.T) {
	dir := t.TempDir()
	city := geotest.MMDB(t, geotest.MaxMindCity)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name   string
		path   string
		schema string
		want   string
	}{
		{"missing", filepath.Join(dir, "nope.mmdb"), "", "no such file"},
		{"zero bytes", write("zero.mmdb", nil), "", "empty"},
		{"truncated", write("truncated.mmdb", city[:len(city)/2]), "", "not a MaxMind DB file"},
		{"random", write("random.mmdb", []byte(strings.Repeat("threatmap", 500))), "", "not a MaxMind DB file"},
		{"no records", geotest.WriteMMDB(t, dir, geotest.Empty), "", "no records"},
		{"ASN database", geotest.WriteMMDB(t, dir, geotest.ASN), "", "unknown schema: GeoLite2-ASN records"},
		{"unknown type", geotest.WriteMMDB(t, dir, geotest.UnknownTypedASN), "", "autonomous_system_number"},
		{"wrong explicit schema", geotest.WriteMMDB(t, dir, geotest.MaxMindCity), "ip-location-db", "schema ip-location-db finds no country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := geo.ParseSchema(tt.schema)
			if err != nil {
				t.Fatal(err)
			}
			m, err := geo.OpenMMDB([]string{tt.path}, geo.MMDBOptions{Schema: sc})
			if err == nil {
				m.Close()
				t.Fatalf("OpenMMDB(%s) succeeded", tt.name)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "geo: ") || !strings.Contains(msg, tt.path) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q; want it to start with geo:, name %s and say %q", msg, tt.path, tt.want)
			}
		})
	}
}

// TestMMDBCorruptData damages the data section of a valid file: opening
// with Verify refuses it, and without Verify lookups fail with an error
// (never a panic, never a made-up location).
func TestMMDBCorruptData(t *testing.T) {
	data := geotest.MMDB(t, geotest.MaxMindCity)
	marker := strings.LastIndex(string(data), "\xAB\xCD\xEFMaxMind.com")
	bad := append([]byte(nil), data...)
	for i := marker - 300; i < marker-8; i++ {
		bad[i] = 0xff
	}
	if _, err := geo.NewMMDB("bad", bad, geo.MMDBOptions{Verify: true}); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("Verify: got %v; want an error naming the database", err)
	}
	m, err := geo.NewMMDB("bad", bad, geo.MMDBOptions{Schema: mustSchema(t, "maxmind")})
	if err != nil {
		return // refused at open: fine too
	}
	for _, n := range geotest.Networks() {
		a := netip.MustParsePrefix(n.CIDR).Addr().Next()
		loc, err := m.Locate(a)
		if err == nil && loc.Located() && loc.Country != n.Country {
			t.Errorf("%v: made-up answer %+v", a, loc)
		}
	}
}

func mustSchema(t testing.TB, s string) geo.Schema {
	t.Helper()
	sc, err := geo.ParseSchema(s)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestParseSchema(t *testing.T) {
	tests := []struct {
		in      string
		want    string // String() of the result
		wantErr string
	}{
		{"", "", ""},
		{"auto", "", ""},
		{"MaxMind", "maxmind", ""},
		{"geolite2", "maxmind", ""},
		{"dbip", "dbip", ""},
		{"ip-location-db", "ip-location-db", ""},
		{"ipinfo", "ipinfo", ""},
		{"country=cc,lat=geo.lat,lon=geo.lon|geo.lng,city=town", "country=cc,lat=geo.lat,lon=geo.lon|geo.lng,city=town", ""},
		{"latlon=loc,country=cc", "country=cc,latlon=loc", ""},
		{"bogus", "", "unknown database schema"},
		{"country=", "", "want key=path"},
		{"lat=a", "", "lat and lon go together"},
		{"city=name", "", "neither a country nor coordinates"},
		{"country=a..b", "", "empty key"},
		{"colour=red", "", "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := geo.ParseSchema(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "geo: ") {
					t.Fatalf("ParseSchema(%q) = %v, %v; want error %q", tt.in, s, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.String() != tt.want {
				t.Errorf("ParseSchema(%q).String() = %q; want %q", tt.in, s.String(), tt.want)
			}
			if again, err := geo.ParseSchema(s.String()); s.Name == "custom" && (err != nil || again.String() != s.String()) {
				t.Errorf("round trip of %q: %v, %v", s.String(), again, err)
			}
		})
	}
}

// TestMMDBCustomSchema reads a database through an explicit mapping.
func TestMMDBCustomSchema(t *testing.T) {
	pts := points(t)
	sc := mustSchema(t, "country=country.iso_code,lat=location.latitude,lon=location.longitude,city=city.names.de")
	m, err := geo.NewMMDB("city", geotest.MMDB(t, geotest.MaxMindCity), geo.MMDBOptions{Schema: sc, Points: pts})
	if err != nil {
		t.Fatal(err)
	}
	loc, err := m.Locate(netip.MustParseAddr("81.2.69.1"))
	if err != nil || loc.City != "London (de)" || loc.Precision != geo.PrecisionCity {
		t.Errorf("got %+v, %v", loc, err)
	}
}

// FuzzOpenMMDB feeds arbitrary bytes, seeded with every fixture, to the
// database reader and its schema mapping: it must refuse or answer, never
// panic, and never answer with invalid coordinates.
func FuzzOpenMMDB(f *testing.F) {
	for _, k := range append(geotest.Kinds(), geotest.ASN, geotest.Empty) {
		f.Add(geotest.MMDB(f, k))
	}
	addrs := []netip.Addr{
		netip.MustParseAddr("81.2.69.160"), netip.MustParseAddr("2001:218::1"),
		netip.MustParseAddr("202.196.224.1"), netip.MustParseAddr("8.8.8.8"),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := geo.NewMMDB("fuzz", data, geo.MMDBOptions{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "geo: open fuzz: ") {
				t.Fatalf("error without context: %v", err)
			}
			return
		}
		for _, a := range addrs {
			loc, err := m.Locate(a)
			if err == nil && loc.Located() && (loc.Lat < -90 || loc.Lat > 90 || loc.Lon < -180 || loc.Lon > 180 || (loc.Lat == 0 && loc.Lon == 0)) {
				t.Fatalf("%v located at %v,%v", a, loc.Lat, loc.Lon)
			}
		}
	})
}

// BenchmarkMMDBCity looks up a city database with nested records (the
// fixture is small; the cost is the tree walk plus the record cache).
func BenchmarkMMDBCity(b *testing.B) {
	m, err := geo.NewMMDB("city", geotest.MMDB(b, geotest.MaxMindCity), geo.MMDBOptions{Points: points(b)})
	if err != nil {
		b.Fatal(err)
	}
	addrs := []netip.Addr{
		netip.MustParseAddr("81.2.69.160"), netip.MustParseAddr("2001:218::1"),
		netip.MustParseAddr("202.196.224.1"), netip.MustParseAddr("8.8.8.8"),
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Locate(addrs[i%len(addrs)])
	}
}

func FuzzParseSchema(f *testing.F) {
	for _, s := range []string{"auto", "maxmind", "country=a.b|c,lat=x,lon=y", "latlon=loc", "lat=a,lon=b,city=c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := geo.ParseSchema(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "geo: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		if sc.Name == "custom" {
			again, err := geo.ParseSchema(sc.String())
			if err != nil || again.String() != sc.String() {
				t.Fatalf("%q → %q → %v, %v", s, sc.String(), again, err)
			}
		}
	})
}
