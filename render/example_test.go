package render_test

import (
	"fmt"
	"image/color"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// ring is a layer of the caller's own: a circle around a lon, lat point.
type ring struct {
	at     orb.Point // lon, lat
	radius vg.Length
}

func (r ring) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	q := project.WGS84.ToMercator(r.at)
	draw.RingGlyph{}.DrawGlyph(&c, draw.GlyphStyle{Color: color.Black, Radius: r.radius}, vg.Point{X: trX(q[0]), Y: trY(q[1])})
}

// A map is a stack of plot.Plotters; Add puts the caller's own on top of
// the markers, and a marker style may use any draw.GlyphDrawer.
func ExampleMap_Add() {
	m := &render.Map{Options: render.Options{Title: "Scanners", Size: render.Size{Width: 800}}}
	m.Markers = []render.Marker{{Lon: 2.35, Lat: 48.86, Category: threat.VulnScanner, Count: 12}}
	m.Add(ring{at: orb.Point{2.35, 48.86}, radius: 20})

	mk := render.NewMarkers([]render.Marker{{Lon: -74, Lat: 40.7, Category: threat.DoS, Count: 3}})
	mk.Styles[threat.DoS].Glyph = draw.PyramidGlyph{}
	m.Add(mk)

	fmt.Println(m.Write(io.Discard, render.PDF))
	// Output: <nil>
}
