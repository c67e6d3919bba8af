package topojson

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDecode: the decoder never panics, errors carry the package
// prefix, and every decoded coordinate is a number (never NaN).
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[-10,-10]},` +
		`"objects":{"land":{"type":"GeometryCollection","geometries":[` +
		`{"type":"Polygon","id":"250","properties":{"name":"A"},"arcs":[[0]]},` +
		`{"type":"MultiPolygon","id":4,"arcs":[[[0,-1]],[[1]]]},` +
		`{"type":"LineString","arcs":[0,-2]},{"type":"MultiLineString","arcs":[[0],[1]]},` +
		`{"type":"Point","coordinates":[3,4]},{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},{"type":null}]}},` +
		`"arcs":[[[0,0],[10,0],[0,10],[-10,0],[0,-10]],[[0,0],[1,1]]]}`))
	f.Add([]byte(`{"type":"Topology","objects":{"x":{"type":"Polygon","arcs":[[-1]]}},"arcs":[[[0,0],[1,0],[1,1],[0,0]]]}`))
	f.Add([]byte(`{"type":"Topology","objects":{"x":{"type":"Polygon","arcs":[[5]]}},"arcs":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		topo, err := Decode(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "topojson") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		for name, feats := range topo.Objects {
			for _, ft := range feats {
				if p, ok := firstNaN(ft.Geometry); ok {
					t.Fatalf("object %q: NaN coordinate %v", name, p)
				}
			}
		}
	})
}

// firstNaN finds a point with a NaN coordinate in g.
func firstNaN(g orb.Geometry) (orb.Point, bool) {
	var pts []orb.Point
	switch g := g.(type) {
	case orb.Point:
		pts = []orb.Point{g}
	case orb.MultiPoint:
		pts = g
	case orb.LineString:
		pts = g
	case orb.MultiLineString:
		for _, l := range g {
			pts = append(pts, l...)
		}
	case orb.Polygon:
		for _, r := range g {
			pts = append(pts, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				pts = append(pts, r...)
			}
		}
	}
	for _, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
			return p, true
		}
	}
	return orb.Point{}, false
}
