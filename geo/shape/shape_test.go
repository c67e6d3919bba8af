package shape

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestSplitPolarRing(t *testing.T) {
	// A band around the south pole crossing the antimeridian once.
	ring := orb.Ring{{170, -70}, {-170, -72}, {-10, -70}, {90, -71}, {170, -70}}
	mp := SplitAntimeridian(orb.Polygon{ring})
	if len(mp) == 0 {
		t.Fatal("no polygons")
	}
	b := mp.Bound()
	if b.Min[1] != -90 || b.Min[0] != -180 || b.Max[0] != 180 {
		t.Errorf("bound %v, want a band closed along the south pole across all longitudes", b)
	}
}

func TestSplitAntimeridian(t *testing.T) {
	tests := []struct {
		name  string
		ring  orb.Ring
		parts int
	}{
		{"inside the world", orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, 1},
		{"across the antimeridian", orb.Ring{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}}, 2},
	}
	for _, tt := range tests {
		mp := SplitAntimeridian(orb.Polygon{tt.ring})
		if len(mp) != tt.parts {
			t.Errorf("%s: %d polygons, want %d", tt.name, len(mp), tt.parts)
		}
		if b := mp.Bound(); b.Min[0] < -180 || b.Max[0] > 180 {
			t.Errorf("%s: bound %v leaves the world", tt.name, b)
		}
	}
	if SplitAntimeridian(nil) != nil {
		t.Error("an empty polygon gave polygons")
	}
}

func TestRepresentativePoint(t *testing.T) {
	// An L whose centroid lies outside it, next to a small island.
	l := orb.Polygon{{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}, {0, 0}}}
	island := orb.Polygon{{{20, 0}, {21, 0}, {21, 1}, {20, 1}, {20, 0}}}
	mp := orb.MultiPolygon{island, l}
	p := RepresentativePoint(mp)
	if !planar.PolygonContains(l, p) {
		t.Errorf("point %v is outside the largest polygon", p)
	}
	if got := RepresentativePoint(nil); got != (orb.Point{}) {
		t.Errorf("empty multipolygon: %v, want the zero point", got)
	}
}
