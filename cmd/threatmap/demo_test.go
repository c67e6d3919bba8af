package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb/project"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/render"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/* from the current output")

// sampleRules is the sample shop's own rule file, which `make demo` uses.
var sampleRules = filepath.Join("..", "..", "testdata", "sample", "site.yaml")

// sampleLogs copies the bundled sample logs into a temporary directory with
// a fixed modification time, so the year of their syslog lines (which carry
// none) does not depend on when the tests run.
func sampleLogs(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	mod := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var out []string
	for _, name := range []string{"access.log", "auth.log", "mail.log"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample", name))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// The demo map: `make demo` on the sample logs, compared with the golden
// image that the README shows. Regenerate on purpose with
// `go test ./cmd/threatmap -run TestDemoMapGolden -update`, and look at it.
func TestDemoMapGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "threatmap.png")
	args := append([]string{"map", "-q", "--log-tz", "UTC", "--rules", sampleRules, "-o", out}, sampleLogs(t)...)
	if _, stderr, err := runCmd(t, "", args...); err != nil {
		t.Fatalf("map: %v\n%s", err, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "demo.png")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if frac := pngDiff(t, got, want, 24); frac > 0.002 {
		t.Errorf("demo map differs from %s in %.3f%% of pixels (tolerance 0.2%%); look at both, then -update if the change is intended", golden, frac*100)
	}
}

// pngDiff returns the fraction of pixels whose colour differs by more than
// tol in any channel (0–255), or 1 when the sizes differ.
func pngDiff(t *testing.T, a, b []byte, tol int) float64 {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return 1
	}
	r := ia.Bounds()
	bad := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8), int(a1>>8) - int(a2>>8)} {
				if d > tol || d < -tol {
					bad++
					break
				}
			}
		}
	}
	return float64(bad) / float64(r.Dx()*r.Dy())
}

// What the demo map means: every source address of the sample classifies
// to the category expected.csv gives it, and the density is hot over the
// countries the threats come from and cold where none do.
func TestDemoMeaning(t *testing.T) {
	dir := t.TempDir()
	actorsCSV := filepath.Join(dir, "actors.csv")
	out := filepath.Join(dir, "bare.png")
	args := append([]string{"map", "-q", "--log-tz", "UTC", "--rules", sampleRules, "--bare", "--width", "1000", "--actors", actorsCSV, "-o", out}, sampleLogs(t)...)
	if _, stderr, err := runCmd(t, "", args...); err != nil {
		t.Fatalf("map: %v\n%s", err, stderr)
	}

	expected := readCSVMap(t, filepath.Join("..", "..", "testdata", "sample", "expected.csv"), "ip", "category")
	// expected.csv is what the default rules make of each address; the
	// shop's site.yaml adds its Tor exit and VPN lists.
	for ip, cat := range map[string]string{"2.44.30.12": "proxy_scanner", "78.69.12.7": "vpn", "81.224.10.11": "vpn"} {
		if expected[ip] != "legit" {
			t.Fatalf("%s is %s in expected.csv; site.yaml lists it as a legit visitor's address", ip, expected[ip])
		}
		expected[ip] = cat
	}
	got := readCSVMap(t, actorsCSV, "ip", "category")
	for ip, want := range expected {
		g, ok := got[ip]
		if !ok {
			g = "legit" // addresses seen only in ignored lines (mail relays) are not actors
		}
		if g != want {
			t.Errorf("%s: category %s, want %s", ip, g, want)
		}
	}

	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	world, err := assets.LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	toPixel := bareProjector(img.Bounds())
	// The density's gradient runs white → yellow → orange → red: hot pixels
	// have far less blue than red. A marker covers the point itself, so look
	// around it, within 16 px.
	hot := func(lon, lat float64) bool {
		x0, y0 := toPixel(lon, lat)
		for dy := -16; dy <= 16; dy++ {
			for dx := -16; dx <= 16; dx++ {
				if c := color(img, x0+dx, y0+dy); dx*dx+dy*dy <= 256 && c[0]-c[2] > 60 && c[1] > 40 {
					return true
				}
			}
		}
		return false
	}
	threatCountries := map[string]bool{}
	for ip, cat := range expected {
		if cat == "legit" {
			continue
		}
		for _, row := range readCSVRows(t, filepath.Join("..", "..", "testdata", "sample", "expected.csv")) {
			if row["ip"] == ip && row["country"] != "" {
				threatCountries[row["country"]] = true
			}
		}
	}
	for _, a2 := range []string{"CN", "RU", "BR", "US", "IN"} {
		if !threatCountries[a2] {
			t.Fatalf("expected.csv has no threats from %s; pick other countries for this test", a2)
		}
		c, _ := world.Country(a2)
		if !hot(c.Point[0], c.Point[1]) {
			t.Errorf("%s: the map is not hot at its representative point %v", a2, c.Point)
		}
	}
	for _, p := range [][2]float64{{-140, -30}, {-30, 30}, {80, -40}} { // mid-ocean
		if hot(p[0], p[1]) {
			t.Errorf("the map is hot mid-ocean at %v", p)
		}
	}
}

// bareProjector maps lon, lat to the pixel of a --bare world map of bounds r.
func bareProjector(r image.Rectangle) func(lon, lat float64) (int, int) {
	e := render.WorldExtent
	min := project.WGS84.ToMercator([2]float64{e.MinLon, e.MinLat})
	max := project.WGS84.ToMercator([2]float64{e.MaxLon, e.MaxLat})
	return func(lon, lat float64) (int, int) {
		p := project.WGS84.ToMercator([2]float64{lon, lat})
		x := (p[0] - min[0]) / (max[0] - min[0]) * float64(r.Dx())
		y := (max[1] - p[1]) / (max[1] - min[1]) * float64(r.Dy())
		return r.Min.X + int(x), r.Min.Y + int(y)
	}
}

func color(img image.Image, x, y int) [3]int {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
}

func readCSVRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func readCSVMap(t *testing.T, path, key, val string) map[string]string {
	out := map[string]string{}
	for _, row := range readCSVRows(t, path) {
		out[row[key]] = row[val]
	}
	return out
}

// The README's classic threat map, rendered from the gallery's located
// actors: a DoS source in Gravelines, proxy scanners over China,
// vulnerability scanners over the US, Europe and India.
func TestGalleryClassicGolden(t *testing.T) {
	const name = "gallery-classic.png"
	out := filepath.Join(t.TempDir(), name)
	if _, stderr, err := runCmd(t, "", "render", classicCSV, "-q", "--width", "1000", "--title", "DoS, proxy and vulnerability scanners by source location", "-o", out); err != nil {
		t.Fatalf("render: %v\n%s", err, stderr)
	}
	checkGallery(t, name, out)
}

// checkGallery compares the PNG at out with the golden gallery image name,
// or rewrites it with -update.
func checkGallery(t *testing.T, name, out string) {
	t.Helper()
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if frac := pngDiff(t, got, want, 24); frac > 0.002 {
		t.Errorf("%s differs from its golden image in %.3f%% of pixels; look at both, then -update if intended", name, frac*100)
	}
}

// The README's gallery: variations of the demo map, each a golden image.
// Regenerate on purpose with -update, and look at them.
func TestGalleryGolden(t *testing.T) {
	logs := sampleLogs(t)
	for _, tc := range []struct {
		name  string
		flags []string
	}{
		{"gallery-dark-slide.png", []string{"--theme", "dark", "--size", "1280x720"}},
		{"gallery-europe.png", []string{"--region", "europe", "--width", "900", "--title", "Europe"}},
		{"gallery-choropleth.png", []string{"--choropleth=only", "--width", "1000", "--title", "Summed risk by country"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.name)
			args := append([]string{"map", "-q", "--log-tz", "UTC", "--rules", sampleRules, "-o", out}, tc.flags...)
			if _, stderr, err := runCmd(t, "", append(args, logs...)...); err != nil {
				t.Fatalf("map: %v\n%s", err, stderr)
			}
			checkGallery(t, tc.name, out)
		})
	}
}
