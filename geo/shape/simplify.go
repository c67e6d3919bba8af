package shape

import (
	"math"

	"github.com/paulmach/orb"
)

// The simplifiers below drop the vertices of lines and rings (lon, lat
// degrees) that lie within tol of the simplified path, by Douglas–Peucker,
// with distances measured on the Web Mercator plane in degrees of
// longitude: a tolerance of half a pixel of a map then means half a pixel
// at every latitude. The points kept are the original points, bit for bit,
// so seams at the antimeridian and the poles stay where they are.

// SimplifyLine returns the points of l that Douglas–Peucker keeps at tol;
// the first and last are always kept.
func SimplifyLine(l []orb.Point, tol float64) []orb.Point {
	if len(l) <= 2 {
		return append([]orb.Point(nil), l...)
	}
	xy := make([]orb.Point, len(l))
	for i, p := range l {
		xy[i] = orb.Point{p[0], mercatorDegrees(p[1])}
	}
	keep := make([]bool, len(l))
	keep[0], keep[len(l)-1] = true, true
	markKept(xy, keep, 0, len(l)-1, tol*tol)
	out := make([]orb.Point, 0, len(l)/4+2)
	for i, k := range keep {
		if k {
			out = append(out, l[i])
		}
	}
	return out
}

// SimplifyRings simplifies every ring of mp; a ring left with fewer than
// four points (a closed triangle) is kept whole instead, so that small
// islands stay on the map.
func SimplifyRings(mp orb.MultiPolygon, tol float64) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, poly := range mp {
		p := make(orb.Polygon, 0, len(poly))
		for _, r := range poly {
			s := SimplifyLine(r, tol)
			if len(s) < 4 {
				s = append([]orb.Point(nil), r...)
			}
			p = append(p, orb.Ring(s))
		}
		out = append(out, p)
	}
	return out
}

// SimplifyLines simplifies every line of ml.
func SimplifyLines(ml orb.MultiLineString, tol float64) orb.MultiLineString {
	out := make(orb.MultiLineString, 0, len(ml))
	for _, l := range ml {
		out = append(out, orb.LineString(SimplifyLine(l, tol)))
	}
	return out
}

// markKept marks the points between i and j (exclusive) that
// Douglas–Peucker keeps; tol2 is the squared tolerance. It works from a
// stack rather than recursion: coastlines have tens of thousands of points.
func markKept(xy []orb.Point, keep []bool, i, j int, tol2 float64) {
	stack := [][2]int{{i, j}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := s[0], s[1]
		far, farD := -1, tol2
		for k := a + 1; k < b; k++ {
			if d := segmentDist2(xy[k], xy[a], xy[b]); d > farD {
				far, farD = k, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, [2]int{a, far}, [2]int{far, b})
	}
}

// segmentDist2 is the squared distance from p to the segment a–b.
func segmentDist2(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = min(max(((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2, 0), 1)
	}
	ex, ey := p[0]-a[0]-t*dx, p[1]-a[1]-t*dy
	return ex*ex + ey*ey
}

// mercatorDegrees is the Web Mercator y of a latitude in degrees of
// longitude, latitudes clamped to ±89.5° so that the poles stay finite.
func mercatorDegrees(lat float64) float64 {
	lat = min(max(lat, -89.5), 89.5)
	return math.Log(math.Tan(math.Pi/4+lat*math.Pi/360)) * 180 / math.Pi
}
