package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
	"gonum.org/v1/plot/vg"
)

// The base map's own rasteriser. Land, choropleth fills and borders hold
// most of a map's vertices (about 160,000 before thinning); through
// gonum's general path rasteriser they cost more than everything else on a
// small map. On a raster canvas they are drawn here instead:
//
//   - fills go through golang.org/x/image/vector (an accumulation
//     rasteriser: exact area coverage, non-zero rule for rings wound as
//     projector.fill winds them), all polygons of a colour in one pass;
//   - borders are thin polylines, drawn as the union of round-capped
//     segments: each pixel takes the largest coverage of any segment of
//     the layer, estimated from its centre's distance to the segment, so
//     joints and borders drawn twice (by both neighbours) are not darker
//     than the rest of the line.

// pixelMapper turns canvas points (vg units, y up) into pixel coordinates
// (y down) of a raster canvas.
type pixelMapper struct {
	scale  float64 // pixels per canvas unit
	height float64 // image height in pixels
}

func (m pixelMapper) point(p vg.Point) (float32, float32) {
	return float32(float64(p.X) * m.scale), float32(m.height - float64(p.Y)*m.scale)
}

// rect returns the whole pixels r covers, rounded outward.
func (m pixelMapper) rect(r vg.Rectangle) image.Rectangle {
	x0, y1 := m.point(r.Min)
	x1, y0 := m.point(r.Max)
	return image.Rect(int(math.Floor(float64(x0)+0.01)), int(math.Floor(float64(y0)+0.01)),
		int(math.Ceil(float64(x1)-0.01)), int(math.Ceil(float64(y1)-0.01)))
}

// baseRaster draws base map layers straight into a raster canvas's image.
// It takes points in pixels of its clip (x right, y down, from the clip's
// top-left corner; see projector).
type baseRaster struct {
	dst   *image.RGBA
	pm    pixelMapper
	clip  image.Rectangle // pixels drawn: the map area, inside dst
	frame pixelFrame      // the map area in pixels of clip
	vr    vector.Rasterizer
	alpha image.Alpha // fill coverage
	mask  []uint8     // stroke coverage over clip, row-major, 0–255
	// record, when set, is given the coverage of what is drawn next (a
	// rectangle of clip, and its pixels from row to row by stride).
	record func(r image.Rectangle, pix []uint8, stride int)
}

func newBaseRaster(dst *image.RGBA, dpi float64, area vg.Rectangle) *baseRaster {
	pm := pixelMapper{scale: dpi / 72, height: float64(dst.Bounds().Dy())}
	b := &baseRaster{dst: dst, pm: pm, clip: pm.rect(area).Intersect(dst.Bounds())}
	ox, oy := float64(b.clip.Min.X), float64(b.clip.Min.Y)
	b.frame = pixelFrame{
		x0: nearWhole(float64(area.Min.X)*pm.scale - ox), y0: nearWhole(pm.height - float64(area.Max.Y)*pm.scale - oy),
		x1: nearWhole(float64(area.Max.X)*pm.scale - ox), y1: nearWhole(pm.height - float64(area.Min.Y)*pm.scale - oy),
	}
	return b
}

// pixelFrame is a rectangle in pixels, y down.
type pixelFrame struct{ x0, y0, x1, y1 float64 }

// nearWhole rounds x to an integer within a thousandth of a pixel of it:
// the map area of a layout is pixel-aligned, and a rounding error in
// where the page put it must not move what is drawn in it.
func nearWhole(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) < 1e-3 {
		return r
	}
	return x
}

// fill fills rings (pixels, outer rings clockwise, holes counter-clockwise
// on screen) with col, clipped to the map area.
func (b *baseRaster) fill(rings [][]vg.Point, col color.Color) {
	if len(rings) == 0 || b.clip.Empty() {
		return
	}
	r := b.bounds(rings).Intersect(image.Rect(0, 0, b.clip.Dx(), b.clip.Dy()))
	if r.Empty() {
		return
	}
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	b.vr.Reset(r.Dx(), r.Dy())
	b.vr.DrawOp = draw.Src
	e := edgeClipper{vr: &b.vr, h: float32(r.Dy())}
	for _, ring := range rings {
		if len(ring) == 0 {
			continue
		}
		x0, y0 := float32(ring[0].X)-ox, float32(ring[0].Y)-oy
		ax, ay := x0, y0
		for _, p := range ring[1:] {
			x, y := float32(p.X)-ox, float32(p.Y)-oy
			e.edge(ax, ay, x, y)
			ax, ay = x, y
		}
		e.edge(ax, ay, x0, y0) // the closing edge
	}
	n := r.Dx() * r.Dy()
	if cap(b.alpha.Pix) < n {
		b.alpha.Pix = make([]uint8, n)
	}
	b.alpha = image.Alpha{Pix: b.alpha.Pix[:n], Stride: r.Dx(), Rect: image.Rect(0, 0, r.Dx(), r.Dy())}
	b.vr.Draw(&b.alpha, b.alpha.Rect, image.Opaque, image.Point{})
	if b.record != nil {
		b.record(r, b.alpha.Pix, r.Dx())
	}
	compositeAlpha(b.dst, r.Add(b.clip.Min), &b.alpha, col)
}

