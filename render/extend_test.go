package render

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/internal/golden"
	"github.com/threatmap/threatmap/threat"
)

// box is a caller's layer: a filled lon, lat rectangle.
type box struct {
	bound orb.Bound // lon, lat degrees
	color color.Color
}

func (b box) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	lo := project.WGS84.ToMercator(b.bound.Min)
	hi := project.WGS84.ToMercator(b.bound.Max)
	c.FillPolygon(b.color, []vg.Point{
		{X: trX(lo[0]), Y: trY(lo[1])}, {X: trX(hi[0]), Y: trY(lo[1])},
		{X: trX(hi[0]), Y: trY(hi[1])}, {X: trX(lo[0]), Y: trY(hi[1])},
	})
}

// A layer added to a Map is drawn where its lon, lat say, above the ones
// added before it.
func TestMapAdd(t *testing.T) {
	red := color.NRGBA{0xFF, 0, 0, 0xFF}
	blue := color.NRGBA{0, 0, 0xFF, 0xFF}
	m := &Map{Options: Options{Bare: true, Size: Size{Width: 400}}}
	m.Add(box{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{40, 30}}, red})
	m.Add(box{orb.Bound{Min: orb.Point{20, 0}, Max: orb.Point{40, 30}}, blue})
	if len(m.Layers) != 2 {
		t.Fatalf("%d layers, want 2", len(m.Layers))
	}
	img := golden.DecodePNG(t, render(t, m, PNG))
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	tests := []struct {
		lon, lat float64
		want     color.NRGBA
	}{
		{10, 15, red},
		{30, 15, blue},
	}
	for _, tt := range tests {
		x, y := projectedPixel(WorldExtent, w, h, tt.lon, tt.lat)
		got := color.NRGBAModel.Convert(img.At(int(x), int(y))).(color.NRGBA)
		if got != tt.want {
			t.Errorf("at %v, %v: %v, want %v", tt.lon, tt.lat, got, tt.want)
		}
	}
}

// glyphRecorder is a caller's glyph: it remembers how it was called.
type glyphRecorder struct{ calls *[]draw.GlyphStyle }

func (g glyphRecorder) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, at vg.Point) {
	*g.calls = append(*g.calls, sty)
}

func TestMarkerGlyph(t *testing.T) {
	var calls []draw.GlyphStyle
	mk := NewMarkers([]Marker{{Lon: 2, Lat: 48, Category: threat.VulnScanner, Count: 4}})
	mk.Styles[threat.VulnScanner].Glyph = glyphRecorder{&calls}
	m := &Map{Options: Options{Bare: true, Size: Size{Width: 200}}}
	m.Add(mk)
	render(t, m, SVG)
	if len(calls) != 1 {
		t.Fatalf("glyph drawn %d times, want 1", len(calls))
	}
	if calls[0].Color != mk.Styles[threat.VulnScanner].Fill || calls[0].Radius != mk.MaxRadius {
		t.Errorf("glyph style %+v, want the fill colour and radius %v", calls[0], mk.MaxRadius)
	}
}

// The map's shapes draw in any gonum plot.
func TestShapeInScatter(t *testing.T) {
	s, err := plotter.NewScatter(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		t.Fatal(err)
	}
	s.GlyphStyle = draw.GlyphStyle{Shape: Star, Color: ScannerRed, Radius: 8}
	p := plot.New()
	p.Add(s)
	ch := &Chart{Plot: p}
	var buf bytes.Buffer
	if err := ch.Write(&buf, PNG, Size{Width: 200, Height: 200}); err != nil {
		t.Fatal(err)
	}
	img := golden.DecodePNG(t, buf.Bytes())
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)) == ScannerRed {
				n++
			}
		}
	}
	if area := math.Pi * 8 * 8 / 4; float64(n) < area { // two stars, at 96 dpi
		t.Errorf("%d red pixels, want at least %.0f", n, area)
	}
}

// Charts are written through the map's canvases, PDF included, and the
// same chart gives the same bytes.
func TestChartFormats(t *testing.T) {
	write := func(f Format) []byte {
		p := DefaultChartStyle.NewPlot("Events")
		p.Add(&StackedBars{Series: []BarSeries{{Label: "a", Values: []float64{1, 3, 2}, Color: CategoryColors[threat.DoS]}}})
		var buf bytes.Buffer
		if err := (&Chart{Plot: p}).Write(&buf, f, Size{Width: 300, Height: 200}); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		return buf.Bytes()
	}
	magic := map[Format]string{PNG: "\x89PNG", SVG: "<?xml", PDF: "%PDF"}
	for _, f := range []Format{PNG, SVG, PDF} {
		a, b := write(f), write(f)
		if !bytes.HasPrefix(a, []byte(magic[f])) {
			t.Errorf("%v: starts %q", f, a[:min(len(a), 8)])
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%v: two writes of one chart differ", f)
		}
	}
}
