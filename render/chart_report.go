package render

import (
	"fmt"
	"io"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/threatmap/threatmap/threat"
)

// Chart is one statistics chart: a gonum plot and a legend drawn in a
// column to its right, where it never hides a bar.
type Chart struct {
	Plot   *plot.Plot
	Legend plot.Legend // empty: no legend column
}

// Draw draws the chart on c.
func (ch *Chart) Draw(c draw.Canvas) {
	if ch.Legend.TextStyle.Font.Size == 0 {
		ch.Plot.Draw(c)
		return
	}
	r := ch.Legend.Rectangle(c)
	w := r.Max.X - r.Min.X
	if w == 0 {
		ch.Plot.Draw(c)
		return
	}
	w += ch.Legend.TextStyle.Width("  ") // the gap between swatch and text
	gap := vg.Points(10)
	if c.Max.X-c.Min.X < 3*(w+gap) { // too narrow for a column: none
		ch.Plot.Draw(c)
		return
	}
	ch.Plot.Draw(draw.Crop(c, 0, -(w + gap), 0, 0))
	lc := draw.Crop(c, c.Max.X-c.Min.X-w, 0, 0, 0)
	// Align the legend's top with the data area's, below the title.
	if ch.Plot.Title.Text != "" {
		lc.Max.Y -= ch.Plot.Title.TextStyle.Height(ch.Plot.Title.Text) + ch.Plot.Title.Padding
	}
	ch.Legend.Draw(lc)
}

// Write draws the chart at size and writes it to w as PNG or SVG.
func (ch *Chart) Write(w io.Writer, f Format, size Size) error {
	return writeDrawing(w, f, size, ch.Plot.BackgroundColor, ch.Draw)
}

// categorySeries turns per-position category counts into one series per
// category present (highest risk at the base), legit left out, and adds
// them to the legend.
func (s ChartStyle) categorySeries(n int, at func(i int) *CategoryCounts, value func(c threat.Category, events int) float64, leg *plot.Legend) []BarSeries {
	var out []BarSeries
	for _, cat := range threat.ByRisk() {
		if cat == threat.Legit {
			continue
		}
		vals := make([]float64, n)
		any := false
		for i := range n {
			if e := at(i)[cat]; e > 0 {
				vals[i] = value(cat, e)
				any = true
			}
		}
		if !any {
			continue
		}
		out = append(out, BarSeries{Label: CategoryLabel(cat), Values: vals, Color: CategoryColors[cat]})
		leg.Add(CategoryLabel(cat), swatch{CategoryColors[cat]})
	}
	return out
}

func events(_ threat.Category, n int) float64 { return float64(n) }

// countTicks marks about five whole numbers at a 1, 2 or 5 × 10ⁿ step,
// with thousands separators: event counts have no fractions.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	if hi <= lo {
		return nil
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	step = math.Max(1, math.Round(step))
	var out []plot.Tick
	for v := math.Ceil(math.Max(lo, 0)/step) * step; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: formatCount(int(v))})
	}
	return out
}

// TimelineChart draws events per bucket stacked by category: the seed's
// "monthly unauthorised access attempts", or per day or hour for a short
// span. Legit traffic is left out.
func (s ChartStyle) TimelineChart(buckets []TimeBucket, unit TimeUnit) *Chart {
	title := map[TimeUnit]string{Hourly: "Events per hour", Daily: "Events per day", Monthly: "Events per month"}[unit]
	ch := &Chart{Plot: s.newChart(title)}
	ch.Legend = s.legend()
	p := ch.Plot
	bars := &StackedBars{Series: s.categorySeries(len(buckets), func(i int) *CategoryCounts { return &buckets[i].Counts }, events, &ch.Legend)}
	p.Add(s.grid(false), bars)
	p.Y.Tick.Marker = countTicks{}
	p.Y.Min = 0
	p.X.Tick.Marker = timeTicks(buckets, unit)
	if len(buckets) > 0 {
		zone := buckets[0].Start.Format("MST")
		p.X.Label.Text = zone
		if zone == "UTC" {
			p.X.Label.Text = ""
		}
	}
	p.Y.Label.Text = "events"
	return ch
}

// timeTicks labels about a dozen buckets: months as "Jan 2019" (the year
// only in January and on the first), days as "Oct 3", hours as "14:00"
// with the date at midnight.
func timeTicks(b []TimeBucket, unit TimeUnit) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		n := len(b)
		if n == 0 {
			return nil
		}
		var stride int
		switch unit {
		case Monthly:
			stride = max(1, (n+11)/12)
		case Daily:
			stride = 1
			for _, s := range []int{1, 2, 7, 14, 28} {
				stride = s
				if n/s <= 16 {
					break
				}
			}
		default:
			stride = 1
			for _, s := range []int{1, 2, 3, 6, 12, 24} {
				stride = s
				if n/s <= 16 {
					break
				}
			}
		}
		var out []plot.Tick
		for i, bk := range b {
			t := bk.Start
			label := ""
			if i%stride == 0 {
				switch unit {
				case Monthly:
					label = t.Format("Jan")
					if i == 0 || t.Month() == time.January {
						label = t.Format("Jan 2006")
					}
				case Daily:
					label = t.Format("Jan 2")
				default:
					label = t.Format("15:04")
					if i == 0 || t.Hour() == 0 {
						label = t.Format("Jan 2 15:04")
					}
				}
			}
			if label == "" && n > 62 {
				continue // minor ticks only while they stay apart
			}
			out = append(out, plot.Tick{Value: float64(i), Label: label})
		}
		return out
	})
}

