package render

import (
	"image/color"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo/shape"
)

// Background fills the whole map area with one colour: the ocean.
type Background struct {
	Color color.Color // nil draws nothing (a transparent map)
}

var _ plot.Plotter = (*Background)(nil)

// Plot implements plot.Plotter.
func (b *Background) Plot(c draw.Canvas, _ *plot.Plot) {
	if b.Color == nil {
		return
	}
	c.SetColor(b.Color)
	c.Fill(c.Rectangle.Path())
}

// Land fills polygons (lon, lat degrees) with one colour.
type Land struct {
	Geometry orb.MultiPolygon
	Color    color.Color
	base     baseID // set when Geometry is a World's own
}

var _ plot.Plotter = (*Land)(nil)

// Plot implements plot.Plotter.
func (l *Land) Plot(c draw.Canvas, p *plot.Plot) {
	if l.Color == nil {
		return
	}
	pr := newProjector(c, p)
	if pr.stored(l.base.key(pr, p, 0), l.Color) {
		return
	}
	pr.fillAll(l.Geometry, l.Color)
}

// plotExtent is the lon, lat extent a plot's axes (Web Mercator metres)
// show.
func plotExtent(p *plot.Plot) Extent {
	sw := project.Mercator.ToWGS84(orb.Point{p.X.Min, p.Y.Min})
	ne := project.Mercator.ToWGS84(orb.Point{p.X.Max, p.Y.Max})
	return Extent{MinLon: sw[0], MinLat: sw[1], MaxLon: ne[0], MaxLat: ne[1]}
}

// Borders strokes the rings of polygons and polylines (lon, lat degrees):
// country borders and coastlines. Edges of rings that lie along the
// antimeridian (lon ±180) or a pole (lat ±90) are seams left by splitting
// and clipping, not borders, and are not drawn.
type Borders struct {
	Geometry  orb.MultiPolygon
	Lines     orb.MultiLineString // drawn as they are, e.g. assets.World.Borders
	LineStyle draw.LineStyle
	base      baseID // set when Geometry or Lines are a World's own
}

var _ plot.Plotter = (*Borders)(nil)

// Plot implements plot.Plotter.
func (b *Borders) Plot(c draw.Canvas, p *plot.Plot) {
	if b.LineStyle.Width <= 0 || b.LineStyle.Color == nil {
		return
	}
	pr := newProjector(c, p)
	if pr.raster != nil && pr.stored(b.base.key(pr, p, float64(b.LineStyle.Width)*pr.raster.pm.scale), b.LineStyle.Color) {
		return
	}
	var lines [][]vg.Point
	for _, poly := range b.Geometry {
		for _, shift := range pr.shifts(poly.Bound()) {
			pr.shift = shift
			for _, ring := range poly {
				lines = pr.appendRingLines(lines, ring)
			}
		}
	}
	for _, l := range b.Lines {
		for _, shift := range pr.shifts(l.Bound()) {
			pr.shift = shift
			lines = append(lines, slices.Clone(pr.line(l)))
		}
	}
	if pr.raster != nil {
		pr.raster.stroke(lines, b.LineStyle.Width, b.LineStyle.Color)
		return
	}
	c.StrokeLines(b.LineStyle, c.ClipLinesXY(lines...)...)
}

// Choropleth fills countries by value through a palette, such as summed
// risk per country. Countries without a value, or with a
// value ≤ 0, are not filled.
type Choropleth struct {
	Countries []assets.Country
	Values    map[string]float64 // by ISO 3166-1 alpha-2, e.g. summed risk
	Norm      Normalizer         // fit with FitValues
	Palette   Palette
	Opacity   float64 // alpha of every fill, in [0, 1]
}

var _ plot.Plotter = (*Choropleth)(nil)

// DefaultChoroplethOpacity keeps borders and land texture visible through
// the fill.
const DefaultChoroplethOpacity = 0.85

// NewChoropleth returns a Choropleth of values with the package defaults,
// fitted with scale s.
func NewChoropleth(countries []assets.Country, values map[string]float64, s Scale) *Choropleth {
	return &Choropleth{
		Countries: countries,
		Values:    values,
		Norm:      FitValues(s, values),
		Palette:   ChoroplethPalette,
		Opacity:   DefaultChoroplethOpacity,
	}
}

