// Package report writes the statistics behind a threat map as a
// self-contained HTML page or a Markdown summary: key figures and
// findings, the map itself, charts (events over time and by hour of day,
// countries by events and by summed risk, user names tried), a category
// table, the riskiest addresses and every input.
//
// A Report is fed classified events and actors as they come; the charts
// are drawn with render's generic chart types (render.StackedBars in a
// render.Chart), so they share the map's fonts, themes and output formats.
// The package does not read logs itself.
package report
