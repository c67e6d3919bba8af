package assets

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/paulmach/orb"
)

// The binary form of a World, embedded as data/world.bin so that a run
// copies the decoded borders instead of parsing TopoJSON, splitting it at
// the antimeridian and searching every country's representative point.
// Layout (little-endian, counts as uvarints):
//
//	"TMWORLD1" total-points
//	countries: count, then per country numeric, alpha2, name (length +
//	bytes), point (two float64), multipolygon
//	land: multipolygon
//	borders: line count, then per line its point count and points
//	small: tolerance (float64), then land and borders as above
//
// A multipolygon is its polygon count, then per polygon its ring count, then
// per ring its point count and the points as float64 lon, lat pairs.
const worldMagic = "TMWORLD3"

var errWorldBinary = errors.New("assets: malformed world binary")

// MarshalBinary encodes the World's countries and land; names of countries
// without geometry come from the ISO table and are not part of it.
func (w *World) MarshalBinary() ([]byte, error) {
	total := 0
	for _, c := range w.Countries {
		total += countPoints(c.Geometry)
	}
	total += countPoints(w.Land) + countPoints(w.Small.Land)
	for _, ml := range []orb.MultiLineString{w.Borders, w.Small.Borders} {
		for _, l := range ml {
			total += len(l)
		}
	}
	b := make([]byte, 0, len(worldMagic)+16*total+1<<16)
	b = append(b, worldMagic...)
	b = binary.AppendUvarint(b, uint64(total))
	b = binary.AppendUvarint(b, uint64(len(w.Countries)))
	for _, c := range w.Countries {
		for _, s := range []string{c.Numeric, c.Alpha2, c.Name} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		b = appendPoint(b, c.Point)
		b = appendMultiPolygon(b, c.Geometry)
	}
	b = appendMultiPolygon(b, w.Land)
	b = appendLines(b, w.Borders)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(w.Small.Tolerance))
	b = appendMultiPolygon(b, w.Small.Land)
	return appendLines(b, w.Small.Borders), nil
}

func appendLines(b []byte, ml orb.MultiLineString) []byte {
	b = binary.AppendUvarint(b, uint64(len(ml)))
	for _, l := range ml {
		b = appendPoints(b, l)
	}
	return b
}

func appendPoints(b []byte, pts []orb.Point) []byte {
	b = binary.AppendUvarint(b, uint64(len(pts)))
	for _, q := range pts {
		b = appendPoint(b, q)
	}
	return b
}

func countPoints(mp orb.MultiPolygon) int {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}

func appendPoint(b []byte, p orb.Point) []byte {
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[0]))
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(p[1]))
}

func appendMultiPolygon(b []byte, mp orb.MultiPolygon) []byte {
	b = binary.AppendUvarint(b, uint64(len(mp)))
	for _, p := range mp {
		b = binary.AppendUvarint(b, uint64(len(p)))
		for _, r := range p {
			b = appendPoints(b, r)
		}
	}
	return b
}

// worldReader decodes the binary form; every point lands in one backing
// array, handed out ring by ring.
type worldReader struct {
	data []byte
	pts  []orb.Point
	err  error
}

// unmarshalWorld decodes data into w's countries and land.
func unmarshalWorld(w *World, data []byte) error {
	if len(data) < len(worldMagic) || string(data[:len(worldMagic)]) != worldMagic {
		return errWorldBinary
	}
	r := &worldReader{data: data[len(worldMagic):]}
	total := r.count(16)
	r.pts = make([]orb.Point, 0, total)
	n := r.count(1)
	w.Countries = make([]Country, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		c := Country{Numeric: r.string(), Alpha2: r.string(), Name: r.string()}
		c.Point = r.point()
		c.Geometry = r.multiPolygon()
		w.Countries = append(w.Countries, c)
	}
	w.Land = r.multiPolygon()
	w.Borders = r.lines()
	w.Small.Tolerance = r.float()
	w.Small.Land = r.multiPolygon()
	w.Small.Borders = r.lines()
	if r.err == nil && len(r.data) != 0 {
		r.err = errWorldBinary
	}
	return r.err
}

// count reads a count of items at least size bytes long each, which the
// rest of the data must be able to hold.
func (r *worldReader) count(size int) int {
	v, n := binary.Uvarint(r.data)
	if n <= 0 || v > uint64(len(r.data[n:])/size) {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

func (r *worldReader) fail() {
	if r.err == nil {
		r.err = errWorldBinary
	}
	r.data = nil
}

func (r *worldReader) string() string {
	n := r.count(1)
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

func (r *worldReader) point() orb.Point {
	if len(r.data) < 16 {
		r.fail()
		return orb.Point{}
	}
	p := orb.Point{
		math.Float64frombits(binary.LittleEndian.Uint64(r.data)),
		math.Float64frombits(binary.LittleEndian.Uint64(r.data[8:])),
	}
	r.data = r.data[16:]
	return p
}

func (r *worldReader) multiPolygon() orb.MultiPolygon {
	np := r.count(1)
	if np == 0 {
		return nil
	}
	mp := make(orb.MultiPolygon, np)
	for i := range mp {
		nr := r.count(1)
		mp[i] = make(orb.Polygon, nr)
		for j := range mp[i] {
			mp[i][j] = r.ring()
		}
	}
	return mp
}

func (r *worldReader) lines() orb.MultiLineString {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	ml := make(orb.MultiLineString, n)
	for i := range ml {
		ml[i] = orb.LineString(r.ring())
	}
	return ml
}

func (r *worldReader) float() float64 {
	if len(r.data) < 8 {
		r.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.data))
	r.data = r.data[8:]
	return v
}

// ring reads a run of points: a ring or a line.
func (r *worldReader) ring() orb.Ring {
	n := r.count(16)
	if len(r.pts)+n > cap(r.pts) {
		r.fail()
		return nil
	}
	start := len(r.pts)
	r.pts = r.pts[:start+n]
	pts, data := r.pts[start:], r.data[:16*n] // count(16) checked the length
	for i := range pts {
		pts[i] = orb.Point{
			math.Float64frombits(binary.LittleEndian.Uint64(data[16*i:])),
			math.Float64frombits(binary.LittleEndian.Uint64(data[16*i+8:])),
		}
	}
	r.data = r.data[16*n:]
	return orb.Ring(pts[:n:n])
}
