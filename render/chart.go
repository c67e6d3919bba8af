package render

import (
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/threat"
)

// CategoryColors are the bar fills of the statistics charts, one per
// category. They follow the map's marker fills where a fill reads well as
// a bar (red scanners, purple brute force, blue bots, grey noise); the
// map's two limes become orange (DoS) and green (proxy scanners) so that
// no two categories share a colour.
var CategoryColors = [threat.NumCategories]color.Color{
	threat.VulnScanner:  color.NRGBA{0xD7, 0x26, 0x1E, 0xFF},
	threat.BruteForce:   color.NRGBA{0x7B, 0x2F, 0xF0, 0xFF},
	threat.DoS:          color.NRGBA{0xF0, 0x8C, 0x00, 0xFF},
	threat.PortScanner:  color.NRGBA{0x8D, 0x5A, 0x2B, 0xFF},
	threat.ProxyScanner: color.NRGBA{0x2E, 0xA0, 0x43, 0xFF},
	threat.Noise:        color.NRGBA{0x9A, 0x9A, 0x9A, 0xFF},
	threat.GoodBot:      color.NRGBA{0x1E, 0x8C, 0xFF, 0xFF},
	threat.VPN:          color.NRGBA{0x00, 0x9C, 0xA8, 0xFF},
	threat.Legit:        color.NRGBA{0xC8, 0xCE, 0xD6, 0xFF},
}

// CategoryLabel is the human name of category c in chart legends
// and report tables, as on the map's legend ("DoS source").
func CategoryLabel(c threat.Category) string {
	if int(c) < threat.NumCategories {
		return DefaultMarkerStyles[c].Label
	}
	return c.String()
}

// BarSeries is one layer of a StackedBars: a value per bar position.
type BarSeries struct {
	Label  string // legend text; empty keeps the series out of the legend
	Values []float64
	Color  color.Color
}

// StackedBars draws one bar per position (0, 1, 2, …), each stacked from
// its series' values, the first series at the base. Vertical bars stand at
// x = position; horizontal ones lie at y = −position, so that position 0
// (the largest of a ranking) is at the top.
type StackedBars struct {
	Series []BarSeries
	// Horizontal lays the bars along the X axis.
	Horizontal bool
	// Width is the bar thickness as a fraction of the spacing between
	// positions; 0 means 0.8.
	Width float64
	// Totals, when its Font size is set, writes each bar's total at its
	// end, formatted by Format (nil: a thousands-separated integer).
	Totals text.Style
	Format func(float64) string
}

var (
	_ plot.Plotter    = (*StackedBars)(nil)
	_ plot.DataRanger = (*StackedBars)(nil)
)

// positions is the number of bars: the longest series.
func (b *StackedBars) positions() int {
	n := 0
	for _, s := range b.Series {
		n = max(n, len(s.Values))
	}
	return n
}

// Total is the height of the bar at position i.
func (b *StackedBars) Total(i int) float64 {
	t := 0.0
	for _, s := range b.Series {
		if i < len(s.Values) && s.Values[i] > 0 {
			t += s.Values[i]
		}
	}
	return t
}

// DataRange implements plot.DataRanger. With Totals, the value axis gets
// an eighth more room for the labels.
func (b *StackedBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	n := b.positions()
	top := 0.0
	for i := range n {
		top = max(top, b.Total(i))
	}
	if top == 0 {
		top = 1
	}
	if b.Totals.Font.Size > 0 {
		top *= 1.14
	}
	lo, hi := -0.5, float64(n)-0.5
	if n == 0 {
		hi = 0.5
	}
	if b.Horizontal {
		return 0, top, -hi, -lo
	}
	return lo, hi, 0, top
}

// Plot implements plot.Plotter.
func (b *StackedBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	w := b.Width
	if w <= 0 || w > 1 {
		w = 0.8
	}
	format := b.Format
	if format == nil {
		format = func(v float64) string { return FormatCount(int(math.Round(v))) }
	}
	for i := range b.positions() {
		base := 0.0
		for _, s := range b.Series {
			if i >= len(s.Values) || s.Values[i] <= 0 || s.Color == nil {
				continue
			}
			top := base + s.Values[i]
			var r vg.Rectangle
			if b.Horizontal {
				y := -float64(i)
				r = vg.Rectangle{Min: vg.Point{X: trX(base), Y: trY(y - w/2)}, Max: vg.Point{X: trX(top), Y: trY(y + w/2)}}
			} else {
				x := float64(i)
				r = vg.Rectangle{Min: vg.Point{X: trX(x - w/2), Y: trY(base)}, Max: vg.Point{X: trX(x + w/2), Y: trY(top)}}
			}
			c.FillPolygon(s.Color, c.ClipPolygonXY(rectPoly(r)))
			base = top
		}
		if b.Totals.Font.Size > 0 && base > 0 {
			sty := b.Totals
			pad := vg.Points(3)
			if b.Horizontal {
				sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
				c.FillText(sty, vg.Point{X: trX(base) + pad, Y: trY(-float64(i))}, format(base))
			} else {
				sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
				c.FillText(sty, vg.Point{X: trX(float64(i)), Y: trY(base) + pad}, format(base))
			}
		}
	}
}

func rectPoly(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// Swatch is a legend thumbnail: a filled square.
type Swatch struct{ Color color.Color }

func (s Swatch) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	x := c.Min.X + (c.Max.X-c.Min.X-h)/2
	c.FillPolygon(s.Color, rectPoly(vg.Rectangle{Min: vg.Point{X: x, Y: c.Min.Y}, Max: vg.Point{X: x + h, Y: c.Max.Y}}))
}

