package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

var (
	worldOnce sync.Once
	world     *assets.World
)

func loadWorld(t testing.TB) *assets.World {
	t.Helper()
	worldOnce.Do(func() {
		w, err := assets.LoadWorld()
		if err != nil {
			t.Fatal(err)
		}
		world = w
	})
	return world
}

// hostile is log text that must reach the page as text only.
const hostile = "</script><script>alert(1)</script>\u2028<img src=x onerror=alert(2)>&amp;"

// testPage is a small page: addresses in Paris, Tokyo and Lima over two
// days, one of them with a hostile user name and network.
func testPage(t testing.TB) *Page {
	t.Helper()
	p := &Page{Title: "Attacks <b>&</b>", World: loadWorld(t), Timeline: &Timeline{}, Caption: "3 addresses " + hostile,
		Countries: map[string]float64{"FR": 40, "JP": 10, "PE": 5}, Attribution: []string{"Borders: Natural Earth"}}
	places := [][2]float64{{2.35, 48.85}, {139.7, 35.7}, {-77.0, -12.0}}
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		ip := netip.AddrFrom4([4]byte{203, 0, 113, byte(i + 1)})
		pl := places[i%3]
		cat := []threat.Category{threat.VulnScanner, threat.BruteForce, threat.ProxyScanner}[i%3]
		a := Address{IP: ip, Lon: pl[0], Lat: pl[1], Country: []string{"FR", "JP", "PE"}[i%3], Category: cat,
			Score: float64(i), First: t0, Last: t0.Add(47 * time.Hour)}
		a.Counts[cat] = i + 1
		if i == 0 {
			a.Users, a.Network = []string{hostile, "root"}, "AS64500 "+hostile
		}
		for e := range i + 1 {
			// Paris early, Tokyo late: the periods differ.
			at := t0.Add(time.Duration(e) * time.Minute)
			if i%3 == 1 {
				at = at.Add(40 * time.Hour)
			}
			p.Timeline.Add(ip, at, cat)
		}
		p.Points = append(p.Points, render.Point{Lon: pl[0], Lat: pl[1], Weight: float64((i + 1) * cat.Risk())})
		p.Addresses = append(p.Addresses, a)
	}
	return p
}

func write(t testing.TB, p *Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// pageJSON decodes the page's data block.
func pageJSON(t testing.TB, page string) *pageData {
	t.Helper()
	const open = `<script type="application/json" id="tm-data">`
	i := strings.Index(page, open)
	j := strings.Index(page[i:], "</script>")
	if i < 0 || j < 0 {
		t.Fatal("no data block")
	}
	var d pageData
	if err := json.Unmarshal([]byte(page[i+len(open):i+j]), &d); err != nil {
		t.Fatalf("data block: %v", err)
	}
	return &d
}

func TestWriteStructure(t *testing.T) {
	page := write(t, testPage(t))
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return base64.StdEncoding.EncodeToString(h[:]) }
	for _, want := range []string{
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-` + sum(script) + `'; style-src 'sha256-` + sum(style) + `'; img-src data:;`,
		"<script>" + script + "</script>", "<style>" + style + "</style>",
		`<title>Attacks &lt;b&gt;&amp;&lt;/b&gt;</title>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %.120q", want)
		}
	}
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("%d script elements, want 2 (the data and the code)", n)
	}
	if m := regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`).FindString(page); m != "" {
		t.Errorf("inline event handler: %q", m)
	}
	if m := regexp.MustCompile(`\beval\(|new Function|innerHTML|https?://(?:[^w]|w[^w])`).FindString(script); m != "" {
		t.Errorf("script uses %q", m)
	}
	d := pageJSON(t, page)
	if len(d.Countries) < 200 || len(d.Density) != len(densityWidths) || len(d.Kinds) != 3 {
		t.Errorf("%d countries, %d density levels, %d kinds; want ≥ 200, %d, 3", len(d.Countries), len(d.Density), len(d.Kinds), len(densityWidths))
	}
	if len(d.Markers) != 3 || d.Markers[2].Count != 10 || len(d.Markers[2].Top) != DefaultTopN {
		t.Errorf("markers %+v", d.Markers)
	}
	if len(d.Bins) != Bins {
		t.Errorf("%d periods, want %d", len(d.Bins), Bins)
	}
}

