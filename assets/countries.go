package assets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/crc32"
	"sort"
	"sync"

	"github.com/paulmach/orb"

	"github.com/threatmap/threatmap/geo/shape"
	"github.com/threatmap/threatmap/geo/topojson"
)

// Country is one Natural Earth admin-0 feature.
type Country struct {
	Numeric  string           // ISO 3166-1 numeric, e.g. "250"; empty for the five features without one
	Alpha2   string           // ISO 3166-1 alpha-2, e.g. "FR"; empty when unknown
	Name     string           // Natural Earth's short name, e.g. "France"
	Geometry orb.MultiPolygon // lon, lat degrees, split at the antimeridian
	Point    orb.Point        // lon, lat of a point inside the largest polygon
}

// World is the decoded basemap: countries, land and the ISO 3166-1 table.
// It is immutable after LoadWorld returns and safe for concurrent use.
type World struct {
	Countries []Country        // sorted by Name
	Land      orb.MultiPolygon // lon, lat degrees, split at the antimeridian
	// Borders are the land borders between countries, each once, as
	// polylines (lon, lat degrees): the countries' rings without the
	// coastlines, which Land's rings draw.
	Borders orb.MultiLineString
	// Small is Land and Borders simplified for maps of small scale, where
	// a pixel spans many of their vertices.
	Small Generalized
	// ID names the data a World holds: LoadWorld sets it to a checksum of
	// the embedded data, so that a renderer may reuse what it drew from
	// the same data before; a World made any other way has none.
	ID       string
	byAlpha2 map[string]int
	names    map[string]string // alpha-2 → ISO short name
}

// Generalized is coastlines and borders simplified to a tolerance: each
// line keeps the vertices Douglas–Peucker keeps at Tolerance degrees of
// longitude on the Web Mercator plane (a map draws it where that is at
// most a quarter of its pixel); small islands keep all their vertices.
type Generalized struct {
	Tolerance float64
	Land      orb.MultiPolygon
	Borders   orb.MultiLineString
}

// SmallScaleTolerance is World.Small's tolerance, in degrees: a quarter
// of a pixel on world maps up to 1,600 pixels wide.
const SmallScaleTolerance = 0.05

// featuresWithoutID gives alpha-2 codes to Natural Earth features that carry
// no ISO numeric id but do have an ISO or user-assigned alpha-2 code in
// geolocation databases.
var featuresWithoutID = map[string]string{"Kosovo": "XK"}

// LoadWorld returns the embedded borders and land, split at the
// antimeridian, with every country's representative point: the binary form
// DecodeWorld's result was saved in (data/world.bin, written by go
// generate), copied in about a millisecond. Callers load it once and share
// it.
func LoadWorld() (*World, error) {
	w, err := newWorld()
	if err != nil {
		return nil, err
	}
	if err := unmarshalWorld(w, worldBinary); err != nil {
		return nil, err
	}
	w.index()
	w.ID = embeddedWorldID()
	return w, nil
}

// DecodeWorld decodes world-atlas TopoJSON countries and land (such as
// CountriesTopoJSON and LandTopoJSON), splits them at the antimeridian and
// computes every country's representative point, which takes a few tenths
// of a second.
func DecodeWorld(countries, land []byte) (*World, error) {
	w, err := newWorld()
	if err != nil {
		return nil, err
	}
	topo, err := topojson.Decode(countries)
	if err != nil {
		return nil, err
	}
	iso, err := parseISO(iso3166CSV)
	if err != nil {
		return nil, err
	}
	numToA2 := map[string]string{}
	for _, e := range iso {
		numToA2[e.numeric] = e.alpha2
	}
	for _, f := range topo.Objects["countries"] {
		mp := toMultiPolygon(f.Geometry)
		if len(mp) == 0 {
			continue
		}
		c := Country{Numeric: f.ID, Name: f.Properties["name"], Geometry: shape.SplitMultiPolygon(mp)}
		c.Alpha2 = numToA2[f.ID]
		if c.Alpha2 == "" {
			c.Alpha2 = featuresWithoutID[c.Name]
		}
		c.Point = shape.RepresentativePoint(c.Geometry)
		w.Countries = append(w.Countries, c)
	}
	sort.Slice(w.Countries, func(i, j int) bool { return w.Countries[i].Name < w.Countries[j].Name })
	regions := make([]orb.MultiPolygon, len(w.Countries))
	for i, c := range w.Countries {
		regions[i] = c.Geometry
	}
	w.Borders = shape.SharedBorders(regions)
	topo, err = topojson.Decode(land)
	if err != nil {
		return nil, err
	}
	for _, f := range topo.Objects["land"] {
		w.Land = append(w.Land, shape.SplitMultiPolygon(toMultiPolygon(f.Geometry))...)
	}
	w.Small = Generalized{
		Tolerance: SmallScaleTolerance,
		Land:      shape.SimplifyRings(w.Land, SmallScaleTolerance),
		Borders:   shape.SimplifyLines(w.Borders, SmallScaleTolerance),
	}
	w.index()
	return w, nil
}

// newWorld returns a World with the ISO 3166-1 names and no geometry.
func newWorld() (*World, error) {
	iso, err := parseISO(iso3166CSV)
	if err != nil {
		return nil, err
	}
	w := &World{byAlpha2: map[string]int{}, names: map[string]string{}}
	for _, e := range iso {
		w.names[e.alpha2] = e.name
	}
	return w, nil
}

// index maps alpha-2 codes to countries.
func (w *World) index() {
	for i, c := range w.Countries {
		if c.Alpha2 != "" {
			w.byAlpha2[c.Alpha2] = i
		}
	}
}

// Country returns the country with ISO alpha-2 code a2 (upper case).
func (w *World) Country(a2 string) (*Country, bool) {
	i, ok := w.byAlpha2[a2]
	if !ok {
		return nil, false
	}
	return &w.Countries[i], true
}

// CountryName returns the English short name for an alpha-2 code: Natural
// Earth's when the country has geometry, else ISO 3166-1's, else a2 itself.
func (w *World) CountryName(a2 string) string {
	if c, ok := w.Country(a2); ok && c.Name != "" {
		return c.Name
	}
	if n, ok := w.names[a2]; ok {
		return n
	}
	return a2
}

func toMultiPolygon(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

type isoEntry struct{ numeric, alpha2, alpha3, name string }

func parseISO(data []byte) ([]isoEntry, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("assets: iso3166.csv: %w", err)
	}
	out := make([]isoEntry, 0, len(recs))
	for _, r := range recs[1:] {
		out = append(out, isoEntry{r[0], r[1], r[2], r[3]})
	}
	return out, nil
}

// embeddedWorldID is the ID of the embedded World: its size and CRC-32C,
// computed once.
var embeddedWorldID = sync.OnceValue(func() string {
	return fmt.Sprintf("world.bin:%d:%08x", len(worldBinary), crc32.Checksum(worldBinary, crc32.MakeTable(crc32.Castagnoli)))
})
