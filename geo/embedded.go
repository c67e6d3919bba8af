package geo

import (
	"github.com/threatmap/threatmap/assets"
)

// CountryPoints gives the point (WGS 84 degrees) at which an address located
// only to a country is placed, for an ISO 3166-1 alpha-2 code.
type CountryPoints func(alpha2 string) (lat, lon float64, ok bool)

// WorldPoints places countries at the representative points of the embedded
// borders (inside the land of the country's largest polygon). Territories
// that the 1:50m borders fold into another country or leave out, such as
// Réunion or Gibraltar, are placed at their main town.
func WorldPoints(w *assets.World) CountryPoints {
	return func(alpha2 string) (float64, float64, bool) {
		if p, ok := territoryPoints[alpha2]; ok {
			return p[0], p[1], true
		}
		if c, ok := w.Country(alpha2); ok {
			return c.Point.Lat(), c.Point.Lon(), true
		}
		return 0, 0, false
	}
}

// territoryPoints are lat, lon of the main town of territories without a
// feature of their own in Natural Earth's 1:50m admin-0 countries, so that
// they are not drawn in the middle of the country they belong to (France's
// overseas departments would land in Burgundy). AN (the former Netherlands
// Antilles) still appears in registry data.
var territoryPoints = map[string][2]float64{
	"AN": {12.12, -68.93},  // Willemstad
	"BQ": {12.15, -68.27},  // Kralendijk, Bonaire
	"BV": {-54.42, 3.36},   // Bouvet Island
	"CC": {-12.19, 96.83},  // West Island
	"CX": {-10.42, 105.68}, // Flying Fish Cove
	"GF": {4.94, -52.33},   // Cayenne
	"GI": {36.14, -5.35},   // Gibraltar
	"GP": {16.24, -61.53},  // Pointe-à-Pitre
	"MQ": {14.61, -61.07},  // Fort-de-France
	"RE": {-20.88, 55.45},  // Saint-Denis
	"SJ": {78.22, 15.65},   // Longyearbyen
	"TK": {-9.17, -171.82}, // Fakaofo
	"TV": {-8.52, 179.20},  // Funafuti
	"UM": {19.28, 166.65},  // Wake Island
	"YT": {-12.78, 45.23},  // Mamoudzou
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
