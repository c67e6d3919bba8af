package render

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/threatmap/threatmap/geo/shape"
	"github.com/threatmap/threatmap/geo/topojson"
)

// DecodeBorders decodes user borders — GeoJSON, TopoJSON or the main file
// (.shp) of an ESRI shapefile — into polygons in lon, lat degrees, split at
// the antimeridian. name (a file name) only picks the format when the
// content does not: a shapefile starts with its file code, JSON is told
// apart by its "type". Lines and points are ignored; a file without a
// single polygon is an error.
func DecodeBorders(name string, data []byte) (orb.MultiPolygon, error) {
	var mp orb.MultiPolygon
	var err error
	switch {
	case len(data) >= 100 && binary.BigEndian.Uint32(data) == 9994:
		mp, err = decodeShapefile(data)
	case strings.HasSuffix(strings.ToLower(name), ".shp"):
		return nil, fmt.Errorf("render: borders %s: not an ESRI shapefile (bad file code)", name)
	default:
		var probe struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(data, &probe); err != nil {
			return nil, fmt.Errorf("render: borders %s: neither a shapefile nor JSON: %w", name, err)
		}
		if probe.Type == "Topology" {
			mp, err = decodeTopoJSONPolygons(data)
		} else {
			mp, err = decodeGeoJSONPolygons(data)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("render: borders %s: %w", name, err)
	}
	if len(mp) == 0 {
		return nil, fmt.Errorf("render: borders %s: no polygons", name)
	}
	for _, p := range mp {
		for _, r := range p {
			for _, q := range r {
				if math.Abs(q[0]) > 540 || math.Abs(q[1]) > 90.0001 {
					return nil, fmt.Errorf("render: borders %s: coordinate %v is not lon, lat degrees (projected data must be reprojected to WGS 84 first)", name, q)
				}
			}
		}
	}
	return shape.SplitMultiPolygon(mp), nil
}

func appendPolygons(mp orb.MultiPolygon, g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return append(mp, g)
	case orb.MultiPolygon:
		return append(mp, g...)
	case orb.Collection:
		for _, x := range g {
			mp = appendPolygons(mp, x)
		}
	}
	return mp
}

