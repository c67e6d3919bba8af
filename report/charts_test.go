package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/threatmap/threatmap/internal/golden"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// yearOfAttacks is a year of fail2ban statistics in miniature:
// SSH brute force rising from November to a peak in April and falling
// from May, mail failures slowly growing, a few scanners, spread over the
// hours of the day without a bias.
func yearOfAttacks() (*Timeline, *HourOfDay, *UserNames) {
	r := rand.New(rand.NewPCG(2019, 12))
	tl := &Timeline{}
	h := &HourOfDay{}
	u := &UserNames{}
	ssh := []int{300, 420, 900, 1400, 1800, 2300, 2600, 1200, 700, 600, 500, 450}
	mail := []int{20, 25, 30, 40, 45, 60, 70, 90, 120, 140, 160, 180}
	users := []string{"admin", "test", "user", "oracle", "postgres", "ubuntu", "git", "guest", "ftpuser", "pi", "support", "info", "sales", "office"}
	start := time.Date(2018, 11, 1, 0, 0, 0, 0, time.UTC)
	for m := range 12 {
		from := start.AddDate(0, m, 0)
		span := from.AddDate(0, 1, 0).Sub(from)
		const noService = threat.Service(threat.NumServices)
		add := func(n int, c threat.Category, s threat.Service) {
			for range n {
				t := from.Add(time.Duration(r.Int64N(int64(span))))
				tl.Add(t, c, 1)
				h.Add(t, c, 1)
				if int(s) < threat.NumServices {
					// A Zipf-like choice: a few names dominate.
					u.Add(users[min(len(users)-1, int(r.ExpFloat64()*3))], s)
				}
			}
		}
		add(ssh[m], threat.BruteForce, threat.SSH)
		add(mail[m], threat.BruteForce, threat.Mail)
		add(40+m*5, threat.VulnScanner, noService)
		add(15, threat.ProxyScanner, noService)
		add(25, threat.Noise, noService)
	}
	return tl, h, u
}

func seedCountries() []CountryRow {
	rows := []CountryRow{
		{Code: "CN", Name: "China"}, {Code: "US", Name: "United States of America"}, {Code: "FR", Name: "France"},
		{Code: "RU", Name: "Russia"}, {Code: "NL", Name: "Netherlands"}, {Code: "KR", Name: "South Korea"},
		{Code: "DE", Name: "Germany"}, {Code: "VN", Name: "Vietnam"}, {Code: "IN", Name: "India"}, {Code: "BR", Name: "Brazil"},
	}
	bf := []int{5200, 2400, 1300, 800, 600, 550, 400, 380, 300, 250}
	vs := []int{120, 300, 20, 140, 90, 10, 60, 40, 30, 5}
	for i := range rows {
		rows[i].Events[threat.BruteForce] = bf[i]
		rows[i].Events[threat.VulnScanner] = vs[i]
		rows[i].Events[threat.Noise] = i * 7
		rows[i].Risk = bf[i]*4 + vs[i]*5 + i*7
		rows[i].Actors = (bf[i] + vs[i]) / 9
	}
	return rows
}

func writeChart(t *testing.T, ch *render.Chart, f render.Format, size render.Size) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ch.Write(&buf, f, size); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CHART_DIR"); dir != "" {
		os.WriteFile(dir+"/"+t.Name()+"."+f.String(), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

var chartSize = render.Size{Width: 960, Height: 360, DPI: 120}

func TestGoldenTimelineChart(t *testing.T) {
	tl, _, _ := yearOfAttacks()
	if tl.Unit() != Monthly {
		t.Fatalf("a year of events: unit %v, want month", tl.Unit())
	}
	b := tl.Buckets()
	if len(b) != 12 {
		t.Fatalf("%d buckets, want 12", len(b))
	}
	golden.Check(t, "chart_timeline_golden.png", writeChart(t, TimelineChart(render.DefaultChartStyle, b, tl.Unit()), render.PNG, chartSize))
}

func TestGoldenHourChart(t *testing.T) {
	_, h, _ := yearOfAttacks()
	golden.Check(t, "chart_hours_golden.png", writeChart(t, HourChart(render.DefaultChartStyle, h), render.PNG, chartSize))
}

func TestGoldenCountryChart(t *testing.T) {
	golden.Check(t, "chart_countries_golden.png", writeChart(t, CountryChart(render.DefaultChartStyle, seedCountries(), false), render.PNG, chartSize))
}

func TestGoldenUserChartSVG(t *testing.T) {
	_, _, u := yearOfAttacks()
	golden.Check(t, "chart_users_golden.svg", writeChart(t, UserChart(render.DefaultChartStyle, u.Top(10)), render.SVG, chartSize))
}

// The timeline must show what a monthly chart of that year shows: twelve
// bars, brute force the bulk of each, the peak in May and a fall after.
func TestTimelineChartMeaning(t *testing.T) {
	tl, _, _ := yearOfAttacks()
	img := golden.DecodePNG(t, writeChart(t, TimelineChart(render.DefaultChartStyle, tl.Buckets(), tl.Unit()), render.PNG, chartSize))
	purple := render.CategoryColors[threat.BruteForce].(color.NRGBA)
	b := img.Bounds()
	type run struct{ x0, x1, height int }
	var runs []run
	inBar := false
	for x := b.Min.X; x < b.Max.X; x++ {
		h := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == purple.R && uint8(g>>8) == purple.G && uint8(bb>>8) == purple.B {
				h++
			}
		}
		switch {
		case h > 0 && !inBar:
			runs = append(runs, run{x0: x, height: h})
			inBar = true
		case h > 0:
			runs[len(runs)-1].height = max(runs[len(runs)-1].height, h)
			runs[len(runs)-1].x1 = x
		default:
			inBar = false
		}
	}
	// The legend swatch is a purple run too: the last one, and narrow.
	if len(runs) != 13 {
		t.Fatalf("%d purple runs, want 12 bars and a legend swatch: %v", len(runs), runs)
	}
	bars := runs[:12]
	peak := 0
	for i, r := range bars {
		if r.height > bars[peak].height {
			peak = i
		}
	}
	if peak != 6 {
		t.Errorf("tallest bar %d, want 6 (May 2019): %v", peak, bars)
	}
	if bars[7].height*2 > bars[6].height*3/2 || bars[0].height*4 > bars[6].height {
		t.Errorf("bar heights do not follow the data: %v", bars)
	}
}

