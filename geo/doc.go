// Package geo places IP addresses on Earth.
//
// A Locator maps a netip.Addr to a Location. Implementations are values passed
// in by the caller: MMDB reads any MaxMind-format database (MaxMind GeoIP2 and
// GeoLite2, DB-IP, ip-location-db and IPinfo layouts, detected from the
// metadata and the records, or given as a Schema), routing IPv4 and IPv6
// addresses to the files that hold them; NewEmbedded wraps the embedded
// country database; IPInfo asks the ipinfo.io API in batches, within a request
// budget and a time limit, through its own on-disk IPInfoCache; a Chain tries
// several; a Memo remembers the answer for each distinct address of a run and
// sums them up in a Summary.
//
// Addresses in private, reserved and other special-purpose ranges (bogons,
// see Bogon) are never located: every Locator refuses them with a
// *BogonError naming the reason, so nothing is ever drawn at 0,0. A
// source's own coordinates are always the answer, with its accuracy radius
// and a Precision that says what its record names; only an answer with a
// country and no coordinates is placed at the country's representative point
// (CountryPoints, lon, lat as orb.Point).
//
// The networks behind the addresses come from an ASNLocator (ASNDB reads
// GeoLite2-ASN, DB-IP, ip-location-db and IPinfo ASN files; IPInfo answers
// from ipinfo's org), and their registered names from RDNS, a reverse-DNS
// resolver with bounded concurrency, timeouts and its own RDNSCache.
//
// Web Mercator's extent is MaxMercatorLat; the projection itself is orb's
// project package, and the geometry of borders is in geo/shape and
// geo/topojson. The package draws nothing, logs nothing and keeps no global
// state.
package geo
