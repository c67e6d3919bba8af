package assets

import _ "embed"

// CountriesTopoJSON is Natural Earth 1:50m admin-0 countries from the npm
// package world-atlas@2.0.2 (countries-50m.json; ISC licence, data in the
// public domain). Feature ids are ISO 3166-1 numeric codes.
//
//go:embed data/countries-50m.json
var CountriesTopoJSON []byte

// LandTopoJSON is Natural Earth 1:50m land from world-atlas@2.0.2.
//
//go:embed data/land-50m.json
var LandTopoJSON []byte

// CountryMMDB is the ip-location-db geo-whois-asn-country database (IPv4 and
// IPv6 in one MaxMind-format file, flat country_code records) from the npm
// package @ip-location-db/geo-whois-asn-country-mmdb. Data: CC BY 4.0, with
// attribution to the NRO. It maps some private ranges to countries, so callers
// must filter bogons before looking an address up.
//
//go:embed data/geo-whois-asn-country.mmdb
var CountryMMDB []byte

//go:embed data/iso3166.csv
var iso3166CSV []byte

// Attribution lines required by the embedded data's licences. Every map
// drawn with the embedded data carries them.
const (
	NaturalEarthAttribution = "Borders: Natural Earth (public domain) via world-atlas"
	CountryDBAttribution    = "IP geolocation: ip-location-db geo-whois-asn-country, CC BY 4.0, data © NRO (nro.net)"
	CountryDBName           = "geo-whois-asn-country"
)

// CrawlerRanges lists the address ranges crawlers publish, one "crawler
// prefix" a line, # comments (see crawlers/README.md for sources and dates).
//
//go:embed crawlers/ranges.txt
var CrawlerRanges []byte

// worldBinary is DecodeWorld(CountriesTopoJSON, LandTopoJSON) in the binary
// form LoadWorld copies; go generate writes it again when the TopoJSON or
// the decoding changes, and a test checks that it is current.
//
//go:generate go run ./internal/genworld data/world.bin
//go:embed data/world.bin
var worldBinary []byte
