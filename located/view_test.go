package located

import (
	"net/netip"
	"testing"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/render"
)

// An address placed outside the view is counted apart and left out of
// every layer.
func TestLayersView(t *testing.T) {
	a := Aggregate{View: render.Regions["europe"]}
	add := func(ip string, lat, lon float64, country string) {
		r := Row{IP: netip.MustParseAddr(ip), Category: classify.VulnScanner, Risk: 5, Events: 1, Weight: -1,
			Location: geo.Location{Lat: lat, Lon: lon, Country: country, Precision: geo.PrecisionCity}}
		r.Counts[classify.VulnScanner] = 1
		a.Add(&r)
	}
	add("198.51.100.1", 52.37, 4.89, "NL")
	add("198.51.100.2", 39.9, 116.4, "CN")
	d := a.Layers()
	if d.Caption.Actors != 1 || d.Caption.Outside != 1 || d.Caption.Events != 1 {
		t.Errorf("caption %+v, want 1 address and 1 event in the view, 1 outside", d.Caption)
	}
	if len(d.Points) != 1 || len(d.Markers) != 1 || d.Countries["CN"] != 0 || d.Countries["NL"] != 5 {
		t.Errorf("layers %v %v %v, want only the Dutch address", d.Points, d.Markers, d.Countries)
	}
}
