package shape

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// worldBound is the lon/lat rectangle every returned geometry lies in.
var worldBound = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// SplitAntimeridian returns p cut at ±180° longitude so that no edge jumps
// across the map: each ring is first unwrapped into a continuous path (a step
// of more than 180° in longitude is taken as a crossing), a ring that circles
// a pole (Antarctica) is closed along that pole, and the result is clipped to
// [-180, 180] once per 360° shift it overlaps. p is not modified.
func SplitAntimeridian(p orb.Polygon) orb.MultiPolygon {
	if len(p) == 0 {
		return nil
	}
	outer := unwrapRing(p[0])
	ob := outer.Bound()
	shifted := orb.Polygon{outer}
	for _, hole := range p[1:] {
		h := unwrapRing(hole)
		// Bring the hole next to the outer ring it belongs to.
		hc := (h.Bound().Min[0] + h.Bound().Max[0]) / 2
		oc := (ob.Min[0] + ob.Max[0]) / 2
		shifted = append(shifted, shiftRing(h, 360*math.Round((oc-hc)/360)))
	}
	if ob.Min[0] >= -180 && ob.Max[0] <= 180 {
		return orb.MultiPolygon{shifted}
	}
	var out orb.MultiPolygon
	for k := math.Floor((ob.Min[0] + 180) / 360); k*360-180 < ob.Max[0]; k++ {
		poly := make(orb.Polygon, 0, len(shifted))
		for _, r := range shifted {
			poly = append(poly, shiftRing(r, -k*360))
		}
		c := clip.Polygon(worldBound, poly)
		if len(c) > 0 && len(c[0]) >= 4 {
			out = append(out, c)
		}
	}
	return out
}

// SplitMultiPolygon applies SplitAntimeridian to every polygon of mp.
func SplitMultiPolygon(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range mp {
		out = append(out, SplitAntimeridian(p)...)
	}
	return out
}

// unwrapRing returns r with longitudes made continuous. If the ring winds
// once around the globe it is closed through the nearer pole.
func unwrapRing(r orb.Ring) orb.Ring {
	if len(r) == 0 {
		return nil
	}
	out := make(orb.Ring, len(r), len(r)+4)
	offset := 0.0
	out[0] = r[0]
	for i := 1; i < len(r); i++ {
		d := r[i][0] - r[i-1][0]
		switch {
		case d > 180:
			offset -= 360
		case d < -180:
			offset += 360
		}
		out[i] = orb.Point{r[i][0] + offset, r[i][1]}
	}
	if offset == 0 {
		return out
	}
	// The ring circles a pole: close it along the pole's latitude.
	sumLat := 0.0
	for _, pt := range r {
		sumLat += pt[1]
	}
	pole := 90.0
	if sumLat < 0 {
		pole = -90
	}
	out = out[:len(out)-1] // drop the closing point, which sits 360° away
	last := out[len(out)-1]
	out = append(out,
		orb.Point{last[0], pole},
		orb.Point{out[0][0], pole},
		out[0])
	return out
}

func shiftRing(r orb.Ring, dx float64) orb.Ring {
	if dx == 0 {
		return r
	}
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{p[0] + dx, p[1]}
	}
	return out
}
