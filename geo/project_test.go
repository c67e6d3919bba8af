package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestMercatorRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Point // lon, lat
		want orb.Point // x, y metres
	}{
		{"origin", orb.Point{0, 0}, orb.Point{0, 0}},
		{"antimeridian", orb.Point{180, 0}, orb.Point{math.Pi * EarthRadius, 0}},
		{"square corner", orb.Point{-180, MaxMercatorLat}, orb.Point{-math.Pi * EarthRadius, math.Pi * EarthRadius}},
		{"Paris", orb.Point{2.3522, 48.8566}, orb.Point{261845.7, 6250564.3}},
	}
	for _, tc := range tests {
		got := Mercator(tc.in)
		if math.Abs(got[0]-tc.want[0]) > 1 || math.Abs(got[1]-tc.want[1]) > 1 {
			t.Errorf("%s: Mercator(%v) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
		back := InverseMercator(got)
		if math.Abs(back[0]-tc.in[0]) > 1e-9 || math.Abs(back[1]-tc.in[1]) > 1e-9 {
			t.Errorf("%s: InverseMercator(Mercator(%v)) = %v", tc.name, tc.in, back)
		}
	}
	if p := Mercator(orb.Point{0, 90}); math.Abs(p[1]-math.Pi*EarthRadius) > 1e-6 {
		t.Errorf("pole projects to %v, want the clamped square edge", p)
	}
}
