package render

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/threatmap/threatmap/geo"
)

// Extent is the window of the Earth a map shows, in lon, lat degrees. A
// valid Extent has MinLon < MaxLon and MinLat < MaxLat. An extent that
// crosses the antimeridian (the Pacific) runs past 180: MaxLon up to 540,
// e.g. 120…210 for 120°E to 150°W; geometry west of MinLon is then drawn
// 360° further east (see Extent.WrapLon).
type Extent struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// DefaultLatLimit is the latitude, north and south, at which the full
// world extent stops (±82°, as classic threat maps cut it): beyond it Web
// Mercator spends most of the canvas on ice.
const DefaultLatLimit = 82.0

// WorldExtent is the default extent: every longitude, from 58°S (Cape Horn
// and the southern tips of every inhabited continent) to 84°N (the north
// of Greenland). No address is placed in Antarctica, to which the ±82°
// extent gave a quarter of the map.
var WorldExtent = Extent{MinLon: -180, MinLat: -58, MaxLon: 180, MaxLat: 84}

// WorldFullExtent is every longitude at latitudes ±DefaultLatLimit,
// Antarctica included: the region "world-full".
var WorldFullExtent = Extent{MinLon: -180, MinLat: -DefaultLatLimit, MaxLon: 180, MaxLat: DefaultLatLimit}

// Regions are the named extents accepted by Region.
var Regions = map[string]Extent{
	"world":         WorldExtent,
	"world-full":    WorldFullExtent,
	"europe":        {MinLon: -25, MinLat: 34, MaxLon: 45, MaxLat: 72},
	"north-america": {MinLon: -170, MinLat: 5, MaxLon: -50, MaxLat: 75},
	"south-america": {MinLon: -93, MinLat: -57, MaxLon: -30, MaxLat: 14},
	"asia":          {MinLon: 25, MinLat: -12, MaxLon: 150, MaxLat: 60},
	"middle-east":   {MinLon: 25, MinLat: 12, MaxLon: 64, MaxLat: 43},
	"africa":        {MinLon: -20, MinLat: -36, MaxLon: 55, MaxLat: 38},
	"oceania":       {MinLon: 110, MinLat: -50, MaxLon: 200, MaxLat: 2}, // to 160°W: Fiji, Samoa, Tonga
}

// RegionNames returns the names of Regions, sorted.
func RegionNames() []string {
	names := make([]string, 0, len(Regions))
	for n := range Regions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Region returns the named extent.
func Region(name string) (Extent, error) {
	e, ok := Regions[name]
	if !ok {
		return Extent{}, fmt.Errorf("render: unknown region %q (known: %v)", name, RegionNames())
	}
	return e, nil
}

// Validate reports whether e is a usable extent: finite, ordered, longitudes
// within ±180 and latitudes within Web Mercator's ±85.05°.
func (e Extent) Validate() error {
	for _, v := range []float64{e.MinLon, e.MinLat, e.MaxLon, e.MaxLat} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("render: extent %v is not finite", e)
		}
	}
	switch {
	case e.MinLon >= e.MaxLon:
		return fmt.Errorf("render: extent min longitude %g is not below max %g (across the antimeridian, give the max as more than 180, e.g. 210 for 150°W)", e.MinLon, e.MaxLon)
	case e.MinLat >= e.MaxLat:
		return fmt.Errorf("render: extent min latitude %g is not below max %g", e.MinLat, e.MaxLat)
	case e.MinLon < -180 || e.MinLon > 180 || e.MaxLon-e.MinLon > 360:
		return fmt.Errorf("render: extent longitudes %g…%g: the min must be within ±180 and the extent at most 360° wide", e.MinLon, e.MaxLon)
	case e.MinLat < -geo.MaxMercatorLat || e.MaxLat > geo.MaxMercatorLat:
		return fmt.Errorf("render: extent latitudes %g…%g outside Web Mercator's ±%.2f", e.MinLat, e.MaxLat, geo.MaxMercatorLat)
	}
	return nil
}

// WrapLon returns lon, or lon+360 when e crosses the antimeridian and the
// point lies east of it (west of MinLon), so that it lands inside e.
func (e Extent) WrapLon(lon float64) float64 {
	if e.MaxLon > 180 && lon < e.MinLon {
		return lon + 360
	}
	return lon
}

// LonSpan is the degrees of longitude e spans.
func (e Extent) LonSpan() float64 { return e.MaxLon - e.MinLon }

// Projected returns e in Web Mercator metres.
func (e Extent) Projected() orb.Bound {
	return orb.Bound{
		Min: project.WGS84.ToMercator(orb.Point{e.MinLon, e.MinLat}),
		Max: project.WGS84.ToMercator(orb.Point{e.MaxLon, e.MaxLat}),
	}
}

// Aspect is the projected height of e divided by its width: a map of e
// drawn W wide without distortion is W·Aspect tall.
func (e Extent) Aspect() float64 {
	b := e.Projected()
	return (b.Max[1] - b.Min[1]) / (b.Max[0] - b.Min[0])
}

func (e Extent) String() string {
	return fmt.Sprintf("%g,%g,%g,%g", e.MinLon, e.MinLat, e.MaxLon, e.MaxLat)
}

// Contains reports whether the point lon, lat (degrees) lies in e, edges
// included; across the antimeridian a longitude east of it counts 360°
// further east, as the map draws it.
func (e Extent) Contains(lon, lat float64) bool {
	lon = e.WrapLon(lon)
	return lon >= e.MinLon && lon <= e.MaxLon && lat >= e.MinLat && lat <= e.MaxLat
}