// FitValues fits scale s to the values of a map, in a fixed order.
func FitValues(s Scale, values map[string]float64) Normalizer {
	vs := make([]float32, 0, len(values))
	for _, v := range values {
		vs = append(vs, float32(v))
	}
	// Fit sorts its own sample for EqHist and takes a maximum otherwise, so
	// the map's iteration order does not matter.
	return s.Fit(vs)
}

// Plot implements plot.Plotter.
func (ch *Choropleth) Plot(c draw.Canvas, p *plot.Plot) {
	pr := newProjector(c, p)
	for _, country := range ch.Countries {
		v, ok := ch.Values[country.Alpha2]
		if !ok || !(v > 0) {
			continue
		}
		// Start the palette a little above white so that the smallest
		// value still reads as "some".
		col := ch.Palette.At(0.08 + 0.92*ch.Norm.Norm(v))
		col.A = uint8(math.Round(float64(col.A) * ch.Opacity))
		pr.fillAll(country.Geometry, col)
	}
}

// projector turns lon, lat geometry into canvas points for one canvas, and
// drops vertices closer than tol to the previous one: detail finer than
// half a pixel only costs time and bytes. On a raster canvas it draws
// through the base map's own rasteriser (raster), elsewhere through the
// canvas's paths.
type projector struct {
	c      draw.Canvas
	raster *baseRaster // nil on vector canvases
	// The plot's axes are linear in Mercator metres: x = ax*X + bx,
	// y = ay*Y + by. On a vector canvas these are canvas units; on a
	// raster canvas pixels of the raster's clip (x right, y down, from
	// its top-left corner), which depend only on the extent and the map
	// area's size in pixels, not on where the area lies on the page: the
	// same map draws the same pixels under any title or legend.
	ax, bx, ay, by float64
	tol            vg.Length
	extent         orb.Bound // lon, lat degrees covered by the canvas; past 180 across the antimeridian
	shift          float64   // degrees added to every longitude drawn: 0, or 360 east of the antimeridian
	buf            []vg.Point
}

func newProjector(c draw.Canvas, p *plot.Plot) *projector {
	pr := &projector{c: c, tol: halfPixel(c)}
	if ic, ok := c.Canvas.(*imgCanvas); ok {
		pr.raster = ic.baseRaster(c.Rectangle)
	}
	if pr.raster != nil {
		f := pr.raster.frame
		pr.ax = (f.x1 - f.x0) / (p.X.Max - p.X.Min)
		pr.bx = f.x0 - p.X.Min*pr.ax
		pr.ay = -(f.y1 - f.y0) / (p.Y.Max - p.Y.Min)
		pr.by = f.y0 - p.Y.Max*pr.ay
		pr.tol = 0.5
	} else {
		trX, trY := p.Transforms(&c)
		pr.ax, pr.bx = affine(trX, p.X.Min, p.X.Max)
		pr.ay, pr.by = affine(trY, p.Y.Min, p.Y.Max)
	}
	sw := project.Mercator.ToWGS84(orb.Point{p.X.Min, p.Y.Min})
	ne := project.Mercator.ToWGS84(orb.Point{p.X.Max, p.Y.Max})
	pr.extent = orb.Bound{Min: sw, Max: ne}
	return pr
}

// halfPixel is half the size of an output pixel in canvas units; vector
// canvases count 72 dots per inch.
func halfPixel(c draw.Canvas) vg.Length {
	dpi := 72.0
	if d, ok := c.Canvas.(interface{ DPI() float64 }); ok {
		dpi = d.DPI()
	}
	return vg.Length(0.5 * 72 / dpi)
}

// affine returns a and b with tr(v) = a*v + b, from tr at lo and hi.
func affine(tr func(float64) vg.Length, lo, hi float64) (a, b float64) {
	if hi == lo {
		return 0, float64(tr(lo))
	}
	a = float64(tr(hi)-tr(lo)) / (hi - lo)
	return a, float64(tr(lo)) - a*lo
}

func (pr *projector) point(q orb.Point) vg.Point {
	m := project.WGS84.ToMercator(orb.Point{q[0] + pr.shift, q[1]})
	return vg.Point{X: vg.Length(pr.ax*m[0] + pr.bx), Y: vg.Length(pr.ay*m[1] + pr.by)}
}

