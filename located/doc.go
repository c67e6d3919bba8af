// Package located is the stage between classification and drawing: the one
// reader and writer of the events, actors and located CSVs, and the one
// aggregation that turns their rows into a map's layers and counts.
//
// A Reader reads any of those files (or a plain lat,lon[,weight] CSV) in the
// shape of encoding/csv: NewReader, options as fields, Read until io.EOF, and
// a *ParseError the caller may count before reading on. Every file is read
// through one table of column names and their aliases (package column). A
// Writer writes the events and actors CSVs; Locate copies any CSV with an ip
// column, adding where each address is.
//
// An Aggregate gathers rows, or classify's actors, per source address and
// gives the map's layers (density points, markers per place and category,
// summed risk per country) and the counts every summary, legend and caption
// prints. What it counts is the same whichever file the rows came from: an
// address is counted once, in every category it was seen in; an event is one
// log line classified as a threat.
package located
