package render

import (
	"math"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// layout is where the parts of a non-bare map go, in points from the
// canvas's bottom left corner.
type layout struct {
	u       float64 // the furniture's unit: text, margins, rows
	height  vg.Length
	margin  vg.Length
	mapRect vg.Rectangle
	// title holds the title's lines at titleSize points, the first
	// line's baseline at titleX, titleY; titleH is the block's height.
	title     []string
	titleSize float64
	titleX    vg.Length
	titleY    vg.Length
	titleH    vg.Length
	rowTop    vg.Length // top of the colour bars (and of the legend under the map)
	rowH      vg.Length
	barsX     vg.Length // left edge of the colour bars
	barW      vg.Length
	capX      vg.Length // left edge of the caption and attribution
	capTop    vg.Length // top of the caption block
	bars      int
	legend    legendLayout
	caption   []string
	attrib    []string
	// legendSide puts the legend, colour bars and caption in a column
	// right of the map, at legendX: on wide canvases of fixed height
	// (slides, 4K screens) the map then spans the full height.
	legendSide bool
	legendX    vg.Length // left edge of the legend
	sideGap    vg.Length // between the map and the side column
	sideW      vg.Length // the side column's width
}

// minTextSize is the least type size of the furniture, in points: 11
// pixels at 96 dpi, so that a map 800 pixels wide stays legible.
const minTextSize = 8.25

// textUnit is the furniture's scale for a canvas w wide: the map's unit,
// but never so small that its smallest text (the 9 pt attribution) falls
// under minTextSize.
func (m *Map) textUnit(w vg.Length) float64 {
	return math.Max(m.unit(w), minTextSize/9)
}

// Line heights of the furniture's text, relative to its unit.
const (
	captionLineH = 16
	attribLineH  = 12
	barRowH      = 50 // one colour bar with its label and ticks
)

// layout places title, map and furniture on a canvas w wide and h high;
// h = 0 makes the canvas exactly as high as its content.
func (m *Map) layout(w, h vg.Length) layout {
	u := m.textUnit(w)
	l := layout{u: u, margin: vg.Length(18 * u)}
	l.fitTitle(m, w-2*l.margin)
	l.bars = m.barCount()
	aspect := vg.Length(m.extent().Aspect())
	mapW, mapH, below := m.layoutBelow(&l, w, h)
	if h <= 0 {
		h = 2*l.margin + l.titleH + mapH + below
	} else if side, ok := m.layoutSide(w, h, u); ok && side.mapRect.Size().Y > mapH*1.05 {
		side.title, side.titleSize, side.titleH = l.title, l.titleSize, l.titleH
		return m.place(side, w, h, side.mapRect.Size().Y/aspect, side.mapRect.Size().Y, 0)
	}
	return m.place(l, w, h, mapW, mapH, below)
}

// layoutBelow sizes the map with the colour bars, legend and caption under
// it: the legend wraps to the map's width, and on a canvas of fixed height
// a taller legend makes the map narrower, so both are settled in a few
// rounds (the map only ever narrows). It returns the map's size and the
// height of what goes under it.
func (m *Map) layoutBelow(l *layout, w, h vg.Length) (mapW, mapH, below vg.Length) {
	U := func(x float64) vg.Length { return vg.Length(x * l.u) }
	aspect := vg.Length(m.extent().Aspect())
	mapW = w - 2*l.margin
	mapH = mapW * aspect
	barsH := vg.Length(l.bars) * U(barRowH)
	for round := 0; round < 8; round++ {
		l.legend = m.legendLayout(mapW, l.u)
		l.rowH = max(barsH, l.legend.height())
		l.caption = m.wrapCaption(mapW, l.u)
		l.attrib = wrapLines(m.Attribution, mapW, l.style(9, false))
		below = U(12) + l.rowH + U(8) + l.captionH()
		if h <= 0 {
			break
		}
		avail := h - 2*l.margin - l.titleH - below
		if mapH <= avail {
			break
		}
		mapH = max(avail, U(10))
		mapW = mapH / aspect
	}
	return mapW, mapH, below
}

// layoutSide tries the map at full height with one column beside it: the
// legend at the top, the colour bars under it, the caption at the bottom.
// It returns false when the column does not fit beside the map.
func (m *Map) layoutSide(w, h vg.Length, u float64) (layout, bool) {
	U := func(x float64) vg.Length { return vg.Length(x * u) }
	l := layout{u: u, margin: U(18), legendSide: true}
	l.fitTitle(m, w-2*l.margin)
	l.bars = m.barCount()
	aspect := vg.Length(m.extent().Aspect())
	gap := U(22)
	mapH := h - 2*l.margin - l.titleH
	for cols := 1; cols <= 2; cols++ {
		l.legend = m.legendLayout(vg.Length(math.Inf(1)), u)
		l.legend.cols = cols
		sideW := max(vg.Length(cols)*l.legend.colW, U(260))
		mapW := min(mapH/aspect, w-2*l.margin-gap-sideW)
		l.caption = m.wrapCaption(sideW, u)
		l.attrib = wrapLines(m.Attribution, sideW, l.style(9, false))
		need := l.legend.height() + U(14) + vg.Length(l.bars)*U(barRowH) + U(8) + l.captionH()
		if mapW <= 0 || need > mapW*aspect {
			continue
		}
		l.rowH = vg.Length(l.bars) * U(barRowH)
		l.barW = min(sideW, U(420))
		l.mapRect.Max = vg.Point{X: mapW, Y: mapW * aspect}
		l.sideGap, l.sideW = gap, sideW
		return l, true
	}
	return l, false
}

// barCount is the number of colour bars the map shows.
func (m *Map) barCount() int {
	n := 0
	if m.Choropleth != ChoroplethOnly && len(m.Points) > 0 {
		n++
	}
	if m.Choropleth != ChoroplethOff && len(m.Countries) > 0 && m.World != nil {
		n++
	}
	return n
}

// place sets the title, the map of size mapW × mapH and its furniture
// (below high under it, or the side column) on the canvas w × h: centred,
// or at the top margin of a portrait canvas of a given height (a page,
// read from the top, the room left for notes below instead of split above
// and below).
func (m *Map) place(l layout, w, h, mapW, mapH, below vg.Length) layout {
	U := func(x float64) vg.Length { return vg.Length(x * l.u) }
	sideW := vg.Length(0)
	if l.legendSide {
		sideW = l.sideGap + l.sideW
	}
	l.height = h
	// Align the map area to whole pixels, so that the density raster
	// covers it pixel for pixel.
	px := vg.Length(72 / float64(m.size().DPI))
	snap := func(x vg.Length) vg.Length { return vg.Length(math.Round(float64(x/px))) * px }
	mapW, mapH = snap(mapW), snap(mapH)
	top := h - l.margin - (h-(2*l.margin+l.titleH+mapH+below))/2
	if h > w && m.size().Height > 0 {
		top = h - l.margin
	}
	mapTop := snap(top - l.titleH)
	x0 := snap((w - mapW - sideW) / 2)
	l.mapRect = vg.Rectangle{Min: vg.Point{X: x0, Y: mapTop - mapH}, Max: vg.Point{X: x0 + mapW, Y: mapTop}}
	l.titleX = max(l.margin, min(x0, w-l.margin-l.titleWidth()))
	l.titleY = top - l.titleLineH()*0.8
	if l.legendSide {
		l.legendX = x0 + mapW + l.sideGap
		l.barsX, l.capX = l.legendX, l.legendX
		l.rowTop = mapTop - l.legend.height() - U(14)
		l.capTop = mapTop - mapH + l.captionH()
		return l
	}
	l.barW = min(mapW*0.4, U(420))
	l.legendX = x0 + mapW - vg.Length(l.legend.cols)*l.legend.colW
	l.barsX, l.capX = x0, x0
	l.rowTop = mapTop - mapH - U(12)
	l.capTop = l.rowTop - l.rowH - U(8)
	return l
}

// style is a furniture text style of size points (scaled by the unit).
func (l *layout) style(size float64, bold bool) text.Style {
	var ts typesetter
	return ts.textStyle(size*l.u, nil, bold)
}

// captionH is the height of the caption and attribution lines.
func (l *layout) captionH() vg.Length {
	return vg.Length(float64(len(l.caption)*captionLineH+len(l.attrib)*attribLineH) * l.u)
}

// fitTitle sets the title's lines and size for a width of avail: 22 units,
// shrunk to fit down to 16, then wrapped at word boundaries.
func (l *layout) fitTitle(m *Map, avail vg.Length) {
	l.title, l.titleH = nil, 0
	if strings.TrimSpace(m.Title) == "" {
		return
	}
	l.titleSize = 22 * l.u
	if wd := l.titleStyle().Width(m.Title); wd > avail {
		l.titleSize = max(16*l.u, l.titleSize*float64(avail/wd))
	}
	l.title = wrapLines([]string{m.Title}, avail, l.titleStyle())
	l.titleH = vg.Length(len(l.title))*l.titleLineH() + vg.Length(6*l.u)
}

func (l *layout) titleStyle() text.Style {
	var ts typesetter
	return ts.textStyle(l.titleSize, nil, true)
}

func (l *layout) titleLineH() vg.Length { return vg.Length(l.titleSize * 1.25) }

func (l *layout) titleWidth() vg.Length {
	var wd vg.Length
	for _, line := range l.title {
		wd = max(wd, l.titleStyle().Width(line))
	}
	return wd
}

// wrapCaption is the caption's lines for a width of avail: its parts
// joined by dots, a new line where the next would not fit.
func (m *Map) wrapCaption(avail vg.Length, u float64) []string {
	var ts typesetter
	sty := ts.textStyle(12*u, nil, false)
	var lines []string
	for _, line := range m.captionLines() {
		parts := strings.Split(line, captionSep)
		cur := parts[0]
		for _, p := range parts[1:] {
			if sty.Width(cur+captionSep+p) > avail {
				lines = append(lines, cur)
				cur = p
				continue
			}
			cur += captionSep + p
		}
		lines = append(lines, cur)
	}
	return lines
}

// captionSep joins the parts of a caption line.
const captionSep = "  ·  "

// wrapLines breaks each line at spaces so that it fits avail in sty; a
// single word wider than avail keeps a line of its own.
func wrapLines(lines []string, avail vg.Length, sty text.Style) []string {
	var out []string
	for _, line := range lines {
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		cur := words[0]
		for _, wd := range words[1:] {
			if sty.Width(cur+" "+wd) > avail {
				out = append(out, cur)
				cur = wd
				continue
			}
			cur += " " + wd
		}
		out = append(out, cur)
	}
	return out
}
