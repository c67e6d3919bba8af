package render

import (
	"cmp"
	"image/color"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/threat"
)

// Marker is one location where a category of threat was seen: lon, lat in
// degrees, and how many events (or actors) of that category it stands for.
// Give one Marker per location and category.
type Marker struct {
	Lon, Lat float64
	Category threat.Category
	Count    int
}

// Shape is the outline of a marker glyph. A Shape is also a
// draw.GlyphDrawer, so the map's glyphs serve any gonum plot (a
// plotter.Scatter's GlyphStyle.Shape): filled shapes are filled with the
// GlyphStyle's colour, stroked ones (Crosshair, Ring) drawn in it.
type Shape uint8

// Marker shapes.
const (
	Circle Shape = iota
	Star
	Triangle
	Crosshair // a plus inside a ring, stroked only
	Diamond
	Square
	Ring    // a hollow circle
	Hexagon // a flat-topped hexagon
)

// MarkerStyle is how one category is drawn, on the map and in the legend.
type MarkerStyle struct {
	Shape Shape
	// Glyph, when not nil, draws the marker instead of Shape: any
	// draw.GlyphDrawer (gonum's draw.PyramidGlyph{}, or the caller's own),
	// called with Fill (or Line's colour when Fill is nil) and the marker's
	// radius. Unlike Shape it is not clipped to the map.
	Glyph draw.GlyphDrawer
	Fill  color.Color // nil leaves the shape hollow
	// Line outlines filled shapes and draws stroked ones (Crosshair, Ring).
	// Its Width is relative: it is multiplied by the marker's radius / 10, so
	// outlines stay in proportion.
	Line draw.LineStyle
	// Halo, when its Color is set, is drawn under Line, wider by Halo.Width
	// (also relative), so that a bright stroke stays visible on a light map.
	Halo  draw.LineStyle
	Label string // legend text
}

// The marker colours of the classic threat map: a pure red for
// vulnerability scanners and a signal lime for DoS sources; proxy
// scanners, lime there too, take a deeper green so that every category
// has a colour of its own.
var (
	ScannerRed = color.NRGBA{0xFF, 0x00, 0x00, 0xFF} // vulnerability scanners: #FF0000
	SignalLime = color.NRGBA{0x00, 0xFF, 0x1F, 0xFF} // DoS sources: #00FF1F
	ProxyGreen = color.NRGBA{0x2E, 0xA0, 0x43, 0xFF} // proxy scanners: #2EA043
	// PortScanAmber marks port scanners: #FFB300.
	PortScanAmber = color.NRGBA{0xFF, 0xB3, 0x00, 0xFF}
)

var outline = draw.LineStyle{Color: color.NRGBA{0x10, 0x10, 0x10, 0xFF}, Width: 0.9}

// DefaultMarkerStyles follows the classic threat map — red star for vulnerability
// scanners, lime crosshair for DoS sources, green triangle for proxy
// scanners and Tor — and gives the other categories their own shapes and
// colours. A category is one entry: its colour here is also its colour in
// the charts (CategoryColor).
var DefaultMarkerStyles = [threat.NumCategories]MarkerStyle{
	threat.VulnScanner:  {Shape: Star, Fill: ScannerRed, Line: outline, Label: "Vulnerability scanner"},
	threat.BruteForce:   {Shape: Diamond, Fill: color.NRGBA{0x7B, 0x2F, 0xF0, 0xFF}, Line: outline, Label: "Brute force"},
	threat.PortScanner:  {Shape: Hexagon, Fill: PortScanAmber, Line: outline, Label: "Port scanner"},
	threat.DoS:          {Shape: Crosshair, Line: draw.LineStyle{Color: SignalLime, Width: 1.6}, Halo: draw.LineStyle{Color: color.NRGBA{0, 0x30, 0, 0xD0}, Width: 1.6}, Label: "DoS source"},
	threat.ProxyScanner: {Shape: Triangle, Fill: ProxyGreen, Line: outline, Label: "Proxy scanner / Tor"},
	threat.Noise:        {Shape: Circle, Fill: color.NRGBA{0x9A, 0x9A, 0x9A, 0xFF}, Line: outline, Label: "Noise"},
	threat.GoodBot:      {Shape: Square, Fill: color.NRGBA{0x1E, 0x8C, 0xFF, 0xFF}, Line: outline, Label: "Good bot"},
	threat.VPN:          {Shape: Ring, Line: draw.LineStyle{Color: color.NRGBA{0x00, 0x9C, 0xA8, 0xFF}, Width: 1.8}, Halo: draw.LineStyle{Color: color.NRGBA{0xFF, 0xFF, 0xFF, 0xC0}, Width: 1.2}, Label: "VPN"},
	threat.Legit:        {Shape: Circle, Fill: color.NRGBA{0x2E, 0x8B, 0x57, 0xFF}, Line: outline, Label: "Legitimate"},
}

// Markers draws one glyph per Marker, its area proportional to its count,
// highest-risk categories on top. A marker near the edge is drawn clipped
// to the map, never dropped.
type Markers struct {
	Markers []Marker
	Styles  [threat.NumCategories]MarkerStyle
	// MinRadius and MaxRadius bound the glyph radius; the largest count
	// gets MaxRadius.
	MinRadius, MaxRadius vg.Length
}

