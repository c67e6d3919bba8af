package render

import (
	"bytes"
	"testing"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/internal/golden"
)

func render(t testing.TB, m *Map, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// demoMap is a classic threat map: its markers over a month of
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
	golden.Check(t, "world_golden.png", render(t, demoMap(t, 720), PNG))
}

func TestGoldenDarkEuropeBarePNG(t *testing.T) {
	m := demoMap(t, 480)
	m.Theme = DarkTheme
	m.Extent = Regions["europe"]
	m.Bare = true
	m.Bandwidth = Bandwidth{Kilometres: 60}
	m.Scale = Log
	golden.Check(t, "europe_dark_bare_golden.png", render(t, m, PNG))
}

func TestGoldenChoroplethPNG(t *testing.T) {
	m := demoMap(t, 600)
	m.Points = nil
	m.Markers = nil
	m.Choropleth = ChoroplethOnly
	m.Countries = map[string]float64{"CN": 5200, "US": 2400, "RU": 1900, "NL": 800, "FR": 600, "IN": 700, "BR": 300, "ID": 350, "ZA": 60, "AU": 90, "DE": 450, "FJ": 40}
	m.Title = "Summed risk by country"
	golden.Check(t, "choropleth_golden.png", render(t, m, PNG))
}

// The SVG golden leaves out the basemap, whose thousands of paths would
// make a large file; it pins the vector structure of density, markers and
// furniture.
func TestGoldenSVG(t *testing.T) {
	m := demoMap(t, 480)
	m.World = nil
	m.Attribution = nil
	golden.Check(t, "markers_golden.svg", render(t, m, SVG))
}
