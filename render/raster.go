package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// imgCanvas is gonum's raster canvas with a faster DrawImage: an image
// that covers its rectangle pixel for pixel (the density layer, whose grid
// is computed at output resolution on a pixel-aligned map area) is
// composited directly instead of resampled through a bilinear kernel, which
// would cost more than the whole density computation and blur it by half a
// pixel. Anything else goes to gonum. Map never draws an image under a
// translated or rotated canvas, which this shortcut would not honour.
//
// It also paints pixel-aligned rectangles (the page, the ocean) directly,
// for which it tracks the fill colour through Push and Pop.
type imgCanvas struct {
	*vgimg.Canvas
	colors []color.Color // the colour stack, top last
	base   *baseRaster   // the base map's rasteriser, made on first use
	// opaque: the whole image was painted with an opaque colour, after
	// which every drawing (all of it "over") leaves it opaque.
	opaque bool
}

// baseRaster returns the canvas's base map rasteriser, clipped to area
// (canvas units). Like DrawImage it assumes an untransformed canvas.
func (c *imgCanvas) baseRaster(area vg.Rectangle) *baseRaster {
	rgba, ok := c.Image().(*image.RGBA)
	if !ok {
		return nil
	}
	b := newBaseRaster(rgba, c.DPI(), area)
	if c.base != nil {
		b.mask, b.alpha.Pix, b.vr = c.base.mask, c.base.alpha.Pix, c.base.vr
	}
	c.base = b
	return b
}

func newImgCanvas(c *vgimg.Canvas) *imgCanvas {
	return &imgCanvas{Canvas: c, colors: []color.Color{color.Black}}
}

// SetColor implements vg.Canvas.
func (c *imgCanvas) SetColor(col color.Color) {
	c.colors[len(c.colors)-1] = col
	c.Canvas.SetColor(col)
}

// Push implements vg.Canvas.
func (c *imgCanvas) Push() {
	c.colors = append(c.colors, c.colors[len(c.colors)-1])
	c.Canvas.Push()
}

// Pop implements vg.Canvas.
func (c *imgCanvas) Pop() {
	if len(c.colors) > 1 {
		c.colors = c.colors[:len(c.colors)-1]
	}
	c.Canvas.Pop()
}

// DrawImage implements vg.Canvas.
func (c *imgCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	dpi := c.DPI()
	dst := c.Image()
	b := img.Bounds()
	x0 := rect.Min.X.Dots(dpi)
	// The canvas's y axis points up; the image's rows go down.
	y0 := float64(dst.Bounds().Dy()) - rect.Max.Y.Dots(dpi)
	w, h := rect.Size().X.Dots(dpi), rect.Size().Y.Dots(dpi)
	if !whole(x0) || !whole(y0) || math.Abs(w-float64(b.Dx())) > 0.01 || math.Abs(h-float64(b.Dy())) > 0.01 {
		c.Canvas.DrawImage(rect, img)
		return
	}
	at := image.Pt(int(math.Round(x0)), int(math.Round(y0)))
	r := image.Rectangle{Min: at, Max: at.Add(b.Size())}
	src, ok := img.(*image.NRGBA)
	rgba, isRGBA := dst.(*image.RGBA)
	if ok && isRGBA && r.In(dst.Bounds()) {
		drawNRGBAOver(rgba, r, src, b.Min)
		return
	}
	draw.Draw(dst, r, img, b.Min, draw.Over)
}

// drawNRGBAOver composites src over dst in r (inside dst) with image/draw's
// arithmetic, bit for bit, but skips transparent source pixels, which leave
// dst as it is: most of a density layer is transparent.
func drawNRGBAOver(dst *image.RGBA, r image.Rectangle, src *image.NRGBA, sp image.Point) {
	const m = 1<<16 - 1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()]
		s := src.Pix[src.PixOffset(sp.X, sp.Y+y-r.Min.Y):][:4*r.Dx()]
		for i := 0; i < len(s); i += 4 {
			sa := uint32(s[i+3]) * 0x101
			if sa == 0 {
				continue
			}
			sr := uint32(s[i]) * sa / 0xff
			sg := uint32(s[i+1]) * sa / 0xff
			sb := uint32(s[i+2]) * sa / 0xff
			p := d[i : i+4 : i+4]
			a := (m - sa) * 0x101
			p[0] = uint8((uint32(p[0])*a/m + sr) >> 8)
			p[1] = uint8((uint32(p[1])*a/m + sg) >> 8)
			p[2] = uint8((uint32(p[2])*a/m + sb) >> 8)
			p[3] = uint8((uint32(p[3])*a/m + sa) >> 8)
		}
	}
}

func whole(x float64) bool { return math.Abs(x-math.Round(x)) < 0.01 }

// Fill implements vg.Canvas. A pixel-aligned axis-aligned rectangle (the
// page, the ocean) is painted directly; other paths go to gonum.
func (c *imgCanvas) Fill(p vg.Path) {
	if r, ok := c.pixelRect(p); ok {
		col := c.colors[len(c.colors)-1]
		if col == nil {
			col = color.Black // as gonum does
		}
		draw.Draw(c.Image(), r, image.NewUniform(col), image.Point{}, draw.Over)
		if _, _, _, a := col.RGBA(); a == 0xffff && r == c.Image().Bounds() {
			c.opaque = true
		}
		return
	}
	c.Canvas.Fill(p)
}

// pixelRect reports whether p is an axis-aligned rectangle (as
// vg.Rectangle.Path makes it) on whole pixels, and which.
func (c *imgCanvas) pixelRect(p vg.Path) (image.Rectangle, bool) {
	if len(p) != 5 || p[0].Type != vg.MoveComp || p[4].Type != vg.CloseComp {
		return image.Rectangle{}, false
	}
	for _, q := range p[1:4] {
		if q.Type != vg.LineComp {
			return image.Rectangle{}, false
		}
	}
	a, b, cc, d := p[0].Pos, p[1].Pos, p[2].Pos, p[3].Pos
	if a.Y != b.Y || b.X != cc.X || cc.Y != d.Y || d.X != a.X {
		return image.Rectangle{}, false
	}
	dpi := c.DPI()
	h := float64(c.Image().Bounds().Dy())
	x0, x1 := min(a.X, cc.X).Dots(dpi), max(a.X, cc.X).Dots(dpi)
	y0, y1 := h-max(a.Y, cc.Y).Dots(dpi), h-min(a.Y, cc.Y).Dots(dpi)
	if !whole(x0) || !whole(x1) || !whole(y0) || !whole(y1) {
		return image.Rectangle{}, false
	}
	return image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1))), true
}
