package render

import (
	"image"

	"github.com/paulmach/orb"
)

// cropTransparent returns the smallest part of img that holds every pixel
// not fully transparent, and the part of b it covers; ok is false when
// every pixel is transparent. img is all of, or a part of, an image of
// bounds full that covers b (in plot units, its rows from north to south):
// only img's pixels are looked at. A density layer is mostly transparent;
// drawing only its opaque part saves compositing on raster maps and
// encoding an image in PDF and SVG, with the same picture.
func cropTransparent(img *image.NRGBA, b orb.Bound, full image.Rectangle) (_ *image.NRGBA, _ orb.Bound, ok bool) {
	r := img.Bounds()
	x0, y0, x1, y1 := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):][:4*r.Dx()]
		first := -1
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0 {
				first = i / 4
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for i := len(row) - 1; i > 4*last; i -= 4 {
			if row[i] != 0 {
				last = i / 4
				break
			}
		}
		x0, x1 = min(x0, r.Min.X+first), max(x1, r.Min.X+last+1)
		y0, y1 = min(y0, y), max(y1, y+1)
	}
	if x0 >= x1 {
		return nil, orb.Bound{}, false
	}
	if x0 == full.Min.X && y0 == full.Min.Y && x1 == full.Max.X && y1 == full.Max.Y {
		return img, b, true
	}
	sx := (b.Max[0] - b.Min[0]) / float64(full.Dx())
	sy := (b.Max[1] - b.Min[1]) / float64(full.Dy())
	sub := orb.Bound{
		Min: orb.Point{b.Min[0] + float64(x0-full.Min.X)*sx, b.Max[1] - float64(y1-full.Min.Y)*sy},
		Max: orb.Point{b.Min[0] + float64(x1-full.Min.X)*sx, b.Max[1] - float64(y0-full.Min.Y)*sy},
	}
	return img.SubImage(image.Rect(x0, y0, x1, y1)).(*image.NRGBA), sub, true
}
