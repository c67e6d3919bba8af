package render

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/threatmap/threatmap/assets"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGolden compares got with testdata/name: exactly for SVG, pixel by
// pixel with a tolerance for PNG (font rasterisation and compression may
// differ across platforms and library versions). With -update it writes
// got instead.
func checkGolden(t *testing.T, name string, got []byte) {
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

func render(t testing.TB, m *Map, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// demoMap is the seed figure redrawn: its markers over a month of
// scattered, risk-weighted sources.
func demoMap(t testing.TB, width int) *Map {
	return &Map{
		Options: Options{Title: "Malicious activity by source location", Size: Size{Width: width}},
		Points:  fixturePoints(5000),
		Markers: seedMarkers(),
		World:   testWorld(t),
		Caption: Caption{
			From: time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 2, 28, 23, 59, 0, 0, time.UTC),
			Events: 5000, Actors: 812, Unlocated: 17,
		},
		Attribution: []string{assets.NaturalEarthAttribution, assets.CountryDBAttribution},
	}
}

func TestGoldenWorldPNG(t *testing.T) {
	checkGolden(t, "world_golden.png", render(t, demoMap(t, 720), PNG))
}

func TestGoldenDarkEuropeBarePNG(t *testing.T) {
	m := demoMap(t, 480)
	m.Theme = DarkTheme
	m.Extent = Regions["europe"]
	m.Bare = true
	m.Bandwidth = Bandwidth{Kilometres: 60}
	m.Scale = Log
	checkGolden(t, "europe_dark_bare_golden.png", render(t, m, PNG))
}

func TestGoldenChoroplethPNG(t *testing.T) {
	m := demoMap(t, 600)
	m.Points = nil
	m.Markers = nil
	m.Choropleth = ChoroplethOnly
	m.Countries = map[string]float64{"CN": 5200, "US": 2400, "RU": 1900, "NL": 800, "FR": 600, "IN": 700, "BR": 300, "ID": 350, "ZA": 60, "AU": 90, "DE": 450, "FJ": 40}
	m.Title = "Summed risk by country"
	checkGolden(t, "choropleth_golden.png", render(t, m, PNG))
}

// The SVG golden leaves out the basemap, whose thousands of paths would
// make a large file; it pins the vector structure of density, markers and
// furniture.
func TestGoldenSVG(t *testing.T) {
	m := demoMap(t, 480)
	m.World = nil
	m.Attribution = nil
	checkGolden(t, "markers_golden.svg", render(t, m, SVG))
}
