package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/threat"
)

// The legend's size key shows the smallest and largest counts (and a round
// number between when they are far apart), and is left out when every
// marker has the same size.
func TestLegendSizeKey(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		want   []int
	}{
		{"one size", []int{1, 1, 1}, nil},
		{"two sizes", []int{1, 9}, []int{1, 9}},
		{"far apart", []int{1, 3, 20000}, []int{1, 10000, 20000}},
		{"round maximum", []int{2, 100}, []int{1, 100}},
	}
	for _, tc := range tests {
		m := &Map{Options: Options{Size: Size{Width: 600}}}
		for i, n := range tc.counts {
			m.Markers = append(m.Markers, Marker{Lon: float64(10 * i), Lat: 10, Category: threat.BruteForce, Count: n})
		}
		ll := m.legendLayout(1000, 1)
		if !slices.Equal(ll.sizes, tc.want) {
			t.Errorf("%s: size key %v, want %v", tc.name, ll.sizes, tc.want)
		}
		svg := string(render(t, m, SVG))
		if has := strings.Contains(svg, sizeKeyLabel); has != (tc.want != nil) {
			t.Errorf("%s: SVG has the size key: %v, want %v", tc.name, has, tc.want != nil)
		}
	}
}

// The view is the scope: markers outside it neither set the size key nor
// shrink the glyphs inside it.
func TestLegendSizeKeyInView(t *testing.T) {
	m := &Map{Options: Options{Size: Size{Width: 600}, Extent: Regions["europe"]}}
	m.Markers = []Marker{
		{Lon: 2.3, Lat: 48.8, Category: threat.BruteForce, Count: 1},
		{Lon: 13.4, Lat: 52.5, Category: threat.BruteForce, Count: 9},
		{Lon: 116.4, Lat: 39.9, Category: threat.BruteForce, Count: 5000}, // Beijing, outside
	}
	if ll := m.legendLayout(1000, 1); !slices.Equal(ll.sizes, []int{1, 9}) {
		t.Errorf("size key %v, want [1 9]", ll.sizes)
	}
	if got := maxCount(m.Markers, m.extent()); got != 9 {
		t.Errorf("largest count in view %d, want 9", got)
	}
}
