package assets

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestLoadWorld(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(w.Countries); n < 235 {
		t.Fatalf("decoded %d countries, want ≥ 235", n)
	}
	if len(w.Land) == 0 {
		t.Fatal("no land polygons")
	}
}

// A representative point must lie inside its country, unlike a centroid,
// which for France, Norway or Chile can fall in the sea or abroad.
func TestRepresentativePointInside(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range w.Countries {
		if !planar.MultiPolygonContains(c.Geometry, c.Point) {
			t.Errorf("%s (%s): point %v is outside the country", c.Name, c.Alpha2, c.Point)
		}
	}
	tests := []struct {
		a2                             string
		minLon, minLat, maxLon, maxLat float64
	}{
		{"FR", -5, 42, 8, 51}, // metropolitan France, not French Guiana
		{"US", -125, 25, -67, 49},
		{"RU", 30, 45, 180, 78},
		{"NO", 4, 57, 31, 72},
		{"CL", -76, -56, -66, -17},
		{"FJ", 177, -19, 180, -16},
	}
	for _, tc := range tests {
		c, ok := w.Country(tc.a2)
		if !ok {
			t.Errorf("%s: not found", tc.a2)
			continue
		}
		if p := c.Point; p[0] < tc.minLon || p[0] > tc.maxLon || p[1] < tc.minLat || p[1] > tc.maxLat {
			t.Errorf("%s: point %v outside %v..%v", tc.a2, p, orb.Point{tc.minLon, tc.minLat}, orb.Point{tc.maxLon, tc.maxLat})
		}
	}
}

// No ring of the split geometry may take a step longer than 180° in
// longitude: that is the streak across the map a planar renderer would draw.
func TestNoAntimeridianStreaks(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, mp orb.MultiPolygon) {
		for _, p := range mp {
			for _, r := range p {
				for i := 1; i < len(r); i++ {
					onPole := math.Abs(r[i][1]) >= 89.99 && math.Abs(r[i-1][1]) >= 89.99
					if d := r[i][0] - r[i-1][0]; (d > 180 || d < -180) && !onPole {
						t.Errorf("%s: edge %v → %v crosses the antimeridian", name, r[i-1], r[i])
						return
					}
					if r[i][0] < -180 || r[i][0] > 180 {
						t.Errorf("%s: longitude %v out of range", name, r[i][0])
						return
					}
				}
			}
		}
	}
	for _, c := range w.Countries {
		check(c.Name, c.Geometry)
	}
	check("land", w.Land)
	for _, a2 := range []string{"RU", "FJ", "AQ"} {
		c, _ := w.Country(a2)
		if c == nil || len(c.Geometry) < 2 {
			t.Errorf("%s: want the geometry split into several polygons", a2)
		}
	}
}
