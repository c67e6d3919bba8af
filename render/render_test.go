package render

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/threatmap/threatmap/internal/golden"
	"github.com/threatmap/threatmap/threat"
)

// projectedPixel returns where lon, lat falls on a bare w×h render of e, in
// pixels from the top left corner.
func projectedPixel(e Extent, w, h int, lon, lat float64) (x, y float64) {
	b := e.Projected()
	m := project.WGS84.ToMercator(orb.Point{lon, lat})
	return (m[0] - b.Min[0]) / (b.Max[0] - b.Min[0]) * float64(w),
		(b.Max[1] - m[1]) / (b.Max[1] - b.Min[1]) * float64(h)
}

// hottest returns the centre of the pixels whose colour is furthest along
// the palette (several share the top colour when the scale saturates).
// Green falls monotonically from white through yellow and orange to dark
// red, so the hottest pixels are those with the least green.
func hottest(img image.Image) (x, y float64) {
	best := uint32(math.MaxUint32)
	var sx, sy, n float64
	b := img.Bounds()
	for j := b.Min.Y; j < b.Max.Y; j++ {
		for i := b.Min.X; i < b.Max.X; i++ {
			_, g, _, _ := img.At(i, j).RGBA()
			if g < best {
				best, sx, sy, n = g, 0, 0, 0
			}
			if g == best {
				sx, sy, n = sx+float64(i)+0.5, sy+float64(j)+0.5, n+1
			}
		}
	}
	return sx / n, sy / n
}

// The meaning test: a point at a known place is hottest exactly where the
// projection puts it, on any scale and bandwidth, anywhere on the map.
func TestHottestPixelIsWhereThePointIs(t *testing.T) {
	places := []struct {
		name     string
		lon, lat float64
	}{
		{"Gravelines", 2.1281, 50.9865},
		{"Nanjing", 118.7778, 32.0617},
		{"Santa Clara", -121.9844, 37.3483},
		{"Buenos Aires", -58.38, -34.6},
		{"Tromsø", 18.95, 69.65},
		{"Suva", 178.44, -18.14},
	}
	for _, p := range places {
		for _, tc := range []struct {
			scale Scale
			bw    Bandwidth
		}{{Sqrt, Bandwidth{}}, {Linear, Bandwidth{Pixels: 2}}, {Log, Bandwidth{Kilometres: 150}}, {EqHist, Bandwidth{Pixels: 12}}} {
			t.Run(p.name+"/"+tc.scale.String()+"/"+tc.bw.String(), func(t *testing.T) {
				m := &Map{
					Options: Options{Bare: true, Size: Size{Width: 500}, Scale: tc.scale, Bandwidth: tc.bw},
					// A weak decoy elsewhere keeps the scale honest.
					Points: []Point{{Lon: p.lon, Lat: p.lat, Weight: 5}, {Lon: p.lon - 40, Lat: p.lat / 2, Weight: 1}},
				}
				img := golden.DecodePNG(t, render(t, m, PNG))
				w, h := img.Bounds().Dx(), img.Bounds().Dy()
				wantX, wantY := projectedPixel(WorldExtent, w, h, p.lon, p.lat)
				x, y := hottest(img)
				if math.Hypot(x-wantX, y-wantY) > 2 {
					t.Errorf("hottest pixel at (%.1f, %.1f), want within 2 px of (%.1f, %.1f)", x, y, wantX, wantY)
				}
			})
		}
	}
}

// On a map across the antimeridian (the Pacific, 150°E to 150°W), points on
// either side of it land where they belong.
func TestHottestPixelAcrossTheAntimeridian(t *testing.T) {
	e := Extent{MinLon: 150, MinLat: -45, MaxLon: 210, MaxLat: 25}
	for _, p := range []struct {
		name     string
		lon, lat float64
	}{{"Suva", 178.44, -18.14}, {"Apia", -171.76, -13.83}, {"Avarua", -159.78, -21.21}, {"Nouméa", 166.46, -22.27}} {
		m := &Map{
			Options: Options{Bare: true, Extent: e, Size: Size{Width: 600}, Scale: Sqrt},
			Points:  []Point{{Lon: p.lon, Lat: p.lat, Weight: 5}},
			World:   testWorld(t),
		}
		img := golden.DecodePNG(t, render(t, m, PNG))
		wantX, wantY := projectedPixel(e, img.Bounds().Dx(), img.Bounds().Dy(), e.WrapLon(p.lon), p.lat)
		x, y := hottest(img)
		if math.Hypot(x-wantX, y-wantY) > 2 {
			t.Errorf("%s: hottest pixel at (%.1f, %.1f), want within 2 px of (%.1f, %.1f)", p.name, x, y, wantX, wantY)
		}
	}
	if err := (Extent{MinLon: 150, MinLat: 0, MaxLon: 520, MaxLat: 10}).Validate(); err == nil {
		t.Error("an extent wider than 360° validated")
	}
}

