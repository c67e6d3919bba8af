package render

import (
	"image/color"
	"math"
)

// Stop is one colour of a Palette at position At in [0, 1].
type Stop struct {
	At    float64
	Color color.NRGBA
}

// Palette is a colour gradient: stops in increasing order of At, the first
// at 0 and the last at 1. Colours between stops are interpolated linearly in
// sRGB, channel by channel.
type Palette []Stop

// HeatPalette is the density's gradient: white → yellow → orange → dark
// red, transparent at zero where a Density draws it.
var HeatPalette = Palette{
	{0, color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}},
	{0.30, color.NRGBA{0xFF, 0xF0, 0x30, 0xFF}},
	{0.58, color.NRGBA{0xFF, 0x98, 0x10, 0xFF}},
	{0.82, color.NRGBA{0xE8, 0x30, 0x08, 0xFF}},
	{1, color.NRGBA{0xA0, 0x00, 0x00, 0xFF}},
}

// ChoroplethPalette is the countries' gradient: pale to deep blue, so that
// the warm density drawn over a shaded country stays visible.
var ChoroplethPalette = Palette{
	{0, color.NRGBA{0xEF, 0xF3, 0xFF, 0xFF}},
	{0.35, color.NRGBA{0x9E, 0xCA, 0xE1, 0xFF}},
	{0.65, color.NRGBA{0x42, 0x92, 0xC6, 0xFF}},
	{1, color.NRGBA{0x08, 0x30, 0x6B, 0xFF}},
}

// At returns the colour at t, clamped to [0, 1]. An empty Palette is black.
func (p Palette) At(t float64) color.NRGBA {
	if len(p) == 0 {
		return color.NRGBA{A: 0xFF}
	}
	if !(t > p[0].At) { // also catches NaN
		return p[0].Color
	}
	for i := 1; i < len(p); i++ {
		if t <= p[i].At {
			a, b := p[i-1], p[i]
			f := (t - a.At) / (b.At - a.At)
			return color.NRGBA{
				R: lerp8(a.Color.R, b.Color.R, f),
				G: lerp8(a.Color.G, b.Color.G, f),
				B: lerp8(a.Color.B, b.Color.B, f),
				A: lerp8(a.Color.A, b.Color.A, f),
			}
		}
	}
	return p[len(p)-1].Color
}

func lerp8(a, b uint8, f float64) uint8 {
	return uint8(math.Round(float64(a) + (float64(b)-float64(a))*f))
}

// lut is a palette sampled at n+1 evenly spaced positions with an opacity
// ramp applied, so the density layer colours a pixel with one lookup.
type lut []color.NRGBA

// newLUT samples p at n+1 points. The alpha of position t is
// maxAlpha·min(1, t/ramp)^0.6: transparent at zero, so the basemap shows
// through thin density, and opaque from ramp on.
func newLUT(p Palette, n int, ramp, maxAlpha float64) lut {
	l := make(lut, n+1)
	for i := range l {
		t := float64(i) / float64(n)
		c := p.At(t)
		a := maxAlpha
		if ramp > 0 && t < ramp {
			a *= math.Pow(t/ramp, 0.6)
		}
		c.A = uint8(math.Round(float64(c.A) * a))
		l[i] = c
	}
	return l
}
