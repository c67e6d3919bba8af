package render

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/threatmap/threatmap/assets"
)

var updateBase = flag.Bool("update-base", false, "rewrite data/basemasks.bin from the maps drawn now")

// storedMaps are the maps whose base layers are stored: the world and
// every named region at the command line's default width, and the world
// on its square page. At the default (automatic) height the map area is
// the same whatever goes under it; on the square page the legend, bars
// and caption fit under the map whatever they hold. A page of fixed
// landscape size fits the map to what its side column holds, which
// depends on the data: such maps are drawn.
func storedMaps(w *assets.World) []*Map {
	one := []Point{{Lon: 2.35, Lat: 48.85, Weight: 1}}
	m := func(o Options) *Map {
		return &Map{Options: o, World: w, Points: one, Attribution: []string{assets.NaturalEarthAttribution}}
	}
	ms := []*Map{m(Options{}), m(Options{Size: Size{Width: 2000, Height: 2000}})}
	for _, name := range RegionNames() {
		if e := Regions[name]; e != WorldExtent {
			ms = append(ms, m(Options{Extent: e}))
		}
	}
	return ms
}

// TestStoredBaseMasks draws the stored maps with their base layers drawn
// and recorded, checks the stored file against the recording (or writes
// it with -update-base, which go generate runs), then draws them again
// from the stored file: the images must be the same bytes, and every base
// layer must have come from the file.
func TestStoredBaseMasks(t *testing.T) {
	w := testWorld(t)
	maps := storedMaps(w)
	recorded := map[string]spanMask{}
	var keys []string
	recordBase = func(key string, m spanMask) {
		if _, ok := recorded[key]; !ok {
			keys = append(keys, key)
		}
		recorded[key] = m
	}
	drawn := make([][]byte, len(maps))
	for i, m := range maps {
		drawn[i] = render(t, m, PNG)
	}
	recordBase = nil
	if len(keys) != 3*len(maps) {
		t.Fatalf("%d base layers recorded from %d maps, want 3 a map", len(keys), len(maps))
	}
	file := encodeSpanMasks(keys, recorded)
	switch {
	case *updateBase:
		if err := os.WriteFile("data/basemasks.bin", file, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("data/basemasks.bin rewritten; run the test again")
	case runtime.GOARCH != "amd64":
		// Other architectures may fuse multiplications and additions,
		// and draw a pixel's coverage a level apart; the file is the
		// reference where it was made.
		t.Logf("stored coverage not compared on %s", runtime.GOARCH)
	case !bytes.Equal(file, storedBaseData):
		t.Fatalf("data/basemasks.bin is not what the maps draw now (%d bytes, drawn %d): run go generate ./render", len(storedBaseData), len(file))
	}
	used := map[string]int{}
	usedBase = func(key string) { used[key]++ }
	defer func() { usedBase = nil }()
	for i, m := range maps {
		got := render(t, m, PNG)
		switch {
		case runtime.GOARCH == "amd64":
			if !bytes.Equal(got, drawn[i]) {
				t.Errorf("map %d (%v): the stored base layers give another image than drawing them", i, m.Size)
			}
		case !nearlySame(t, got, drawn[i], 2):
			// Drawn here, a pixel's coverage may be a level apart from
			// the file's (see above).
			t.Errorf("map %d (%v): the stored base layers give another image than drawing them, by more than 2 levels", i, m.Size)
		}
	}
	for _, k := range keys {
		if used[k] == 0 {
			t.Errorf("a stored layer was not used: %q", k)
		}
	}
}

// The map area is drawn the same wherever the layout puts it: a title
// and a two-line caption move it down the page and leave its pixels as
// they were, so one stored coverage serves every map of that size.
func TestBaseMapIndependentOfPlacement(t *testing.T) {
	w := testWorld(t)
	plain := &Map{Options: Options{Size: Size{Width: 900}}, World: w}
	titled := &Map{Options: Options{Size: Size{Width: 900}, Title: "Malicious activity by source location"}, World: w,
		Caption:     Caption{From: time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 2, 28, 0, 0, 0, 0, time.UTC), Events: 5, Actors: 3},
		Attribution: []string{assets.NaturalEarthAttribution, assets.CountryDBAttribution}}
	var areas []*image.RGBA
	for _, m := range []*Map{plain, titled} {
		img := decodePNG(t, render(t, m, PNG))
		wpx, hpx, err := m.PixelSize()
		if err != nil {
			t.Fatal(err)
		}
		l := m.layout(pxToPt(wpx, DefaultDPI), pxToPt(hpx, DefaultDPI))
		pm := pixelMapper{scale: float64(DefaultDPI) / 72, height: float64(hpx)}
		r := pm.rect(l.mapRect)
		sub := image.NewRGBA(image.Rectangle{Max: r.Size()})
		for y := 0; y < r.Dy(); y++ {
			for x := 0; x < r.Dx(); x++ {
				sub.Set(x, y, img.At(r.Min.X+x, r.Min.Y+y))
			}
		}
		areas = append(areas, sub)
	}
	if areas[0].Rect != areas[1].Rect {
		t.Fatalf("map areas %v and %v", areas[0].Rect, areas[1].Rect)
	}
	if !slices.Equal(areas[0].Pix, areas[1].Pix) {
		t.Error("the map area's pixels change with the title and caption")
	}
}

// A coverage round-trips through its runs, whatever mix of empty, partial
// and full pixels its rows hold, and composites as compositeAlpha does.
func TestSpanMaskRoundTrip(t *testing.T) {
	const w, h = 37, 9
	pix := make([]uint8, w*h)
	for i := range pix {
		switch v := (i*7919 + i/w*31) % 11; {
		case v < 3:
			pix[i] = 0
		case v < 8:
			pix[i] = 0xff
		default:
			pix[i] = uint8(i * 13)
		}
	}
	for x := 3; x < 30; x++ { // a long full run in row 4
		pix[4*w+x] = 0xff
	}
	r := image.Rect(2, 1, 2+w, 1+h)
	m := newSpanMask(r, pix, w)
	ms, err := decodeSpanMasks(encodeSpanMasks([]string{"k"}, map[string]spanMask{"k": m}))
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []color.Color{color.NRGBA{R: 200, G: 40, B: 10, A: 255}, color.NRGBA{R: 10, G: 90, B: 250, A: 120}} {
		want := image.NewRGBA(image.Rect(0, 0, 50, 20))
		got := image.NewRGBA(want.Rect)
		for i := range want.Pix {
			want.Pix[i], got.Pix[i] = uint8(i), uint8(i)
		}
		origin := image.Point{X: 3, Y: 5}
		compositeAlpha(want, r.Add(origin), &image.Alpha{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}, col)
		mk := ms["k"]
		mk.composite(got, origin, col)
		if !slices.Equal(got.Pix, want.Pix) {
			t.Errorf("colour %v: the runs composite otherwise than the coverage", col)
		}
	}
	if _, err := decodeSpanMasks([]byte("not a coverage file")); err == nil {
		t.Error("a file without the header was read")
	}
	if _, err := decodeSpanMasks(append([]byte(spanMasksMagic), 200, 1)); err == nil {
		t.Error("a truncated file was read")
	}
}

// nearlySame reports whether two PNGs of the same size differ by at most
// tol levels in any channel of any pixel.
func nearlySame(t *testing.T, a, b []byte, tol int) bool {
	ia, ib := decodePNG(t, a), decodePNG(t, b)
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			for _, d := range [...]int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8), int(a1>>8) - int(a2>>8)} {
				if d > tol || d < -tol {
					return false
				}
			}
		}
	}
	return true
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
