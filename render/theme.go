package render

import (
	"fmt"
	"image/color"
)

// Theme is the colour scheme of the basemap and the furniture. Line widths
// are in points for a map 1000 points wide; Map scales them with the canvas.
type Theme struct {
	Name        string
	Page        color.Color // the canvas around the map
	Ocean       color.Color
	Land        color.Color
	Border      color.Color // country borders
	Coast       color.Color // coastlines
	BorderWidth float64
	CoastWidth  float64
	Frame       color.Color // the line around the map area
	Text        color.Color // title, legend, colour bar labels
	Muted       color.Color // caption and attribution
}

// LightTheme is for print and documents: a pale sea and paper-white land
// under the warm density.
var LightTheme = Theme{
	Name:        "light",
	Page:        color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	Ocean:       color.NRGBA{0xDA, 0xE5, 0xEE, 0xFF},
	Land:        color.NRGBA{0xF6, 0xF4, 0xEF, 0xFF},
	Border:      color.NRGBA{0x7C, 0x80, 0x86, 0xFF},
	Coast:       color.NRGBA{0x4A, 0x55, 0x62, 0xFF},
	BorderWidth: 0.45,
	CoastWidth:  0.6,
	Frame:       color.NRGBA{0x4A, 0x55, 0x62, 0xFF},
	Text:        color.NRGBA{0x1A, 0x1D, 0x21, 0xFF},
	Muted:       color.NRGBA{0x5C, 0x63, 0x6B, 0xFF},
}

// DarkTheme is for slides and dashboards: a near-black sea and slate land,
// on which the density glows.
var DarkTheme = Theme{
	Name:        "dark",
	Page:        color.NRGBA{0x12, 0x16, 0x1C, 0xFF},
	Ocean:       color.NRGBA{0x0D, 0x18, 0x24, 0xFF},
	Land:        color.NRGBA{0x2C, 0x33, 0x3C, 0xFF},
	Border:      color.NRGBA{0x6A, 0x74, 0x80, 0xFF},
	Coast:       color.NRGBA{0x8C, 0x98, 0xA6, 0xFF},
	BorderWidth: 0.45,
	CoastWidth:  0.6,
	Frame:       color.NRGBA{0x8C, 0x98, 0xA6, 0xFF},
	Text:        color.NRGBA{0xEC, 0xEE, 0xF0, 0xFF},
	Muted:       color.NRGBA{0xA8, 0xB0, 0xB8, 0xFF},
}

// Themes are the themes by name.
var Themes = map[string]Theme{"light": LightTheme, "dark": DarkTheme}

// ThemeByName returns the named theme.
func ThemeByName(name string) (Theme, error) {
	t, ok := Themes[name]
	if !ok {
		return Theme{}, fmt.Errorf("render: unknown theme %q (light, dark)", name)
	}
	return t, nil
}
