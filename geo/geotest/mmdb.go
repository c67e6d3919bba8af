// Package geotest makes geolocation fixtures for tests: small MaxMind-format
// databases in every schema geo reads, written with mmdbwriter, and a fake
// ipinfo API server that can be told to fail. Everything is offline and
// deterministic.
package geotest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// Network is one network of the fixtures with what every fixture says about
// it. City is empty for a network known only to the country; its Lat, Lon are
// then the country-wide coordinates that the MaxMind-layout city databases
// give (with a wide accuracy radius), while the other layouts give no
// coordinates at all.
type Network struct {
	CIDR     string
	Country  string
	City     string
	Lat, Lon float64
}

// Networks is the fixtures' ground truth. 10.0.0.0/8 is there on purpose,
// as in real databases that map private space to a country: a locator must
// refuse it as a bogon before looking.
func Networks() []Network {
	return []Network{
		{"81.2.69.0/24", "GB", "London", 51.5142, -0.0931},
		{"89.160.20.0/24", "SE", "Linköping", 58.4167, 15.6167},
		{"175.16.199.0/24", "CN", "Changchun", 43.88, 125.3228},
		{"216.160.83.0/24", "US", "Milton", 47.2513, -122.3149},
		{"202.196.224.0/20", "PH", "", 13, 122},
		{"10.0.0.0/8", "US", "Nowhere", 40, -100},
		{"2001:218::/32", "JP", "Tokyo", 35.6895, 139.6917},
		{"2a02:d300::/32", "UA", "Kyiv", 50.4547, 30.5238},
		{"2c0f:ff40::/26", "ZA", "", -29, 24},
	}
}

// AS returns the autonomous system the ASN fixtures give the network: a
// number from the range reserved for documentation (RFC 5398) and a name.
func (n Network) AS() (number uint32, org string) {
	for i, m := range Networks() {
		if m.CIDR == n.CIDR {
			return 64496 + uint32(i), fmt.Sprintf("Example Network %d", i)
		}
	}
	return 64511, "Example Network"
}

// ASNKinds lists the ASN fixtures that geo can read.
func ASNKinds() []Kind { return []Kind{ASN, DBIPASN, FlatASN, IPinfoASN, IPinfoLite} }

// Kind names a fixture database.
type Kind string

// The fixture databases. Each writes the Networks in its product's layout
// and metadata; the IPv4 and IPv6 kinds of ip-location-db are the two halves
// of one split product.
const (
	MaxMindCity     Kind = "GeoLite2-City"         // nested country.iso_code, location.latitude, city.names.en
	MaxMindCountry  Kind = "GeoLite2-Country"      // nested, no location
	DBIPCity        Kind = "dbip-city-lite"        // MaxMind layout, float32 coordinates
	FlatCityIPv4    Kind = "dbip-city-ipv4"        // ip-location-db flat, IPv4-only file
	FlatCityIPv6    Kind = "dbip-city-ipv6"        // ip-location-db flat, IPv6 networks only
	FlatCountry     Kind = "geo-whois-asn-country" // ip-location-db flat, country_code only
	IPinfoLocation  Kind = "ipinfo-location"       // IPinfo names: country, city, lat/lng as strings
	IPinfoLite      Kind = "ipinfo-lite"           // IPinfo Lite: country_code, country is a name
	ASN             Kind = "GeoLite2-ASN"          // no location at all: an unknown schema for geo
	DBIPASN         Kind = "dbip-asn-lite"         // DB-IP's ASN file, MaxMind's ASN layout
	FlatASN         Kind = "asn"                   // ip-location-db's ASN file, MaxMind's ASN layout
	IPinfoASN       Kind = "ipinfo-asn"            // IPinfo names: asn "AS64496", name, domain
	UnknownTypedASN Kind = "asn-custom"            // no location, and a database_type nobody knows
	Empty           Kind = "empty"                 // valid file without records
)

// Kinds lists the fixtures that geo can read, in no particular order.
func Kinds() []Kind {
	return []Kind{MaxMindCity, MaxMindCountry, DBIPCity, FlatCityIPv4, FlatCityIPv6, FlatCountry, IPinfoLocation, IPinfoLite}
}

// Accuracy radii (km) that the MaxMind-layout city fixtures give to networks
// with and without a city.
const (
	CityAccuracyKm    = 20
	CountryAccuracyKm = 500
)

// BuildEpoch is the fixed build time of every fixture (2024-01-01T00:00:00Z).
const BuildEpoch = 1704067200

