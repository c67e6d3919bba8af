package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	imgdraw "image/draw"
	"io"
	"path/filepath"
	"strings"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Format is an output file format.
type Format uint8

// Output formats. EPS is not offered: it cannot hold the density raster.
const (
	PNG Format = iota
	SVG
	PDF
)

var formatNames = [...]string{"png", "svg", "pdf"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat parses "png", "svg" or "pdf" (any case, leading dot allowed).
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimPrefix(s, "."))
	for i, n := range formatNames {
		if n == s {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("render: unknown output format %q (png, svg, pdf)", s)
}

// FormatOf returns the format named by path's extension.
func FormatOf(path string) (Format, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return 0, fmt.Errorf("render: output %q has no extension (.png, .svg, .pdf)", path)
	}
	return ParseFormat(ext)
}

// Write draws the map and writes it to w in format f. The same Map always
// gives the same bytes: the PDF's dates are fixed and nothing depends on
// map iteration order or the clock.
func (m *Map) Write(w io.Writer, f Format) error {
	wpx, hpx, err := m.PixelSize()
	if err != nil {
		return err
	}
	size := Size{Width: wpx, Height: hpx, DPI: m.size().DPI}
	return writeCanvas(w, f, size, nil, func(c draw.Canvas) error {
		return m.draw(c, typesetter{pdf: f == PDF})
	})
}

// writeCanvas is the one canvas factory of maps and charts: it makes a
// canvas of size (pixels, and DPI for type and the vector page size) in
// format f, fills it with bg (nil leaves it transparent), lets fn draw on
// it, and writes it to w. The same drawing gives the same bytes.
func writeCanvas(w io.Writer, f Format, size Size, bg color.Color, fn func(draw.Canvas) error) error {
	dpi := size.DPI
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	if size.Width <= 0 || size.Height <= 0 {
		return fmt.Errorf("render: size %dx%d: want positive pixels", size.Width, size.Height)
	}
	wpt, hpt := pxToPt(size.Width, dpi), pxToPt(size.Height, dpi)
	fill := func(c draw.Canvas) draw.Canvas {
		if bg != nil {
			c.FillPolygon(bg, rectPoly(c.Rectangle))
		}
		return c
	}
	switch f {
	case PNG:
		page := bg
		if page == nil {
			page = color.Transparent
		}
		c := newImgCanvas(newRasterCanvas(size.Width, size.Height, dpi, page))
		_, _, _, a := page.RGBA()
		c.opaque = a == 0xffff // an opaque page stays opaque under every drawing
		if err := fn(draw.NewCanvas(c, wpt, hpt)); err != nil {
			return err
		}
		return writeCanvasPNG(w, c.Image(), c.opaque)
	case SVG:
		c := vgsvg.New(wpt, hpt)
		if err := fn(fill(draw.NewCanvas(c, wpt, hpt))); err != nil {
			return err
		}
		return writeFixed(w, c, fixSVG)
	case PDF:
		c := newPDFCanvas(wpt, hpt)
		if err := fn(fill(draw.NewCanvas(c, wpt, hpt))); err != nil {
			return err
		}
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	return fmt.Errorf("render: unknown output format %v", f)
}

// newRasterCanvas is vgimg.NewWith(UseWH, UseDPI, UseBackgroundColor)
// without the copy of the whole image NewWith makes when it builds its own
// drawing context: the context draws on the canvas's image directly.
func newRasterCanvas(wpx, hpx, dpi int, bg color.Color) *vgimg.Canvas {
	img := image.NewRGBA(image.Rect(0, 0, wpx, hpx))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as NewWith sets up its own context
	ctx.InvertY()
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	// NewWith has painted the image white.
	if r, g, b, a := bg.RGBA(); r != 0xffff || g != 0xffff || b != 0xffff || a != 0xffff {
		imgdraw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, imgdraw.Src)
	}
	return c
}

func writeFixed(w io.Writer, c io.WriterTo, fix func([]byte) []byte) error {
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	_, err := w.Write(fix(buf.Bytes()))
	return err
}

// fixSVG gives embedded rasters their true MIME type (gonum's SVG backend
// encodes them as PNG but labels them image/jpg), and gives the text a
// font stack with metric-compatible fallbacks and a generic family, so
// that a viewer without Liberation Sans keeps the layout's widths.
func fixSVG(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("data:image/jpg;base64,"), []byte("data:image/png;base64,"))
	return bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"), []byte("font-family:"+svgFontStack+";"))
}

// svgFontStack is the SVG text's font-family: Liberation Sans, then the
// fonts of the same metrics, then the generic family.
const svgFontStack = "'Liberation Sans', Arial, Helvetica, sans-serif"

// writeCanvasPNG encodes the image of a raster canvas as PNG; opaque says
// every pixel is known to be opaque.
func writeCanvasPNG(w io.Writer, img image.Image, opaque bool) error {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		return fmt.Errorf("render: png: unexpected canvas image %T", img)
	}
	if err := encodePNG(w, rgba, opaque); err != nil {
		return fmt.Errorf("render: png: %w", err)
	}
	return nil
}
