package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SansFont is the typeface of every text on the map.
var SansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// NoEventsText is the caption of a map without a single located event;
// NoEventsInViewText that of a map whose events all lie outside its view.
const (
	NoEventsText       = "No located events"
	NoEventsInViewText = "No located events in the view"
)

// emptyText is the notice of a map without events.
func (m *Map) emptyText() string {
	if m.Caption.Outside > 0 {
		return NoEventsInViewText
	}
	return NoEventsText
}

// typesetter makes text styles for one output. gonum's PDF backend
// registers every font without its style and then asks for bold by style,
// which fails; for PDF the bold face is therefore registered under a
// typeface of its own with a regular weight.
type typesetter struct{ pdf bool }

// boldTypeface names Liberation Sans Bold in fontCache.
const boldTypeface = "LiberationBold"

var fontCache = sync.OnceValue(func() *font.Cache {
	coll := liberation.Collection()
	for _, f := range coll {
		if f.Font.Variant == "Sans" && f.Font.Weight == xfont.WeightBold && f.Font.Style == xfont.StyleNormal {
			bold := f
			bold.Font.Typeface = boldTypeface
			bold.Font.Weight = xfont.WeightNormal
			coll = append(coll, bold)
			break
		}
	}
	return font.NewCache(coll)
})

func (ts typesetter) textStyle(size float64, col color.Color, bold bool) text.Style {
	f := font.From(SansFont, vg.Length(size))
	if bold {
		if ts.pdf {
			f.Typeface = boldTypeface
		} else {
			f.Weight = xfont.WeightBold
		}
	}
	return text.Style{Color: col, Font: f, Handler: text.Plain{Fonts: fontCache()}}
}

// drawFurniture draws title, colour bars, legend, caption and attribution.
func (m *Map) drawFurniture(c draw.Canvas, ts typesetter, l layout, th Theme, density *Density, choro *Choropleth) {
	f := furniture{c: c, ts: ts, l: l, th: th}
	m.drawFrame(f, density, choro)
	m.drawColorBars(f, density, choro)
	m.drawLegend(f)
	m.drawCaption(f)
}

// furniture is what drawing a map's furniture needs: the whole canvas, the
// typesetter, the layout and the theme.
type furniture struct {
	c  draw.Canvas
	ts typesetter
	l  layout
	th Theme
}

// U scales a length in points for a map 1000 points wide to this map.
func (f furniture) U(x float64) vg.Length { return vg.Length(x * f.l.u) }

// at is the canvas point x, y from the canvas's bottom left corner.
func (f furniture) at(x, y vg.Length) vg.Point {
	return vg.Point{X: f.c.Min.X + x, Y: f.c.Min.Y + y}
}

// drawFrame draws the frame around the map, the title, and the notice of
// a map without events.
func (m *Map) drawFrame(f furniture, density *Density, choro *Choropleth) {
	c, ts, th, l, u := f.c, f.ts, f.th, f.l, f.l.u
	U, at, mr := f.U, f.at, f.l.mapRect
	c.StrokeLines(draw.LineStyle{Color: th.Frame, Width: U(0.8)}, []vg.Point{
		at(mr.Min.X, mr.Min.Y), at(mr.Max.X, mr.Min.Y), at(mr.Max.X, mr.Max.Y), at(mr.Min.X, mr.Max.Y), at(mr.Min.X, mr.Min.Y),
	})
	sty := ts.textStyle(l.titleSize, th.Text, true)
	for i, line := range l.title {
		c.FillText(sty, at(l.titleX, l.titleY-vg.Length(i)*l.titleLineH()), line)
	}
	if density == nil && len(m.Markers) == 0 && (choro == nil || choro.Norm.Max <= 0) {
		sty := ts.textStyle(26*u, th.Text, true)
		sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
		box := sty.Rectangle(m.emptyText())
		mid := at((mr.Min.X+mr.Max.X)/2, (mr.Min.Y+mr.Max.Y)/2)
		pad := U(10)
		bg := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: mid.X + box.Min.X - pad, Y: mid.Y + box.Min.Y - pad},
			Max: vg.Point{X: mid.X + box.Max.X + pad, Y: mid.Y + box.Max.Y + pad},
		}}
		bg.SetColor(withAlpha(th.Page, 0xD8))
		bg.Fill(bg.Rectangle.Path())
		c.FillText(sty, mid, m.emptyText())
	}
}

