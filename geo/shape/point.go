package shape

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

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