// edgeClipper feeds a path's edges to an accumulation rasteriser, each cut
// to the rows 0…h: a row's coverage depends only on the edges crossing
// it, so what lies above or below is left out (the rasteriser would step
// through every row of it: a ring closed along a pole reaches far below
// the map). The pieces need not join: each edge adds its own coverage.
type edgeClipper struct {
	vr         *vector.Rasterizer
	h          float32
	penX, penY float32
	penSet     bool
}

func (e *edgeClipper) edge(ax, ay, bx, by float32) {
	if ay < 0 && by < 0 || ay > e.h && by > e.h {
		return
	}
	if ay < 0 || ay > e.h || by < 0 || by > e.h {
		// Cut at the rows' bounds, along the edge.
		y0, y1 := clampf(ay, 0, e.h), clampf(by, 0, e.h)
		dy := by - ay
		ax, ay, bx, by = ax+(bx-ax)*(y0-ay)/dy, y0, ax+(bx-ax)*(y1-ay)/dy, y1
	}
	if !e.penSet || e.penX != ax || e.penY != ay {
		e.vr.MoveTo(ax, ay)
	}
	e.vr.LineTo(bx, by)
	e.penX, e.penY, e.penSet = bx, by, true
}

func clampf(v, lo, hi float32) float32 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// compositeAlpha draws col over dst at r through mask (r's size), with
// image/draw's arithmetic for a uniform source and an alpha mask; fully
// covered pixels of an opaque colour are stored directly.
func compositeAlpha(dst *image.RGBA, r image.Rectangle, mask *image.Alpha, col color.Color) {
	sr, sg, sb, sa := col.RGBA()
	solid := [4]uint8{uint8(sr >> 8), uint8(sg >> 8), uint8(sb >> 8), uint8(sa >> 8)}
	for y := 0; y < r.Dy(); y++ {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+r.Dx()]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		for x, m := range row {
			if m == 0 {
				continue
			}
			p := pix[4*x : 4*x+4 : 4*x+4]
			if m == 0xff && sa == 0xffff {
				p[0], p[1], p[2], p[3] = solid[0], solid[1], solid[2], solid[3]
				continue
			}
			blend(p, sr, sg, sb, sa, uint32(m)*0x101)
		}
	}
}

// blend draws a premultiplied colour with mask value ma (16-bit) over
// the pixel p, as image/draw does.
func blend(p []uint8, sr, sg, sb, sa, ma uint32) {
	a := 0xffff - sa*ma/0xffff
	p[0] = uint8((uint32(p[0])*0x101*a + sr*ma) / 0xffff >> 8)
	p[1] = uint8((uint32(p[1])*0x101*a + sg*ma) / 0xffff >> 8)
	p[2] = uint8((uint32(p[2])*0x101*a + sb*ma) / 0xffff >> 8)
	p[3] = uint8((uint32(p[3])*0x101*a + sa*ma) / 0xffff >> 8)
}

// bounds is the pixel bounding box of rings.
func (b *baseRaster) bounds(rings [][]vg.Point) image.Rectangle {
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, ring := range rings {
		for _, p := range ring {
			x, y := float32(p.X), float32(p.Y)
			minX, maxX = minf(minX, x), maxf(maxX, x)
			minY, maxY = minf(minY, y), maxf(maxY, y)
		}
	}
	if minX > maxX {
		return image.Rectangle{}
	}
	return image.Rect(ifloor(minX), ifloor(minY), iceil(maxX), iceil(maxY))
}

// stroke draws lines (pixels) width wide in col, clipped to the
// map area.
func (b *baseRaster) stroke(lines [][]vg.Point, width vg.Length, col color.Color) {
	w, h := b.clip.Dx(), b.clip.Dy()
	if len(lines) == 0 || w <= 0 || h <= 0 {
		return
	}
	if n := w * h; cap(b.mask) < n {
		b.mask = make([]uint8, n)
	} else {
		b.mask = b.mask[:n]
		clear(b.mask)
	}
	cm := coverMask{a: b.mask, w: w, h: h, r: float32(float64(width)*b.pm.scale/2 + 0.5)}
	for _, line := range lines {
		if len(line) == 0 {
			continue
		}
		ax, ay := float32(line[0].X), float32(line[0].Y)
		if len(line) == 1 {
			cm.segment(ax, ay, ax, ay)
		}
		for _, p := range line[1:] {
			bx, by := float32(p.X), float32(p.Y)
			cm.segment(ax, ay, bx, by)
			ax, ay = bx, by
		}
	}
	if b.record != nil {
		b.record(image.Rect(0, cm.y0, w, cm.y1), b.mask[cm.y0*w:], w)
	}
	cm.composite(b.dst, b.clip, col)
}

