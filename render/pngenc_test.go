package render

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// filterRowReference is the libpng heuristic written plainly: every filter
// in full, then the smallest sum of absolute values, ties to the lower type.
func filterRowReference(cand *[5][]byte, cur, prev []byte, bpp int) int {
	copy(cand[0], cur)
	for i := range cur {
		var a, c int
		if i >= bpp {
			a, c = int(cur[i-bpp]), int(prev[i-bpp])
		}
		up, x := int(prev[i]), int(cur[i])
		p := a + up - c
		pr := c
		if pa, pb, pc := abs(p-a), abs(p-up), abs(p-c); pa <= pb && pa <= pc {
			pr = a
		} else if pb <= pc {
			pr = up
		}
		cand[1][i], cand[2][i], cand[3][i], cand[4][i] = byte(x-a), byte(x-up), byte(x-(a+up)/2), byte(x-pr)
	}
	best, bestSum := 0, -1
	for f := range cand {
		sum := 0
		for _, v := range cand[f] {
			sum += min(int(v), 256-int(v))
		}
		if bestSum < 0 || sum < bestSum {
			best, bestSum = f, sum
		}
	}
	return best
}

func TestFilterRowMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	row := func(n int, kind int) []byte {
		b := make([]byte, n)
		for i := range b {
			switch kind {
			case 0:
				b[i] = byte(rng.IntN(256))
			case 1:
				b[i] = byte(200 + rng.IntN(3)) // smooth, like land and ocean
			}
		}
		return b
	}
	for _, bpp := range []int{3, 4} {
		for trial := range 300 {
			n := bpp * (1 + rng.IntN(40))
			cur, prev := row(n, trial%3), row(n, (trial/3)%3)
			if trial%7 == 0 {
				prev = bytes.Clone(cur)
			}
			var got, want [5][]byte
			for i := range got {
				got[i], want[i] = make([]byte, n), make([]byte, n)
			}
			g, w := filterRow(&got, cur, prev, bpp), filterRowReference(&want, cur, prev, bpp)
			if g != w || !bytes.Equal(got[g], want[w]) {
				t.Fatalf("bpp %d trial %d: filter %d %v, want %d %v", bpp, trial, g, got[g], w, want[w])
			}
		}
	}
}

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
