package render

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"

	"github.com/threatmap/threatmap/threat"
)

// crowdedMarkers puts every category on one place, with counts from 1 to
// thousands, and a small proxy scanner under a large brute-force marker on
// another: the markers that hid each other when drawn on one point.
func crowdedMarkers() []Marker {
	var ms []Marker
	for i, c := range threat.ByRisk() {
		ms = append(ms, Marker{Lon: 2.35, Lat: 48.86, Category: c, Count: 1 + i*i*i*10})
	}
	return append(ms,
		Marker{Lon: 104.07, Lat: 30.67, Category: threat.BruteForce, Count: 2000},
		Marker{Lon: 104.07, Lat: 30.67, Category: threat.ProxyScanner, Count: 1},
		Marker{Lon: -150, Lat: 10, Category: threat.Noise, Count: 5}, // outside the view below
	)
}

// styleColour is the colour a marker style shows most: its fill, else its
// line.
func styleColour(s MarkerStyle) color.NRGBA {
	c := s.Fill
	if c == nil {
		c = s.Line.Color
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// colourPixels counts the pixels of img in r within tol of want per channel.
func colourPixels(img image.Image, r image.Rectangle, want color.NRGBA, tol int) int {
	// The maps are opaque, so premultiplied and straight colours agree.
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := rgba.Pix[rgba.PixOffset(x, y):]
			if absDiff(p[0], want.R) <= tol && absDiff(p[1], want.G) <= tol && absDiff(p[2], want.B) <= tol {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }

// Every category in the legend has visible pixels of its marker's colour
// on the map, however the markers of one place crowd, at 800 px and at 4K;
// the legend counts only the markers in the view.
func TestEveryLegendCategoryVisible(t *testing.T) {
	for _, width := range []int{800, 3840} {
		m := &Map{Options: Options{Size: Size{Width: width}, Extent: Extent{MinLon: -30, MinLat: -10, MaxLon: 150, MaxLat: 70}}, Markers: crowdedMarkers()}
		img, err := png.Decode(bytes.NewReader(render(t, m, PNG)))
		if err != nil {
			t.Fatal(err)
		}
		wpx, hpx, _ := m.PixelSize()
		l := m.layout(pxToPt(wpx, DefaultDPI), pxToPt(hpx, DefaultDPI))
		px := func(x, y float64) image.Point {
			return image.Pt(int(x*DefaultDPI/72), hpx-int(y*DefaultDPI/72))
		}
		mapRect := image.Rectangle{Min: px(float64(l.mapRect.Min.X), float64(l.mapRect.Max.Y)), Max: px(float64(l.mapRect.Max.X), float64(l.mapRect.Min.Y))}
		cats, counts := m.categoriesPresent()
		parisNoise := 0
		for _, mk := range m.Markers[:threat.NumCategories] {
			if mk.Category == threat.Noise {
				parisNoise = mk.Count
			}
		}
		if len(cats) != threat.NumCategories || counts[threat.Noise] != parisNoise {
			t.Fatalf("%d px: legend %v %v, want every category and the noise marker outside the view left out", width, cats, counts)
		}
		for _, c := range cats {
			// A pixel per 800 px of width, squared, is the least a glyph
			// fragment should show.
			least := width * width / 800 / 800 * 4
			if n := colourPixels(img, mapRect, styleColour(DefaultMarkerStyles[c]), 12); n < least {
				t.Errorf("%d px: %v in the legend has %d pixels of its colour on the map, want at least %d", width, c, n, least)
			}
		}
	}
}
