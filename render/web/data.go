package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/threatmap/threatmap/geo/shape"
	"github.com/threatmap/threatmap/render"
)

// The page's plane: the world extent in Web Mercator, mapUnits wide,
// north up.
const mapUnits = 10000

// pageData is the JSON the script draws from. Field names are short: the
// borders and markers repeat them thousands of times.
type pageData struct {
	W         int           `json:"w"`
	H         int           `json:"h"`
	View      [4]float64    `json:"view"` // x0, y0, x1, y1 in map units
	Countries []countryData `json:"countries"`
	// Borders are the land borders between countries and the coasts, as
	// one SVG path of open lines (seams at the antimeridian and the poles
	// left out).
	Borders string       `json:"borders"`
	Density []imageData  `json:"density"` // coarse to fine
	Kinds   []kindData   `json:"kinds"`
	Markers []markerData `json:"markers"`
	Bins    []binData    `json:"bins,omitempty"`
	Choro   bool         `json:"choro"`
	Caption string       `json:"caption"`
	Attr    []string     `json:"attr"`
}

type countryData struct {
	Code string `json:"c"`
	Name string `json:"n"`
	Path string `json:"d"`           // SVG path in map units
	Fill string `json:"f,omitempty"` // choropleth colour, #rrggbbaa
}

// imageData is a density raster cropped to its coloured pixels: the
// crop's position and size in pixels of a raster Width pixels across the
// map.
type imageData struct {
	Width int    `json:"w"`
	X     int    `json:"x"`
	Y     int    `json:"y"`
	DX    int    `json:"dx"`
	DY    int    `json:"dy"`
	Src   string `json:"src"` // PNG data: URI
}

type binData struct {
	From    string     `json:"from"` // RFC 3339, UTC
	To      string     `json:"to"`
	Density *imageData `json:"img,omitempty"` // nil when nothing was seen
}

// plane projects lon, lat degrees to map units.
type plane struct {
	b      orb.Bound // projected world extent
	sx, sy float64
	w, h   int
}

func newPlane() plane {
	b := render.WorldExtent.Projected()
	s := mapUnits / (b.Max[0] - b.Min[0])
	return plane{b: b, sx: s, sy: s, w: mapUnits, h: int(math.Round((b.Max[1] - b.Min[1]) * s))}
}

func (pl plane) xy(lon, lat float64) (x, y float64) {
	m := project.WGS84.ToMercator(orb.Point{lon, lat})
	return (m[0] - pl.b.Min[0]) * pl.sx, (pl.b.Max[1] - m[1]) * pl.sy
}

// view returns an extent's corners in map units.
func (pl plane) view(e render.Extent) [4]float64 {
	if e == (render.Extent{}) || e.MaxLon > 180 {
		e = render.WorldExtent
	}
	x0, y0 := pl.xy(e.MinLon, max(e.MaxLat, e.MinLat))
	x1, y1 := pl.xy(e.MaxLon, e.MinLat)
	return [4]float64{math.Round(x0), math.Round(y0), math.Round(x1), math.Round(y1)}
}

func (p *Page) data() (*pageData, error) {
	pl := newPlane()
	d := &pageData{W: pl.w, H: pl.h, View: pl.view(p.View), Choro: p.Choropleth, Caption: p.Caption, Attr: p.Attribution}
	if d.Attr == nil {
		d.Attr = []string{}
	}
	d.Countries = p.countries(pl)
	d.Borders = p.borders(pl)
	var err error
	var norm render.Normalizer
	if d.Density, norm, err = p.density(); err != nil {
		return nil, err
	}
	d.Kinds, d.Markers = p.markers(pl)
	if d.Bins, err = p.periods(norm, d.Markers); err != nil {
		return nil, err
	}
	return d, nil
}