func TestWriteEscapesLogText(t *testing.T) {
	page := write(t, testPage(t))
	for _, bad := range []string{"<script>alert", "<img", "\u2028", "</script><"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	d := pageJSON(t, page)
	var found bool
	for _, m := range d.Markers {
		for _, a := range m.Top {
			if a.IP == "203.0.113.1" {
				found = a.Users[0] == hostile && a.Network == "AS64500 "+hostile
			}
		}
	}
	if !found || d.Caption != "3 addresses "+hostile {
		t.Error("hostile text did not survive the round trip as text")
	}
}

func TestWriteDeterministic(t *testing.T) {
	a, b := write(t, testPage(t)), write(t, testPage(t))
	if a != b {
		t.Error("two writes of the same page differ")
	}
}

// What the periods mean: Paris is active in the first period only, Tokyo
// in a late one, and each period's density differs.
func TestPeriods(t *testing.T) {
	d := pageJSON(t, write(t, testPage(t)))
	for _, m := range d.Markers {
		if len(m.T) != 1 {
			t.Fatalf("marker %+v: want activity in one period", m)
		}
		switch k := d.Kinds[m.Kind].Key; k {
		case "vuln_scanner":
			if m.T[0] != [2]int{0, 10} {
				t.Errorf("Paris: %v, want 10 addresses in period 0", m.T)
			}
		case "brute_force":
			if m.T[0][0] < Bins*40/48-1 {
				t.Errorf("Tokyo: %v, want a late period", m.T)
			}
		}
	}
	first, last := d.Bins[0].Density, d.Bins[len(d.Bins)-1].Density
	if first == nil || last == nil || first.Src == last.Src {
		t.Error("the first and last periods should have different densities")
	}
}

func TestTimelineWidens(t *testing.T) {
	var tl Timeline
	ip := netip.MustParseAddr("2001:db8::1")
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tl.Add(ip, t0, threat.DoS)
	tl.Add(ip, t0.Add(365*24*time.Hour), threat.DoS)
	tl.Add(ip, time.Time{}, threat.DoS) // no time: not counted
	tl.Add(netip.Addr{}, t0, threat.DoS)
	edges, per := tl.bins(Bins)
	if len(edges) != Bins+1 || !edges[0].Equal(t0) || !edges[Bins].Equal(t0.Add(365*24*time.Hour+time.Second)) {
		t.Fatalf("edges %v … %v", edges[0], edges[len(edges)-1])
	}
	if c := per[ip]; c[0][threat.DoS] != 1 || c[Bins-1][threat.DoS] != 1 {
		t.Errorf("counts %v", c)
	}
	if len(tl.addrs[ip]) > maxBuckets {
		t.Errorf("%d buckets", len(tl.addrs[ip]))
	}
}

// A large input stays within budget: 1M events from 20k addresses in 250
// places (country-level geolocation) over a month.
func TestBudgetLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds: skipped with -short")
	}
	r := rand.New(rand.NewPCG(1, 2))
	p := &Page{World: loadWorld(t), Timeline: &Timeline{}, Countries: map[string]float64{}}
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	cats := []threat.Category{threat.VulnScanner, threat.BruteForce, threat.ProxyScanner, threat.DoS}
	for i := range 20000 {
		ip := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		place := r.IntN(250)
		a := Address{IP: ip, Lon: float64(place%25)*13 - 160, Lat: float64(place/25)*12 - 50, Category: cats[i%4], Score: r.Float64() * 100}
		a.Counts[a.Category] = 50
		for range 50 {
			p.Timeline.Add(ip, t0.Add(time.Duration(r.Int64N(int64(30*24*time.Hour)))), a.Category)
		}
		p.Addresses = append(p.Addresses, a)
		p.Points = append(p.Points, render.Point{Lon: a.Lon, Lat: a.Lat, Weight: 50})
	}
	n := len(write(t, p))
	t.Logf("1M events, 20k addresses, 250 places: %.2f MB", float64(n)/1e6)
	if n > 15e6 {
		t.Errorf("%d bytes, budget 15 MB", n)
	}
}

// The borders are drawn once, as open lines: a polygon's edge along the
// antimeridian (left by splitting) is not a coast.
func TestBordersLeaveSeamsOut(t *testing.T) {
	island := orb.Polygon{{{170, 10}, {180, 10}, {180, 20}, {170, 20}, {170, 10}}} // its east edge on the seam
	p := &Page{World: &assets.World{Land: orb.MultiPolygon{island}, Borders: orb.MultiLineString{{{10, 0}, {11, 1}}}}}
	got := p.borders(newPlane())
	if n := strings.Count(got, "l"); n != 4 {
		t.Errorf("%d line commands in %q, want 4: the island's three coast edges and the one border", n, got)
	}
	if strings.Contains(got, "z") {
		t.Errorf("borders %q close a ring; they are open lines", got)
	}
}
