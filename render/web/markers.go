package web

import (
	"cmp"
	"image/color"
	"math"
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// kindData is how one category's markers look.
type kindData struct {
	Key    string `json:"key"` // the category's name
	Label  string `json:"label"`
	Shape  string `json:"shape"`
	Fill   string `json:"fill,omitempty"`
	Stroke string `json:"stroke,omitempty"`
}

// markerData is one marker: a place and a category, the addresses there
// and its count per period.
type markerData struct {
	X     float64    `json:"x"` // map units
	Y     float64    `json:"y"`
	Kind  int        `json:"k"` // index into kinds
	Count int        `json:"n"` // addresses
	Top   []addrData `json:"a"` // the first TopN, highest score first
	T     [][2]int   `json:"t,omitempty"`
	ips   []netip.Addr
	cat   threat.Category
}

type addrData struct {
	IP      string   `json:"ip"`
	Cat     string   `json:"cat"`
	Score   float64  `json:"score"`
	Events  int      `json:"events"`
	First   string   `json:"first,omitempty"`
	Last    string   `json:"last,omitempty"`
	Country string   `json:"country,omitempty"`
	Network string   `json:"net,omitempty"`
	Users   []string `json:"users,omitempty"`
}

// maxUsers bounds the user names listed per address.
const maxUsers = 3

var shapeNames = map[render.Shape]string{
	render.Circle: "circle", render.Star: "star", render.Triangle: "triangle",
	render.Crosshair: "crosshair", render.Diamond: "diamond", render.Square: "square", render.Ring: "ring",
}

type placeKey struct {
	lon, lat float64
	cat      threat.Category
}

// markers groups the addresses into one marker per place and drawn
// category, lowest risk first so that the riskiest are drawn on top.
func (p *Page) markers(pl plane) ([]kindData, []markerData) {
	sc := p.scope()
	groups := map[placeKey][]int{}
	for i, a := range p.Addresses {
		for c, n := range a.Counts {
			if n > 0 && sc[c] {
				k := placeKey{a.Lon, a.Lat, threat.Category(c)}
				groups[k] = append(groups[k], i)
			}
		}
	}
	keys := make([]placeKey, 0, len(groups))
	var present [threat.NumCategories]bool
	for k := range groups {
		keys = append(keys, k)
		present[k.cat] = true
	}
	slices.SortFunc(keys, func(a, b placeKey) int {
		return cmp.Or(cmp.Compare(a.cat.Risk(), b.cat.Risk()), cmp.Compare(a.cat, b.cat), cmp.Compare(a.lon, b.lon), cmp.Compare(a.lat, b.lat))
	})
	kinds, index := kindsOf(present)
	out := make([]markerData, 0, len(keys))
	for _, k := range keys {
		out = append(out, p.marker(pl, k, groups[k], index[k.cat]))
	}
	return kinds, out
}

func kindsOf(present [threat.NumCategories]bool) ([]kindData, [threat.NumCategories]int) {
	kinds := []kindData{}
	var index [threat.NumCategories]int
	for _, c := range threat.ByRisk() {
		if !present[c] {
			continue
		}
		st := render.DefaultMarkerStyles[c]
		kd := kindData{Key: c.String(), Label: st.Label, Shape: shapeNames[st.Shape]}
		if st.Fill != nil {
			kd.Fill = hexColor(nrgba(st.Fill))
		}
		if st.Line.Color != nil {
			kd.Stroke = hexColor(nrgba(st.Line.Color))
		}
		index[c] = len(kinds)
		kinds = append(kinds, kd)
	}
	return kinds, index
}

func (p *Page) marker(pl plane, k placeKey, idx []int, kind int) markerData {
	slices.SortFunc(idx, func(i, j int) int {
		a, b := &p.Addresses[i], &p.Addresses[j]
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(events(b), events(a)), a.IP.Compare(b.IP))
	})
	x, y := pl.xy(k.lon, k.lat)
	m := markerData{X: round1(x), Y: round1(y), Kind: kind, Count: len(idx), cat: k.cat}
	top := p.TopN
	if top <= 0 {
		top = DefaultTopN
	}
	for n, i := range idx {
		a := &p.Addresses[i]
		m.ips = append(m.ips, a.IP)
		if n < top {
			m.Top = append(m.Top, addrOf(a))
		}
	}
	return m
}

func addrOf(a *Address) addrData {
	d := addrData{IP: a.IP.String(), Cat: a.Category.String(), Score: round1(a.Score), Events: events(a),
		First: stamp(a.First), Last: stamp(a.Last), Country: a.Country, Network: a.Network}
	if !a.IP.IsValid() {
		d.IP = ""
	}
	d.Users = a.Users[:min(len(a.Users), maxUsers)]
	return d
}

func events(a *Address) int {
	n := 0
	for _, c := range a.Counts {
		n += c
	}
	return n
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func nrgba(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }

func round1(v float64) float64 { return math.Round(v*10) / 10 }