var _ plot.Plotter = (*Markers)(nil)

// Default marker radii for a map about 1000 points wide; Map scales them
// with the canvas.
const (
	DefaultMinRadius vg.Length = 3.5
	DefaultMaxRadius vg.Length = 13
)

// NewMarkers returns the Markers of ms with the package defaults.
func NewMarkers(ms []Marker) *Markers {
	return &Markers{Markers: ms, Styles: DefaultMarkerStyles, MinRadius: DefaultMinRadius, MaxRadius: DefaultMaxRadius}
}

// Radius returns the glyph radius of a marker of count n.
func (m *Markers) Radius(n int) vg.Length {
	maxN := 1
	for _, mk := range m.Markers {
		maxN = max(maxN, mk.Count)
	}
	return m.radius(n, maxN)
}

// maxCount is the largest count of the markers in view e, at least 1:
// the count the largest glyph and the size key stand for. Markers outside
// the view are not drawn, so they do not shrink those inside it.
func maxCount(ms []Marker, e Extent) int {
	maxN := 1
	for _, mk := range ms {
		if e.Contains(mk.Lon, mk.Lat) {
			maxN = max(maxN, mk.Count)
		}
	}
	return maxN
}

func (m *Markers) radius(n, maxN int) vg.Length {
	r := m.MaxRadius * vg.Length(math.Sqrt(float64(max(n, 1))/float64(maxN)))
	return max(r, m.MinRadius)
}

// Plot implements plot.Plotter.
func (m *Markers) Plot(c draw.Canvas, p *plot.Plot) {
	for _, pm := range m.place(c, p) {
		if pm.at.X+pm.r < c.Min.X || pm.at.X-pm.r > c.Max.X || pm.at.Y+pm.r < c.Min.Y || pm.at.Y-pm.r > c.Max.Y {
			continue // wholly outside
		}
		m.Styles[pm.Category].Draw(c, pm.at, pm.r)
	}
}

// placedMarker is a marker with the centre and radius it is drawn with.
type placedMarker struct {
	Marker
	at vg.Point
	r  vg.Length
}

// place returns the valid markers where and as large as they are drawn,
// in drawing order. The markers of one place are set on a small ring
// around it, so that each category there shows; larger glyphs are drawn
// first so that a small one is never buried, and the stroked glyphs (DoS
// crosshair, VPN ring) last, since they hide little beneath them.
func (m *Markers) place(c draw.Canvas, p *plot.Plot) []placedMarker {
	trX, trY := p.Transforms(&c)
	e := plotExtent(p)
	maxN := maxCount(m.Markers, e)
	var out []placedMarker
	byPlace := map[orb.Point][]int{}
	for _, mk := range m.Markers {
		if !mk.Category.Valid() || math.IsNaN(mk.Lon) || math.IsNaN(mk.Lat) {
			continue
		}
		q := project.WGS84.ToMercator(orb.Point{e.WrapLon(mk.Lon), mk.Lat})
		pm := placedMarker{Marker: mk, at: vg.Point{X: trX(q[0]), Y: trY(q[1])}, r: m.radius(mk.Count, maxN)}
		if st := m.Styles[mk.Category]; st.Glyph == nil && st.Shape == Crosshair {
			// The DoS crosshair is the largest glyph: a flood comes
			// from one address, so a count-sized cross would be the
			// smallest mark on the map for its most intense source.
			pm.r = max(pm.r, m.MaxRadius)
		}
		key := orb.Point{mk.Lon, mk.Lat}
		byPlace[key] = append(byPlace[key], len(out))
		out = append(out, pm)
	}
	for _, idx := range byPlace {
		m.ring(out, idx)
	}
	slices.SortStableFunc(out, func(a, b placedMarker) int {
		return cmp.Or(
			cmp.Compare(m.stroked(a.Category), m.stroked(b.Category)),
			cmp.Compare(b.r, a.r),
			cmp.Compare(a.Category.Risk(), b.Category.Risk()),
			cmp.Compare(a.Category, b.Category),
			cmp.Compare(a.Lon, b.Lon),
			cmp.Compare(a.Lat, b.Lat))
	})
	return out
}

// ring sets the markers ms[idx] of one place on a ring around it, highest
// risk first, clockwise from the left. Its radius is at least 0.7 of their
// largest glyph's, and wide enough that neighbours of the smallest size
// stand apart, so that each category stays visible. A lone marker stays on
// its place.
func (m *Markers) ring(ms []placedMarker, idx []int) {
	k := len(idx)
	if k < 2 {
		return
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(ms[b].Category.Risk(), ms[a].Category.Risk()), cmp.Compare(ms[a].Category, ms[b].Category))
	})
	rMax, rMin := ms[idx[0]].r, ms[idx[0]].r
	for _, i := range idx {
		rMax, rMin = max(rMax, ms[i].r), min(rMin, ms[i].r)
	}
	d := max(rMax*0.7, rMin*1.1/vg.Length(math.Sin(math.Pi/float64(k))))
	for j, i := range idx {
		a := math.Pi/2 + math.Pi/float64(k) - 2*math.Pi*float64(j)/float64(k)
		ms[i].at.X += d * vg.Length(math.Cos(a))
		ms[i].at.Y += d * vg.Length(math.Sin(a))
	}
}

