// Package web writes a threat map as one self-contained, interactive HTML
// page: vector borders that pan and zoom (wheel, drag, pinch, buttons,
// keyboard), the density layer embedded at several resolutions and chosen
// by zoom, the choropleth as a layer, one marker per place and category
// that keeps its size on screen and lists the addresses behind it, toggles
// for every layer, and a time slider over per-period aggregates.
//
// The page fetches nothing: its script and style are embedded and allowed
// by hash in a strict Content-Security-Policy, its data is one JSON block
// with every log-derived string escaped, and the same input gives the same
// bytes. A Page takes plain values (addresses with their places, the
// density points, the choropleth values, a Timeline of events) and draws
// the density with render's own binning, smoothing, scales and palette, so
// the heat lies where the static map has it.
package web
