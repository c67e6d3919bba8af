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
	if _, _, ok := cropTransparent(img, b); ok {
		t.Error("an all-transparent image should have nothing to draw")
	}
	img.SetNRGBA(3, 1, color.NRGBA{R: 255, A: 1})
	img.SetNRGBA(6, 4, color.NRGBA{G: 255, A: 255})
	sub, sb, ok := cropTransparent(img, b)
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
	if sub, sb, _ := cropTransparent(img, b); sub != img || sb != b {
		t.Errorf("a full image is drawn whole: got %v over %v", sub.Bounds(), sb)
	}
}
