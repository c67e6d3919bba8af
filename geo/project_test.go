package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// The map's extent checks rely on MaxMercatorLat being where orb's Web
// Mercator becomes a square.
func TestMaxMercatorLatIsTheSquare(t *testing.T) {
	edge := math.Pi * orb.EarthRadius
	for _, lat := range []float64{MaxMercatorLat, 90} {
		if p := project.WGS84.ToMercator(orb.Point{180, lat}); math.Abs(p[0]-edge) > 1e-6 || math.Abs(p[1]-edge) > 1e-3 {
			t.Errorf("ToMercator(180, %v) = %v, want the square's corner %v", lat, p, edge)
		}
	}
	back := project.Mercator.ToWGS84(orb.Point{edge, edge})
	if math.Abs(back[1]-MaxMercatorLat) > 1e-9 {
		t.Errorf("the square's corner is at latitude %v, want %v", back[1], MaxMercatorLat)
	}
}
