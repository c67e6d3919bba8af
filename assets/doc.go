// Package assets holds threatmap's embedded data and decodes it into plain
// values: Natural Earth 1:50m country borders and land from world-atlas
// (TopoJSON), the ip-location-db geo-whois-asn-country database (MMDB), the
// ISO 3166-1 table, and the default rule set. LoadWorld returns the borders
// split at the antimeridian, with a representative point inside each
// country: DecodeWorld's result (geo/topojson and geo/shape geometry),
// saved by go generate as data/world.bin and copied at start-up. Licences and
// provenance are in assets/data and the README; `make assets` re-creates
// the files from their npm packages.
package assets
