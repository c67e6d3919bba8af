package render

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/threat"
)

// ChoroplethMode says whether countries are shaded, and whether the density
// is drawn over them.
type ChoroplethMode uint8

// Choropleth modes.
const (
	ChoroplethOff   ChoroplethMode = iota
	ChoroplethUnder                // countries shaded under the density
	ChoroplethOnly                 // countries shaded, no density
)

// Size is the output size: pixels for PNG, and the same size at DPI for the
// vector formats (a 1920 px wide map at 96 dpi is 1440 pt wide in a PDF).
type Size struct {
	Width, Height int // pixels; Height 0 lets the map's aspect choose it
	DPI           int // pixels per inch; 0 means DefaultDPI
}

// Output defaults.
const (
	DefaultWidth = 1600
	DefaultDPI   = 96
)

// Options is how a map looks, independent of its data: what the command
// line flags set.
type Options struct {
	Extent    Extent    // zero means WorldExtent
	Size      Size      // zero Width means DefaultWidth
	Bandwidth Bandwidth // zero means AutoBandwidth
	Scale     Scale
	Theme     Theme // zero means LightTheme
	// Transparent leaves the page and the ocean unpainted.
	Transparent bool
	Choropleth  ChoroplethMode
	// Bare draws only the map area, edge to edge: no margins, title,
	// legend, colour bar or text. The height always follows from the width
	// and the extent.
	Bare  bool
	Title string
	// ColorBarLabel names the density's unit; empty means "Risk Score".
	ColorBarLabel string
}

// Caption is the facts printed under the map.
type Caption struct {
	From, To  time.Time // time range of the events; zero when unknown
	Events    int       // threat events of the drawn addresses
	Actors    int       // distinct source addresses drawn; 0 when unknown
	Unlocated int       // addresses that could not be placed
	Outside   int       // addresses placed outside the map's extent
	Note      string    // free text, appended
}

// Map is a whole threat map: its data, basemap and furniture. The zero
// value of every data field means "none"; Write and Draw do not modify the
// Map.
type Map struct {
	Options

	Points  []Point  // density input
	Markers []Marker // one per location and category
	// Countries holds choropleth values by ISO 3166-1 alpha-2 code (summed
	// risk); used when Options.Choropleth is on.
	Countries map[string]float64

	// World is the basemap: land, country borders, and the shapes of the
	// choropleth. nil draws no basemap.
	World *assets.World
	// Borders, when not nil, replaces the World's country borders (the
	// user's own polygons, lon, lat degrees, split at the antimeridian).
	Borders orb.MultiPolygon

	Caption     Caption
	Attribution []string // one line each, e.g. assets.NaturalEarthAttribution

	// Layers are the caller's own plotters, drawn in order above the
	// markers and under the legend and the other furniture. Their plot's
	// X and Y are Web Mercator metres: project lon, lat points with
	// project.WGS84.ToMercator (github.com/paulmach/orb/project).
	Layers []plot.Plotter
}

// Add appends layers to the map, to be drawn above the ones before them, as
// plot.Plot's Add does.
func (m *Map) Add(layers ...plot.Plotter) { m.Layers = append(m.Layers, layers...) }

// extent returns the map's extent with the default applied.
func (m *Map) extent() Extent { return m.View() }

// View is the extent the map shows: Extent, or WorldExtent when zero.
func (o Options) View() Extent {
	if o.Extent == (Extent{}) {
		return WorldExtent
	}
	return o.Extent
}

func (m *Map) theme() Theme {
	if m.Theme.Page == nil && m.Theme.Land == nil {
		return LightTheme
	}
	return m.Theme
}

func (m *Map) size() Size {
	s := m.Size
	if s.Width <= 0 {
		s.Width = DefaultWidth
	}
	if s.DPI <= 0 {
		s.DPI = DefaultDPI
	}
	return s
}

// PixelSize returns the output size in pixels, with the height chosen from
// the layout when Options.Size.Height is 0 (and always when Bare).
func (m *Map) PixelSize() (width, height int, err error) {
	e := m.extent()
	if err := e.Validate(); err != nil {
		return 0, 0, err
	}
	s := m.size()
	if s.Width < 16 || s.Width > 20000 || s.Height < 0 || s.Height > 20000 {
		return 0, 0, fmt.Errorf("render: size %dx%d outside 16…20000 pixels", s.Width, s.Height)
	}
	if m.Bare {
		return s.Width, max(1, int(math.Round(float64(s.Width)*e.Aspect()))), nil
	}
	if s.Height > 0 {
		return s.Width, s.Height, nil
	}
	w := pxToPt(s.Width, s.DPI)
	l := m.layout(w, 0)
	return s.Width, int(math.Ceil(float64(l.height) * float64(s.DPI) / 72)), nil
}

func pxToPt(px, dpi int) vg.Length { return vg.Length(float64(px) * 72 / float64(dpi)) }

// Draw draws the map on c, which should have the map's PixelSize at the
// map's DPI (Write arranges that); the density raster is computed for that
// resolution.
func (m *Map) Draw(c draw.Canvas) error { return m.draw(c, typesetter{}) }

