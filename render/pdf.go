package render

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgpdf"
)

// pdfCanvas works around two faults of gonum's PDF backend: it draws
// images upside down (fpdf places them top-down inside a y-up page), and it
// passes UTF-8 text to fonts encoded as Windows-1252, so "–", "·" and "©"
// print as mojibake.
type pdfCanvas struct {
	*vgpdf.Canvas
	// fill is the colour last set, which bold text restores after its
	// invisible copy (see fillOutlines).
	fill *color.Color
}

func newPDFCanvas(c *vgpdf.Canvas) pdfCanvas {
	return pdfCanvas{Canvas: c, fill: new(color.Color)}
}

// SetColor implements vg.Canvas.
func (c pdfCanvas) SetColor(col color.Color) {
	*c.fill = col
	c.Canvas.SetColor(col)
}

// FillString implements vg.Canvas.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Typeface == boldTypeface {
		c.fillOutlines(f, pt, s)
		return
	}
	c.Canvas.FillString(f, pt, encode1252(s))
}

// encode1252 encodes s for the PDF's fonts, '?' for what Windows-1252
// cannot hold.
func encode1252(s string) string {
	if enc, err := charmap.Windows1252.NewEncoder().String(s); err == nil {
		return enc
	}
	return asciiOnly(s)
}

// DrawImage implements vg.Canvas.
func (c pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	b := img.Bounds()
	flipped := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flipped, flipped.Bounds(), img, b.Min, draw.Src)
	row := make([]byte, flipped.Stride)
	for top, bot := 0, b.Dy()-1; top < bot; top, bot = top+1, bot-1 {
		t := flipped.Pix[top*flipped.Stride : (top+1)*flipped.Stride]
		u := flipped.Pix[bot*flipped.Stride : (bot+1)*flipped.Stride]
		copy(row, t)
		copy(t, u)
		copy(u, row)
	}
	c.Canvas.DrawImage(rect, flipped)
}

// asciiOnly replaces what Windows-1252 cannot hold with '?'.
func asciiOnly(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if b, ok := charmap.Windows1252.EncodeRune(r); ok {
			out = append(out, b)
		} else {
			out = append(out, '?')
		}
	}
	return string(out)
}
