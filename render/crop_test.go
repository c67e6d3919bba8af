package render

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
)

func TestCropTransparent(t *testing.T) {
	// 10×8 pixels over x 0–100, y 0–80: each pixel is 10×10 units, row 0
	// at the top (y 70–80).
	b := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{100, 80}}
	img := image.NewNRGBA(image.Rect(0, 0, 10, 8))
	if _, _, ok := cropTransparent(img, b, img.Bounds()); ok {
		t.Error("an all-transparent image should have nothing to draw")
	}
	img.SetNRGBA(3, 1, color.NRGBA{R: 255, A: 1})
	img.SetNRGBA(6, 4, color.NRGBA{G: 255, A: 255})
	sub, sb, ok := cropTransparent(img, b, img.Bounds())
	if !ok {
		t.Fatal("nothing to draw")
	}
	if got, want := sub.Bounds(), image.Rect(3, 1, 7, 5); got != want {
		t.Errorf("crop %v, want %v", got, want)
	}
	if want := (orb.Bound{Min: orb.Point{30, 30}, Max: orb.Point{70, 70}}); sb != want {
		t.Errorf("bound %v, want %v", sb, want)
	}
	if sub.NRGBAAt(6, 4).G != 255 || sub.NRGBAAt(3, 1).A != 1 {
		t.Error("the crop lost pixels")
	}
	img.SetNRGBA(0, 0, color.NRGBA{A: 9})
	img.SetNRGBA(9, 7, color.NRGBA{A: 9})
	if sub, sb, _ := cropTransparent(img, b, img.Bounds()); sub != img || sb != b {
		t.Errorf("a full image is drawn whole: got %v over %v", sub.Bounds(), sb)
	}
}

// A sparse grid knows where its values are: every cell outside its bounds
// is zero, and one point's bounds are a small part of a world map.
func TestGridNonzeroBounds(t *testing.T) {
	for _, pts := range [][]Point{
		{{Lon: 2.35, Lat: 48.85, Weight: 1}},
		{{Lon: 2.35, Lat: 48.85, Weight: 1}, {Lon: 151.2, Lat: -33.9, Weight: 3}},
		nil,
	} {
		g := NewGrid(pts, WorldExtent, 1500, 1000, Bandwidth{}, 0)
		nz := g.bounds()
		for y := range g.Height {
			for x := range g.Width {
				if v := g.Values[y*g.Width+x]; v != 0 && !image.Pt(x, y).In(nz) {
					t.Fatalf("%d points: cell %d,%d = %g outside the bounds %v", len(pts), x, y, v, nz)
				}
			}
		}
		if len(pts) == 1 && nz.Dx()*nz.Dy() > g.Width*g.Height/50 {
			t.Errorf("one point's bounds %v cover %d of %d cells", nz, nz.Dx()*nz.Dy(), g.Width*g.Height)
		}
	}
}