// geoJSON is the part of a GeoJSON object that can hold polygons: a
// FeatureCollection, a Feature or a geometry.
type geoJSON struct {
	Type        string          `json:"type"`
	Features    []geoJSON       `json:"features"`
	Geometry    *geoJSON        `json:"geometry"`
	Geometries  []geoJSON       `json:"geometries"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// decodeGeoJSONPolygons reads the polygons of a GeoJSON document with the
// standard library (orb's geojson package would bring in a BSON driver).
func decodeGeoJSONPolygons(data []byte) (orb.MultiPolygon, error) {
	var doc geoJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	var mp orb.MultiPolygon
	var walk func(g *geoJSON, depth int) error
	walk = func(g *geoJSON, depth int) error {
		if depth > 8 {
			return fmt.Errorf("geojson: nested too deeply")
		}
		switch g.Type {
		case "FeatureCollection":
			for i := range g.Features {
				if err := walk(&g.Features[i], depth+1); err != nil {
					return err
				}
			}
		case "Feature":
			if g.Geometry != nil {
				return walk(g.Geometry, depth+1)
			}
		case "GeometryCollection":
			for i := range g.Geometries {
				if err := walk(&g.Geometries[i], depth+1); err != nil {
					return err
				}
			}
		case "Polygon":
			var p [][][]float64
			if err := json.Unmarshal(g.Coordinates, &p); err != nil {
				return fmt.Errorf("geojson: Polygon: %w", err)
			}
			mp = append(mp, toPolygon(p))
		case "MultiPolygon":
			var ps [][][][]float64
			if err := json.Unmarshal(g.Coordinates, &ps); err != nil {
				return fmt.Errorf("geojson: MultiPolygon: %w", err)
			}
			for _, p := range ps {
				mp = append(mp, toPolygon(p))
			}
		}
		return nil
	}
	if err := walk(&doc, 0); err != nil {
		return nil, err
	}
	return mp, nil
}

func toPolygon(rings [][][]float64) orb.Polygon {
	p := make(orb.Polygon, 0, len(rings))
	for _, r := range rings {
		ring := make(orb.Ring, 0, len(r))
		for _, q := range r {
			if len(q) >= 2 {
				ring = append(ring, orb.Point{q[0], q[1]})
			}
		}
		if len(ring) >= 4 {
			p = append(p, ring)
		}
	}
	return p
}

func decodeTopoJSONPolygons(data []byte) (orb.MultiPolygon, error) {
	topo, err := topojson.Decode(data)
	if err != nil {
		return nil, err
	}
	var mp orb.MultiPolygon
	// Objects in name order: overlapping antialiased strokes depend on
	// drawing order, and the output must not depend on map order.
	for _, n := range slices.Sorted(maps.Keys(topo.Objects)) {
		for _, f := range topo.Objects[n] {
			mp = appendPolygons(mp, f.Geometry)
		}
	}
	return mp, nil
}

// decodeShapefile reads the polygons of an ESRI shapefile's .shp part
// (shape types Polygon, PolygonZ and PolygonM). Each clockwise ring starts
// a polygon; counter-clockwise rings are holes of the polygon before them.
func decodeShapefile(data []byte) (orb.MultiPolygon, error) {
	var mp orb.MultiPolygon
	r := bytes.NewReader(data[100:])
	for r.Len() > 0 {
		var hdr struct{ Num, Len int32 }
		if err := binary.Read(r, binary.BigEndian, &hdr); err != nil {
			return nil, fmt.Errorf("shapefile: record header: %w", err)
		}
		n := int(hdr.Len) * 2
		if n < 4 || n > r.Len() {
			return nil, fmt.Errorf("shapefile: record %d: length %d overruns the file", hdr.Num, n)
		}
		rec := make([]byte, n)
		r.Read(rec)
		typ := binary.LittleEndian.Uint32(rec)
		switch typ {
		case 0: // null shape
			continue
		case 5, 15, 25:
		default:
			continue // points and lines carry no borders
		}
		if len(rec) < 44 {
			return nil, fmt.Errorf("shapefile: record %d: truncated", hdr.Num)
		}
		numParts := int(binary.LittleEndian.Uint32(rec[36:]))
		numPoints := int(binary.LittleEndian.Uint32(rec[40:]))
		partsAt := 44
		pointsAt := partsAt + 4*numParts
		if numParts < 0 || numPoints < 0 || pointsAt+16*numPoints > len(rec) {
			return nil, fmt.Errorf("shapefile: record %d: %d parts and %d points overrun the record", hdr.Num, numParts, numPoints)
		}
		for i := range numParts {
			start := int(binary.LittleEndian.Uint32(rec[partsAt+4*i:]))
			end := numPoints
			if i+1 < numParts {
				end = int(binary.LittleEndian.Uint32(rec[partsAt+4*(i+1):]))
			}
			if start < 0 || end > numPoints || start >= end {
				return nil, fmt.Errorf("shapefile: record %d: bad part %d", hdr.Num, i)
			}
			ring := make(orb.Ring, 0, end-start)
			for j := start; j < end; j++ {
				off := pointsAt + 16*j
				ring = append(ring, orb.Point{
					math.Float64frombits(binary.LittleEndian.Uint64(rec[off:])),
					math.Float64frombits(binary.LittleEndian.Uint64(rec[off+8:])),
				})
			}
			if len(ring) < 4 {
				continue
			}
			if planar.Area(ring) < 0 || len(mp) == 0 { // clockwise: an outer ring
				mp = append(mp, orb.Polygon{ring})
			} else {
				mp[len(mp)-1] = append(mp[len(mp)-1], ring)
			}
		}
	}
	return mp, nil
}