// Of two sources, the heavier one is the hotter, and the colour fades to
// the background between them.
func TestHeavierSourceIsHotter(t *testing.T) {
	e := Regions["europe"]
	m := &Map{
		Options: Options{Bare: true, Extent: e, Size: Size{Width: 400}, Bandwidth: Bandwidth{Pixels: 6}},
		Points:  []Point{{Lon: 2.35, Lat: 48.85, Weight: 10}, {Lon: 13.4, Lat: 52.52, Weight: 3}},
	}
	img := golden.DecodePNG(t, render(t, m, PNG))
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	px, py := projectedPixel(e, w, h, 2.35, 48.85)
	bx, by := projectedPixel(e, w, h, 13.4, 52.52)
	green := func(x, y float64) uint32 { _, g, _, _ := img.At(int(x), int(y)).RGBA(); return g }
	if !(green(px, py) < green(bx, by)) {
		t.Errorf("Paris (weight 10) green %d, Berlin (weight 3) green %d: want Paris hotter", green(px, py), green(bx, by))
	}
	mid := green((px+bx)/2, (py+by)/2)
	ocean := green(5, 5)
	if mid != ocean {
		t.Errorf("between the sources green %d, want the bare background %d", mid, ocean)
	}
}

// The antimeridian test: borders drawn alone must never streak across the
// map, as rings of Russia, Fiji or Antarctica would if joined the wrong way
// round the globe; and the seams left by splitting are not stroked.
func TestNoStreakAcrossTheAntimeridian(t *testing.T) {
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	black := color.NRGBA{0, 0, 0, 0xFF}
	theme := Theme{Page: white, Ocean: white, Land: white, Border: black, Coast: black, BorderWidth: 1, CoastWidth: 1, Text: black, Muted: black, Frame: black}
	for _, e := range []Extent{WorldExtent, {MinLon: -180, MinLat: -85, MaxLon: 180, MaxLat: 85}, Regions["oceania"], {MinLon: 90, MinLat: -60, MaxLon: 240, MaxLat: 75}} {
		m := &Map{Options: Options{Bare: true, Extent: e, Size: Size{Width: 900}, Theme: theme}, World: testWorld(t)}
		img := golden.DecodePNG(t, render(t, m, PNG))
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			run, longest := 0, 0
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					run++
					longest = max(longest, run)
				} else {
					run = 0
				}
			}
			if longest > b.Dx()/6 {
				t.Errorf("extent %v: row %d has a dark run of %d px (of %d): a streak", e, y, longest, b.Dx())
			}
		}
	}
}

// Land filled across the antimeridian stays within its longitudes: between
// 55°S and 60°N no parallel is more than 70% land (the most, around 50°N,
// is about 62%), and north of it none is filled edge to edge.
func TestLandFillAcrossTheAntimeridian(t *testing.T) {
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	black := color.NRGBA{0, 0, 0, 0xFF}
	m := &Map{Options: Options{Bare: true, Size: Size{Width: 720},
		Theme: Theme{Page: white, Ocean: white, Land: black, Text: black, Muted: black}}, World: testWorld(t)}
	img := golden.DecodePNG(t, render(t, m, PNG))
	b := img.Bounds()
	_, south := projectedPixel(WorldExtent, b.Dx(), b.Dy(), 0, -55)
	_, north := projectedPixel(WorldExtent, b.Dx(), b.Dy(), 0, 60)
	for y := b.Min.Y; y < int(south); y++ {
		dark := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
		limit := b.Dx() * 7 / 10
		if y < int(north) {
			limit = b.Dx() * 95 / 100
		}
		if dark > limit {
			t.Errorf("row %d is %d%% land: a polygon wrapped the wrong way round", y, 100*dark/b.Dx())
		}
	}
}

