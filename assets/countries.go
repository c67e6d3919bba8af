package assets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
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
	byAlpha2  map[string]int
	names     map[string]string // alpha-2 → ISO short name
}

// featuresWithoutID gives alpha-2 codes to Natural Earth features that carry
// no ISO numeric id but do have an ISO or user-assigned alpha-2 code in
// geolocation databases.
var featuresWithoutID = map[string]string{"Kosovo": "XK"}

// LoadWorld decodes the embedded borders and land (about 50 ms) and computes
// every country's representative point. Callers load it once and share it.
func LoadWorld() (*World, error) {
	iso, err := parseISO(iso3166CSV)
	if err != nil {
		return nil, err
	}
	topo, err := DecodeTopoJSON(CountriesTopoJSON)
	if err != nil {
		return nil, err
	}
	w := &World{byAlpha2: map[string]int{}, names: map[string]string{}}
	for _, e := range iso {
		w.names[e.alpha2] = e.name
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
		c := Country{Numeric: f.ID, Name: f.Properties["name"], Geometry: SplitMultiPolygon(mp)}
		c.Alpha2 = numToA2[f.ID]
		if c.Alpha2 == "" {
			c.Alpha2 = featuresWithoutID[c.Name]
		}
		c.Point = RepresentativePoint(c.Geometry)
		w.Countries = append(w.Countries, c)
	}
	sort.Slice(w.Countries, func(i, j int) bool { return w.Countries[i].Name < w.Countries[j].Name })
	for i, c := range w.Countries {
		if c.Alpha2 != "" {
			w.byAlpha2[c.Alpha2] = i
		}
	}
	land, err := DecodeTopoJSON(LandTopoJSON)
	if err != nil {
		return nil, err
	}
	for _, f := range land.Objects["land"] {
		w.Land = append(w.Land, SplitMultiPolygon(toMultiPolygon(f.Geometry))...)
	}
	return w, nil
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

// RepresentativePoint returns a point inside the largest polygon of mp (by
// area in degrees², scaled by cos(latitude)), as far from its edges as a scan
// of 64 parallels finds: the midpoint of each inside span is scored by its
// distance to the nearest edge. Unlike a centroid it never falls in the sea
// or in a hole. It returns the zero Point for an empty mp.
func RepresentativePoint(mp orb.MultiPolygon) orb.Point {
	best, bestArea := -1, 0.0
	for i, p := range mp {
		if len(p) == 0 {
			continue
		}
		b := p.Bound()
		a := math.Abs(planar.Area(p)) * math.Cos((b.Min[1]+b.Max[1])/2*math.Pi/180)
		if best < 0 || a > bestArea {
			best, bestArea = i, a
		}
	}
	if best < 0 {
		return orb.Point{}
	}
	poly := mp[best]
	b := poly.Bound()
	const scans = 64
	var pick orb.Point
	pickScore := -1.0
	xs := make([]float64, 0, 16)
	for s := 0; s < scans; s++ {
		y := b.Min[1] + (b.Max[1]-b.Min[1])*(float64(s)+0.5)/scans
		xs = xs[:0]
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				a, c := r[i], r[i+1]
				if (a[1] > y) != (c[1] > y) {
					xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
				}
			}
		}
		sort.Float64s(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			pt := orb.Point{(xs[i] + xs[i+1]) / 2, y}
			if score := edgeDistance(poly, pt, pickScore); score > pickScore {
				pick, pickScore = pt, score
			}
		}
	}
	if pickScore < 0 {
		return b.Center()
	}
	return pick
}

// edgeDistance is the distance from pt to the nearest edge of p, with
// longitude scaled by cos(latitude) so that it approximates ground distance.
// Once the distance is known to be at most beat it returns early with a
// value that is at most beat (pass a negative beat for the exact distance).
//
// It keeps the smallest squared distance and takes one square root, which
// gives exactly the minimum of the edges' distances; edges whose latitude
// range alone puts them farther than that minimum are skipped (with a
// margin far above rounding error, so the result does not change).
func edgeDistance(p orb.Polygon, pt orb.Point, beat float64) float64 {
	k := math.Cos(pt[1] * math.Pi / 180)
	q := orb.Point{pt[0] * k, pt[1]}
	minSq := math.Inf(1)
	skip := math.Inf(1) // skip edges whose latitude gap squared exceeds this
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			y0, y1 := r[i][1], r[i+1][1]
			var gap float64
			if q[1] < y0 && q[1] < y1 {
				gap = min(y0, y1) - q[1]
			} else if q[1] > y0 && q[1] > y1 {
				gap = q[1] - max(y0, y1)
			}
			if gap*gap > skip {
				continue
			}
			a := orb.Point{r[i][0] * k, y0}
			c := orb.Point{r[i+1][0] * k, y1}
			if d := planar.DistanceFromSegmentSquared(a, c, q); d < minSq {
				minSq = d
				skip = d*(1+1e-9) + 1e-300
				if beat >= 0 && math.Sqrt(minSq) <= beat {
					return math.Sqrt(minSq)
				}
			}
		}
	}
	return math.Sqrt(minSq)
}
