package report

import (
	"cmp"
	"fmt"
	"iter"
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/render/web"
	"github.com/threatmap/threatmap/threat"
)

// A Report is the statistics behind a map, written as one self-contained
// HTML page (WriteHTML) or a Markdown summary (WriteMarkdown), with its
// charts also available as PNG or SVG files (Figures). Its counters
// (Timeline, HourOfDay, UserNames) are fed one event at a time, so a report
// needs memory for the distinct addresses only, never for lines.
type Report struct {
	Title     string
	Generated time.Time // zero: not printed (reproducible output)
	Version   string    // of the program that wrote it; empty: not printed
	// Zone is the zone of the timeline and the hour-of-day chart; nil is
	// UTC.
	Zone *time.Location
	// TopN is the length of the country, user-name and actor rankings;
	// 0 means 15.
	TopN int
	// Include are the categories below risk 2 (noise, good bots, VPN
	// users) the report counts as threats, as the map drawn with the same
	// Include does; the others are listed but not counted.
	Include []threat.Category

	Stats     Totals
	Timeline  Timeline
	Hours     HourOfDay
	Users     UserNames
	Countries []CountryRow // every country with a located actor, most events first
	Actors    []ActorRow   // the riskiest actors, highest score first (at most TopN)
	// Networks ranks the autonomous systems and named domains of the
	// threat sources, when the run looked them up (AddNetworks).
	Networks Networks
	// Compromised are every actor that failed to log in many times and
	// then succeeded, highest score first: likely compromises.
	Compromised []ActorRow
	// ActorsTotal is the number of actors with threat events, of which Actors are
	// the top.
	ActorsTotal int
	Files       []FileRow
	// PassedOver are the files of directories and globs that were not
	// read because they are not logs, each with the reason.
	PassedOver []PassedOverRow
	Location   geo.Summary // of the actors with threat events
	// Map is the threat map as a PNG, drawn by the caller with the same
	// options as `threatmap map`; nil leaves it out.
	Map []byte
	// Interactive, when set, is the map as an interactive embed: the HTML
	// report shows it on screen in place of Map (which stays for print).
	Interactive *web.Embed
	// Attribution credits the data sources (basemap, geolocation).
	Attribution []string
	// Notes are warnings about the run worth printing with the figures
	// (an address cap reached, inputs cut short).
	Notes []string

	// The first and last time of every event added, threat or not: the
	// period the logs cover.
	first, last time.Time
}

// ActorRow is one source address in the report's ranking.
type ActorRow struct {
	IP          netip.Addr
	Country     string // alpha-2; empty when not located
	CountryName string
	Category    threat.Category
	Score       float64
	Events      int // threat events
	First, Last time.Time
	Categories  string // "vuln_scanner:12;brute_force:3"
	Compromised bool   // many failed logins, then a successful one
	Services    []string
	Users       []string
}

// FileRow is one input of the run.
type FileRow struct {
	Path       string
	Format     string
	Lines      int64
	Classified int64
	Ignored    int64
	Skipped    int64
	SkippedBy  string // "binary 2, too_long 1"; empty when none
	Events     int    // threat events from this input
	Error      string // why reading stopped early
}

// PassedOverRow is a file left out of a directory or glob, and why.
type PassedOverRow struct {
	Path, Reason string
}

func (r *Report) topN() int {
	if r.TopN <= 0 {
		return 15
	}
	return r.TopN
}

func (r *Report) zone() *time.Location {
	if r.Zone == nil {
		return time.UTC
	}
	return r.Zone
}

// AddEvent counts one threat event in the timeline, the hour of day and,
// for authentication failures, the user names. Other events are not
// counted: the report is about attacks (a crawler's visits are not one),
// and a legitimate user's mistyped login is nobody's business.
func (r *Report) AddEvent(ev Event) {
	if !ev.Time.IsZero() {
		if r.first.IsZero() || ev.Time.Before(r.first) {
			r.first = ev.Time
		}
		if ev.Time.After(r.last) {
			r.last = ev.Time
		}
	}
	if ev.Category == threat.Legit || !r.scope()[ev.Category] {
		return
	}
	if r.Timeline.Zone == nil {
		r.Timeline.Zone = r.zone()
		r.Hours.Zone = r.zone()
	}
	r.Timeline.Add(ev.Time, ev.Category, 1)
	r.Hours.Add(ev.Time, ev.Category, 1)
	if ev.User != "" {
		r.Users.Add(ev.User, threat.ServiceOf(ev.Program))
	}
}

// AddActors fills Countries, Actors and ActorsTotal from a run's actors.
// locate gives an actor's country code ("" when not located) and name.
// Actors without a threat event are left out, and only threat events are
// counted. actors is read once, so a caller can convert its own actors on
// the fly.
func (r *Report) AddActors(actors iter.Seq[Actor], locate func(netip.Addr) (code, name string)) {
	sc := r.scope()
	byCode := map[string]*CountryRow{}
	var rows []ActorRow
	for a := range actors {
		events := threatEvents(&a.Counts, &sc)
		if events == 0 {
			continue
		}
		code, name := locate(a.IP)
		rows = append(rows, ActorRow{
			IP: a.IP, Country: code, CountryName: name, Category: a.Category, Score: a.Score,
			Events: events, First: a.First, Last: a.Last, Categories: a.Counts.String(),
			Compromised: a.Compromised, Services: a.Services, Users: a.Users,
		})
		if code == "" {
			continue
		}
		cr := byCode[code]
		if cr == nil {
			cr = &CountryRow{Code: code, Name: name}
			byCode[code] = cr
		}
		cr.Actors++
		for c := range a.Counts {
			if sc[c] {
				cr.Events[c] += a.Counts[c]
				cr.Risk += a.Counts[c] * threat.Category(c).Risk()
			}
		}
	}
	r.ActorsTotal = len(rows)
	slices.SortFunc(rows, func(a, b ActorRow) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Events, a.Events), a.IP.Compare(b.IP))
	})
	r.Compromised = r.Compromised[:0]
	for _, a := range rows {
		if a.Compromised {
			r.Compromised = append(r.Compromised, a)
		}
	}
	r.Actors = rows[:min(len(rows), r.topN())]
	r.Countries = r.Countries[:0]
	for _, cr := range byCode {
		r.Countries = append(r.Countries, *cr)
	}
	slices.SortFunc(r.Countries, func(a, b CountryRow) int {
		return cmp.Or(cmp.Compare(b.Events.Sum(), a.Events.Sum()), cmp.Compare(b.Risk, a.Risk), cmp.Compare(a.Code, b.Code))
	})
}

