package render

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"math"
	"sync"

	"gonum.org/v1/plot"
)

// Stored base layers. The land fill, the country borders and the
// coastline of a raster map depend only on the world data, the extent,
// the map area's size in pixels and the line widths (the rasteriser works
// in pixels of the map area: see projector), and drawing them is about a
// third of a small map's time. For the maps drawn most often (the world
// and each named region at the command line's default width, the world
// on the square page), the coverage of each is stored in the binary and
// composited instead of drawn. Compositing is the code that follows
// drawing, so a map is the same byte for byte either way; a test draws
// every stored map both ways, and checks that the stored file is what
// drawing makes now.
//
//go:generate go test -run ^TestStoredBaseMasks$ -update-base .
//go:embed data/basemasks.bin
var storedBaseData []byte

// baseLayer is a base map layer a World's own geometry draws.
type baseLayer uint8

const (
	noBase baseLayer = iota
	baseLand
	baseBorders
	baseCoast
)

// baseID names the geometry a Land or Borders layer draws, when it is a
// World's own: only then can its coverage be stored.
type baseID struct {
	world string // assets.World.ID
	small bool   // World.Small's geometry
	layer baseLayer
}

// key returns the stored-coverage key of the layer drawn through pr on
// plot p, with lines width pixels wide (0 for a fill), or "" when the
// layer has none.
func (id baseID) key(pr *projector, p *plot.Plot, width float64) string {
	b := pr.raster
	if id.world == "" || id.layer == noBase || b == nil {
		return ""
	}
	k := make([]byte, 0, len(id.world)+96)
	k = append(k, id.world...)
	k = append(k, 0, byte(id.layer))
	if id.small {
		k = append(k, 1)
	} else {
		k = append(k, 0)
	}
	for _, v := range [...]float64{p.X.Min, p.X.Max, p.Y.Min, p.Y.Max, b.frame.x0, b.frame.y0, b.frame.x1, b.frame.y1, width} {
		k = binary.LittleEndian.AppendUint64(k, math.Float64bits(v))
	}
	k = binary.AppendUvarint(k, uint64(b.clip.Dx()))
	k = binary.AppendUvarint(k, uint64(b.clip.Dy()))
	return string(k)
}

// Hooks for the tests that write and check the stored file: while
// recordBase is set, stored coverage is not used and every base layer
// drawn with a key is passed to it; usedBase is called for every stored
// layer composited.
var (
	recordBase func(key string, m spanMask)
	usedBase   func(key string)
)

// stored composites the stored coverage of key in col and reports whether
// there was one. Otherwise, while recording, it has the coverage pr's
// raster draws next kept under key.
func (pr *projector) stored(key string, col color.Color) bool {
	if key == "" {
		return false
	}
	if rec := recordBase; rec != nil {
		pr.raster.record = func(r image.Rectangle, pix []uint8, stride int) {
			rec(key, newSpanMask(r, pix, stride))
		}
		return false
	}
	m, ok := storedBase()[key]
	if !ok {
		return false
	}
	m.composite(pr.raster.dst, pr.raster.clip.Min, col)
	if usedBase != nil {
		usedBase(key)
	}
	return true
}

// storedBase is the stored file's coverage by key, read once.
var storedBase = sync.OnceValue(func() map[string]spanMask {
	ms, err := decodeSpanMasks(storedBaseData)
	if err != nil {
		return nil // drawn instead; TestStoredBaseMasks fails
	}
	return ms
})

// spanMask is a layer's coverage (0–255 a pixel) over a rectangle of the
// map area, row by row as runs: a row is its number of runs, then each
// run's gap after the previous one (from the rectangle's left edge for
// the first), then its length×2, +1 for a run of full coverage; other
// runs are followed by their coverage bytes. All numbers are uvarints.
// Land is mostly full runs and borders short ones, so a map's coverage
// takes a small part of its pixels.
type spanMask struct {
	rect image.Rectangle // pixels of the map area
	rows []byte
}

// fullRun is the least length of full coverage stored as a run of its
// own rather than as coverage bytes.
const fullRun = 8

