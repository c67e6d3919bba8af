package geo

import (
	"github.com/paulmach/orb"

	"github.com/threatmap/threatmap/assets"
)

// CountryPoints gives the point (lon, lat in WGS 84 degrees) at which an
// address located only to a country is placed, for an ISO 3166-1 alpha-2
// code.
type CountryPoints func(alpha2 string) (orb.Point, bool)

// WorldPoints places countries at the representative points of the embedded
// borders (inside the land of the country's largest polygon). Territories
// that the 1:50m borders fold into another country or leave out, such as
// Réunion or Gibraltar, are placed at their main town.
func WorldPoints(w *assets.World) CountryPoints {
	return func(alpha2 string) (orb.Point, bool) {
		if p, ok := territoryPoints[alpha2]; ok {
			return p, true
		}
		if c, ok := w.Country(alpha2); ok {
			return c.Point, true
		}
		return orb.Point{}, false
	}
}

// territoryPoints are lon, lat of the main town of territories without a
// feature of their own in Natural Earth's 1:50m admin-0 countries, so that
// they are not drawn in the middle of the country they belong to (France's
// overseas departments would land in Burgundy). AN (the former Netherlands
// Antilles) still appears in registry data.
var territoryPoints = map[string]orb.Point{
	"AN": {-68.93, 12.12},  // Willemstad
	"BQ": {-68.27, 12.15},  // Kralendijk, Bonaire
	"BV": {3.36, -54.42},   // Bouvet Island
	"CC": {96.83, -12.19},  // West Island
	"CX": {105.68, -10.42}, // Flying Fish Cove
	"GF": {-52.33, 4.94},   // Cayenne
	"GI": {-5.35, 36.14},   // Gibraltar
	"GP": {-61.53, 16.24},  // Pointe-à-Pitre
	"MQ": {-61.07, 14.61},  // Fort-de-France
	"RE": {55.45, -20.88},  // Saint-Denis
	"SJ": {15.65, 78.22},   // Longyearbyen
	"TK": {-171.82, -9.17}, // Fakaofo
	"TV": {179.20, -8.52},  // Funafuti
	"UM": {166.65, 19.28},  // Wake Island
	"YT": {45.23, -12.78},  // Mamoudzou
}

// NewEmbedded returns the default Locator: the embedded ip-location-db
// geo-whois-asn-country database (country level, IPv4 and IPv6), with
// answers placed at the countries' representative points in w. Its Source
// is assets.CountryDBName and its Attribution assets.CountryDBAttribution,
// which the data's licence (CC BY 4.0) requires on every map drawn with it.
func NewEmbedded(w *assets.World) (*MMDB, error) {
	m, err := NewMMDB(assets.CountryDBName, assets.CountryMMDB, MMDBOptions{Schema: schemaFlat(), Points: WorldPoints(w)})
	if err != nil {
		return nil, err
	}
	m.dbs[0].info.Attribution = assets.CountryDBAttribution
	return m, nil
}
