package geo

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Schema says where a MaxMind-format database keeps the fields of a
// Location. Each field lists alternative paths into the record, tried in
// order; a path is a list of map keys ("location", "latitude"). The zero
// Schema means "detect it".
type Schema struct {
	Name    string
	Country []Path // ISO 3166-1 alpha-2 code; values that are not two letters are skipped
	Lat     []Path // degrees, a number or a numeric string
	Lon     []Path
	LatLon  []Path // a single "lat,lon" string, used when Lat/Lon give nothing
	City    []Path // English name
	// Subdivision finds the name or code of a state or region; it only
	// refines the precision of coordinates that name no city.
	Subdivision []Path
	// Accuracy is the radius of uncertainty of the coordinates, in km.
	Accuracy []Path
}

// Path is a list of keys leading to a value in a database record: map keys,
// or a decimal index into an array ("subdivisions", "0", "iso_code").
type Path []string

func (p Path) String() string { return strings.Join(p, ".") }

func paths(ss ...string) []Path {
	out := make([]Path, len(ss))
	for i, s := range ss {
		out[i] = strings.Split(s, ".")
	}
	return out
}

// Known schemas, by the names ParseSchema accepts.
func schemaMaxMind(name string) Schema {
	// GeoIP2/GeoLite2 City and Country, and DB-IP's MaxMind-compatible files.
	// registered_country is the fallback for networks (anycast, satellite)
	// that carry no country of their own.
	return Schema{
		Name:        name,
		Country:     paths("country.iso_code", "registered_country.iso_code"),
		Lat:         paths("location.latitude"),
		Lon:         paths("location.longitude"),
		City:        paths("city.names.en"),
		Subdivision: paths("subdivisions.0.names.en", "subdivisions.0.iso_code"),
		Accuracy:    paths("location.accuracy_radius"),
	}
}

func schemaFlat() Schema {
	// ip-location-db files, and any database with flat, spelled-out names.
	// IPinfo Lite also uses country_code.
	return Schema{
		Name:        "ip-location-db",
		Country:     paths("country_code"),
		Lat:         paths("latitude"),
		Lon:         paths("longitude"),
		City:        paths("city"),
		Subdivision: paths("state1", "region"),
	}
}

func schemaIPinfo() Schema {
	// IPinfo's .mmdb files: "country" is the code in the location and country
	// databases, but the name in IPinfo Lite, which has "country_code".
	return Schema{
		Name:        "ipinfo",
		Country:     paths("country_code", "country"),
		Lat:         paths("lat", "latitude"),
		Lon:         paths("lng", "lon", "longitude"),
		LatLon:      paths("loc"),
		City:        paths("city"),
		Subdivision: paths("region"),
		Accuracy:    paths("radius"),
	}
}

// SchemaNames lists the names ParseSchema accepts besides a custom mapping.
func SchemaNames() []string {
	return []string{"maxmind", "dbip", "ip-location-db", "ipinfo"}
}

// ParseSchema returns a named schema ("maxmind", "dbip", "ip-location-db",
// "ipinfo"; "auto" or "" for detection, giving the zero Schema) or a custom
// mapping of the form
//
//	country=country.iso_code,lat=location.latitude,lon=location.longitude,city=city.names.en
//
// where each value may list alternatives separated by "|", the keys are
// country, lat, lon, latlon, city, subdivision and accuracy, and a path may
// index an array (subdivisions.0.iso_code).
func ParseSchema(s string) (Schema, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Schema{}, nil
	case "maxmind", "geoip2", "geolite2":
		return schemaMaxMind("maxmind"), nil
	case "dbip", "db-ip":
		return schemaMaxMind("dbip"), nil
	case "ip-location-db", "flat":
		return schemaFlat(), nil
	case "ipinfo":
		return schemaIPinfo(), nil
	}
	if !strings.Contains(s, "=") {
		return Schema{}, fmt.Errorf("geo: unknown database schema %q: use one of %s, or a mapping like country=country_code,lat=latitude,lon=longitude", s, strings.Join(SchemaNames(), ", "))
	}
	sc := Schema{Name: "custom"}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || strings.TrimSpace(v) == "" {
			return Schema{}, fmt.Errorf("geo: schema mapping %q: want key=path", kv)
		}
		var ps []Path
		for _, alt := range strings.Split(v, "|") {
			p := Path(strings.Split(strings.TrimSpace(alt), "."))
			if slices.Contains(p, "") {
				return Schema{}, fmt.Errorf("geo: schema mapping %q: empty key in path %q", kv, alt)
			}
			ps = append(ps, p)
		}
		switch k {
		case "country":
			sc.Country = ps
		case "lat":
			sc.Lat = ps
		case "lon", "lng":
			sc.Lon = ps
		case "latlon", "loc":
			sc.LatLon = ps
		case "city":
			sc.City = ps
		case "subdivision", "region":
			sc.Subdivision = ps
		case "accuracy":
			sc.Accuracy = ps
		default:
			return Schema{}, fmt.Errorf("geo: schema mapping %q: unknown key %q (want country, lat, lon, latlon, city, subdivision or accuracy)", kv, k)
		}
	}
	if (len(sc.Lat) == 0) != (len(sc.Lon) == 0) {
		return Schema{}, fmt.Errorf("geo: schema mapping %q: lat and lon go together", s)
	}
	if len(sc.Country) == 0 && len(sc.Lat) == 0 && len(sc.LatLon) == 0 {
		return Schema{}, fmt.Errorf("geo: schema mapping %q: maps neither a country nor coordinates", s)
	}
	return sc, nil
}