// newSpanMask encodes the coverage of r, whose row y starts at
// pix[y*stride].
func newSpanMask(r image.Rectangle, pix []uint8, stride int) spanMask {
	m := spanMask{rect: r}
	var runs []byte
	for y := range r.Dy() {
		row := pix[y*stride : y*stride+r.Dx()]
		runs = runs[:0]
		n, end := 0, 0
		for x := 0; x < len(row); {
			if row[x] == 0 {
				x++
				continue
			}
			start := x
			if full := fullAt(row, x); full >= fullRun {
				x += full
				runs = binary.AppendUvarint(runs, uint64(start-end))
				runs = binary.AppendUvarint(runs, uint64(full)<<1|1)
			} else {
				for x < len(row) && row[x] != 0 && fullAt(row, x) < fullRun {
					x++
				}
				runs = binary.AppendUvarint(runs, uint64(start-end))
				runs = binary.AppendUvarint(runs, uint64(x-start)<<1)
				runs = append(runs, row[start:x]...)
			}
			end = x
			n++
		}
		m.rows = binary.AppendUvarint(m.rows, uint64(n))
		m.rows = append(m.rows, runs...)
	}
	return m
}

// fullAt is the number of pixels of full coverage from row[x] on.
func fullAt(row []uint8, x int) int {
	n := 0
	for x+n < len(row) && row[x+n] == 0xff {
		n++
	}
	return n
}

// composite draws col through m over dst, whose map area starts at
// origin, with compositeAlpha's arithmetic (that of image/draw for a
// uniform source through an alpha mask).
func (m *spanMask) composite(dst *image.RGBA, origin image.Point, col color.Color) {
	sr, sg, sb, sa := col.RGBA()
	solid := [4]uint8{uint8(sr >> 8), uint8(sg >> 8), uint8(sb >> 8), uint8(sa >> 8)}
	data := m.rows
	next := func() int {
		v, n := binary.Uvarint(data)
		data = data[n:]
		return int(v)
	}
	for y := m.rect.Min.Y; y < m.rect.Max.Y; y++ {
		pix := dst.Pix[dst.PixOffset(origin.X+m.rect.Min.X, origin.Y+y):]
		x := 0
		for range next() {
			x += next()
			l := next()
			full, n := l&1 == 1, l>>1
			run := pix[4*x : 4*(x+n)]
			x += n
			if full {
				if sa == 0xffff {
					for i := 0; i < len(run); i += 4 {
						run[i], run[i+1], run[i+2], run[i+3] = solid[0], solid[1], solid[2], solid[3]
					}
					continue
				}
				for i := 0; i < len(run); i += 4 {
					blend(run[i:i+4:i+4], sr, sg, sb, sa, 0xffff)
				}
				continue
			}
			for i, c := range data[:n] {
				p := run[4*i : 4*i+4 : 4*i+4]
				if c == 0xff && sa == 0xffff {
					p[0], p[1], p[2], p[3] = solid[0], solid[1], solid[2], solid[3]
				} else if c != 0 {
					blend(p, sr, sg, sb, sa, uint32(c)*0x101)
				}
			}
			data = data[n:]
		}
	}
}

// spanMasksMagic starts the stored file: then, for each layer, its key
// and its mask (rectangle, then rows), each a uvarint length and bytes.
const spanMasksMagic = "threatmap base coverage 1\n"

var errSpanMasks = errors.New("render: stored base coverage unreadable")

func encodeSpanMasks(keys []string, ms map[string]spanMask) []byte {
	out := []byte(spanMasksMagic)
	for _, k := range keys {
		m := ms[k]
		out = binary.AppendUvarint(out, uint64(len(k)))
		out = append(out, k...)
		for _, v := range [...]int{m.rect.Min.X, m.rect.Min.Y, m.rect.Max.X, m.rect.Max.Y} {
			out = binary.AppendUvarint(out, uint64(v))
		}
		out = binary.AppendUvarint(out, uint64(len(m.rows)))
		out = append(out, m.rows...)
	}
	return out
}

func decodeSpanMasks(b []byte) (map[string]spanMask, error) {
	if len(b) < len(spanMasksMagic) || string(b[:len(spanMasksMagic)]) != spanMasksMagic {
		return nil, errSpanMasks
	}
	b = b[len(spanMasksMagic):]
	num := func() (int, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > math.MaxInt32 {
			return 0, false
		}
		b = b[n:]
		return int(v), true
	}
	bytes := func() ([]byte, bool) {
		n, ok := num()
		if !ok || n > len(b) {
			return nil, false
		}
		s := b[:n:n]
		b = b[n:]
		return s, true
	}
	ms := map[string]spanMask{}
	for len(b) > 0 {
		k, ok := bytes()
		if !ok {
			return nil, errSpanMasks
		}
		var r [4]int
		for i := range r {
			if r[i], ok = num(); !ok {
				return nil, errSpanMasks
			}
		}
		rows, ok := bytes()
		if !ok {
			return nil, errSpanMasks
		}
		ms[string(k)] = spanMask{rect: image.Rect(r[0], r[1], r[2], r[3]), rows: rows}
	}
	return ms, nil
}
