package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadius is the WGS 84 semi-major axis in metres, the sphere Web
// Mercator projects.
const EarthRadius = 6378137.0

// MaxMercatorLat is the latitude at which Web Mercator becomes a square.
const MaxMercatorLat = 85.0511287798066

// Mercator projects a lon, lat point (degrees) to Web Mercator metres (x, y).
// Latitudes beyond ±MaxMercatorLat are clamped, so the poles project to a
// finite y.
func Mercator(p orb.Point) orb.Point {
	lat := math.Max(-MaxMercatorLat, math.Min(MaxMercatorLat, p[1]))
	x := EarthRadius * p[0] * math.Pi / 180
	y := EarthRadius * math.Log(math.Tan(math.Pi/4+lat*math.Pi/360))
	return orb.Point{x, y}
}

// InverseMercator is the inverse of Mercator: Web Mercator metres to lon,
// lat degrees.
func InverseMercator(p orb.Point) orb.Point {
	lon := p[0] / EarthRadius * 180 / math.Pi
	lat := (2*math.Atan(math.Exp(p[1]/EarthRadius)) - math.Pi/2) * 180 / math.Pi
	return orb.Point{lon, lat}
}

var _ orb.Projection = Mercator
var _ orb.Projection = InverseMercator