// MMDB returns the bytes of a fixture database.
func MMDB(tb testing.TB, kind Kind) []byte {
	tb.Helper()
	opts := mmdbwriter.Options{
		DatabaseType:            string(kind),
		Description:             map[string]string{"en": "threatmap test fixture " + string(kind)},
		BuildEpoch:              BuildEpoch,
		IncludeReservedNetworks: true,
		RecordSize:              24,
	}
	var record func(Network) mmdbtype.Map
	family := 0 // both
	switch kind {
	case MaxMindCity:
		record = maxmindRecord(true, false)
	case MaxMindCountry:
		record = maxmindRecord(false, false)
	case DBIPCity:
		opts.DatabaseType = "DBIP-City-Lite"
		record = maxmindRecord(true, true)
	case FlatCityIPv4:
		opts.DatabaseType, opts.IPVersion, family = "city ipv4", 4, 4
		record = flatRecord(true)
	case FlatCityIPv6:
		opts.DatabaseType, family = "city ipv6", 6
		record = flatRecord(true)
	case FlatCountry:
		opts.DatabaseType = "country ipvAll"
		record = flatRecord(false)
	case IPinfoLocation:
		opts.DatabaseType = "ipinfo location.mmdb"
		record = ipinfoRecord
	case IPinfoLite:
		opts.DatabaseType = "ipinfo lite.mmdb"
		record = ipinfoLiteRecord
	case ASN, UnknownTypedASN, DBIPASN, FlatASN:
		switch kind {
		case DBIPASN:
			opts.DatabaseType = "DBIP-ASN-Lite (compat=GeoLite2-ASN)"
		case FlatASN:
			opts.DatabaseType = "asn ipvAll"
		}
		record = func(n Network) mmdbtype.Map {
			num, org := n.AS()
			return mmdbtype.Map{"autonomous_system_number": mmdbtype.Uint32(num), "autonomous_system_organization": mmdbtype.String(org)}
		}
	case IPinfoASN:
		opts.DatabaseType = "ipinfo asn.mmdb"
		record = func(n Network) mmdbtype.Map {
			num, org := n.AS()
			return mmdbtype.Map{"asn": mmdbtype.String(fmt.Sprintf("AS%d", num)), "name": mmdbtype.String(org), "domain": mmdbtype.String("example.net")}
		}
	case Empty:
		record = nil
	default:
		tb.Fatalf("geotest: unknown fixture kind %q", kind)
	}
	tree, err := mmdbwriter.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	if record != nil {
		for _, n := range Networks() {
			_, ipnet, err := net.ParseCIDR(n.CIDR)
			if err != nil {
				tb.Fatal(err)
			}
			is4 := ipnet.IP.To4() != nil
			if (family == 4 && !is4) || (family == 6 && is4) {
				continue
			}
			if err := tree.Insert(ipnet, record(n)); err != nil {
				tb.Fatalf("geotest: insert %s into %s: %v", n.CIDR, kind, err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// WriteMMDB writes a fixture database into dir as <kind>.mmdb and returns
// its path.
func WriteMMDB(tb testing.TB, dir string, kind Kind) string {
	tb.Helper()
	path := filepath.Join(dir, string(kind)+".mmdb")
	if err := os.WriteFile(path, MMDB(tb, kind), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func maxmindRecord(withCity, float32s bool) func(Network) mmdbtype.Map {
	return func(n Network) mmdbtype.Map {
		country := mmdbtype.Map{
			"geoname_id": mmdbtype.Uint32(1),
			"iso_code":   mmdbtype.String(n.Country),
			"names":      mmdbtype.Map{"en": mmdbtype.String(n.Country + " (name)")},
		}
		m := mmdbtype.Map{
			"continent":          mmdbtype.Map{"code": mmdbtype.String("XX")},
			"country":            country,
			"registered_country": country,
		}
		if !withCity {
			return m
		}
		var lat, lon mmdbtype.DataType = mmdbtype.Float64(n.Lat), mmdbtype.Float64(n.Lon)
		if float32s {
			lat, lon = mmdbtype.Float32(n.Lat), mmdbtype.Float32(n.Lon)
		}
		if n.City != "" {
			m["city"] = mmdbtype.Map{"geoname_id": mmdbtype.Uint32(2), "names": mmdbtype.Map{"en": mmdbtype.String(n.City), "de": mmdbtype.String(n.City + " (de)")}}
			m["location"] = mmdbtype.Map{"latitude": lat, "longitude": lon, "accuracy_radius": mmdbtype.Uint16(CityAccuracyKm), "time_zone": mmdbtype.String("Etc/UTC")}
		} else {
			// A country-level record of a city database: the
			// coordinates of a country centroid, no city.
			m["location"] = mmdbtype.Map{"latitude": lat, "longitude": lon, "accuracy_radius": mmdbtype.Uint16(CountryAccuracyKm)}
		}
		return m
	}
}

func flatRecord(withCity bool) func(Network) mmdbtype.Map {
	return func(n Network) mmdbtype.Map {
		m := mmdbtype.Map{"country_code": mmdbtype.String(n.Country)}
		if withCity && n.City != "" {
			m["city"] = mmdbtype.String(n.City)
			m["state1"] = mmdbtype.String("State")
			m["latitude"] = mmdbtype.Float32(n.Lat)
			m["longitude"] = mmdbtype.Float32(n.Lon)
			m["timezone"] = mmdbtype.String("Etc/UTC")
		}
		return m
	}
}

func ipinfoRecord(n Network) mmdbtype.Map {
	m := mmdbtype.Map{"country": mmdbtype.String(n.Country), "timezone": mmdbtype.String("Etc/UTC")}
	if n.City != "" {
		m["city"] = mmdbtype.String(n.City)
		m["region"] = mmdbtype.String("Region")
		m["lat"] = mmdbtype.String(strconv.FormatFloat(n.Lat, 'f', 4, 64))
		m["lng"] = mmdbtype.String(strconv.FormatFloat(n.Lon, 'f', 4, 64))
		m["postal_code"] = mmdbtype.String("00000")
	}
	return m
}

func ipinfoLiteRecord(n Network) mmdbtype.Map {
	num, org := n.AS()
	return mmdbtype.Map{
		"country_code":   mmdbtype.String(n.Country),
		"country":        mmdbtype.String(fmt.Sprintf("Country %s", n.Country)),
		"continent_code": mmdbtype.String("XX"),
		"continent":      mmdbtype.String("Somewhere"),
		"asn":            mmdbtype.String(fmt.Sprintf("AS%d", num)),
		"as_name":        mmdbtype.String(org),
		"as_domain":      mmdbtype.String("example.net"),
	}
}
