package shape

import (
	"testing"

	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

func TestSharedBordersOnceEach(t *testing.T) {
	// Three regions side by side in a row, plus an island of its own:
	// A|B|C share the edges x=1 and x=2 (two vertices each, split at y=0.5
	// on B's side only for the second), and nothing else.
	a := square(0, 0, 1, 1)
	b := orb.MultiPolygon{{{{1, 0}, {2, 0}, {2, 0.5}, {2, 1}, {1, 1}, {1, 0}}}}
	c := orb.MultiPolygon{{{{2, 0}, {3, 0}, {3, 1}, {2, 1}, {2, 0.5}, {2, 0}}}}
	island := square(10, 10, 11, 11)
	got := SharedBorders([]orb.MultiPolygon{a, b, c, island})
	edges := map[edge]int{}
	for _, ls := range got {
		for i := 0; i+1 < len(ls); i++ {
			edges[newEdge(ls[i], ls[i+1])]++
		}
	}
	want := []edge{
		newEdge(orb.Point{1, 0}, orb.Point{1, 1}),
		newEdge(orb.Point{2, 0}, orb.Point{2, 0.5}),
		newEdge(orb.Point{2, 0.5}, orb.Point{2, 1}),
	}
	if len(edges) != len(want) {
		t.Fatalf("got edges %v, want %v", edges, want)
	}
	for _, e := range want {
		if edges[e] != 1 {
			t.Errorf("edge %v drawn %d times, want once", e, edges[e])
		}
	}
	// The border between B and C is one polyline of two edges.
	lines := 0
	for _, ls := range got {
		if len(ls) == 3 {
			lines++
		}
	}
	if lines != 1 {
		t.Errorf("B–C border in %d three-point polylines, want 1: %v", lines, got)
	}
}

func TestSharedBordersNoneAlone(t *testing.T) {
	// A region's own rings (an outer ring and a hole, or two polygons
	// touching) are not borders between regions.
	mp := orb.MultiPolygon{
		{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}},
		{{{4, 0}, {5, 0}, {5, 4}, {4, 4}, {4, 0}}},
	}
	if got := SharedBorders([]orb.MultiPolygon{mp}); len(got) != 0 {
		t.Errorf("got %v, want no borders", got)
	}
	if got := SharedBorders(nil); len(got) != 0 {
		t.Errorf("nil regions: got %v", got)
	}
}