// TopCountries returns the TopN countries by events or, with byRisk, by
// summed risk.
func (r *Report) TopCountries(byRisk bool) []CountryRow {
	rows := slices.Clone(r.Countries)
	if byRisk {
		slices.SortStableFunc(rows, func(a, b CountryRow) int { return cmp.Compare(b.Risk, a.Risk) })
	}
	return rows[:min(len(rows), r.topN())]
}

// CategoryRow is one line of the category table.
type CategoryRow struct {
	Category threat.Category
	Actors   int64
	Events   int64
	Share    float64 // of the threat events, 0–1; 0 for the others
	// Threat: the report counts the category as a threat (risk 2 and
	// above, and Include).
	Threat bool
}

// CategoryTable lists every category that has actors or events, highest
// risk first, legit last.
func (r *Report) CategoryTable() []CategoryRow {
	sc := r.scope()
	total := r.Events()
	var out []CategoryRow
	for _, c := range threat.ByRisk() {
		row := CategoryRow{Category: c, Actors: r.Stats.Actors[c], Events: r.Stats.Events[c], Threat: sc[c]}
		if row.Actors == 0 && row.Events == 0 {
			continue
		}
		if row.Threat && total > 0 {
			row.Share = float64(row.Events) / float64(total)
		}
		out = append(out, row)
	}
	return out
}

// Events is the number of threat events.
func (r *Report) Events() int64 {
	sc := r.scope()
	var n int64
	for c, k := range r.Stats.Events {
		if sc[c] {
			n += k
		}
	}
	return n
}

// scope is the set of categories the report counts as threats.
func (r *Report) scope() threat.Scope { return threat.ThreatScope(r.Include) }

// threatEvents sums the counts of the categories in sc.
func threatEvents(counts *threat.Counts, sc *threat.Scope) int {
	n := 0
	for c, k := range counts {
		if sc[c] {
			n += k
		}
	}
	return n
}

// Figure is one chart of a report, named for its file (timeline.png, …).
type Figure struct {
	Name  string // file name without extension
	Chart *render.Chart
	// Wide figures span the page; the others share a row with another.
	Wide bool
	// Bars is the number of bars of a horizontal bar chart, whose height
	// grows with it; 0 for the others.
	Bars int
}

// Figures draws the report's charts in style s: the timeline, the hour
// of day (unless the timeline covers one day hour by hour), the countries by events and by summed risk, and the user names
// when any were tried. A chart without data is left out.
func (r *Report) Figures(s render.ChartStyle) []Figure {
	var out []Figure
	if b := r.Timeline.Buckets(); len(b) > 0 {
		out = append(out, Figure{Name: "timeline", Chart: TimelineChart(s, b, r.Timeline.Unit()), Wide: true})
		// Within one day, an hourly timeline already is the hour of day.
		if r.Timeline.Unit() != Hourly || len(b) > 24 {
			h := r.Hours
			if h.Zone == nil {
				h.Zone = r.zone()
			}
			out = append(out, Figure{Name: "hours", Chart: HourChart(s, &h), Wide: true})
		}
	}
	if len(r.Countries) > 0 {
		ev, risk := r.TopCountries(false), r.TopCountries(true)
		out = append(out,
			Figure{Name: "countries-events", Chart: CountryChart(s, ev, false), Bars: len(ev)},
			Figure{Name: "countries-risk", Chart: CountryChart(s, risk, true), Bars: len(risk)})
	}
	if top := r.Users.Top(r.topN()); len(top) > 0 {
		out = append(out, Figure{Name: "users", Chart: UserChart(s, top), Bars: len(top)})
	}
	return out
}

// FigureSize is the pixel size of a figure on a page: wide figures are
// 1040 CSS pixels across, the others 510, both drawn at twice that (and
// twice the DPI) to stay sharp on dense screens and in print. Horizontal
// bar charts grow with their bars.
func FigureSize(f Figure) render.Size {
	w, h := 510, 340
	if f.Wide {
		w, h = 1040, 300
	}
	if f.Bars > 0 {
		h = max(h, 70+22*f.Bars)
	}
	return render.Size{Width: 2 * w, Height: 2 * h, DPI: 2 * render.DefaultDPI}
}

// Period is the time range of the events added, threats or not, as
// "2026-10-01 – 2026-10-31 (UTC)";
// empty when no event had a time.
func (r *Report) Period() string {
	first, last := r.first, r.last
	if first.IsZero() {
		first, last = r.Timeline.Span() // a report filled without AddEvent
	}
	if first.IsZero() {
		return ""
	}
	z := r.zone()
	f, l := first.In(z), last.In(z)
	layout := "2 Jan 2006"
	if l.Sub(f) < 3*24*time.Hour {
		layout = "2 Jan 2006 15:04"
	}
	return fmt.Sprintf("%s – %s (%s)", f.Format(layout), l.Format(layout), z)
}
