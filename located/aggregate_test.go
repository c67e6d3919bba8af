package located

import (
	"errors"
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
)

// fakeLocator places addresses from a table; others are not found, and
// 203.0.113.9 fails like an API error.
type fakeLocator map[string]geo.Location

func (f fakeLocator) Locate(a netip.Addr) (geo.Location, error) {
	if a.String() == "203.0.113.9" {
		return geo.Location{}, errors.New("api down")
	}
	return f[a.String()], nil
}

func actor(ip string, cat classify.Category, counts map[classify.Category]int, first, last time.Time) classify.Actor {
	a := classify.Actor{IP: netip.MustParseAddr(ip), Category: cat, First: first, Last: last}
	for c, n := range counts {
		a.Counts[c] = n
		a.Events += n
	}
	return a
}

func TestAggregateActors(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	paris := geo.Location{Lat: 48.86, Lon: 2.35, Country: "FR", Precision: geo.PrecisionCity}
	loc := fakeLocator{
		"1.1.1.1": paris,
		"2.2.2.2": paris,
		"3.3.3.3": {Lat: 35, Lon: 105, Country: "CN", Precision: geo.PrecisionCountry},
	}
	actors := []classify.Actor{
		// Scans and brute-forces: risk 2×5 + 3×4 = 22 from 5 events.
		actor("1.1.1.1", classify.VulnScanner, map[classify.Category]int{classify.VulnScanner: 2, classify.BruteForce: 3, classify.Legit: 7}, t0, t0.Add(time.Hour)),
		actor("2.2.2.2", classify.VulnScanner, map[classify.Category]int{classify.VulnScanner: 1}, t0.Add(-time.Hour), t0),
		actor("3.3.3.3", classify.DoS, map[classify.Category]int{classify.DoS: 1200}, t0, t0.Add(2*time.Hour)),
		actor("4.4.4.4", classify.Legit, map[classify.Category]int{classify.Legit: 50}, t0, t0),          // never drawn
		actor("5.5.5.5", classify.BruteForce, map[classify.Category]int{classify.BruteForce: 4}, t0, t0), // not in the database
		actor("203.0.113.9", classify.Noise, map[classify.Category]int{classify.Noise: 1}, t0, t0),       // lookup fails
	}
	agg := Aggregate{Locator: loc, Include: []classify.Category{classify.Noise}}
	agg.AddActors(actors)
	d := agg.Layers()
	if len(d.Points) != 3 {
		t.Fatalf("got %d points, want 3 (one per located threat address)", len(d.Points))
	}
	if d.Points[0].Weight != 22 || d.Points[2].Weight != 3600 {
		t.Errorf("weights %v, %v; want 22 (2×5+3×4, legit ignored) and 3600 (1200×3)", d.Points[0].Weight, d.Points[2].Weight)
	}
	if d.Caption.Actors != 3 || d.Caption.Events != 5+1+1200 || d.Caption.Unlocated != 2 {
		t.Errorf("caption %+v, want 3 actors, 1206 events, 2 unlocated", d.Caption)
	}
	if !d.Caption.From.Equal(t0.Add(-time.Hour)) || !d.Caption.To.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("time range %v – %v", d.Caption.From, d.Caption.To)
	}
	if d.Countries["FR"] != 27 || d.Countries["CN"] != 3600 {
		t.Errorf("countries %v, want FR 27, CN 3600", d.Countries)
	}
	// Paris: vuln_scanner ×2 addresses, brute_force ×1; China: dos ×1.
	want := map[classify.Category]int{classify.VulnScanner: 2, classify.BruteForce: 1, classify.DoS: 1}
	if len(d.Markers) != len(want) {
		t.Fatalf("markers %+v, want %v", d.Markers, want)
	}
	for _, m := range d.Markers {
		if want[m.Category] != m.Count {
			t.Errorf("marker %v count %d, want %d", m.Category, m.Count, want[m.Category])
		}
	}
	if d.Summary.Failed != 1 || d.Summary.Located != 3 {
		t.Errorf("summary %+v, want 3 located and 1 failed", d.Summary)
	}
	agg.Weight = WeightEvents
	if c := agg.Layers(); c.Points[0].Weight != 5 {
		t.Errorf("count weight %v, want 5 events", c.Points[0].Weight)
	}

	// By default noise is counted apart: not drawn, not looked up.
	agg.Weight, agg.Include = WeightRisk, nil
	d = agg.Layers()
	c := d.Counts
	if d.Caption.Unlocated != 1 || d.Summary.Failed != 0 || c.Drawn[classify.Noise] || c.Sources != 4 || c.Bystanders != 2 {
		t.Errorf("default scope: caption %+v, summary %+v, counts %+v", d.Caption, d.Summary, c)
	}
	if c.Addresses[classify.VulnScanner] != 2 || c.Addresses[classify.BruteForce] != 2 || c.Addresses[classify.Noise] != 1 || c.Events[classify.DoS] != 1200 || c.DrawnEvents() != 1210 {
		t.Errorf("counts %+v", c)
	}
}