// countries returns every country's outline as an SVG path (relative
// moves in whole map units, vertices closer than a unit dropped) with its
// choropleth colour.
func (p *Page) countries(pl plane) []countryData {
	if p.World == nil {
		return []countryData{}
	}
	norm := render.FitValues(p.Scale, p.Countries)
	out := make([]countryData, 0, len(p.World.Countries))
	for _, c := range p.World.Countries {
		cd := countryData{Code: c.Alpha2, Name: c.Name, Path: path(pl, c.Geometry)}
		if v := p.Countries[c.Alpha2]; v > 0 && c.Alpha2 != "" {
			cd.Fill = hexColor(render.HeatPalette.At(0.08 + 0.92*norm.Norm(v)))
		}
		out = append(out, cd)
	}
	return out
}

func path(pl plane, mp orb.MultiPolygon) string {
	var sp svgPath
	for _, poly := range mp {
		for _, ring := range poly {
			if len(ring) >= 3 {
				sp.add(pl, ring, true)
			}
		}
	}
	return string(sp.b)
}

// borders returns the world's land borders and coasts as one SVG path of
// open lines, in the form path uses.
func (p *Page) borders(pl plane) string {
	if p.World == nil {
		return ""
	}
	var sp svgPath
	for _, l := range p.World.Borders {
		sp.add(pl, l, false)
	}
	for _, poly := range p.World.Land {
		for _, r := range poly {
			start := 0
			for i := 0; i+1 < len(r); i++ {
				if shape.Seam(r[i], r[i+1]) {
					sp.add(pl, r[start:i+1], false)
					start = i + 1
				}
			}
			sp.add(pl, r[start:], false)
		}
	}
	return string(sp.b)
}

// svgPath writes lines and rings as one SVG path of relative moves in
// whole map units, vertices that round onto the one before dropped.
type svgPath struct {
	b      []byte
	px, py int // the current point; after z, the ring's start
}

// add appends the points of l (lon, lat) as a line, closed with z when
// close is set; a line of fewer than two points is left out.
func (sp *svgPath) add(pl plane, l []orb.Point, close bool) {
	if len(l) < 2 {
		return
	}
	var sx, sy int
	for i, q := range l {
		x, y := pl.xy(q[0], q[1])
		ix, iy := int(math.Round(x)), int(math.Round(y))
		switch {
		case i == 0 && len(sp.b) == 0:
			sp.b = fmt.Appendf(sp.b, "M%d %d", ix, iy)
			sx, sy = ix, iy
		case i == 0:
			sp.b = fmt.Appendf(sp.b, "m%d %d", ix-sp.px, iy-sp.py)
			sx, sy = ix, iy
		case ix == sp.px && iy == sp.py:
			continue
		default:
			sp.b = fmt.Appendf(sp.b, "l%d %d", ix-sp.px, iy-sp.py)
		}
		sp.px, sp.py = ix, iy
	}
	if close {
		sp.b = append(sp.b, 'z')
		sp.px, sp.py = sx, sy
	}
}

func hexColor(c color.NRGBA) string {
	return "#" + hex2(c.R) + hex2(c.G) + hex2(c.B)
}

func hex2(v uint8) string {
	s := strconv.FormatUint(uint64(v), 16)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// encodeImage crops img to its coloured pixels and encodes it as a PNG
// data: URI; nil when no pixel is coloured.
func encodeImage(img *image.NRGBA) (*imageData, error) {
	r := opaqueBounds(img)
	if r.Empty() {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img.SubImage(r)); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	return &imageData{Width: img.Rect.Dx(), X: r.Min.X, Y: r.Min.Y, DX: r.Dx(), DY: r.Dy(),
		Src: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// opaqueBounds is the smallest rectangle holding every pixel of non-zero
// alpha.
func opaqueBounds(img *image.NRGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		first, last := -1, -1
		for x := 3; x < len(row); x += 4 {
			if row[x] != 0 {
				if first < 0 {
					first = x / 4
				}
				last = x / 4
			}
		}
		if first >= 0 {
			r = r.Union(image.Rect(b.Min.X+first, y, b.Min.X+last+1, y+1))
		}
	}
	return r
}
