package render

import (
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/threatmap/threatmap/threat"
)

// Slides and 4K screens are filled: the map at full height, the legend,
// colour bar and caption in a column beside it, together at least 90% of
// the canvas's width.
func TestScreenLayoutsFill(t *testing.T) {
	for _, sz := range []Size{{Width: 1920, Height: 1080}, {Width: 3840, Height: 2160}, {Width: 1280, Height: 720}} {
		m := demoMap(t, 0)
		m.Size = sz
		w, h := pxToPt(sz.Width, DefaultDPI), pxToPt(sz.Height, DefaultDPI)
		l := m.layout(w, h)
		if !l.legendSide {
			t.Errorf("%dx%d: legend under the map, want it beside", sz.Width, sz.Height)
			continue
		}
		used := l.mapRect.Size().X + l.sideGap + l.sideW
		if used < 0.9*w {
			t.Errorf("%dx%d: map and legend fill %.0f%% of the width, want at least 90%%", sz.Width, sz.Height, 100*used/w)
		}
		if mh := l.mapRect.Size().Y; mh < 0.75*h {
			t.Errorf("%dx%d: the map fills %.0f%% of the height, want at least 75%%", sz.Width, sz.Height, 100*mh/h)
		}
	}
}

// A portrait page is read from the top: the title starts at the top margin
// and the room the map does not need is left below the caption, not split
// above and below.
func TestPortraitPageFromTop(t *testing.T) {
	for _, sz := range []Size{{Width: 2480, Height: 3508, DPI: 300}, {Width: 2550, Height: 3300, DPI: 300}} { // A4, letter
		m := demoMap(t, 0)
		m.Size = sz
		w, h := pxToPt(sz.Width, sz.DPI), pxToPt(sz.Height, sz.DPI)
		l := m.layout(w, h)
		above, below := h-l.mapRect.Max.Y, l.mapRect.Min.Y
		if above > 0.12*h || below < 2*above {
			t.Errorf("%dx%d: %.0f pt above the map, %.0f below; want the title at the top margin", sz.Width, sz.Height, above, below)
		}
	}
}

// At 800 pixels wide the smallest text is 11 pixels (8.25 points) high.
func TestSmallMapTextLegible(t *testing.T) {
	m := demoMap(t, 800)
	l := m.layout(pxToPt(800, DefaultDPI), 0)
	if got := vg.Length(9 * l.u); got < minTextSize {
		t.Errorf("attribution at %.2f pt, want at least %.2f", got, minTextSize)
	}
}

// A title wider than the canvas shrinks, then wraps, and never runs past
// the right margin.
func TestLongTitleFits(t *testing.T) {
	m := demoMap(t, 800)
	m.Title = "Malicious activity by source location on the web, mail and SSH servers of example.org, October 2026"
	w := pxToPt(800, DefaultDPI)
	l := m.layout(w, 0)
	if len(l.title) < 2 {
		t.Errorf("title on %d line(s), want it wrapped", len(l.title))
	}
	if right := l.titleX + l.titleWidth(); right > w-l.margin+0.01 {
		t.Errorf("title ends at %.1f pt, past the margin at %.1f", right, w-l.margin)
	}
}

// Each category has one colour on the map and in the charts, and no two
// categories share one.
func TestCategoryColorsFollowTheMap(t *testing.T) {
	seen := map[string]threat.Category{}
	for c := range threat.NumCategories {
		if CategoryColors[c] != CategoryColor(DefaultMarkerStyles[c]) {
			t.Errorf("%v: chart colour %v, map colour %v", threat.Category(c), CategoryColors[c], CategoryColor(DefaultMarkerStyles[c]))
		}
		k := colorKey(CategoryColors[c])
		if prev, dup := seen[k]; dup {
			t.Errorf("%v and %v share the colour %s", threat.Category(c), prev, k)
		}
		seen[k] = threat.Category(c)
	}
}