func TestTimelineCoarsens(t *testing.T) {
	start := time.Date(2016, 10, 3, 8, 52, 42, 0, time.UTC)
	for _, c := range []struct {
		span    time.Duration
		unit    TimeUnit
		buckets int
	}{
		{4 * time.Hour, Hourly, 5},   // 08:00 … 12:00: the incident report
		{72 * time.Hour, Hourly, 73}, // three days still hourly
		{5 * 24 * time.Hour, Daily, 6},
		{120 * 24 * time.Hour, Daily, 121},
		{200 * 24 * time.Hour, Monthly, 7}, // Oct … Apr
	} {
		t.Run(fmt.Sprint(c.span), func(t *testing.T) {
			var tl Timeline
			tl.Add(start.Add(c.span), threat.VulnScanner, 2) // the late one first
			tl.Add(start, threat.BruteForce, 1)
			tl.Add(start.Add(c.span/2), threat.Legit, 5)
			if tl.Unit() != c.unit {
				t.Fatalf("unit %v, want %v", tl.Unit(), c.unit)
			}
			b := tl.Buckets()
			if len(b) != c.buckets {
				t.Fatalf("%d buckets, want %d", len(b), c.buckets)
			}
			if b[0].Counts[threat.BruteForce] != 1 || b[len(b)-1].Counts[threat.VulnScanner] != 2 {
				t.Errorf("first %v, last %v", b[0], b[len(b)-1])
			}
			total := 0
			for _, x := range b {
				total += x.Counts.Sum() + x.Counts[threat.Legit]
			}
			if total != 8 {
				t.Errorf("%d events in the buckets, want 8", total)
			}
		})
	}
}

func TestTimelineZone(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tl := Timeline{Zone: tokyo}
	h := HourOfDay{Zone: tokyo}
	ev := time.Date(2019, 4, 30, 20, 0, 0, 0, time.UTC) // 05:00 on 1 May in Tokyo
	tl.Add(ev, threat.BruteForce, 1)
	tl.Add(ev.Add(10*24*time.Hour), threat.BruteForce, 1)
	if b := tl.Buckets(); b[0].Start.Day() != 1 || b[0].Start.Month() != time.May {
		t.Errorf("first bucket %v, want 1 May in JST", b[0].Start)
	}
	h.Add(ev, threat.BruteForce, 1)
	if h.Counts[5][threat.BruteForce] != 1 {
		t.Errorf("hour 05 JST not counted: %v", h.Counts)
	}
}

func TestUserNamesCapped(t *testing.T) {
	u := UserNames{Limit: 100}
	for range 50 {
		u.Add("root", threat.SSH)
	}
	for range 20 {
		u.Add("admin", threat.Mail)
	}
	u.Add("admin", threat.SSH)
	for i := range 1000 { // a dictionary of names tried once
		u.Add(fmt.Sprintf("user%04d", i), threat.SSH)
	}
	u.Add("", threat.SSH)
	top := u.Top(3)
	if len(top) != 3 || top[0].Name != "root" || top[0].Total() != 50 || top[1].Name != "admin" || top[1].Counts[threat.Mail] != 20 || top[1].Counts[threat.SSH] != 1 {
		t.Errorf("top %+v", top)
	}
	if u.Distinct() != 1002 || u.Attempts(threat.SSH) != 1051 || u.Attempts(threat.Mail) != 20 {
		t.Errorf("distinct %d, attempts ssh %d mail %d", u.Distinct(), u.Attempts(threat.SSH), u.Attempts(threat.Mail))
	}
	if u.Dropped == 0 || u.MaxError != 1 || len(u.names) > 100 {
		t.Errorf("dropped %d, max error %d, kept %d", u.Dropped, u.MaxError, len(u.names))
	}
}