// A marker on the map's edge is drawn clipped, not dropped.
func TestMarkerOnTheEdgeIsClipped(t *testing.T) {
	m := &Map{
		Options: Options{Bare: true, Size: Size{Width: 400}},
		Markers: []Marker{{Lon: 180, Lat: 0, Category: threat.VulnScanner, Count: 1}},
	}
	img := golden.DecodePNG(t, render(t, m, PNG))
	b := img.Bounds()
	_, y := projectedPixel(WorldExtent, b.Dx(), b.Dy(), 180, 0)
	red := 0
	for x := b.Max.X - 6; x < b.Max.X; x++ {
		for j := int(y) - 4; j <= int(y)+4; j++ {
			r, g, bb, _ := img.At(x, j).RGBA()
			if r > 0xE000 && g < 0x3000 && bb < 0x3000 {
				red++
			}
		}
	}
	if red == 0 {
		t.Error("no red star pixels at the right edge: the marker was dropped")
	}
}

// Every category has its own look, and scanners, DoS sources and proxy
// scanners look as on the classic threat map.
func TestMarkerStyles(t *testing.T) {
	seen := map[string]threat.Category{}
	for c := range threat.NumCategories {
		s := DefaultMarkerStyles[c]
		key := strings.Join([]string{string(rune('0' + s.Shape)), colorKey(s.Fill), colorKey(s.Line.Color)}, "/")
		if prev, dup := seen[key]; dup {
			t.Errorf("%v and %v look the same", threat.Category(c), prev)
		}
		seen[key] = threat.Category(c)
		if s.Label == "" {
			t.Errorf("%v has no legend label", threat.Category(c))
		}
	}
	if s := DefaultMarkerStyles[threat.VulnScanner]; s.Shape != Star || s.Fill != ScannerRed {
		t.Errorf("vuln_scanner: %v %v, want a #FF0000 star", s.Shape, s.Fill)
	}
	if s := DefaultMarkerStyles[threat.DoS]; s.Shape != Crosshair || s.Line.Color != SignalLime {
		t.Errorf("dos: %v %v, want a #00FF1F crosshair", s.Shape, s.Line.Color)
	}
	if s := DefaultMarkerStyles[threat.ProxyScanner]; s.Shape != Triangle || s.Fill != ProxyGreen {
		t.Errorf("proxy_scanner: %v %v, want a #2EA043 triangle", s.Shape, s.Fill)
	}
	if s := DefaultMarkerStyles[threat.PortScanner]; s.Shape != Hexagon || s.Fill != PortScanAmber || s.Label != "Port scanner" {
		t.Errorf("port_scanner: %v %v %q, want an amber hexagon labelled Port scanner", s.Shape, s.Fill, s.Label)
	}
}

func colorKey(c color.Color) string {
	if c == nil {
		return "none"
	}
	r, g, b, a := c.RGBA()
	return string([]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8), byte(a >> 8)})
}

// Marker area grows with the count: radius with its square root.
func TestMarkerAreaScalesWithCount(t *testing.T) {
	mk := NewMarkers([]Marker{{Count: 100}, {Count: 25}, {Count: 1}})
	if r := mk.Radius(100); r != mk.MaxRadius {
		t.Errorf("largest count radius %v, want MaxRadius %v", r, mk.MaxRadius)
	}
	if r, want := mk.Radius(25), mk.MaxRadius/2; math.Abs(float64(r-want)) > 1e-9 {
		t.Errorf("a quarter of the count: radius %v, want %v", r, want)
	}
	if r := mk.Radius(1); r != mk.MinRadius {
		t.Errorf("tiny count radius %v, want MinRadius %v", r, mk.MinRadius)
	}
}