// drawColorBars draws the density and choropleth colour bars, stacked, on
// the left under the map.
func (m *Map) drawColorBars(f furniture, density *Density, choro *Choropleth) {
	c, ts, th, l, u := f.c, f.ts, f.th, f.l, f.l.u
	U, at := f.U, f.at
	barW := l.barW
	y := l.rowTop
	label := m.ColorBarLabel
	if label == "" {
		label = "Risk Score"
	}
	if density != nil {
		m.drawColorBar(c, ts, at(l.barsX, y), barW, u, th, density.Norm, newLUT(density.Palette, 255, density.Ramp, density.Opacity), label)
		y -= U(barRowH)
	}
	if choro != nil && choro.Norm.Max > 0 {
		colours := make(lut, 256)
		for i := range colours {
			colours[i] = choro.Palette.At(0.08 + 0.92*float64(i)/255)
			colours[i].A = uint8(math.Round(float64(colours[i].A) * choro.Opacity))
		}
		m.drawColorBar(c, ts, at(l.barsX, y), barW, u, th, choro.Norm, colours, "Country risk (sum)")
	}
}

// drawCaption draws the caption and attribution, left-aligned under the
// row of colour bars and legend.
func (m *Map) drawCaption(f furniture) {
	c, ts, th, l, u := f.c, f.ts, f.th, f.l, f.l.u
	U, at := f.U, f.at
	y := l.capTop
	for i, line := range l.caption {
		sty := ts.textStyle(12*u, th.Text, i == 0 && line == m.emptyText())
		sty.YAlign = text.YTop
		c.FillText(sty, at(l.capX, y), line)
		y -= U(captionLineH)
	}
	for _, line := range l.attrib {
		sty := ts.textStyle(9*u, th.Muted, false)
		sty.YAlign = text.YTop
		c.FillText(sty, at(l.capX, y), line)
		y -= U(attribLineH)
	}
}

// drawColorBar draws a horizontal colour bar whose top left corner is at
// top: label, bar, ticks with values.
func (m *Map) drawColorBar(c draw.Canvas, ts typesetter, top vg.Point, w vg.Length, u float64, th Theme, n Normalizer, colours lut, label string) {
	U := func(x float64) vg.Length { return vg.Length(x * u) }
	lsty := ts.textStyle(12*u, th.Text, true)
	lsty.YAlign = text.YTop
	c.FillText(lsty, top, label)
	barTop := top.Y - U(17)
	barH := U(11)
	rect := vg.Rectangle{Min: vg.Point{X: top.X, Y: barTop - barH}, Max: vg.Point{X: top.X + w, Y: barTop}}
	// The bar shows the colours as they appear on land, alpha included,
	// at output resolution (SVG viewers keep an image's aspect ratio).
	dpi := float64(m.size().DPI)
	pw := max(2, int(math.Round(float64(w)*dpi/72)))
	ph := max(1, int(math.Round(float64(barH)*dpi/72)))
	img := image.NewNRGBA(image.Rect(0, 0, pw, ph))
	land := th.Land
	if land == nil {
		land = color.White
	}
	for i := range pw {
		col := over(colours[i*(len(colours)-1)/(pw-1)], land)
		for j := range ph {
			img.SetNRGBA(i, j, col)
		}
	}
	c.DrawImage(rect, img)
	c.StrokeLines(draw.LineStyle{Color: th.Frame, Width: U(0.6)}, []vg.Point{
		rect.Min, {X: rect.Max.X, Y: rect.Min.Y}, rect.Max, {X: rect.Min.X, Y: rect.Max.Y}, rect.Min,
	})
	tsty := ts.textStyle(9.5*u, th.Text, false)
	tsty.XAlign, tsty.YAlign = text.XCenter, text.YTop
	tick := draw.LineStyle{Color: th.Frame, Width: U(0.6)}
	for _, v := range barTicks(n) {
		x := rect.Min.X + w*vg.Length(n.Norm(v))
		c.StrokeLine2(tick, x, rect.Min.Y, x, rect.Min.Y-U(3))
		c.FillText(tsty, vg.Point{X: x, Y: rect.Min.Y - U(4)}, formatValue(v))
	}
}

