package main

import (
	"cmp"
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/render"
)

// mapData is what a map is drawn from: the actors of a run, located.
type mapData struct {
	Points    []render.Point
	Markers   []render.Marker
	Countries map[string]float64 // alpha-2 → summed risk, for the choropleth
	Caption   render.Caption
	Summary   geo.Summary
}

// weightByCount selects event counts instead of risk-weighted counts as the
// density weight (--weight count).
type weightMode int

const (
	weightRisk weightMode = iota
	weightCount
)

// locateActors places every non-legit actor and gathers the map's layers:
// one density point per address (weight: its events times their risk, or
// its events), one marker per location and category counting the addresses
// there, and the summed risk per country. Legit-only addresses are neither
// drawn nor counted. Locate errors never stop the run; they are counted in
// the Summary by reason.
func locateActors(actors []classify.Actor, loc geo.Locator, w weightMode) mapData {
	d := mapData{Countries: map[string]float64{}}
	markers := markerCounts{}
	for i := range actors {
		a := &actors[i]
		if a.Category == classify.Legit {
			continue
		}
		events, risk := 0, 0
		for c, n := range a.Counts {
			if classify.Category(c) == classify.Legit || n == 0 {
				continue
			}
			events += n
			risk += n * classify.Category(c).Risk()
		}
		l, err := loc.Locate(a.IP)
		d.Summary.Add(l, err)
		if !l.Located() {
			d.Caption.Unlocated++
			continue
		}
		d.Caption.Actors++
		d.Caption.Events += events
		d.Caption.From = earliest(d.Caption.From, a.First)
		d.Caption.To = latest(d.Caption.To, a.Last)
		weight := float64(risk)
		if w == weightCount {
			weight = float64(events)
		}
		d.Points = append(d.Points, render.Point{Lon: l.Lon, Lat: l.Lat, Weight: weight})
		if l.Country != "" {
			d.Countries[l.Country] += float64(risk)
		}
		for c, n := range a.Counts {
			if cat := classify.Category(c); cat != classify.Legit && n > 0 {
				markers.add(l.Lon, l.Lat, cat, 1)
			}
		}
	}
	d.Markers = markers.sorted()
	return d
}

// markerCounts sums marker counts by location and category: the map shows
// one marker per place and kind.
type markerCounts map[markerKey]int

type markerKey struct {
	lon, lat float64
	cat      classify.Category
}

func (mc markerCounts) add(lon, lat float64, cat classify.Category, n int) {
	mc[markerKey{lon, lat, cat}] += n
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

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// actorAddrs lists the addresses of non-legit actors, for an online
// locator's batch prefetch.
func actorAddrs(actors []classify.Actor) []netip.Addr {
	out := make([]netip.Addr, 0, len(actors))
	for i := range actors {
		if actors[i].Category != classify.Legit {
			out = append(out, actors[i].IP)
		}
	}
	return out
}
