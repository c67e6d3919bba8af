package render

import (
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// FillString implements vg.Canvas. gonum's raster canvas draws through
// golang.org/x/image/font/opentype, whose Face.Kern scales a kerning pair
// for a font 32 pixels per em (the font's units per em read as 26.6 fixed
// point) whatever the face's size: at 8 pixels "To" is pulled 3.5 pixels
// together instead of 0.9, and "Tor" reads "Tbr". Text is therefore drawn
// in runs without a kerning pair, each placed where gonum's own Width
// (which scales the pairs correctly, and by which the layout measured
// the text) puts it.
func (c *imgCanvas) FillString(f font.Face, pt vg.Point, s string) {
	eachKernRun(f, s, func(x vg.Length, run string) {
		c.Canvas.FillString(f, vg.Point{X: pt.X + x, Y: pt.Y}, run)
	})
}

// eachKernRun calls fn with each run of s that holds no kerning pair and
// the run's offset from the start of s by f's widths, kerning included.
func eachKernRun(f font.Face, s string, fn func(x vg.Length, run string)) {
	start := 0
	var prev rune = -1
	for i, r := range s {
		if prev >= 0 && kerned(f, prev, r) {
			fn(f.Width(s[:start])+kernShift(f, s, start), s[start:i])
			start = i
		}
		prev = r
	}
	fn(f.Width(s[:start])+kernShift(f, s, start), s[start:])
}

// kerned reports whether the pair a, b has a kerning adjustment.
func kerned(f font.Face, a, b rune) bool {
	return f.Width(string([]rune{a, b})) != f.Width(string(a))+f.Width(string(b))
}

// kernShift is the kerning between the rune before s[i:] and the first
// rune of s[i:], which Width(s[:i]) does not include.
func kernShift(f font.Face, s string, i int) vg.Length {
	if i == 0 {
		return 0
	}
	var a, b rune
	for _, r := range s[:i] {
		a = r
	}
	for _, r := range s[i:] {
		b = r
		break
	}
	return f.Width(string([]rune{a, b})) - f.Width(string(a)) - f.Width(string(b))
}
