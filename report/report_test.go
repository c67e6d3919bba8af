package report

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/internal/golden"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// seedReport is a year of SSH and mail attacks as a Report, with
// one hostile user name and one hostile file path.
func seedReport() *Report {
	tl, h, u := yearOfAttacks()
	u.Add("<b>x</b>|`", threat.SSH)
	r := &Report{Title: "Unauthorized access, Nov 2018 – Oct 2019", TopN: 20, Timeline: *tl, Hours: *h, Users: *u}
	r.Stats = Totals{
		Lines:  90000,
		Actors: tallyOf(map[threat.Category]int64{threat.BruteForce: 4200, threat.VulnScanner: 310, threat.ProxyScanner: 40, threat.Noise: 90, threat.Legit: 12}),
		Events: tallyOf(map[threat.Category]int64{threat.BruteForce: 16770, threat.VulnScanner: 870, threat.ProxyScanner: 180, threat.Noise: 300, threat.Legit: 40}),
	}
	r.Countries = seedCountries()
	r.Actors = []ActorRow{{
		IP: netip.MustParseAddr("218.92.0.112"), Country: "CN", CountryName: "China", Category: threat.BruteForce, Score: 71.2, Events: 4100,
		First: time.Date(2018, 11, 2, 3, 4, 0, 0, time.UTC), Last: time.Date(2019, 10, 30, 22, 1, 0, 0, time.UTC), Categories: "brute_force:4100",
	}}
	r.ActorsTotal = 4640
	r.Files = []FileRow{{Path: "/var/log/secure<script>", Format: "syslog", Lines: 80000, Classified: 75000, Ignored: 5000, Events: 16000}}
	r.PassedOver = []PassedOverRow{{Path: "/var/log/notes<i>.txt", Reason: "not a log: a document, configuration or data file by its name"}}
	r.Location = geo.Summary{Addresses: 4640, Located: 4630, Unlocated: map[string]int{"bogon: private": 10}, BySource: map[string]int{"geo-whois-asn-country": 4630}}
	return r
}

// The findings answer an operator's questions in words.
func TestReportFindings(t *testing.T) {
	f := strings.Join(seedReport().Findings(), "\n")
	for _, want := range []string{
		"Brute force makes up 94% of all threat events",
		"Busiest month: May 2019",
		"China is the first source country",
		"Riskiest address: 218.92.0.112 (China)",
		`the most tried: "admin"`,
		"No daily rhythm",
	} {
		if !strings.Contains(f, want) {
			t.Errorf("findings lack %q:\n%s", want, f)
		}
	}
}

func TestReportHTMLEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := seedReport().WriteHTML(&buf, render.DefaultChartStyle); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, bad := range []string{"<b>x</b>", "<script>", "<i>", "<link", "http://", "https://"} {
		if strings.Contains(s, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;b&gt;x&lt;/b&gt;|`", "/var/log/secure&lt;script&gt;", "Events per month", "bogon: private", "/var/log/notes&lt;i&gt;.txt</span>: not a log"} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// The Markdown summary is pinned exactly: it is text a CI job shows.
func TestGoldenReportMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := seedReport().WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "report_golden.md", buf.Bytes())
}

// Good bots, noise and VPN users are listed but not counted as threats,
// in the figures, the findings, the timeline and the actors, unless the
// report includes them as the map does.
func TestReportCountsThreatsAsTheMap(t *testing.T) {
	day := time.Date(2020, 8, 20, 6, 0, 0, 0, time.UTC)
	actors := []Actor{
		{IP: netip.MustParseAddr("203.0.113.5"), Category: threat.VulnScanner, Counts: threat.Counts{threat.VulnScanner: 3, threat.GoodBot: 1, threat.Legit: 2}},
		{IP: netip.MustParseAddr("66.249.66.1"), Category: threat.GoodBot, Counts: threat.Counts{threat.GoodBot: 40}},
	}
	for _, tc := range []struct {
		include                []threat.Category
		events, actors, hourly int
		top                    string
	}{
		{nil, 3, 1, 3, "Vulnerability scanner makes up 100% of all threat events (3 from 1 address)."},
		{[]threat.Category{threat.GoodBot}, 44, 2, 44, "Good bot makes up 93% of all threat events (41 from 2 addresses)."},
	} {
		r := &Report{Include: tc.include}
		r.Stats = Totals{
			Lines:  46,
			Actors: tallyOf(map[threat.Category]int64{threat.VulnScanner: 1, threat.GoodBot: 2, threat.Legit: 1}),
			Events: tallyOf(map[threat.Category]int64{threat.VulnScanner: 3, threat.GoodBot: 41, threat.Legit: 2}),
		}
		for _, a := range actors {
			for c, n := range a.Counts {
				for range n {
					r.AddEvent(Event{Time: day, Category: threat.Category(c)})
				}
			}
		}
		r.AddActors(func(yield func(Actor) bool) {
			for _, a := range actors {
				if !yield(a) {
					return
				}
			}
		}, func(netip.Addr) (string, string) { return "US", "United States" })
		if got := r.Events(); got != int64(tc.events) {
			t.Errorf("include %v: %d threat events, want %d", tc.include, got, tc.events)
		}
		if r.ActorsTotal != tc.actors || r.Countries[0].Events.Sum() != tc.events {
			t.Errorf("include %v: %d actors, %d events by country, want %d and %d", tc.include, r.ActorsTotal, r.Countries[0].Events.Sum(), tc.actors, tc.events)
		}
		got := 0
		for _, c := range r.Hours.Counts {
			got += c.Sum()
		}
		if got != tc.hourly {
			t.Errorf("include %v: %d events by hour, want %d", tc.include, got, tc.hourly)
		}
		if f := strings.Join(r.Findings(), "\n"); !strings.Contains(f, tc.top) {
			t.Errorf("include %v: findings lack %q:\n%s", tc.include, tc.top, f)
		}
		for _, row := range r.CategoryTable() {
			if want := row.Category == threat.VulnScanner || row.Category == threat.GoodBot && tc.include != nil; row.Threat != want {
				t.Errorf("include %v: %s counted as a threat: %v", tc.include, row.Category, row.Threat)
			}
		}
	}
}