// coverMask is the coverage of a set of round-capped segments, each pixel
// the largest of any segment's: r minus the distance from the pixel's
// centre to the segment, within [0, 1], where r is half the line width
// plus half a pixel. Across a straight line of width w ≥ 1 this sums to w;
// a thinner line keeps a peak of r and sums to between r² and r, so
// hairlines stay visible instead of fading to their fraction of a pixel.
// It tracks the rows it touched.
type coverMask struct {
	a      []uint8 // coverage × 255
	w, h   int
	r      float32
	y0, y1 int // rows touched: [y0, y1)
}

func (m *coverMask) segment(ax, ay, bx, by float32) {
	r := m.r
	ylo := max(0, ifloor(minf(ay, by)-r))
	yhi := min(m.h, iceil(maxf(ay, by)+r))
	if ylo >= yhi {
		return
	}
	if m.y0 == m.y1 {
		m.y0, m.y1 = ylo, yhi
	} else {
		m.y0, m.y1 = min(m.y0, ylo), max(m.y1, yhi)
	}
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	inv, nx, ny := float32(0), float32(0), float32(0)
	if l2 > 0 {
		inv = 1 / l2
		l := float32(math.Sqrt(float64(l2)))
		nx, ny = -dy/l, dx/l
	}
	for y := ylo; y < yhi; y++ {
		yc := float32(y) + 0.5
		x0, x1 := m.rowSpan(ax, ay, bx, by, yc)
		if nx > 1e-3 || nx < -1e-3 {
			// Within r of the segment's line: |nx·(xc−ax) + ny·(yc−ay)| < r
			// for the pixel centre xc = x + 0.5.
			c := ny * (yc - ay)
			u0, u1 := (-r-c)/nx, (r-c)/nx
			if u0 > u1 {
				u0, u1 = u1, u0
			}
			x0, x1 = maxf(x0, ax+u0-0.5), minf(x1, ax+u1-0.5)
		}
		row := m.a[y*m.w : (y+1)*m.w]
		for x := max(0, ifloor(x0)); x < min(m.w, iceil(x1)); x++ {
			px, py := float32(x)+0.5-ax, yc-ay
			t := clamp01((px*dx + py*dy) * inv)
			ex, ey := px-t*dx, py-t*dy
			d2 := ex*ex + ey*ey
			if d2 >= r*r {
				continue
			}
			cov := uint8(minf(r-float32(math.Sqrt(float64(d2))), 1)*255 + 0.5)
			if cov > row[x] {
				row[x] = cov
			}
		}
	}
}

// rowSpan is the x range within r of the segment's points whose y lies
// within r of yc: a little more than the pixels the segment covers in the
// row at yc.
func (m *coverMask) rowSpan(ax, ay, bx, by, yc float32) (float32, float32) {
	r := m.r
	dy := by - ay
	if dy > -1e-6 && dy < 1e-6 {
		return minf(ax, bx) - r, maxf(ax, bx) + r
	}
	t0 := clamp01((yc - r - ay) / dy)
	t1 := clamp01((yc + r - ay) / dy)
	xa, xb := ax+t0*(bx-ax), ax+t1*(bx-ax)
	return minf(xa, xb) - r, maxf(xa, xb) + r
}

// composite draws col over dst at r through the mask (r's size), with
// image/draw's arithmetic for a uniform source and an alpha mask.
func (m *coverMask) composite(dst *image.RGBA, r image.Rectangle, col color.Color) {
	sr, sg, sb, sa := col.RGBA()
	for y := m.y0; y < m.y1; y++ {
		row := m.a[y*m.w : (y+1)*m.w]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		for x := 0; x < len(row); x++ {
			// Most of a row is empty: skip it eight pixels at a time.
			if x+8 <= len(row) && binary.LittleEndian.Uint64(row[x:]) == 0 {
				x += 7
				continue
			}
			if cov := row[x]; cov != 0 {
				blend(pix[4*x:4*x+4:4*x+4], sr, sg, sb, sa, uint32(cov)*0x101)
			}
		}
	}
}

// The float32 helpers below compile to plain comparisons; the min and max
// builtins and math.Floor handle NaN, infinities and signed zeros at a cost
// the per-pixel loops notice. Coordinates here are finite.

func minf(a, b float32) float32 {
	if a < b {
		return a
	}
	return b
}

func maxf(a, b float32) float32 {
	if a > b {
		return a
	}
	return b
}

func clamp01(t float32) float32 {
	if t < 0 {
		return 0
	}
	if t > 1 {
		return 1
	}
	return t
}

// ifloor and iceil round a finite x, well within int range, down and up.
func ifloor(x float32) int {
	i := int(x)
	if float32(i) > x {
		i--
	}
	return i
}

func iceil(x float32) int {
	i := int(x)
	if float32(i) < x {
		i++
	}
	return i
}