// ChartStyle is how the statistics charts look. Sizes are in points.
type ChartStyle struct {
	Theme                          Theme
	TitleSize, LabelSize, TickSize float64
	Grid                           color.Color // value-axis grid lines
}

// DefaultChartStyle matches the light map.
var DefaultChartStyle = ChartStyle{
	Theme:     LightTheme,
	TitleSize: 12, LabelSize: 9.5, TickSize: 8.5,
	Grid: color.NRGBA{0xE1, 0xE5, 0xEA, 0xFF},
}

func (s ChartStyle) theme() Theme {
	if s.Theme.Name == "" {
		return LightTheme
	}
	return s.Theme
}

func (s ChartStyle) text(size float64, col color.Color) text.Style {
	return text.Style{Color: col, Font: font.From(SansFont, vg.Length(size)), Handler: text.Plain{Fonts: fontCache()}}
}

// NewPlot returns a plot in style s: sans-serif text, muted axes, no
// chart-junk. The caller adds the data.
func (s ChartStyle) NewPlot(title string) *plot.Plot {
	th := s.theme()
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: fontCache()}
	p.BackgroundColor = th.Page
	p.Title.Text = title
	p.Title.TextStyle = s.text(s.TitleSize, th.Text)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	p.Title.Padding = vg.Points(s.TitleSize * 0.8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		xa, ya := a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign
		a.Label.TextStyle = s.text(s.LabelSize, th.Muted)
		a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign = xa, ya
		xa, ya = a.Tick.Label.XAlign, a.Tick.Label.YAlign
		a.Tick.Label = s.text(s.TickSize, th.Muted)
		a.Tick.Label.XAlign, a.Tick.Label.YAlign = xa, ya
		a.LineStyle.Color = th.Muted
		a.LineStyle.Width = vg.Points(0.6)
		a.Tick.LineStyle.Color = th.Muted
		a.Tick.LineStyle.Width = vg.Points(0.5)
		a.Padding = 0
	}
	return p
}

// GridLines returns the value axis's grid lines, to be added under the
// bars: vertical lines for horizontal bars, horizontal ones otherwise.
func (s ChartStyle) GridLines(horizontal bool) *plotter.Grid {
	g := &plotter.Grid{}
	ls := draw.LineStyle{Color: s.Grid, Width: vg.Points(0.5)}
	if horizontal {
		g.Vertical = ls
	} else {
		g.Horizontal = ls
	}
	return g
}

// Chart is one statistics chart: a gonum plot and a legend drawn in a
// column to its right, where it never hides a bar.
type Chart struct {
	Plot   *plot.Plot
	Legend plot.Legend // empty: no legend column
}

// Draw draws the chart on c.
func (ch *Chart) Draw(c draw.Canvas) {
	if ch.Legend.TextStyle.Font.Size == 0 {
		ch.Plot.Draw(c)
		return
	}
	r := ch.Legend.Rectangle(c)
	w := r.Max.X - r.Min.X
	if w == 0 {
		ch.Plot.Draw(c)
		return
	}
	w += ch.Legend.TextStyle.Width("  ") // the gap between swatch and text
	gap := vg.Points(10)
	if c.Max.X-c.Min.X < 3*(w+gap) { // too narrow for a column: none
		ch.Plot.Draw(c)
		return
	}
	ch.Plot.Draw(draw.Crop(c, 0, -(w + gap), 0, 0))
	lc := draw.Crop(c, c.Max.X-c.Min.X-w, 0, 0, 0)
	// Align the legend's top with the data area's, below the title.
	if ch.Plot.Title.Text != "" {
		lc.Max.Y -= ch.Plot.Title.TextStyle.Height(ch.Plot.Title.Text) + ch.Plot.Title.Padding
	}
	ch.Legend.Draw(lc)
}

// Write draws the chart at size and writes it to w as PNG, SVG or PDF,
// through the same canvases as a Map.
func (ch *Chart) Write(w io.Writer, f Format, size Size) error {
	return writeCanvas(w, f, size, ch.Plot.BackgroundColor, func(c draw.Canvas) error {
		ch.Draw(c)
		return nil
	})
}

// CountTicks marks about five whole numbers at a 1, 2 or 5 × 10ⁿ step,
// with thousands separators: event counts have no fractions.
type CountTicks struct{}

func (CountTicks) Ticks(lo, hi float64) []plot.Tick {
	if hi <= lo {
		return nil
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	step = math.Max(1, math.Round(step))
	var out []plot.Tick
	for v := math.Ceil(math.Max(lo, 0)/step) * step; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: FormatCount(int(v))})
	}
	return out
}

// LegendInside moves the legend into the plot's bottom right corner, where
// a ranking's shortest bars leave room, so that a half-page chart keeps
// its width for the bars.
func (ch *Chart) LegendInside() {
	l := ch.Legend
	l.Top, l.Left = false, false
	l.XOffs, l.YOffs = -l.TextStyle.Font.Size*0.5, l.TextStyle.Font.Size*0.5
	ch.Plot.Legend = l
	ch.Legend = plot.Legend{}
}

// NameTicks labels horizontal bar positions (at y = −i) with names, cut
// to 24 characters.
func NameTicks(names []string) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		out := make([]plot.Tick, len(names))
		for i, n := range names {
			if r := []rune(n); len(r) > 24 {
				n = string(r[:23]) + "…"
			}
			out[i] = plot.Tick{Value: -float64(i), Label: n}
		}
		return out
	})
}

// Legend returns an empty legend in style s, for a Chart's legend column.
func (s ChartStyle) Legend() plot.Legend {
	th := s.theme()
	l := plot.NewLegend()
	l.TextStyle = s.text(s.TickSize, th.Text)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(s.TickSize)
	l.Padding = vg.Points(s.TickSize * 0.45)
	return l
}