func (m *Map) draw(c draw.Canvas, ts typesetter) error {
	e := m.extent()
	if err := e.Validate(); err != nil {
		return err
	}
	th := m.theme()
	s := m.size()
	page := th.Page
	if m.Transparent {
		page = nil
	}
	if page != nil {
		c.SetColor(page)
		c.Fill(c.Rectangle.Path())
	}
	area := c
	var l layout
	if !m.Bare {
		l = m.layout(c.Size().X, c.Size().Y)
		area = draw.Canvas{Canvas: c.Canvas, Rectangle: l.mapRect.Add(c.Min)}
	}
	layers, density, choro := m.layers(area, e, th, s.DPI)
	p := plot.New()
	b := e.Projected()
	p.X.Min, p.X.Max = b.Min[0], b.Max[0]
	p.Y.Min, p.Y.Max = b.Min[1], b.Max[1]
	for _, layer := range layers {
		layer.Plot(area, p)
	}
	if m.Bare {
		return nil
	}
	m.drawFurniture(c, ts, l, th, density, choro)
	return nil
}

// layers builds the map's plotters, bottom to top, for a map area drawn at
// dpi. It also returns the density and choropleth layers (nil when absent)
// for the colour bars.
func (m *Map) layers(area draw.Canvas, e Extent, th Theme, dpi int) ([]plot.Plotter, *Density, *Choropleth) {
	u := m.unit(area.Size().X)
	var ls []plot.Plotter
	if !m.Transparent {
		ls = append(ls, &Background{Color: th.Ocean})
	}
	land, borders, small := m.baseGeometry(area, e, dpi)
	base := func(l baseLayer) baseID {
		if m.World == nil {
			return baseID{}
		}
		return baseID{world: m.World.ID, small: small, layer: l}
	}
	if m.World != nil {
		ls = append(ls, &Land{Geometry: land, Color: th.Land, base: base(baseLand)})
	}
	var choro *Choropleth
	if m.Choropleth != ChoroplethOff && m.World != nil && len(m.Countries) > 0 {
		choro = NewChoropleth(m.World.Countries, m.Countries, m.Scale)
		ls = append(ls, choro)
	}
	var density *Density
	if m.Choropleth != ChoroplethOnly && len(m.Points) > 0 {
		w := int(math.Round(float64(area.Size().X) * float64(dpi) / 72))
		h := int(math.Round(float64(area.Size().Y) * float64(dpi) / 72))
		bw := m.Bandwidth
		if bw == (Bandwidth{}) {
			bw = Bandwidth{Pixels: AutoBandwidth(w)}
		}
		density = NewDensity(NewGrid(m.Points, e, w, h, bw, m.Scale.Reach()), m.Scale)
		if density.Norm.Max > 0 {
			ls = append(ls, density)
		} else {
			density = nil
		}
	}
	if m.World != nil || m.Borders != nil {
		b := &Borders{Geometry: m.Borders, LineStyle: draw.LineStyle{Color: th.Border, Width: vg.Length(th.BorderWidth * u)}}
		if m.Borders == nil {
			b.Lines, b.base = borders, base(baseBorders)
		}
		ls = append(ls, b)
		if m.World != nil {
			ls = append(ls, &Borders{Geometry: land, LineStyle: draw.LineStyle{Color: th.Coast, Width: vg.Length(th.CoastWidth * u)}, base: base(baseCoast)})
		}
	}
	if len(m.Markers) > 0 {
		ls = append(ls, m.markerLayer(u))
	}
	ls = append(ls, m.Layers...)
	return ls, density, choro
}

// baseGeometry returns the world's land and borders at the detail the map
// area shows: the small-scale generalization where its tolerance is at
// most a quarter of a pixel, the full detail otherwise.
func (m *Map) baseGeometry(area draw.Canvas, e Extent, dpi int) (land orb.MultiPolygon, borders orb.MultiLineString, isSmall bool) {
	if m.World == nil {
		return nil, nil, false
	}
	px := float64(area.Size().X) * float64(dpi) / 72
	small := m.World.Small
	if small.Tolerance > 0 && px > 0 && small.Tolerance <= 0.25*e.LonSpan()/px {
		return small.Land, small.Borders, true
	}
	return m.World.Land, m.World.Borders, false
}

// minMarkerRadius is the least glyph radius in points, whatever the map's
// size: a smaller star or triangle no longer reads as its shape.
const minMarkerRadius vg.Length = 3.2

// markerLayer is the map's markers with their radii scaled by u.
func (m *Map) markerLayer(u float64) *Markers {
	mk := NewMarkers(m.Markers)
	mk.MinRadius = max(mk.MinRadius*vg.Length(u), minMarkerRadius)
	mk.MaxRadius = max(mk.MaxRadius*vg.Length(u), 2.5*minMarkerRadius)
	return mk
}

// unit is the scale of line widths, glyphs and type: 1 for a map area 1000
// points wide, bounded so that tiny and huge canvases stay legible.
func (m *Map) unit(width vg.Length) float64 {
	return math.Max(0.55, math.Min(4, float64(width)/1000))
}

// categoriesPresent returns the categories among the markers in the view,
// highest risk first, with their summed counts: what the map draws.
func (m *Map) categoriesPresent() ([]threat.Category, [threat.NumCategories]int) {
	var counts [threat.NumCategories]int
	var seen [threat.NumCategories]bool
	e := m.extent()
	for _, mk := range m.Markers {
		if mk.Category.Valid() && e.Contains(mk.Lon, mk.Lat) {
			counts[mk.Category] += max(mk.Count, 1)
			seen[mk.Category] = true
		}
	}
	var cats []threat.Category
	for _, c := range threat.ByRisk() {
		if seen[c] {
			cats = append(cats, c)
		}
	}
	return cats, counts
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}
