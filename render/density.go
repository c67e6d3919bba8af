package render

import (
	"image"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// Density is the heat layer: a Grid coloured through a Palette, drawn as one
// image (gonum's plotter.Image) over the grid's extent. Its plot
// coordinates are Web Mercator metres, like every layer of the map.
type Density struct {
	Grid *Grid
	// Norm maps grid values to palette positions; fit it with Scale.Fit on
	// Grid.Values.
	Norm    Normalizer
	Palette Palette
	// Opacity is the alpha of the densest colour, in [0, 1].
	Opacity float64
	// Ramp is the palette position from which colours are fully opaque
	// (times Opacity); below it alpha falls to zero, so the basemap shows
	// through thin density instead of a white veil.
	Ramp float64
}

var _ plot.Plotter = (*Density)(nil)

// Package defaults for Density.
const (
	DefaultDensityOpacity = 0.92
	DefaultDensityRamp    = 0.25
)

// NewDensity returns the Density of g with the package defaults, fitted with
// scale s.
func NewDensity(g *Grid, s Scale) *Density {
	return &Density{
		Grid:    g,
		Norm:    s.Fit(g.fitValues(s)),
		Palette: HeatPalette,
		Opacity: DefaultDensityOpacity,
		Ramp:    DefaultDensityRamp,
	}
}

// Image returns the coloured raster, one pixel per grid cell.
func (d *Density) Image() *image.NRGBA {
	g := d.Grid
	img := image.NewNRGBA(image.Rect(0, 0, g.Width, g.Height))
	if d.Norm.Max <= 0 {
		return img
	}
	const levels = 1024
	colours := newLUT(d.Palette, levels, d.Ramp, d.Opacity)
	level := newLevels(d.Norm, levels)
	nz := g.bounds()
	parallelRows(nz.Dy(), func(r int) {
		r += nz.Min.Y
		row := g.Values[r*g.Width+nz.Min.X : r*g.Width+nz.Max.X]
		pix := img.Pix[r*img.Stride+4*nz.Min.X : r*img.Stride+4*nz.Max.X]
		for i, v := range row {
			if v <= 0 {
				continue
			}
			c := colours[level.at(v)]
			if c.A == 0 {
				continue
			}
			p := pix[4*i : 4*i+4 : 4*i+4]
			p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
		}
	})
	return img
}

// Plot implements plot.Plotter.
func (d *Density) Plot(c draw.Canvas, p *plot.Plot) {
	if d.Grid == nil || d.Grid.Width == 0 || d.Grid.Height == 0 || d.Norm.Max <= 0 {
		return
	}
	full := d.Image()
	img, b, ok := cropTransparent(full.SubImage(d.Grid.bounds()).(*image.NRGBA), d.Grid.Extent.Projected(), full.Bounds())
	if !ok {
		return
	}
	plotter.NewImage(img, b.Min[0], b.Min[1], b.Max[0], b.Max[1]).Plot(c, p)
}