// The legend lists the categories present, highest risk first, with their
// summed counts, and nothing else.
func TestLegendListsCategoriesPresentWithCounts(t *testing.T) {
	m := &Map{
		Options: Options{Size: Size{Width: 600}},
		Markers: []Marker{
			{Lon: 2, Lat: 51, Category: threat.DoS, Count: 20000},
			{Lon: 118, Lat: 32, Category: threat.ProxyScanner, Count: 3},
			{Lon: 116, Lat: 40, Category: threat.ProxyScanner, Count: 4},
			{Lon: 4, Lat: 52, Category: threat.VulnScanner, Count: 1500},
		},
	}
	cats, counts := m.categoriesPresent()
	want := []threat.Category{threat.VulnScanner, threat.DoS, threat.ProxyScanner}
	if len(cats) != len(want) {
		t.Fatalf("categories %v, want %v", cats, want)
	}
	for i := range want {
		if cats[i] != want[i] {
			t.Fatalf("categories %v, want %v", cats, want)
		}
	}
	if counts[threat.ProxyScanner] != 7 {
		t.Errorf("proxy scanner count %d, want 7", counts[threat.ProxyScanner])
	}
	svg := string(render(t, m, SVG))
	for _, s := range []string{"Vulnerability scanner · 1,500 addresses", "DoS source · 20,000 addresses", "Proxy scanner / Tor · 7 addresses"} {
		if !strings.Contains(svg, s) {
			t.Errorf("legend lacks %q", s)
		}
	}
	for _, s := range []string{"Brute force", "Good bot", "Noise"} {
		if strings.Contains(svg, s) {
			t.Errorf("legend lists %q, which is absent", s)
		}
	}
}

// No located points gives a valid map that says so, not an error.
func TestNoLocatedEvents(t *testing.T) {
	m := &Map{Options: Options{Size: Size{Width: 500}}, World: testWorld(t), Caption: Caption{Unlocated: 12}}
	for _, f := range []Format{PNG, SVG, PDF} {
		out := render(t, m, f)
		if len(out) == 0 {
			t.Fatalf("%v: empty output", f)
		}
		if f == SVG {
			if n := strings.Count(string(out), NoEventsText); n < 2 {
				t.Errorf("SVG shows %q %d times, want on the map and in the caption", NoEventsText, n)
			}
			if !strings.Contains(string(out), "12 addresses not located") {
				t.Error("caption lacks the unlocated count")
			}
		}
	}
	golden.DecodePNG(t, render(t, m, PNG))
}

// Same input, same bytes, in every format.
func TestDeterministic(t *testing.T) {
	for _, f := range []Format{PNG, SVG, PDF} {
		a := render(t, demoMap(t, 400), f)
		b := render(t, demoMap(t, 400), f)
		if !bytes.Equal(a, b) {
			t.Errorf("%v: two renders differ", f)
		}
	}
	pdf := render(t, demoMap(t, 300), PDF)
	if !regexp.MustCompile(`/CreationDate \(D:20000101000000`).Match(pdf) {
		t.Error("PDF creation date is not the fixed one")
	}
}

// Rasters embedded in SVG say what they are.
func TestSVGRasterMIMEType(t *testing.T) {
	svg := string(render(t, demoMap(t, 300), SVG))
	if strings.Contains(svg, "image/jpg") {
		t.Error("SVG labels a PNG raster image/jpg")
	}
	if !strings.Contains(svg, "data:image/png;base64,") {
		t.Error("SVG has no PNG raster")
	}
}

// A bare map is the extent and nothing else: its height follows from the
// projection, and nothing but the map is drawn.
func TestBareSize(t *testing.T) {
	m := &Map{Options: Options{Bare: true, Size: Size{Width: 1000, Height: 50}, Extent: Regions["europe"], Title: "ignored"}}
	w, h, err := m.PixelSize()
	if err != nil {
		t.Fatal(err)
	}
	if want := int(math.Round(1000 * Regions["europe"].Aspect())); w != 1000 || h != want {
		t.Errorf("bare size %dx%d, want 1000x%d", w, h, want)
	}
	if svg := string(render(t, m, SVG)); strings.Contains(svg, "ignored") || strings.Contains(svg, "<text") {
		t.Error("a bare map has text")
	}
}

func TestWriteRejectsBadExtent(t *testing.T) {
	m := &Map{Options: Options{Extent: Extent{MinLon: 10, MinLat: 0, MaxLon: -10, MaxLat: 20}}}
	if err := m.Write(&bytes.Buffer{}, PNG); err == nil {
		t.Error("want an error for an extent that crosses the antimeridian")
	}
}
