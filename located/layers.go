package located

import (
	"cmp"
	"slices"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/render"
)

// Layers is what a map is drawn from, and what its summary, legend and
// caption count.
type Layers struct {
	// Points are the density layer: one per located address (or bare
	// point), weighted by Aggregate.Weight.
	Points []render.Point
	// Markers are one per place and category, counting the addresses
	// there seen in the category.
	Markers []render.Marker
	// Countries is the choropleth: summed risk by ISO 3166-1 alpha-2 code.
	Countries map[string]float64
	// Caption counts the located addresses in the view and their threat
	// events, the addresses outside the view, the unlocated addresses, and
	// the time range.
	Caption render.Caption
	// Summary counts every address looked up, by result.
	Summary geo.Summary
	// Counts are the addresses and events of the whole input by category,
	// drawn or not, located or not.
	Counts Counts
}

// Layers places every address seen in a drawn category and gathers the
// map's layers and counts. Only the events of drawn categories weigh and
// are counted in the caption; lookup errors are counted in the Summary by
// reason.
func (a *Aggregate) Layers() Layers {
	d := Layers{Countries: map[string]float64{}, Counts: a.Counts()}
	if n := len(a.srcs) + a.points.n; n > 0 {
		d.Points = make([]render.Point, 0, n)
	}
	sc := scope(d.Counts.Drawn)
	markers := markerCounts{}
	a.each(func(s *source) {
		if !s.drawn(&sc) {
			return
		}
		l := a.locate(s, &d.Summary)
		if !l.Located() {
			d.Caption.Unlocated++
			return
		}
		if a.View != (render.Extent{}) && !a.View.Contains(l.Lon, l.Lat) {
			d.Caption.Outside++
			return
		}
		events, risk := s.tally(&sc)
		if s.ip.IsValid() {
			d.Caption.Actors++
		}
		d.Caption.Events += events
		d.Caption.From = earliest(d.Caption.From, s.first)
		d.Caption.To = latest(d.Caption.To, s.last)
		d.Points = append(d.Points, render.Point{Lon: l.Lon, Lat: l.Lat, Weight: a.weight(s, events, risk)})
		if l.Country != "" && risk > 0 {
			d.Countries[l.Country] += risk
		}
		for c, n := range s.counts {
			if sc[c] && n > 0 {
				markers[markerKey{l.Lon, l.Lat, classify.Category(c)}]++
			}
		}
	}, func(from, to int) { a.drawPoints(&d, from, to) })
	d.Markers = markers.sorted()
	return d
}

// drawPoints adds points [from, to) to the layers: a block of unit points
// in a tight loop, any other point by addPoint.
func (a *Aggregate) drawPoints(d *Layers, from, to int) {
	view := a.View != (render.Extent{})
	for from < to {
		b := &a.points.blocks[from/pointChunk]
		i, end := from%pointChunk, min(to-(from-from%pointChunk), len(b.at))
		from += end - i
		if b.rest != nil {
			for ; i < end; i++ {
				p := b.point(i)
				a.addPoint(d, &p)
			}
			continue
		}
		// One event of risk 1: the weight, else 1 whether by risk or by events.
		for _, q := range b.at[i:end] {
			if view && !a.View.Contains(q.lon, q.lat) {
				d.Caption.Outside++
				continue
			}
			d.Caption.Events++
			if q.weight < 0 {
				q.weight = 1
			}
			d.Points = append(d.Points, render.Point{Lon: q.lon, Lat: q.lat, Weight: q.weight})
		}
	}
}

// addPoint is what Layers does with the source of a bare point: it has no
// address, time, country or category, so it is drawn when it has events
// and counts only in the caption.
func (a *Aggregate) addPoint(d *Layers, p *point) {
	switch {
	case p.events <= 0:
		return
	case p.precision == geo.PrecisionNone:
		d.Caption.Unlocated++
		return
	case a.View != (render.Extent{}) && !a.View.Contains(p.lon, p.lat):
		d.Caption.Outside++
		return
	}
	d.Caption.Events += p.events
	w := p.weight
	if w < 0 {
		w = p.bareRisk
		if a.Weight == WeightEvents {
			w = float64(p.events)
		}
	}
	d.Points = append(d.Points, render.Point{Lon: p.lon, Lat: p.lat, Weight: w})
}

// locate returns where the source is: its row's location, else the
// Locator's answer. Every address is counted in sum.
func (a *Aggregate) locate(s *source, sum *geo.Summary) geo.Location {
	if s.loc.Located() || a.Locator == nil || !s.ip.IsValid() {
		if s.ip.IsValid() {
			sum.Add(s.loc, nil)
		}
		return s.loc
	}
	l, err := a.Locator.Locate(s.ip)
	sum.Add(l, err)
	return l
}

// weight is the density weight of a source: a weight column's sum, its
// events, or its summed risk.
func (a *Aggregate) weight(s *source, events int, risk float64) float64 {
	switch {
	case s.weight >= 0:
		return s.weight
	case a.Weight == WeightEvents:
		return float64(events)
	}
	return risk
}

// markerCounts sums addresses by place and category: the map shows one
// marker per place and kind.
type markerCounts map[markerKey]int

type markerKey struct {
	lon, lat float64
	cat      classify.Category
}

// sorted returns the markers in a fixed order (map iteration order is
// random), so that the same input draws the same bytes.
func (mc markerCounts) sorted() []render.Marker {
	out := make([]render.Marker, 0, len(mc))
	for k, n := range mc {
		out = append(out, render.Marker{Lon: k.lon, Lat: k.lat, Category: k.cat, Count: n})
	}
	slices.SortFunc(out, func(a, b render.Marker) int {
		return cmp.Or(cmp.Compare(a.Category, b.Category), cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat))
	})
	return out
}
