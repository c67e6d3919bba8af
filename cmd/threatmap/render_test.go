package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
	"github.com/threatmap/threatmap/render"
)

const locatedCSV = `time,ip,threat,risk,rule,source,lat,lon,country,city,precision
2026-10-01T00:00:01Z,198.51.100.7,vuln_scanner,5,zmeu,access.log,52.37,4.89,NL,Amsterdam,city
2026-10-01T00:00:02Z,198.51.100.7,vuln_scanner,5,zmeu,access.log,52.37,4.89,NL,Amsterdam,city
2026-10-02T10:00:00Z,203.0.113.9,dos,3,flood,access.log,50.9865,2.1281,FR,Gravelines,city
2026-10-03T10:00:00Z,192.0.2.1,brute_force,4,sshd,auth.log,,,,,none
2026-10-04T10:00:00Z,192.0.2.2,legit,0,,access.log,40.0,-74.0,US,,city
2026-10-31T23:00:00Z,192.0.2.3,proxy_scanner,2,connect,access.log,35.0,105.0,CN,,country
`

func TestReadLocatedCSV(t *testing.T) {
	d, err := readLocatedCSV(strings.NewReader(locatedCSV), &located.Aggregate{}, located.Window{})
	if err != nil {
		t.Fatal(err)
	}
	// Counted in addresses: the two Amsterdam events are one address; the
	// legit address is neither drawn nor counted.
	if d.rows != 6 || d.Caption.Actors != 3 || d.Caption.Unlocated != 1 || d.Caption.Events != 4 {
		t.Errorf("rows %d, located %d, unlocated %d, events %d; want 6, 3, 1, 4", d.rows, d.Caption.Actors, d.Caption.Unlocated, d.Caption.Events)
	}
	if got := d.Points[0].Weight; got != 10 {
		t.Errorf("vuln_scanner address weight %v, want its two events' risk 10", got)
	}
	if len(d.Markers) != 3 {
		t.Fatalf("markers %+v, want vuln_scanner, dos and proxy_scanner", d.Markers)
	}
	for _, m := range d.Markers {
		if m.Category == classify.VulnScanner && m.Count != 1 {
			t.Errorf("Amsterdam vuln_scanner count %d, want 1 address", m.Count)
		}
	}
	if d.Countries["NL"] != 10 || d.Countries["FR"] != 3 || d.Countries["US"] != 0 {
		t.Errorf("countries %v", d.Countries)
	}
	if !d.countryPrecision {
		t.Error("a country-precision row was not noticed")
	}
	if d.Caption.From.Day() != 1 || d.Caption.To.Day() != 31 {
		t.Errorf("time range %v – %v", d.Caption.From, d.Caption.To)
	}
}

func TestReadPlainCSV(t *testing.T) {
	for name, in := range map[string]string{
		"header":    "lat,lon\n32.06,118.78\n39.91,116.40\n",
		"no header": "32.06,118.78,3\n39.91,116.40,1\n",
	} {
		d, err := readLocatedCSV(strings.NewReader(in), &located.Aggregate{}, located.Window{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(d.Points) != 2 || d.Points[0].Lat != 32.06 || d.Points[0].Lon != 118.78 {
			t.Errorf("%s: points %+v", name, d.Points)
		}
	}
	d, _ := readLocatedCSV(strings.NewReader("32.06,118.78,3\n"), &located.Aggregate{}, located.Window{})
	if d.Points[0].Weight != 3 {
		t.Errorf("weight column ignored: %+v", d.Points)
	}
	if _, err := readLocatedCSV(strings.NewReader("a,b\n1,2\n"), &located.Aggregate{}, located.Window{}); err == nil {
		t.Error("a CSV without lat/lon was accepted")
	}
	d, _ = readLocatedCSV(strings.NewReader("lat,lon\nx,1\n1,2\n"), &located.Aggregate{}, located.Window{})
	if d.bad != 1 || len(d.Points) != 1 {
		t.Errorf("bad %d points %d, want 1 and 1", d.bad, len(d.Points))
	}
}

func runRender(t *testing.T, args ...string) (string, error) {
	t.Helper()
	_, stderr, err := runCmd(t, "", append([]string{"render"}, args...)...)
	return stderr, err
}

func TestCmdRender(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "located.csv")
	os.WriteFile(in, []byte(locatedCSV), 0o644)
	for _, out := range []string{"map.png", "map.svg", "map.pdf"} {
		path := filepath.Join(dir, out)
		if stderr, err := runRender(t, "-q", "--width", "400", "-o", path, in); err != nil {
			t.Fatalf("%s: %v\n%s", out, err, stderr)
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) == 0 {
			t.Fatalf("%s: %v", out, err)
		}
		if out == "map.png" {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds().Dx() != 400 {
				t.Errorf("png: %v, %v", err, img.Bounds())
			}
		}
	}
	// Flags after the input, a bare map with every option.
	bare := filepath.Join(dir, "bare.png")
	if stderr, err := runRender(t, in, "-o", bare, "--bare", "--width", "300", "--region", "europe",
		"--bandwidth", "100km", "--scale", "log", "--theme", "dark", "--choropleth", "--weight", "count"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if stderr, _ := runRender(t, in, "-o", filepath.Join(dir, "x.png"), "--width", "300"); !strings.Contains(stderr, "6 rows read: 3 addresses located, 1 address not located") {
		t.Errorf("summary: %q", stderr)
	}
}

func TestCmdRenderNoEvents(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "empty.csv")
	os.WriteFile(in, []byte("time,ip,threat,lat,lon,country,city,precision\n2026-10-01T00:00:00Z,10.0.0.1,dos,,,,,none\n"), 0o644)
	out := filepath.Join(dir, "empty.svg")
	if stderr, err := runRender(t, "-q", "--width", "300", "-o", out, in); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "No located events") {
		t.Error("an empty map does not say so")
	}
}

func TestCmdRenderUsageErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("lat,lon\n1,2\n"), 0o644)
	for _, args := range [][]string{
		{"-o", filepath.Join(dir, "m.jpg"), in},
		{"--size", "big", "-o", filepath.Join(dir, "m.png"), in},
		{"--bbox", "10,20,30,0", "-o", filepath.Join(dir, "m.png"), in},
		{"--bbox", "1,2,3", "-o", filepath.Join(dir, "m.png"), in},
		{"--region", "atlantis", "-o", filepath.Join(dir, "m.png"), in},
		{"--bandwidth", "wide", "-o", filepath.Join(dir, "m.png"), in},
		{"--scale", "cubic", "-o", filepath.Join(dir, "m.png"), in},
		{"--weight", "volume", "-o", filepath.Join(dir, "m.png"), in},
		{"--theme", "neon", "-o", filepath.Join(dir, "m.png"), in},
		{"--choropleth=maybe", "-o", filepath.Join(dir, "m.png"), in},
		{"--borders", filepath.Join(dir, "nope.geojson"), "-o", filepath.Join(dir, "m.png"), in},
		{"-o", in, in},
		{filepath.Join(dir, "missing.csv"), "-o", filepath.Join(dir, "m.png")},
	} {
		if _, err := runRender(t, args...); exitCode(err, &bytes.Buffer{}) != 1 {
			t.Errorf("%v: exit %d (%v), want 1", args, exitCode(err, &bytes.Buffer{}), err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "m.png")); err == nil {
		t.Error("a failed run left an output file")
	}
}

func TestRenderFlagsSize(t *testing.T) {
	for _, tc := range []struct {
		size  string
		width int
		dpi   int
		wantW int
		wantH int
		wantD int
	}{
		{"", 0, 0, 0, 0, 0},
		{"slide", 0, 0, 1920, 1080, 0},
		{"a4", 0, 0, 2480, 3508, 300},
		{"a4-landscape", 0, 0, 3508, 2480, 300},
		{"a4", 0, 150, 1240, 1754, 150},
		{"letter", 0, 0, 2550, 3300, 300},
		{"800x600", 0, 0, 800, 600, 0},
		{"", 1200, 0, 1200, 0, 0},
	} {
		f := renderFlags{size: tc.size, width: tc.width, dpi: tc.dpi}
		sz, err := f.parseSize(false)
		if err != nil || sz.Width != tc.wantW || sz.Height != tc.wantH || sz.DPI != tc.wantD {
			t.Errorf("%+v: %+v, %v", tc, sz, err)
		}
	}
	// A PDF without a size is an A4 landscape page, 297 × 210 mm.
	f := renderFlags{}
	if sz, err := f.parseSize(true); err != nil || sz != (render.Size{Width: 3508, Height: 2480, DPI: 300}) {
		t.Errorf("default PDF page: %+v, %v", sz, err)
	}
}

// TestReadPlaceCounts: a warehouse's per-place counts (lat,lon,category,
// count) weigh by their counts and give a marker per place and category.
func TestReadPlaceCounts(t *testing.T) {
	in := "lat,lon,category,count\n48.85,2.35,vuln_scanner,120\n40.71,-74.0,brute_force,300\n48.85,2.35,noise,7\n"
	d, err := readLocatedCSV(strings.NewReader(in), &located.Aggregate{}, located.Window{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Caption.Events != 420 || len(d.Points) != 2 || len(d.Markers) != 2 {
		t.Fatalf("events %d, points %d, markers %+v; want 420 events of the drawn categories, 2 points, 2 markers", d.Caption.Events, len(d.Points), d.Markers)
	}
	if d.Points[0].Weight != 120*5 || d.Points[1].Weight != 300*4 {
		t.Errorf("weights %v, %v; want count × risk", d.Points[0].Weight, d.Points[1].Weight)
	}
}
