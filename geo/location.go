package geo

import (
	"fmt"
	"net/netip"
)

// Precision says how finely a Location pins an address.
type Precision uint8

// The precisions, coarsest first. Every precision but PrecisionNone and
// PrecisionCountry means the coordinates are the source's own; the finer
// ones also say what the source's record names.
const (
	PrecisionNone        Precision = iota // not located
	PrecisionCountry                      // the source gave a country only; placed at its representative point
	PrecisionCoordinates                  // the source's coordinates, with no subdivision or city named
	PrecisionSubdivision                  // the source's coordinates, in a named subdivision (state, region) but no city
	PrecisionCity                         // the source's coordinates, of a named city
)

var precisionNames = [...]string{"none", "country", "coordinates", "subdivision", "city"}

// NumPrecisions is the number of precisions, for tables indexed by Precision.
const NumPrecisions = len(precisionNames)

// String returns "none", "country", "coordinates", "subdivision" or "city".
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return fmt.Sprintf("precision(%d)", uint8(p))
}

// ParsePrecision is the inverse of Precision.String.
func ParsePrecision(s string) (Precision, error) {
	for i, n := range precisionNames {
		if n == s {
			return Precision(i), nil
		}
	}
	return PrecisionNone, fmt.Errorf("geo: unknown precision %q", s)
}

// Location is where an address is. Lat and Lon are WGS 84 degrees; they are
// meaningful only when Precision is not PrecisionNone (an unlocated address is
// never at 0,0).
type Location struct {
	Lat, Lon  float64
	Country   string // ISO 3166-1 alpha-2, upper case; empty when unknown
	City      string // English name; empty when unknown
	Precision Precision
	// AccuracyKm is the source's radius of uncertainty around Lat, Lon in
	// kilometres (MaxMind's accuracy_radius); 0 when the source gives none.
	AccuracyKm int
	Source     string // which locator answered, e.g. "geo-whois-asn-country", "ipinfo"
}

// Located reports whether l holds coordinates.
func (l Location) Located() bool { return l.Precision != PrecisionNone }

// Locator finds the Location of an address.
//
// A Locator returns a Location with PrecisionNone and a nil error when it
// knows nothing about the address, and an error only when it could not look
// (a bogon, a broken database, a failing API); callers count both.
type Locator interface {
	Locate(addr netip.Addr) (Location, error)
}