// HourChart draws events per hour of the day, stacked by category: the
// seed's question whether attacks follow office hours or run around the
// clock.
func (s ChartStyle) HourChart(h *HourOfDay) *Chart {
	ch := &Chart{Plot: s.newChart("Events by hour of day")}
	ch.Legend = s.legend()
	p := ch.Plot
	bars := &StackedBars{Series: s.categorySeries(24, func(i int) *CategoryCounts { return &h.Counts[i] }, events, &ch.Legend)}
	p.Add(s.grid(false), bars)
	p.Y.Tick.Marker = countTicks{}
	p.Y.Min = 0
	p.Y.Label.Text = "events"
	zone := "UTC"
	if h.Zone != nil {
		zone = h.Zone.String()
	}
	p.X.Label.Text = "hour (" + zone + ")"
	p.X.Tick.Marker = plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var out []plot.Tick
		for i := range 24 {
			t := plot.Tick{Value: float64(i)}
			if i%3 == 0 {
				t.Label = fmt.Sprintf("%02d", i)
			}
			out = append(out, t)
		}
		return out
	})
	return ch
}

// CountryRow is one country of a report: its addresses and events per
// category (legit excluded from Risk).
type CountryRow struct {
	Code   string // ISO 3166-1 alpha-2
	Name   string
	Actors int
	Events CategoryCounts
	Risk   int // Σ events × risk level
}

// CountryChart ranks countries by events or, with byRisk, by summed risk
// (events × risk level, what the map's density shows), bars stacked by
// category. rows are drawn in the order given, first at the top.
func (s ChartStyle) CountryChart(rows []CountryRow, byRisk bool) *Chart {
	title, value := "Top countries by events", events
	if byRisk {
		title = "Top countries by summed risk"
		value = func(c threat.Category, n int) float64 { return float64(n * c.Risk()) }
	}
	ch := &Chart{Plot: s.newChart(title)}
	ch.Legend = s.legend()
	p := ch.Plot
	bars := &StackedBars{
		Horizontal: true,
		Series:     s.categorySeries(len(rows), func(i int) *CategoryCounts { return &rows[i].Events }, value, &ch.Legend),
		Totals:     p.X.Tick.Label,
	}
	p.Add(s.grid(true), bars)
	p.X.Tick.Marker = countTicks{}
	p.X.Min = 0
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
		if names[i] == "" {
			names[i] = r.Code
		}
	}
	p.Y.Tick.Marker = nameTicks(names)
	p.X.Label.Text = "events"
	if byRisk {
		p.X.Label.Text = "events × risk level"
	}
	ch.legendInside()
	return ch
}

// legendInside moves the legend into the plot's bottom right corner, where
// a ranking's shortest bars leave room, so that a half-page chart keeps
// its width for the bars.
func (ch *Chart) legendInside() {
	l := ch.Legend
	l.Top, l.Left = false, false
	l.XOffs, l.YOffs = -l.TextStyle.Font.Size*0.5, l.TextStyle.Font.Size*0.5
	ch.Plot.Legend = l
	ch.Legend = plot.Legend{}
}

// ServiceColors fill the user-name bars.
var ServiceColors = [threat.NumServices]plot.Thumbnailer{
	threat.SSH:          swatch{CategoryColors[threat.BruteForce]},
	threat.Mail:         swatch{CategoryColors[threat.VPN]},
	threat.OtherService: swatch{CategoryColors[threat.Noise]},
}

// UserChart ranks the user names tried, stacked by service, first at the
// top: the seed's table of dictionary accounts.
func (s ChartStyle) UserChart(rows []UserCount) *Chart {
	ch := &Chart{Plot: s.newChart("User names tried")}
	ch.Legend = s.legend()
	p := ch.Plot
	bars := &StackedBars{Horizontal: true, Totals: p.X.Tick.Label}
	for sv := range threat.Service(threat.NumServices) {
		vals := make([]float64, len(rows))
		any := false
		for i := range rows {
			vals[i] = float64(rows[i].Counts[sv])
			any = any || vals[i] > 0
		}
		if !any {
			continue
		}
		bars.Series = append(bars.Series, BarSeries{Label: sv.String(), Values: vals, Color: ServiceColors[sv].(swatch).color})
		ch.Legend.Add(sv.String(), ServiceColors[sv])
	}
	p.Add(s.grid(true), bars)
	p.X.Tick.Marker = countTicks{}
	p.X.Min = 0
	p.X.Label.Text = "attempts"
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	p.Y.Tick.Marker = nameTicks(names)
	ch.legendInside()
	return ch
}

// nameTicks labels horizontal bar positions (at y = −i) with names, cut
// to 24 characters.
func nameTicks(names []string) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		out := make([]plot.Tick, len(names))
		for i, n := range names {
			if r := []rune(n); len(r) > 24 {
				n = string(r[:23]) + "…"
			}
			out[i] = plot.Tick{Value: -float64(i), Label: n}
		}
		return out
	})
}

func (s ChartStyle) legend() plot.Legend {
	th := s.theme()
	l := plot.NewLegend()
	l.TextStyle = s.text(s.TickSize, th.Text)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(s.TickSize)
	l.Padding = vg.Points(s.TickSize * 0.45)
	return l
}