// String gives the schema's name, or its mapping when it is custom.
func (s Schema) String() string {
	if s.Name != "custom" {
		return s.Name
	}
	var parts []string
	add := func(k string, ps []Path) {
		if len(ps) == 0 {
			return
		}
		alts := make([]string, len(ps))
		for i, p := range ps {
			alts[i] = p.String()
		}
		parts = append(parts, k+"="+strings.Join(alts, "|"))
	}
	add("country", s.Country)
	add("lat", s.Lat)
	add("lon", s.Lon)
	add("latlon", s.LatLon)
	add("city", s.City)
	add("subdivision", s.Subdivision)
	add("accuracy", s.Accuracy)
	return strings.Join(parts, ",")
}

// IsZero reports whether s is the zero Schema (detect).
func (s Schema) IsZero() bool {
	return s.Name == "" && s.Country == nil && s.Lat == nil && s.Lon == nil && s.LatLon == nil && s.City == nil &&
		s.Subdivision == nil && s.Accuracy == nil
}

// fields is what a schema extracts from one record.
type fields struct {
	country     string
	city        string
	subdivision string
	lat, lon    float64
	hasCoords   bool
	accuracyKm  int // 0 when unknown
}

// extract reads a decoded record (maps of string keys, as decoded by
// maxminddb into an any) through the schema. Invalid values (a country that is
// not two letters, coordinates out of range or exactly 0,0) are ignored.
func (s Schema) extract(rec any) fields {
	var f fields
	for _, p := range s.Country {
		if v, ok := lookupPath(rec, p).(string); ok {
			if cc, ok := normaliseCountry(v); ok {
				f.country = cc
				break
			}
		}
	}
	for i := 0; i < len(s.Lat) && i < len(s.Lon); i++ {
		lat, ok1 := toFloat(lookupPath(rec, s.Lat[i]))
		lon, ok2 := toFloat(lookupPath(rec, s.Lon[i]))
		if ok1 && ok2 && validCoords(lat, lon) {
			f.lat, f.lon, f.hasCoords = lat, lon, true
			break
		}
	}
	if !f.hasCoords {
		for _, p := range s.LatLon {
			if v, ok := lookupPath(rec, p).(string); ok {
				if lat, lon, ok := parseLatLon(v); ok {
					f.lat, f.lon, f.hasCoords = lat, lon, true
					break
				}
			}
		}
	}
	f.city = firstString(rec, s.City)
	f.subdivision = firstString(rec, s.Subdivision)
	if f.hasCoords {
		for _, p := range s.Accuracy {
			if km, ok := toFloat(lookupPath(rec, p)); ok && km > 0 && km < 1e5 {
				f.accuracyKm = int(math.Round(km))
				break
			}
		}
	}
	return f
}

// firstString returns the first non-blank string found along ps, trimmed.
func firstString(rec any, ps []Path) string {
	for _, p := range ps {
		if v, ok := lookupPath(rec, p).(string); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// useful reports whether the schema finds anything at all in rec.
func (s Schema) useful(rec any) bool {
	f := s.extract(rec)
	return f.country != "" || f.hasCoords
}

func lookupPath(rec any, p Path) any {
	v := rec
	for _, k := range p {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// validCoords rejects NaN, out-of-range values, and 0,0: "Null Island" is
// where broken records put addresses they do not know.
func validCoords(lat, lon float64) bool {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return false
	}
	return lat != 0 || lon != 0
}

// parseLatLon parses "lat,lon" as ipinfo writes it.
func parseLatLon(s string) (lat, lon float64, ok bool) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || !validCoords(lat, lon) {
		return 0, 0, false
	}
	return lat, lon, true
}

// normaliseCountry upper-cases a two-letter code and rejects anything else
// (names, "ZZ"-style empties are kept: they are codes, and simply have no
// point).
func normaliseCountry(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return "", false
	}
	b := []byte(strings.ToUpper(s))
	if b[0] < 'A' || b[0] > 'Z' || b[1] < 'A' || b[1] > 'Z' {
		return "", false
	}
	return string(b), true
}

// recordKeys lists the top-level keys of a record, for error messages.
func recordKeys(rec any) []string {
	m, ok := rec.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("(a %T, not a map)", rec)}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