// Rows without a category (a plain lat,lon file, or a located list of
// addresses) are drawn with their weight, without markers.
func TestAggregateUncategorised(t *testing.T) {
	rows, _, err := readAll(t, "ip,lat,lon\n192.0.2.1,10,20\n192.0.2.1,10,20\n,30,40\n")
	if err != nil {
		t.Fatal(err)
	}
	var agg Aggregate
	for i := range rows {
		agg.Add(&rows[i])
	}
	d := agg.Layers()
	if len(d.Points) != 2 || d.Points[0].Weight != 2 || d.Points[1].Weight != 1 || len(d.Markers) != 0 || d.Caption.Actors != 1 || d.Caption.Events != 3 {
		t.Errorf("points %+v, markers %+v, caption %+v", d.Points, d.Markers, d.Caption)
	}
}

// Actors added to an empty aggregate (in parallel parts, indexed later)
// aggregate as the same actors added row by row; a row without an address
// in between does not hide them from the index, a row added afterwards
// joins its address's source, and a second batch merges with the first.
func TestAggregateActorsLazyIndex(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	loc := fakeLocator{}
	var actors []classify.Actor
	for i := range 20_000 {
		ip := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}).String()
		loc[ip] = geo.Location{Lat: float64(i%120) - 60, Lon: float64(i%300) - 150, Country: "FR", Precision: geo.PrecisionCity}
		cat := []classify.Category{classify.VulnScanner, classify.BruteForce, classify.DoS}[i%3]
		actors = append(actors, actor(ip, cat, map[classify.Category]int{cat: 1 + i%7}, t0, t0.Add(time.Duration(i)*time.Second)))
	}
	later := Row{IP: actors[5].IP, Category: classify.PortScanner, Risk: 4, Events: 3, Counts: [classify.NumCategories]int{classify.PortScanner: 3}, Weight: -1, Time: t0}

	fast := Aggregate{Locator: loc}
	fast.AddActors(actors)
	// A row without an address first: the actors' index must still be
	// made before a row of theirs comes.
	placed := Row{Category: classify.DoS, Risk: 3, Events: 1, Counts: [classify.NumCategories]int{classify.DoS: 1}, Weight: -1, Time: t0,
		Location: geo.Location{Lat: 10, Lon: 20, Country: "FR", Precision: geo.PrecisionCity}}
	fast.Add(&placed)
	fast.AddActors(actors[:10]) // merged: these addresses count twice
	fast.Add(&later)

	slow := Aggregate{Locator: loc}
	for i := range actors {
		r := ActorRow(&actors[i])
		slow.Add(&r)
	}
	slow.Add(&placed)
	for i := range actors[:10] {
		r := ActorRow(&actors[i])
		slow.Add(&r)
	}
	slow.Add(&later)

	if len(fast.srcs) != len(actors)+1 || len(slow.srcs) != len(actors)+1 {
		t.Fatalf("%d and %d sources, want %d (the actors and the row without an address)", len(fast.srcs), len(slow.srcs), len(actors)+1)
	}
	f, s := fast.Layers(), slow.Layers()
	if f.Caption != s.Caption || f.Counts != s.Counts || len(f.Points) != len(s.Points) || len(f.Markers) != len(s.Markers) {
		t.Fatalf("parallel add: caption %+v counts %+v; row by row: %+v %+v", f.Caption, f.Counts, s.Caption, s.Counts)
	}
	for i := range f.Points {
		if f.Points[i] != s.Points[i] {
			t.Fatalf("point %d: %+v, row by row %+v", i, f.Points[i], s.Points[i])
		}
	}
	if got := fast.srcs[5].counts[classify.PortScanner]; got != 3 {
		t.Errorf("later row: %d port-scan events on its address, want 3", got)
	}
	if got := fast.srcs[3].counts[classify.VulnScanner]; got != 2*(1+3%7) {
		t.Errorf("second batch: %d events on a repeated address, want %d", got, 2*(1+3%7))
	}
}

