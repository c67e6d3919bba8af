package render

import (
	"image"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
)

// newTestRaster is a white w×h image drawn at 72 dpi (a canvas unit is a
// pixel), clipped to clip (canvas units, y up from the bottom row). The
// raster takes points in pixels of the clip: y down from its top row.
func newTestRaster(w, h int, clip vg.Rectangle) (*image.RGBA, *baseRaster) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	return img, newBaseRaster(img, 72, clip)
}

// darkness is how much of a pixel black paint covers, 0–1.
func darkness(img *image.RGBA, x, y int) float64 {
	return 1 - float64(img.RGBAAt(x, y).R)/255
}

func TestBaseRasterStrokeWidth(t *testing.T) {
	for _, width := range []float64{0.6, 1, 2.5} {
		img, b := newTestRaster(60, 30, vg.Rectangle{Max: vg.Point{X: 60, Y: 30}})
		// A slanted line: every column it crosses in its middle should
		// hold about width/cos(slope) of paint.
		line := []vg.Point{{X: 5, Y: 10}, {X: 55, Y: 20.3}}
		b.stroke([][]vg.Point{line}, vg.Length(width), color.Black)
		// Lines thinner than a pixel are drawn as hairlines: their paint
		// across is between r² and r (r = width/2 + ½), never less than
		// the width.
		slope := math.Atan2(10.3, 50)
		lo, hi := width, width
		if r := width/2 + 0.5; width < 1 {
			lo, hi = r*r, r
		}
		lo, hi = lo/math.Cos(slope), hi/math.Cos(slope)
		for x := 15; x < 45; x += 3 {
			sum := 0.0
			for y := range 30 {
				sum += darkness(img, x, y)
			}
			if sum < lo-0.05 || sum > hi+0.05 {
				t.Errorf("width %g: column %d holds %.2f of paint, want %.2f to %.2f", width, x, sum, lo, hi)
			}
		}
	}
}

// A line drawn twice in one layer, or two lines meeting at a joint, is no
// darker than the line drawn once.
func TestBaseRasterStrokeUnion(t *testing.T) {
	line := []vg.Point{{X: 5, Y: 5}, {X: 25, Y: 17}, {X: 45, Y: 6}}
	once, b1 := newTestRaster(50, 25, vg.Rectangle{Max: vg.Point{X: 50, Y: 25}})
	b1.stroke([][]vg.Point{line}, 1, color.Black)
	twice, b2 := newTestRaster(50, 25, vg.Rectangle{Max: vg.Point{X: 50, Y: 25}})
	b2.stroke([][]vg.Point{line, line, {line[1], line[0]}}, 1, color.Black)
	for i := range once.Pix {
		if once.Pix[i] != twice.Pix[i] {
			t.Fatalf("byte %d: %d drawn once, %d drawn twice", i, once.Pix[i], twice.Pix[i])
		}
	}
}

func TestBaseRasterFill(t *testing.T) {
	img, b := newTestRaster(40, 40, vg.Rectangle{Max: vg.Point{X: 40, Y: 40}})
	// A 10×10 square from x 10 to 20, its top and bottom edges half-way
	// through pixel rows 19 and 29; a 4×4 hole wound the other way.
	square := []vg.Point{{X: 10, Y: 29.5}, {X: 20, Y: 29.5}, {X: 20, Y: 19.5}, {X: 10, Y: 19.5}}
	hole := []vg.Point{{X: 13, Y: 27}, {X: 13, Y: 23}, {X: 17, Y: 23}, {X: 17, Y: 27}}
	b.fill([][]vg.Point{square, hole}, color.Black)
	for _, c := range []struct {
		x, y int
		want float64
	}{
		{11, 25, 1},   // inside
		{11, 19, 0.5}, // the top edge's row, half covered
		{11, 29, 0.5}, // the bottom edge's row
		{15, 25, 0},   // in the hole
		{9, 25, 0},    // left of the square
		{25, 25, 0},   // right of it
		{19, 24, 1},   // inside, by the right edge
	} {
		if got := darkness(img, c.x, c.y); math.Abs(got-c.want) > 0.01 {
			t.Errorf("pixel %d,%d: %.3f covered, want %.3f", c.x, c.y, got, c.want)
		}
	}
}

// Nothing is drawn outside the clip rectangle (the map area).
func TestBaseRasterClip(t *testing.T) {
	img, b := newTestRaster(40, 40, vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 30, Y: 30}})
	b.fill([][]vg.Point{{{X: -5, Y: -5}, {X: 45, Y: -5}, {X: 45, Y: 45}, {X: -5, Y: 45}}}, color.Black)
	b.stroke([][]vg.Point{{{X: 0, Y: 20}, {X: 40, Y: 20}}}, 3, color.Black)
	for y := range 40 {
		for x := range 40 {
			inside := x >= 10 && x < 30 && y >= 10 && y < 30
			if got := darkness(img, x, y); inside && got != 1 || !inside && got != 0 {
				t.Fatalf("pixel %d,%d: %.2f covered (inside the clip: %v)", x, y, got, inside)
			}
		}
	}
}

// The raster canvas knows its image is opaque once the whole of it was
// painted with an opaque colour, so the PNG encoder need not look.
func TestImgCanvasKnowsOpaque(t *testing.T) {
	for _, tc := range []struct {
		name string
		rect vg.Rectangle
		col  color.Color
		want bool
	}{
		{"whole page, opaque", vg.Rectangle{Max: vg.Point{X: 30, Y: 20}}, color.White, true},
		{"part of the page", vg.Rectangle{Max: vg.Point{X: 30, Y: 10}}, color.White, false},
		{"whole page, translucent", vg.Rectangle{Max: vg.Point{X: 30, Y: 20}}, color.NRGBA{A: 128}, false},
	} {
		c := newImgCanvas(newRasterCanvas(30, 20, 72, color.Transparent))
		c.SetColor(tc.col)
		c.Fill(tc.rect.Path())
		if c.opaque != tc.want {
			t.Errorf("%s: opaque %v, want %v", tc.name, c.opaque, tc.want)
		}
	}
}
