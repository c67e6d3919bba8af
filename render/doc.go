// Package render draws threat maps.
//
// A map is a stack of gonum/plot Plotters, bottom to top: background, land,
// choropleth, the density raster, borders, markers, then the legend, colour
// bar, title, caption and attribution. The density layer is computed at output
// resolution (points binned in Web Mercator space, smoothed with a Gaussian
// kernel, scaled and coloured through a Palette) so it never shows facets.
// One code path writes PNG, SVG and PDF, and the same input gives the same
// bytes. The package neither parses logs nor touches the network.
package render
