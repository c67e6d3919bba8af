package render

import (
	"encoding/binary"
	"math"
	"testing"
)

const squareGeoJSON = `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}},
 {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[170,-20],[190,-20],[190,-10],[170,-10],[170,-20]]]]}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}`

func TestDecodeBordersGeoJSON(t *testing.T) {
	mp, err := DecodeBorders("b.geojson", []byte(squareGeoJSON))
	if err != nil {
		t.Fatal(err)
	}
	// The square, and the second polygon split in two at the antimeridian.
	if len(mp) != 3 {
		t.Fatalf("%d polygons, want 3", len(mp))
	}
	for _, p := range mp {
		b := p.Bound()
		if b.Min[0] < -180 || b.Max[0] > 180 {
			t.Errorf("polygon %v not split at the antimeridian", b)
		}
	}
}

func TestDecodeBordersTopoJSON(t *testing.T) {
	topo := `{"type":"Topology","objects":{"x":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]]}]}},
	 "arcs":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}`
	mp, err := DecodeBorders("b.json", []byte(topo))
	if err != nil {
		t.Fatal(err)
	}
	if len(mp) != 1 {
		t.Fatalf("%d polygons, want 1", len(mp))
	}
}

// shapefile writes a minimal .shp holding one Polygon record with an outer
// ring (clockwise) and a hole (counter-clockwise).
func shapefile(rings ...[][2]float64) []byte {
	var pts [][2]float64
	var parts []int32
	for _, r := range rings {
		parts = append(parts, int32(len(pts)))
		pts = append(pts, r...)
	}
	rec := make([]byte, 44+4*len(parts)+16*len(pts))
	binary.LittleEndian.PutUint32(rec, 5)
	binary.LittleEndian.PutUint32(rec[36:], uint32(len(parts)))
	binary.LittleEndian.PutUint32(rec[40:], uint32(len(pts)))
	for i, p := range parts {
		binary.LittleEndian.PutUint32(rec[44+4*i:], uint32(p))
	}
	off := 44 + 4*len(parts)
	for i, p := range pts {
		binary.LittleEndian.PutUint64(rec[off+16*i:], math.Float64bits(p[0]))
		binary.LittleEndian.PutUint64(rec[off+16*i+8:], math.Float64bits(p[1]))
	}
	hdr := make([]byte, 100)
	binary.BigEndian.PutUint32(hdr, 9994)
	binary.BigEndian.PutUint32(hdr[24:], uint32((100+8+len(rec))/2))
	binary.LittleEndian.PutUint32(hdr[28:], 1000)
	binary.LittleEndian.PutUint32(hdr[32:], 5)
	rh := make([]byte, 8)
	binary.BigEndian.PutUint32(rh, 1)
	binary.BigEndian.PutUint32(rh[4:], uint32(len(rec)/2))
	return append(append(hdr, rh...), rec...)
}

func TestDecodeBordersShapefile(t *testing.T) {
	outer := [][2]float64{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}} // clockwise
	hole := [][2]float64{{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}      // counter-clockwise
	mp, err := DecodeBorders("countries.shp", shapefile(outer, hole))
	if err != nil {
		t.Fatal(err)
	}
	if len(mp) != 1 || len(mp[0]) != 2 {
		t.Fatalf("got %d polygons (%v), want one with a hole", len(mp), mp)
	}
	// A truncated file is an error, not a panic.
	data := shapefile(outer)
	if _, err := DecodeBorders("x.shp", data[:len(data)-10]); err == nil {
		t.Error("want an error for a truncated shapefile")
	}
}

func TestDecodeBordersRejects(t *testing.T) {
	for name, data := range map[string]string{
		"empty.geojson":     `{"type":"FeatureCollection","features":[]}`,
		"lines.geojson":     `{"type":"LineString","coordinates":[[0,0],[1,1]]}`,
		"projected.geojson": `{"type":"Polygon","coordinates":[[[0,0],[500000,0],[500000,500000],[0,0]]]}`,
		"junk.txt":          `hello`,
		"fake.shp":          `not a shapefile`,
	} {
		if _, err := DecodeBorders(name, []byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzDecodeBorders(f *testing.F) {
	f.Add("a.geojson", []byte(squareGeoJSON))
	f.Add("a.shp", shapefile([][2]float64{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		DecodeBorders(name, data)
	})
}