// stroked is 1 for a category whose glyph is drawn with lines only
// (crosshair, ring), else 0: a sort key.
func (m *Markers) stroked(c threat.Category) int {
	if c.Valid() && m.Styles[c].Glyph == nil && (m.Styles[c].Shape == Crosshair || m.Styles[c].Shape == Ring) {
		return 1
	}
	return 0
}

var (
	_ draw.GlyphDrawer = Shape(0)
	_ draw.GlyphDrawer = MarkerStyle{}
)

// DrawGlyph implements draw.GlyphDrawer: it draws the shape centred at at
// with radius sty.Radius in sty.Color.
func (s Shape) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, at vg.Point) {
	line := draw.LineStyle{Color: sty.Color, Width: 1.6}
	MarkerStyle{Shape: s, Fill: sty.Color, Line: line}.Draw(*c, at, sty.Radius)
}

// DrawGlyph implements draw.GlyphDrawer: it draws the marker centred at at
// with radius sty.Radius in the style's own colours (sty.Color and
// sty.Shape are not used).
func (s MarkerStyle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, at vg.Point) {
	s.Draw(*c, at, sty.Radius)
}

// Draw draws the glyph centred at at with radius r, clipped to c.
func (s MarkerStyle) Draw(c draw.Canvas, at vg.Point, r vg.Length) {
	if s.Glyph != nil {
		col := s.Fill
		if col == nil {
			col = s.Line.Color
		}
		s.Glyph.DrawGlyph(&c, draw.GlyphStyle{Color: col, Radius: r, Shape: s.Glyph}, at)
		return
	}
	rel := float64(r) / 10
	line := s.Line
	line.Width = vg.Length(float64(line.Width) * rel)
	switch s.Shape {
	case Crosshair, Ring:
		var lines [][]vg.Point
		if s.Shape == Crosshair {
			lines = append(lines,
				[]vg.Point{{X: at.X - r, Y: at.Y}, {X: at.X + r, Y: at.Y}},
				[]vg.Point{{X: at.X, Y: at.Y - r}, {X: at.X, Y: at.Y + r}},
				closeRing(regular(at, r*0.62, 40, 0)))
		} else {
			lines = append(lines, closeRing(regular(at, r*0.85, 40, 0)))
		}
		lines = c.ClipLinesXY(lines...)
		if s.Halo.Color != nil {
			halo := s.Halo
			halo.Width = line.Width + vg.Length(float64(s.Halo.Width)*rel)
			c.StrokeLines(halo, lines...)
		}
		c.StrokeLines(line, lines...)
		return
	}
	pts := s.polygon(at, r)
	clipped := c.ClipPolygonXY(pts)
	if len(clipped) < 3 {
		return
	}
	if s.Fill != nil {
		c.FillPolygon(s.Fill, clipped)
	}
	if line.Color != nil && line.Width > 0 {
		// Stroke the outline of the unclipped glyph, then clip the lines:
		// the map edge itself gets no outline.
		c.StrokeLines(line, c.ClipLinesXY(closeRing(pts))...)
	}
}

func (s MarkerStyle) polygon(at vg.Point, r vg.Length) []vg.Point {
	switch s.Shape {
	case Star:
		return star(at, r*1.15)
	case Triangle:
		// Centred on the triangle's centroid, apex up.
		return regular(at, r*1.1, 3, math.Pi/2)
	case Diamond:
		return regular(at, r*1.05, 4, math.Pi/2)
	case Square:
		return regular(at, r*1.1, 4, math.Pi/4)
	case Hexagon:
		return regular(at, r*1.0, 6, 0)
	}
	return regular(at, r*0.85, 40, 0)
}

// regular returns the n vertices of a regular polygon of circumradius r,
// the first at angle phase (radians, counter-clockwise from +x).
func regular(at vg.Point, r vg.Length, n int, phase float64) []vg.Point {
	pts := make([]vg.Point, n)
	for i := range pts {
		a := phase + 2*math.Pi*float64(i)/float64(n)
		pts[i] = vg.Point{X: at.X + r*vg.Length(math.Cos(a)), Y: at.Y + r*vg.Length(math.Sin(a))}
	}
	return pts
}

// star returns a five-pointed star of outer radius r, a point up.
func star(at vg.Point, r vg.Length) []vg.Point {
	pts := make([]vg.Point, 10)
	inner := r * 0.42
	for i := range pts {
		a := math.Pi/2 + math.Pi*float64(i)/5
		rr := r
		if i%2 == 1 {
			rr = inner
		}
		pts[i] = vg.Point{X: at.X + rr*vg.Length(math.Cos(a)), Y: at.Y + rr*vg.Length(math.Sin(a))}
	}
	return pts
}

func closeRing(pts []vg.Point) []vg.Point {
	return append(slices.Clip(pts), pts[0])
}
