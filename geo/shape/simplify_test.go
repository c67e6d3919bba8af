package shape

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestSimplifyLine(t *testing.T) {
	// A line along the equator with wiggles of 0.01° and one spike of 1°.
	var l []orb.Point
	for i := 0; i <= 100; i++ {
		y := 0.01 * float64(i%2)
		if i == 50 {
			y = 1
		}
		l = append(l, orb.Point{float64(i) / 10, y})
	}
	got := SimplifyLine(l, 0.05)
	want := []orb.Point{l[0], l[49], l[50], l[51], l[100]}
	if len(got) != len(want) {
		t.Fatalf("kept %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("point %d: %v, want %v (original points, bit for bit)", i, got[i], want[i])
		}
	}
}

// Distances are measured on the Mercator plane: the same 0.03° step in
// latitude is within tolerance at the equator and beyond it at 70°N, where
// Mercator stretches latitude about threefold.
func TestSimplifyLineMercatorDistance(t *testing.T) {
	step := func(lat float64) []orb.Point {
		return []orb.Point{{0, lat}, {1, lat}, {2, lat + 0.03}, {3, lat}, {4, lat}}
	}
	if got := SimplifyLine(step(0), 0.05); len(got) != 2 {
		t.Errorf("at the equator: kept %d points, want 2", len(got))
	}
	if got := SimplifyLine(step(70), 0.05); len(got) <= 2 {
		t.Errorf("at 70°N: kept %d points, want the step", len(got))
	}
}

func TestSimplifyRingsKeepsSmallIslandsAndPoles(t *testing.T) {
	tiny := orb.Ring{{10, 10}, {10.01, 10}, {10.01, 10.01}, {10.005, 10.012}, {10, 10.01}, {10, 10}}
	// A ring closed along the south pole, as the antimeridian split closes
	// Antarctica.
	pole := orb.Ring{{-180, -90}, {-180, -70}, {0, -70.001}, {180, -70}, {180, -90}, {-180, -90}}
	got := SimplifyRings(orb.MultiPolygon{{tiny}, {pole}}, 0.05)
	if len(got[0][0]) != len(tiny) {
		t.Errorf("a small island became %v", got[0][0])
	}
	r := got[1][0]
	if r[0] != pole[0] || r[len(r)-2] != (orb.Point{180, -90}) {
		t.Errorf("the pole closure moved: %v", r)
	}
}