// barTicks returns tick values for a colour bar of n: round numbers for
// linear and sqrt, powers of ten for log, quartiles for eqhist.
func barTicks(n Normalizer) []float64 {
	if n.Max <= 0 {
		return nil
	}
	var vs []float64
	switch n.Scale {
	case Log:
		vs = append(vs, 0)
		for v := 1.0; v <= n.Max; v *= 10 {
			vs = append(vs, v)
		}
		if len(vs) < 3 {
			vs = append(vs, n.Max)
		}
	case EqHist:
		for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
			vs = append(vs, n.Inverse(t))
		}
	default:
		for _, t := range (plot.DefaultTicks{}).Ticks(0, n.Max) {
			if t.Label != "" && t.Value >= 0 && t.Value <= n.Max {
				vs = append(vs, t.Value)
			}
		}
	}
	// Drop ticks that would print on top of each other.
	out := vs[:0]
	last := -1.0
	for _, v := range vs {
		if t := n.Norm(v); last < 0 || t-last > 0.07 {
			out = append(out, v)
			last = t
		}
	}
	return out
}

// captionLines is the caption: time range and counts, or NoEventsText.
func (m *Map) captionLines() []string {
	cp := m.Caption
	var parts []string
	if !cp.From.IsZero() && !cp.To.IsZero() {
		from, to := cp.From.UTC(), cp.To.UTC()
		layout := "2 Jan 2006 15:04"
		parts = append(parts, from.Format(layout)+" – "+to.Format(layout)+" UTC")
	}
	if cp.Events > 0 {
		parts = append(parts, FormatCount(cp.Events)+plural(cp.Events, " event", " events"))
	}
	if cp.Actors > 0 {
		parts = append(parts, FormatCount(cp.Actors)+plural(cp.Actors, " source address", " source addresses"))
	}
	if cp.Outside > 0 {
		parts = append(parts, FormatCount(cp.Outside)+plural(cp.Outside, " address", " addresses")+" outside the view")
	}
	if cp.Unlocated > 0 {
		parts = append(parts, FormatCount(cp.Unlocated)+plural(cp.Unlocated, " address", " addresses")+" not located")
	}
	var lines []string
	if len(m.Points) == 0 && len(m.Markers) == 0 && (m.Choropleth == ChoroplethOff || len(m.Countries) == 0) {
		lines = append(lines, m.emptyText())
	}
	if len(parts) > 0 {
		lines = append(lines, strings.Join(parts, "  ·  "))
	}
	if cp.Note != "" {
		lines = append(lines, cp.Note)
	}
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// FormatCount writes n with thousands separators: 12,345.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatValue prints a colour bar value compactly: 0, 0.5, 12, 1.2k, 3.4M.
func formatValue(v float64) string {
	switch a := math.Abs(v); {
	case a == 0:
		return "0"
	case a >= 1e6:
		return trimZeros(fmt.Sprintf("%.1f", v/1e6)) + "M"
	case a >= 1e4:
		return trimZeros(fmt.Sprintf("%.0f", v/1e3)) + "k"
	case a >= 1e3:
		return trimZeros(fmt.Sprintf("%.1f", v/1e3)) + "k"
	case a >= 10:
		return fmt.Sprintf("%.0f", v)
	case a >= 1:
		return trimZeros(fmt.Sprintf("%.1f", v))
	}
	return trimZeros(fmt.Sprintf("%.2f", v))
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// over composites a (non-premultiplied) over an opaque background.
func over(a color.NRGBA, bg color.Color) color.NRGBA {
	r, g, b, _ := bg.RGBA()
	f := float64(a.A) / 255
	mix := func(x uint8, y uint32) uint8 {
		return uint8(math.Round(float64(x)*f + float64(y>>8)*(1-f)))
	}
	return color.NRGBA{mix(a.R, r), mix(a.G, g), mix(a.B, b), 0xFF}
}
