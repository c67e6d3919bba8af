package render

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// inkRuns counts the runs of columns of r that hold dark pixels.
func inkRuns(img image.Image, r image.Rectangle) int {
	runs, in := 0, false
	for x := r.Min.X; x < r.Max.X; x++ {
		ink := false
		for y := r.Min.Y; y < r.Max.Y; y++ {
			if v, _, _, _ := img.At(x, y).RGBA(); v < 0xA000 {
				ink = true
			}
		}
		if ink && !in {
			runs++
		}
		in = ink
	}
	return runs
}

// "Tor" at 8 pixels keeps a gap between the T's stem and the o: kerning
// pairs are scaled to the type size, not to 32 pixels per em.
func TestKerningAtSmallSizes(t *testing.T) {
	var buf bytes.Buffer
	err := writeCanvas(&buf, PNG, Size{Width: 40, Height: 16, DPI: 96}, color.White, func(c draw.Canvas) error {
		var ts typesetter
		sty := ts.textStyle(6, color.Black, false) // 8 px
		sty.XAlign, sty.YAlign = text.XLeft, text.YBottom
		c.FillText(sty, c.Min.Add(vg.Point{X: 2, Y: 4}), "Tor")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Under the T's bar, the T's stem, the o and the r stand apart: three
	// runs of inked columns, two when the o is pulled into the stem.
	b := img.Bounds()
	if n := inkRuns(img, image.Rect(b.Min.X, b.Min.Y+b.Dy()/2, b.Max.X, b.Max.Y-3)); n < 3 {
		t.Errorf("\"Tor\" at 8 px: %d separate glyphs under the T's bar, want 3 (T, o, r): the o runs into the T", n)
	}
}
