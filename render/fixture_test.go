package render

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/threat"
)

var (
	worldOnce sync.Once
	world     *assets.World
	worldErr  error
)

// testWorld loads the embedded basemap once per test binary.
func testWorld(t testing.TB) *assets.World {
	t.Helper()
	worldOnce.Do(func() { world, worldErr = assets.LoadWorld() })
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	return world
}

// hotspot is a city the fixture's attacks come from, with its share.
type hotspot struct {
	lon, lat, share float64
}

var fixtureHotspots = []hotspot{
	{118.78, 32.06, 0.16}, {116.40, 39.91, 0.12}, {121.46, 31.22, 0.1}, // Nanjing, Beijing, Shanghai
	{-121.98, 37.35, 0.08}, {-74.01, 40.80, 0.07}, {-87.63, 41.88, 0.04}, // Santa Clara, New York, Chicago
	{4.89, 52.37, 0.06}, {2.13, 50.99, 0.05}, {8.68, 50.11, 0.05}, // Amsterdam, Gravelines, Frankfurt
	{37.62, 55.75, 0.06}, {77.58, 13.23, 0.05}, {106.85, -6.21, 0.04}, // Moscow, Bangalore, Jakarta
	{-46.63, -23.55, 0.04}, {28.05, -26.2, 0.02}, {151.21, -33.87, 0.02}, // São Paulo, Johannesburg, Sydney
	{178.44, -18.14, 0.01}, {-58.38, -34.6, 0.03}, // Suva (near the antimeridian), Buenos Aires
}

// fixturePoints returns n weighted points scattered around the hotspots,
// the same for the same n.
func fixturePoints(n int) []Point {
	rng := rand.New(rand.NewPCG(1, 2))
	cum := make([]float64, len(fixtureHotspots))
	total := 0.0
	for i, h := range fixtureHotspots {
		total += h.share
		cum[i] = total
	}
	pts := make([]Point, n)
	for i := range pts {
		x := rng.Float64() * total
		h := fixtureHotspots[0]
		for j, c := range cum {
			if x <= c {
				h = fixtureHotspots[j]
				break
			}
		}
		spread := 0.6 + 2.5*rng.Float64()*rng.Float64()
		lon := h.lon + rng.NormFloat64()*spread
		lat := h.lat + rng.NormFloat64()*spread*0.7
		lon = math.Mod(lon+540, 360) - 180
		pts[i] = Point{Lon: lon, Lat: lat, Weight: float64(1 + rng.IntN(5))}
	}
	return pts
}

// seedMarkers are a classic threat map's markers: its DoS source in
// Gravelines, its proxy scanners (the Great Firewall cities) and its
// vulnerability scanners, plus one of every other category.
func seedMarkers() []Marker {
	ms := []Marker{{Lon: 2.1281, Lat: 50.9865, Category: threat.DoS, Count: 20000}}
	gfw := [][2]float64{{118.7778, 32.0617}, {116.3972, 39.9075}, {120.5954, 31.3041}, {120.1614, 30.2936}, {113.25, 23.1167}, {104.0667, 30.6667}, {121.4581, 31.2222}, {118.7808, 34.1213}}
	for i, p := range gfw {
		ms = append(ms, Marker{Lon: p[0], Lat: p[1], Category: threat.ProxyScanner, Count: 3 + 5*i})
	}
	vuln := [][2]float64{{-121.9844, 37.3483}, {120.1614, 30.2936}, {104.0667, 30.6667}, {116.3972, 39.9075}, {-74.0121, 40.8043}, {4.8897, 52.374}, {77.575, 13.2257}, {77.9804, 10.369}}
	for i, p := range vuln {
		ms = append(ms, Marker{Lon: p[0], Lat: p[1], Category: threat.VulnScanner, Count: 40 + 300*(i%3)})
	}
	ms = append(ms,
		Marker{Lon: 37.62, Lat: 55.75, Category: threat.BruteForce, Count: 5000},
		Marker{Lon: 106.85, Lat: -6.21, Category: threat.BruteForce, Count: 900},
		Marker{Lon: -46.63, Lat: -23.55, Category: threat.Noise, Count: 60},
		Marker{Lon: -122.08, Lat: 37.42, Category: threat.GoodBot, Count: 300},
		Marker{Lon: 179.9, Lat: -16.5, Category: threat.BruteForce, Count: 200}, // on the right edge: drawn clipped
	)
	return ms
}
