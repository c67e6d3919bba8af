package report

import (
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// categorySeries turns per-position category counts into one series per
// category present (highest risk at the base), legit left out, and adds
// them to the legend.
func categorySeries(s render.ChartStyle, n int, at func(i int) *CategoryCounts, value func(c threat.Category, events int) float64, leg *plot.Legend) []render.BarSeries {
	var out []render.BarSeries
	for _, cat := range threat.ByRisk() {
		if cat == threat.Legit {
			continue
		}
		vals := make([]float64, n)
		present := false
		for i := range n {
			if e := at(i)[cat]; e > 0 {
				vals[i] = value(cat, e)
				present = true
			}
		}
		if !present {
			continue
		}
		out = append(out, render.BarSeries{Label: render.CategoryLabel(cat), Values: vals, Color: render.CategoryColors[cat]})
		leg.Add(render.CategoryLabel(cat), render.Swatch{Color: render.CategoryColors[cat]})
	}
	return out
}

func events(_ threat.Category, n int) float64 { return float64(n) }

// TimelineChart draws events per bucket stacked by category: per month,
// or per day or hour for a short span. Legit traffic is left out.
func TimelineChart(s render.ChartStyle, buckets []TimeBucket, unit TimeUnit) *render.Chart {
	title := map[TimeUnit]string{Hourly: "Events per hour", Daily: "Events per day", Monthly: "Events per month"}[unit]
	ch := &render.Chart{Plot: s.NewPlot(title)}
	ch.Legend = s.Legend()
	p := ch.Plot
	bars := &render.StackedBars{Series: categorySeries(s, len(buckets), func(i int) *CategoryCounts { return &buckets[i].Counts }, events, &ch.Legend)}
	p.Add(s.GridLines(false), bars)
	p.Y.Tick.Marker = render.CountTicks{}
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

// HourChart draws events per hour of the day, stacked by category: do
// attacks follow office hours or run around the clock?
func HourChart(s render.ChartStyle, h *HourOfDay) *render.Chart {
	ch := &render.Chart{Plot: s.NewPlot("Events by hour of day")}
	ch.Legend = s.Legend()
	p := ch.Plot
	bars := &render.StackedBars{Series: categorySeries(s, 24, func(i int) *CategoryCounts { return &h.Counts[i] }, events, &ch.Legend)}
	p.Add(s.GridLines(false), bars)
	p.Y.Tick.Marker = render.CountTicks{}
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
func CountryChart(s render.ChartStyle, rows []CountryRow, byRisk bool) *render.Chart {
	title, value := "Top countries by events", events
	if byRisk {
		title = "Top countries by summed risk"
		value = func(c threat.Category, n int) float64 { return float64(n * c.Risk()) }
	}
	ch := &render.Chart{Plot: s.NewPlot(title)}
	ch.Legend = s.Legend()
	p := ch.Plot
	bars := &render.StackedBars{
		Horizontal: true,
		Series:     categorySeries(s, len(rows), func(i int) *CategoryCounts { return &rows[i].Events }, value, &ch.Legend),
		Totals:     p.X.Tick.Label,
	}
	p.Add(s.GridLines(true), bars)
	p.X.Tick.Marker = render.CountTicks{}
	p.X.Min = 0
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
		if names[i] == "" {
			names[i] = r.Code
		}
	}
	p.Y.Tick.Marker = render.NameTicks(names)
	p.X.Label.Text = "events"
	if byRisk {
		p.X.Label.Text = "events × risk level"
	}
	ch.LegendInside()
	return ch
}

// ServiceColors fill the user-name bars.
var ServiceColors = [threat.NumServices]color.Color{
	threat.SSH:          render.CategoryColors[threat.BruteForce],
	threat.Mail:         render.CategoryColors[threat.VPN],
	threat.OtherService: render.CategoryColors[threat.Noise],
}

// UserChart ranks the user names tried, stacked by service, first at the
// top: the dictionary of accounts attackers try.
func UserChart(s render.ChartStyle, rows []UserCount) *render.Chart {
	ch := &render.Chart{Plot: s.NewPlot("User names tried")}
	ch.Legend = s.Legend()
	p := ch.Plot
	bars := &render.StackedBars{Horizontal: true, Totals: p.X.Tick.Label}
	for sv := range threat.Service(threat.NumServices) {
		vals := make([]float64, len(rows))
		present := false
		for i := range rows {
			vals[i] = float64(rows[i].Counts[sv])
			present = present || vals[i] > 0
		}
		if !present {
			continue
		}
		bars.Series = append(bars.Series, render.BarSeries{Label: sv.String(), Values: vals, Color: ServiceColors[sv]})
		ch.Legend.Add(sv.String(), render.Swatch{Color: ServiceColors[sv]})
	}
	p.Add(s.GridLines(true), bars)
	p.X.Tick.Marker = render.CountTicks{}
	p.X.Min = 0
	p.X.Label.Text = "attempts"
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	p.Y.Tick.Marker = render.NameTicks(names)
	ch.LegendInside()
	return ch
}
