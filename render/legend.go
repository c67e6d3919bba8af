package render

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/threat"
)

// legendLayout is the marker legend's grid: the categories present, their
// counts, and the size key under them.
type legendLayout struct {
	cats   []threat.Category
	counts [threat.NumCategories]int
	cols   int
	colW   vg.Length
	rowH   vg.Length
	// sizes are the marker counts the size key shows (none when every
	// marker has the same size); sizeH is the key's height.
	sizes []int
	sizeH vg.Length
}

// height is the legend's height: its rows of categories and the size key.
func (ll legendLayout) height() vg.Length {
	if len(ll.cats) == 0 {
		return 0
	}
	return vg.Length((len(ll.cats)+ll.cols-1)/max(1, ll.cols))*ll.rowH + ll.sizeH
}

// legendLayout lays out the legend of the map's categories in a row width
// wide, at scale u.
func (m *Map) legendLayout(width vg.Length, u float64) legendLayout {
	var ts typesetter
	cats, counts := m.categoriesPresent()
	ll := legendLayout{cats: cats, counts: counts, rowH: vg.Length(19 * u)}
	if len(cats) == 0 {
		return ll
	}
	sty := ts.textStyle(11.5*u, color.Black, false)
	for _, c := range cats {
		ll.colW = max(ll.colW, sty.Width(m.legendLabel(c, counts[c])))
	}
	ll.colW += vg.Length(44 * u)
	// Use up to 55% of the width; at most 4 columns.
	ll.cols = max(1, min(len(cats), 4, int(width*0.55/ll.colW)))
	// The size key: the smallest and the largest marker in the view, and
	// a round number between them when they are far apart.
	maxN := maxCount(m.Markers, m.extent())
	if maxN > 1 {
		ll.sizes = []int{1}
		if mid := int(math.Pow(10, math.Floor(math.Log10(float64(maxN))))); maxN >= 20 && mid > 1 && mid < maxN {
			ll.sizes = append(ll.sizes, mid)
		}
		ll.sizes = append(ll.sizes, maxN)
		ll.sizeH = vg.Length(2*float64(DefaultMaxRadius)*u + 10*u)
	}
	return ll
}

// sizeKeyLabel heads the marker size key.
const sizeKeyLabel = "Marker size"

// drawSizeKey draws the marker size key in a row whose left edge is x and
// vertical centre cy: open circles of the markers' own radii, each with its
// count. mk gives the radii the map's markers were drawn with.
func (m *Map) drawSizeKey(c draw.Canvas, ts typesetter, th Theme, ll legendLayout, mk *Markers, x, cy vg.Length, u float64) {
	U := func(v float64) vg.Length { return vg.Length(v * u) }
	sty := ts.textStyle(10.5*u, th.Muted, false)
	sty.YAlign = text.YCenter
	at := func(x, y vg.Length) vg.Point { return vg.Point{X: c.Min.X + x, Y: c.Min.Y + y} }
	c.FillText(sty, at(x, cy), sizeKeyLabel)
	x += sty.Width(sizeKeyLabel) + U(10)
	ring := MarkerStyle{Shape: Ring, Line: draw.LineStyle{Color: th.Text, Width: U(1)}}
	maxN := maxCount(mk.Markers, m.extent())
	for _, n := range ll.sizes {
		r := mk.radius(n, maxN)
		box := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: at(x-U(2), cy-r-U(2)), Max: at(x+2*r+U(2), cy+r+U(2))}}
		ring.Draw(box, at(x+r, cy), r)
		label := FormatCount(n)
		c.FillText(sty, at(x+2*r+U(4), cy), label)
		x += 2*r + U(4) + sty.Width(label) + U(12)
	}
}

// legendLabel is category c's legend entry: its label and count n.
func (m *Map) legendLabel(c threat.Category, n int) string {
	label := DefaultMarkerStyles[c].Label
	if label == "" {
		label = c.String()
	}
	return label + " · " + FormatCount(n) + plural(n, " address", " addresses")
}

// drawLegend draws the marker legend on the right, right-aligned with the
// map, and the size key under it.
func (m *Map) drawLegend(f furniture) {
	c, ts, th, l, u := f.c, f.ts, f.th, f.l, f.l.u
	U, at, mr := f.U, f.at, f.l.mapRect
	ll := l.legend
	if len(ll.cats) > 0 {
		x0, top := l.legendX, l.rowTop
		if l.legendSide {
			top = mr.Max.Y
		}
		sty := ts.textStyle(11.5*u, th.Text, false)
		sty.YAlign = text.YCenter
		for i, cat := range ll.cats {
			col, row := i%ll.cols, i/ll.cols
			cx := x0 + vg.Length(col)*ll.colW + U(10)
			cy := top - vg.Length(row)*ll.rowH - ll.rowH/2
			// The glyph is drawn on a canvas of its own box so that it
			// is never clipped.
			r := U(6.5)
			box := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: at(cx-2*r, cy-2*r), Max: at(cx+2*r, cy+2*r)}}
			DefaultMarkerStyles[cat].Draw(box, at(cx, cy), r)
			c.FillText(sty, at(cx+U(14), cy), m.legendLabel(cat, ll.counts[cat]))
		}
		if len(ll.sizes) > 0 {
			// Radii as the map layer draws them (scaled by the map's width).
			mk := m.markerLayer(m.unit(mr.Size().X))
			rows := (len(ll.cats) + ll.cols - 1) / ll.cols
			m.drawSizeKey(c, ts, th, ll, mk, x0, top-vg.Length(rows)*ll.rowH-ll.sizeH/2, u)
		}
	}
}
