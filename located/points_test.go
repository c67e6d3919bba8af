package located

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/render"
)

// Bare points, kept apart in less memory, come out among the addresses in
// the order they were added, with the weights and counts they had as
// sources of their own.
func TestBarePointsKeepOrder(t *testing.T) {
	at := func(lat, lon float64) geo.Location {
		return geo.Location{Lat: lat, Lon: lon, Precision: geo.PrecisionCity}
	}
	ev := func(ip string, l geo.Location) *Row {
		r := &Row{IP: netip.MustParseAddr(ip), Location: l, Category: classify.VulnScanner, Risk: 5, Events: 1, Weight: -1}
		r.Counts[classify.VulnScanner] = 1
		return r
	}
	rows := []*Row{
		{Location: at(1, 1), Weight: 2, Events: 1},
		ev("1.1.1.1", at(10, 10)),
		{Location: at(2, 2), Weight: -1, Events: 1, Risk: 3},
		{Location: geo.Location{}, Weight: 4, Events: 1}, // not located
		ev("1.1.1.1", at(10, 10)),
		{Location: at(3, 3), Weight: 5, Events: 1, Risk: 1},
		{Location: geo.Location{Lat: 4, Lon: 4, Country: "FR", Precision: geo.PrecisionCity}, Weight: 6, Events: 1},
	}
	var a Aggregate
	for _, r := range rows {
		a.Add(r)
	}
	if a.points.n != 4 {
		t.Errorf("%d bare points kept apart, want 4", a.points.n)
	}
	d := a.Layers()
	want := []render.Point{{Lon: 1, Lat: 1, Weight: 2}, {Lon: 10, Lat: 10, Weight: 10}, {Lon: 2, Lat: 2, Weight: 3}, {Lon: 3, Lat: 3, Weight: 5}, {Lon: 4, Lat: 4, Weight: 6}}
	if !reflect.DeepEqual(d.Points, want) {
		t.Errorf("points %v, want %v", d.Points, want)
	}
	if d.Caption.Unlocated != 1 || d.Caption.Actors != 1 || d.Caption.Events != 6 {
		t.Errorf("caption %+v, want 1 unlocated, 1 actor, 6 events (the unlocated point is not counted)", d.Caption)
	}
}

// Across the list's blocks every point keeps its place.
func TestManyBarePointsKeepOrder(t *testing.T) {
	var a Aggregate
	n := 2*pointChunk + 7
	for i := range n {
		a.Add(&Row{Location: geo.Location{Lat: float64(i) / float64(n), Precision: geo.PrecisionCity}, Weight: 1, Events: 1})
	}
	pts := a.Layers().Points
	if len(pts) != n {
		t.Fatalf("%d points, want %d", len(pts), n)
	}
	for i, p := range pts {
		if p.Lat != float64(i)/float64(n) {
			t.Fatalf("point %d at lat %v, want %v", i, p.Lat, float64(i)/float64(n))
		}
	}
}

// A bare point is drawn and counted as the same row kept as a source of
// its own (an accuracy radius makes it one) would be.
func TestBarePointsAsSources(t *testing.T) {
	city := func(lat, lon float64) geo.Location {
		return geo.Location{Lat: lat, Lon: lon, Precision: geo.PrecisionCity}
	}
	rows := []Row{
		{Location: city(1, 1), Weight: 2, Events: 1, Risk: 1},
		{Location: city(2, 2), Weight: -1, Events: 3, Risk: 3},
		{Location: city(3, 3), Weight: -1, Events: 0, Risk: 1}, // no events: not drawn
		{Weight: 4, Events: 1, Risk: 1},                        // not located
		{Location: geo.Location{Lat: 5, Lon: 5, Precision: geo.PrecisionCountry}, Weight: 0, Events: 2, Risk: 2},
		{Location: city(60, 100), Weight: 1, Events: 1, Risk: 1}, // outside the view
		{Location: city(-4, -4), Weight: -1, Events: 1, Risk: 0},
	}
	for _, w := range []Weight{WeightRisk, WeightEvents} {
		for _, view := range []render.Extent{{}, {MinLon: -10, MaxLon: 10, MinLat: -10, MaxLat: 10}} {
			points, sources := Aggregate{Weight: w, View: view}, Aggregate{Weight: w, View: view}
			for _, r := range rows {
				points.Add(&r)
				r.Location.AccuracyKm = 1
				sources.Add(&r)
			}
			if points.points.n != len(rows) || len(sources.srcs) != len(rows) {
				t.Fatalf("%d points and %d sources, want %d of each", points.points.n, len(sources.srcs), len(rows))
			}
			if got, want := points.Layers(), sources.Layers(); !reflect.DeepEqual(got, want) {
				t.Errorf("weight %v, view %v: points give\n%+v\nsources\n%+v", w, view, got, want)
			}
		}
	}
}

// Blocks of unit points (one event of risk 1 at a city), and blocks where
// other points join them midway, give back every point as it was added,
// among the addresses, in the view or counted outside it.
func TestUnitPointBlocks(t *testing.T) {
	n := 2*pointChunk + 7
	for _, view := range []render.Extent{{}, {MinLon: -180, MaxLon: 180, MinLat: 0.5, MaxLat: 90}} {
		points, sources := Aggregate{View: view}, Aggregate{View: view}
		for i := range n {
			r := Row{Location: geo.Location{Lat: float64(i) / float64(n), Lon: 1, Precision: geo.PrecisionCity}, Weight: -1, Events: 1, Risk: 1}
			switch i {
			case pointChunk + 5:
				r.Events, r.Risk, r.Weight = 3, 2, 7
			case 2*pointChunk + 1:
				r.Location = geo.Location{}
			case 2*pointChunk + 2:
				r.Location.Precision = geo.PrecisionCountry
			}
			points.Add(&r)
			r.Location.AccuracyKm = 1
			sources.Add(&r)
			if i%5000 == 0 {
				ev := Row{IP: netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}), Category: classify.DoS, Risk: 3, Events: 1, Weight: -1,
					Location: geo.Location{Lat: float64(i) / float64(n), Lon: 2, Precision: geo.PrecisionCity}}
				ev.Counts[classify.DoS] = 1
				points.Add(&ev)
				sources.Add(&ev)
			}
		}
		if points.points.blocks[0].rest != nil || points.points.blocks[1].rest == nil {
			t.Errorf("the first block holds other than unit points, or the second only them")
		}
		got, want := points.Layers(), sources.Layers()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("view %v: points and sources give different layers: %d and %d points, captions %+v and %+v", view, len(got.Points), len(want.Points), got.Caption, want.Caption)
		}
		if view != (render.Extent{}) && got.Caption.Outside == 0 {
			t.Errorf("no point outside the view")
		}
	}
}
