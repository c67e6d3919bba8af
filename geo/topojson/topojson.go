package topojson

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
)

// Topology is a decoded TopoJSON document: named objects, each a list of
// features whose geometry has been rebuilt from the shared arcs.
type Topology struct {
	Objects map[string][]Feature
}

// Feature is one geometry of a TopoJSON object. Geometry is in the topology's
// own coordinates (lon, lat for world-atlas), not yet split at the antimeridian.
type Feature struct {
	ID         string            // the "id" member; empty when absent
	Properties map[string]string // string-valued properties only
	Geometry   orb.Geometry      // orb.Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or nil
}

type topoDoc struct {
	Type      string                     `json:"type"`
	Transform *topoTransform             `json:"transform"`
	Objects   map[string]json.RawMessage `json:"objects"`
	Arcs      [][][2]float64             `json:"arcs"`
}

type topoTransform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type topoGeometry struct {
	Type        string          `json:"type"`
	ID          json.RawMessage `json:"id"`
	Properties  map[string]any  `json:"properties"`
	Arcs        json.RawMessage `json:"arcs"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  []topoGeometry  `json:"geometries"`
}

// Decode decodes a TopoJSON Topology: quantized, delta-encoded arcs
// are expanded once, and every geometry is rebuilt with reversed arcs (~i)
// and shared endpoints handled. A GeometryCollection object yields one
// Feature per member; any other object yields one Feature.
func Decode(data []byte) (*Topology, error) {
	var doc topoDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if doc.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type is %q, want \"Topology\"", doc.Type)
	}
	d := decoder{transform: doc.Transform}
	d.arcs = make([][]orb.Point, len(doc.Arcs))
	for i, arc := range doc.Arcs {
		d.arcs[i] = d.expandArc(arc)
	}
	topo := &Topology{Objects: make(map[string][]Feature, len(doc.Objects))}
	for name, raw := range doc.Objects {
		var g topoGeometry
		if err := json.Unmarshal(raw, &g); err != nil {
			return nil, fmt.Errorf("topojson: object %q: %w", name, err)
		}
		members := []topoGeometry{g}
		if g.Type == "GeometryCollection" {
			members = g.Geometries
		}
		feats := make([]Feature, 0, len(members))
		for i, m := range members {
			f, err := d.feature(m)
			if err != nil {
				return nil, fmt.Errorf("topojson: object %q geometry %d: %w", name, i, err)
			}
			feats = append(feats, f)
		}
		topo.Objects[name] = feats
	}
	return topo, nil
}

type decoder struct {
	transform *topoTransform
	arcs      [][]orb.Point
}

func (d *decoder) expandArc(arc [][2]float64) []orb.Point {
	pts := make([]orb.Point, len(arc))
	var x, y float64
	for i, p := range arc {
		if d.transform != nil {
			x += p[0]
			y += p[1]
			pts[i] = orb.Point{x*d.transform.Scale[0] + d.transform.Translate[0], y*d.transform.Scale[1] + d.transform.Translate[1]}
		} else {
			pts[i] = orb.Point{p[0], p[1]}
		}
	}
	return pts
}

func (d *decoder) position(p [2]float64) orb.Point {
	if d.transform == nil {
		return orb.Point{p[0], p[1]}
	}
	return orb.Point{p[0]*d.transform.Scale[0] + d.transform.Translate[0], p[1]*d.transform.Scale[1] + d.transform.Translate[1]}
}

// line concatenates arcs; each arc after the first drops its first point,
// which repeats the previous arc's last one.
func (d *decoder) line(refs []int) ([]orb.Point, error) {
	var out []orb.Point
	for _, ref := range refs {
		idx, reversed := ref, false
		if ref < 0 {
			idx, reversed = ^ref, true
		}
		if idx >= len(d.arcs) {
			return nil, fmt.Errorf("arc %d out of range (%d arcs)", idx, len(d.arcs))
		}
		arc := d.arcs[idx]
		start := len(out)
		if reversed {
			for i := len(arc) - 1; i >= 0; i-- {
				out = append(out, arc[i])
			}
		} else {
			out = append(out, arc...)
		}
		if start > 0 && len(out) > start {
			out = append(out[:start], out[start+1:]...)
		}
	}
	return out, nil
}

func (d *decoder) polygon(rings [][]int) (orb.Polygon, error) {
	poly := make(orb.Polygon, 0, len(rings))
	for _, r := range rings {
		pts, err := d.line(r)
		if err != nil {
			return nil, err
		}
		if len(pts) < 4 {
			continue // degenerate ring
		}
		poly = append(poly, orb.Ring(pts))
	}
	return poly, nil
}

func (d *decoder) feature(g topoGeometry) (Feature, error) {
	f := Feature{ID: rawID(g.ID), Properties: map[string]string{}}
	for k, v := range g.Properties {
		if s, ok := v.(string); ok {
			f.Properties[k] = s
		}
	}
	var err error
	f.Geometry, err = d.geometry(g)
	return f, err
}

// geometry rebuilds g's geometry: nil for a geometry without one (legal
// TopoJSON) and for polygons without a ring.
func (d *decoder) geometry(g topoGeometry) (orb.Geometry, error) {
	switch g.Type {
	case "Polygon", "MultiPolygon":
		return d.polygonal(g)
	case "LineString", "MultiLineString":
		return d.linear(g)
	case "Point":
		var c [2]float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, err
		}
		return d.position(c), nil
	case "MultiPoint":
		var cs [][2]float64
		if err := json.Unmarshal(g.Coordinates, &cs); err != nil {
			return nil, err
		}
		mp := make(orb.MultiPoint, len(cs))
		for i, c := range cs {
			mp[i] = d.position(c)
		}
		return mp, nil
	case "", "null":
		return nil, nil
	}
	return nil, fmt.Errorf("unsupported geometry type %q", g.Type)
}

// polygonal rebuilds a Polygon or MultiPolygon, leaving out empty polygons.
func (d *decoder) polygonal(g topoGeometry) (orb.Geometry, error) {
	if g.Type == "Polygon" {
		var arcs [][]int
		if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
			return nil, err
		}
		p, err := d.polygon(arcs)
		if err != nil || len(p) == 0 {
			return nil, err
		}
		return p, nil
	}
	var arcs [][][]int
	if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
		return nil, err
	}
	mp := make(orb.MultiPolygon, 0, len(arcs))
	for _, pa := range arcs {
		p, err := d.polygon(pa)
		if err != nil {
			return nil, err
		}
		if len(p) > 0 {
			mp = append(mp, p)
		}
	}
	if len(mp) == 0 {
		return nil, nil
	}
	return mp, nil
}

// linear rebuilds a LineString or MultiLineString.
func (d *decoder) linear(g topoGeometry) (orb.Geometry, error) {
	if g.Type == "LineString" {
		var arcs []int
		if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
			return nil, err
		}
		pts, err := d.line(arcs)
		if err != nil {
			return nil, err
		}
		return orb.LineString(pts), nil
	}
	var arcs [][]int
	if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
		return nil, err
	}
	mls := make(orb.MultiLineString, 0, len(arcs))
	for _, a := range arcs {
		pts, err := d.line(a)
		if err != nil {
			return nil, err
		}
		mls = append(mls, pts)
	}
	return mls, nil
}

func rawID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw) // a numeric id, kept as written
}