// shifts returns the longitude shifts at which geometry of bound b shows on
// the canvas: none, 0, 360 (east of the antimeridian, on a canvas that
// crosses it) or both (a polygon the canvas's west edge cuts).
func (pr *projector) shifts(b orb.Bound) []float64 {
	var out []float64
	for _, s := range [...]float64{0, 360} {
		if s > 0 && pr.extent.Max[0] <= 180 {
			break
		}
		moved := orb.Bound{Min: orb.Point{b.Min[0] + s, b.Min[1]}, Max: orb.Point{b.Max[0] + s, b.Max[1]}}
		if moved.Intersects(pr.extent) {
			out = append(out, s)
		}
	}
	return out
}

// line projects the points of l into pr.buf (reused), thinned to tol; the
// first and last points are kept.
func (pr *projector) line(l []orb.Point) []vg.Point {
	pts := pr.buf[:0]
	for i, q := range l {
		v := pr.point(q)
		if i > 0 && i < len(l)-1 && near(v, pts[len(pts)-1], pr.tol) {
			continue
		}
		pts = append(pts, v)
	}
	pr.buf = pts
	return pts
}

func near(a, b vg.Point, tol vg.Length) bool {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx < tol && dx > -tol && dy < tol && dy > -tol
}

// fillAll fills the polygons of mp with col: on a raster canvas in one
// pass, elsewhere polygon by polygon.
func (pr *projector) fillAll(mp orb.MultiPolygon, col color.Color) {
	if pr.raster == nil {
		for _, poly := range mp {
			pr.fill(poly, col)
		}
		return
	}
	var rings [][]vg.Point
	for _, poly := range mp {
		for _, shift := range pr.shifts(poly.Bound()) {
			pr.shift = shift
			for i, r := range poly {
				pts := pr.line(r)
				if len(pts) < 3 {
					continue
				}
				pts = slices.Clone(pts)
				// Pixels run y down: a ring counter-clockwise on the
				// page has a negative signed area here.
				if ccw := signedArea(pts) < 0; ccw != (i == 0) {
					slices.Reverse(pts)
				}
				rings = append(rings, pts)
			}
		}
	}
	pr.raster.fill(rings, col)
}

// fill fills poly clipped to the canvas, its holes cut out. The backends
// fill by the non-zero rule, and splitting at the antimeridian does not
// keep ring orientation, so the outer ring is wound counter-clockwise and
// the holes clockwise here.
func (pr *projector) fill(poly orb.Polygon, col color.Color) {
	if len(poly) == 0 {
		return
	}
	var path vg.Path
	for _, shift := range pr.shifts(poly.Bound()) {
		pr.shift = shift
		for i, r := range poly {
			pts := pr.c.ClipPolygonXY(pr.line(r))
			if len(pts) < 3 {
				continue
			}
			if ccw := signedArea(pts) > 0; ccw != (i == 0) {
				slices.Reverse(pts)
			}
			path.Move(pts[0])
			for _, q := range pts[1:] {
				path.Line(q)
			}
			path.Close()
		}
	}
	if len(path) == 0 {
		return
	}
	pr.c.SetColor(col)
	pr.c.Fill(path)
}

// signedArea is twice the area enclosed by pts, positive when they run
// counter-clockwise (y up).
func signedArea(pts []vg.Point) float64 {
	a := 0.0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		a += float64(p.X*q.Y - q.X*p.Y)
	}
	return a
}

// appendRingLines appends r's edges as polylines, broken at seam edges.
func (pr *projector) appendRingLines(lines [][]vg.Point, r orb.Ring) [][]vg.Point {
	var cur []vg.Point
	flush := func() {
		if len(cur) >= 2 {
			lines = append(lines, cur)
		}
		cur = nil
	}
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if shape.Seam(a, b) {
			flush()
			continue
		}
		if cur == nil {
			cur = append(cur, pr.point(a))
		}
		v := pr.point(b)
		if i+2 < len(r) && near(v, cur[len(cur)-1], pr.tol) {
			continue
		}
		cur = append(cur, v)
	}
	flush()
	return lines
}
