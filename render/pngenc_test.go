package render

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

func TestEncodePNGRoundTrip(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 70, 150))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		if i%4 == 3 {
			img.Pix[i] = 255
		} else if i > len(img.Pix)/2 {
			img.Pix[i] = byte(rng.IntN(256))
		}
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for y := range 150 {
		for x := range 70 {
			r, g, b, _ := got.At(x, y).RGBA()
			w := img.RGBAAt(x, y)
			if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(b>>8) != w.B {
				t.Fatalf("pixel %d,%d: %d %d %d, want %v", x, y, r>>8, g>>8, b>>8, w)
			}
		}
	}
}
