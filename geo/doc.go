// Package geo places IP addresses on Earth.
//
// A Locator maps a netip.Addr to a Location. Implementations are values passed
// in by the caller: an MMDB reader for any MaxMind-format database (MaxMind,
// DB-IP, ip-location-db and IPinfo schemas), the embedded country database, an
// ipinfo API client with its own on-disk cache, a Chain that tries several, and
// a per-run Memo. Addresses in private, reserved and special-purpose ranges
// (bogons) are never located: they are reported with the reason. The package
// also holds the Web Mercator projection used by the renderer. It draws nothing.
package geo
