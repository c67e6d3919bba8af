// Package render draws threat maps and the generic charts that go with
// them.
//
// A map is a stack of gonum/plot Plotters, bottom to top: background, land,
// choropleth, the density raster, borders, markers, the caller's own layers
// (Map.Add), then the legend, colour bar, title, caption and attribution.
// The density layer is computed at output resolution (points binned in Web
// Mercator space, smoothed with a Gaussian kernel, scaled and coloured
// through a Palette) so it never shows facets. Marker shapes and styles are
// draw.GlyphDrawers. Charts (Chart, StackedBars, ChartStyle) share the
// map's fonts and themes, and maps and charts are written through one
// canvas factory as PNG, SVG or PDF; the same input gives the same bytes.
// Points are lon, lat degrees, as in orb. The package neither parses logs
// nor touches the network.
package render
