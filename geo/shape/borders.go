package shape

import (
	"math"

	"github.com/paulmach/orb"
)

// SharedBorders returns the land borders between the regions of regions
// (countries): every edge that two different regions' rings both run
// along, once, joined into polylines in the order the rings first meet
// them. Coastlines (edges of one region only) are not part of it. Regions
// that share a border must share its vertices exactly, as regions decoded
// from one TopoJSON topology do.
func SharedBorders(regions []orb.MultiPolygon) orb.MultiLineString {
	owner := map[edge]int{} // edge → the region that first ran along it, or shared
	for i, mp := range regions {
		eachEdge(mp, func(e edge) {
			switch o, ok := owner[e]; {
			case !ok:
				owner[e] = i
			case o != i:
				owner[e] = shared
			}
		})
	}
	drawn := map[edge]bool{}
	var out orb.MultiLineString
	for _, mp := range regions {
		for _, poly := range mp {
			for _, r := range poly {
				out = appendSharedRuns(out, r, owner, drawn)
			}
		}
	}
	return out
}

// shared marks an edge that more than one region runs along.
const shared = -1

// edge is an undirected edge: its end points in a fixed order.
type edge [2]orb.Point

func newEdge(a, b orb.Point) edge {
	if b[0] < a[0] || b[0] == a[0] && b[1] < a[1] {
		a, b = b, a
	}
	return edge{a, b}
}

func eachEdge(mp orb.MultiPolygon, fn func(edge)) {
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				if r[i] != r[i+1] {
					fn(newEdge(r[i], r[i+1]))
				}
			}
		}
	}
}

// appendSharedRuns appends the runs of r's consecutive shared edges not
// drawn yet, and marks them drawn.
func appendSharedRuns(out orb.MultiLineString, r orb.Ring, owner map[edge]int, drawn map[edge]bool) orb.MultiLineString {
	var cur orb.LineString
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		e := newEdge(r[i], r[i+1])
		if owner[e] != shared || drawn[e] {
			flush()
			continue
		}
		drawn[e] = true
		if cur == nil {
			cur = orb.LineString{r[i]}
		}
		cur = append(cur, r[i+1])
	}
	flush()
	return out
}

// Seam reports whether the edge a–b runs along the antimeridian (lon ±180)
// or a pole (lat ±90): an edge that splitting and clipping left, not a
// border or a coast, and not to be drawn.
func Seam(a, b orb.Point) bool {
	const eps = 1e-9
	if math.Abs(math.Abs(a[0])-180) < eps && math.Abs(a[0]-b[0]) < eps {
		return true
	}
	return math.Abs(math.Abs(a[1])-90) < eps && math.Abs(a[1]-b[1]) < eps
}