// The actors the map draws, added with the others only counted, give the
// layers all of them give: the same points in the same order, counts,
// caption and markers.
func TestUndrawnCountedAsAdded(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	loc := fakeLocator{}
	var actors []classify.Actor
	cats := []classify.Category{classify.Legit, classify.VulnScanner, classify.GoodBot, classify.BruteForce, classify.Noise, classify.DoS, classify.Legit}
	for i := range 5_000 {
		ip := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}).String()
		loc[ip] = geo.Location{Lat: float64(i%37) - 18.3, Lon: float64(i%53)*3.1 - 80, Country: "FR", Precision: geo.PrecisionCity}
		cat := cats[i%len(cats)]
		counts := map[classify.Category]int{cat: 1 + i%11}
		if i%5 == 0 {
			counts[classify.Legit] += 3
		}
		if i%13 == 0 {
			counts[classify.GoodBot]++
		}
		actors = append(actors, actor(ip, cat, counts, t0, t0.Add(time.Duration(i%97)*time.Minute)))
	}
	for _, include := range [][]classify.Category{nil, {classify.Noise, classify.GoodBot}} {
		want := Aggregate{Locator: loc, Include: include}
		want.AddActors(actors)
		got := Aggregate{Locator: loc, Include: include}
		var drawn []classify.Actor
		for i := range actors {
			counts := actors[i].Counts
			if got.Draws(&counts) {
				drawn = append(drawn, actors[i])
			} else {
				got.AddUndrawn(&counts)
			}
		}
		got.AddActors(drawn)
		if len(drawn) == 0 || len(drawn) == len(actors) {
			t.Fatalf("include %v: %d of %d actors drawn", include, len(drawn), len(actors))
		}
		g, w := got.Layers(), want.Layers()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("include %v: counting the undrawn gives other layers: counts %+v, want %+v", include, g.Counts, w.Counts)
		}
		// Legit-only: the legit actors (i%7 is 0 or 6) without a good-bot
		// event (i%13 is 0).
		only := 0
		for i := range 5_000 {
			if (i%7 == 0 || i%7 == 6) && i%13 != 0 {
				only++
			}
		}
		// Good bots drawn for another category: the every-thirteenth extra
		// on vulnerability scanners, brute-forcers and DoS (i%7 is 1, 3 or
		// 5); none when good bots are drawn themselves.
		goodDrawn := 0
		for i := range 5_000 {
			if i%13 == 0 && (i%7 == 1 || i%7 == 3 || i%7 == 5) && include == nil {
				goodDrawn++
			}
		}
		if w.Counts.AlsoDrawn[classify.GoodBot] != goodDrawn {
			t.Errorf("include %v: %d good-bot addresses also drawn, want %d", include, w.Counts.AlsoDrawn[classify.GoodBot], goodDrawn)
		}
		if w.Counts.LegitOnly != only || w.Counts.Addresses[classify.Legit] <= only {
			t.Errorf("include %v: %d legit-only addresses of %d with legit events, want %d", include, w.Counts.LegitOnly, w.Counts.Addresses[classify.Legit], only)
		}
	}
}
