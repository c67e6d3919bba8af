// Package golden compares test output with golden files in a package's
// testdata directory: exactly for text and SVG, pixel by pixel with a
// tolerance for PNG. Run the tests with -update to rewrite the files.
package golden

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Check compares got with testdata/name: exactly for SVG, pixel by
// pixel with a tolerance for PNG (font rasterisation and compression may
// differ across platforms and library versions). With -update it writes
// got instead.
func Check(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if filepath.Ext(name) != ".png" {
		if !bytes.Equal(got, want) {
			os.WriteFile(path+".got", got, 0o644)
			t.Errorf("%s differs from the golden file; wrote %s.got", name, path)
		}
		return
	}
	gi, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	wi, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if gi.Bounds() != wi.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, gi.Bounds(), wi.Bounds())
	}
	// Up to 0.2% of pixels may differ by more than 24 levels in a channel.
	bad, b := 0, gi.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if channelDiff(gi.At(x, y), wi.At(x, y)) > 24<<8 {
				bad++
			}
		}
	}
	if limit := b.Dx() * b.Dy() / 500; bad > limit {
		os.WriteFile(path+".got.png", got, 0o644)
		t.Errorf("%s: %d pixels differ from the golden file (limit %d); wrote %s.got.png", name, bad, limit, path)
	}
}

func channelDiff(a, b interface{ RGBA() (r, g, b, a uint32) }) uint32 {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	return max(d(ar, br), d(ag, bg), d(ab, bb), d(aa, ba))
}

// DecodePNG decodes a PNG written by the code under test, failing t if it
// is not one.
func DecodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
