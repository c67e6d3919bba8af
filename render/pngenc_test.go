package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/adler32"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"testing"
)

func TestEncodePNGRoundTrip(t *testing.T) {
	const h = 2*pngBandRows + 88 // three bands
	img := image.NewRGBA(image.Rect(0, 0, 70, h))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		if i%4 == 3 {
			img.Pix[i] = 255
		} else if i > len(img.Pix)/2 {
			img.Pix[i] = byte(rng.IntN(256))
		}
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img, false); err != nil {
		t.Fatal(err)
	}
	checkZlib(t, buf.Bytes())
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for y := range h {
		for x := range 70 {
			r, g, b, _ := got.At(x, y).RGBA()
			w := img.RGBAAt(x, y)
			if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(b>>8) != w.B {
				t.Fatalf("pixel %d,%d: %d %d %d, want %v", x, y, r>>8, g>>8, b>>8, w)
			}
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	data := make([]byte, 200_000)
	for i := range data {
		data[i] = byte(i*7 + i/3)
	}
	for _, cut := range []int{0, 1, 65520, 65521, 65522, 100_000, len(data)} {
		a, b := data[:cut], data[cut:]
		got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b))
		if want := adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// checkZlib reads the whole zlib stream of a PNG's IDAT chunks, which
// checks its Adler-32 sum (image/png stops reading at the last pixel).
func checkZlib(t *testing.T, b []byte) {
	t.Helper()
	var idat []byte
	for b = b[8:]; len(b) >= 12; {
		n := int(binary.BigEndian.Uint32(b))
		if string(b[4:8]) == "IDAT" {
			idat = append(idat, b[8:8+n]...)
		}
		b = b[12+n:]
	}
	zr, err := zlib.NewReader(bytes.NewReader(idat))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(zr); err != nil {
		t.Fatalf("zlib stream: %v", err)
	}
}

func TestUpRowBytewise(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 4801} {
		cur, prev := make([]byte, n), make([]byte, n)
		for i := range cur {
			cur[i], prev[i] = byte(rng.IntN(256)), byte(rng.IntN(256))
		}
		if n > 2 {
			cur[0], prev[0], cur[1], prev[1] = 0, 255, 255, 0 // borrows and carries
		}
		got := make([]byte, n)
		upRow(got, cur, prev)
		for i := range cur {
			if want := cur[i] - prev[i]; got[i] != want {
				t.Fatalf("n=%d byte %d: %d, want %d", n, i, got[i], want)
			}
		}
	}
}
