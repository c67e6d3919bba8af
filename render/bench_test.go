package render

import (
	"io"
	"testing"
)

// BenchmarkWorld2000 is the speed target: a 2000×2000 PNG from
// 1,000,000 weighted points with borders and markers.
func BenchmarkWorld2000(b *testing.B) {
	m := demoMap(b, 2000)
	m.Size.Height = 2000
	m.Points = fixturePoints(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := m.Write(io.Discard, PNG); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGrid2000(b *testing.B) {
	pts := fixturePoints(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		NewGrid(pts, WorldExtent, 1930, 1640, Bandwidth{}, 0)
	}
}

// BenchmarkWorld2000Sqrt is BenchmarkWorld2000 on the sqrt scale, whose
// kernel stops at 3.5σ instead of 6.5σ.
func BenchmarkWorld2000Sqrt(b *testing.B) {
	m := demoMap(b, 2000)
	m.Size.Height = 2000
	m.Scale = Sqrt
	m.Points = fixturePoints(1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := m.Write(io.Discard, PNG); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOnePoint is the fixed cost of a map: one point on the default
// 1600-pixel world map, in every output format.
func BenchmarkOnePoint(b *testing.B) {
	for _, f := range []Format{PNG, SVG, PDF} {
		b.Run(f.String(), func(b *testing.B) {
			m := &Map{World: testWorld(b), Points: []Point{{Lon: 2.35, Lat: 48.85, Weight: 1}}}
			b.ReportAllocs()
			for b.Loop() {
				if err := m.Write(io.Discard, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBaseMap is land, country borders and coastlines on a
// 1600-pixel raster: the part of every map that does not depend on the
// data.
func BenchmarkBaseMap(b *testing.B) {
	m := &Map{World: testWorld(b)}
	m.Bare = true
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Write(io.Discard, PNG); err != nil {
			b.Fatal(err)
		}
	}
}
