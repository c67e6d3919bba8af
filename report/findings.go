package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// KeyFigure is one of the headline numbers at the top of a report.
type KeyFigure struct {
	Value string // "1,234"
	Label string // "threat events"
	Note  string // "of 5,782 lines"
}

// KeyFigures are the report's headline numbers: threat events, threat
// addresses, countries, the riskiest category's addresses, and how many
// addresses were located.
func (r *Report) KeyFigures() []KeyFigure {
	out := []KeyFigure{
		{Value: render.FormatCount(int(r.Events())), Label: "threat events", Note: "in " + render.FormatCount(int(r.Stats.Lines)) + " log lines"},
		{Value: render.FormatCount(r.ActorsTotal), Label: "threat sources", Note: fmt.Sprintf("addresses; %s more seen only as legit", render.FormatCount(int(r.Stats.LegitOnly)))},
		{Value: render.FormatCount(len(r.Countries)), Label: "countries"},
	}
	if len(r.Countries) > 0 {
		out[2].Note = "most: " + r.Countries[0].Name
	}
	for _, c := range threat.ByRisk() {
		if n := r.Stats.Actors[c]; n > 0 && c != threat.Legit {
			out = append(out, KeyFigure{Value: render.FormatCount(int(n)), Label: strings.ToLower(render.CategoryLabel(c)) + plural(int(n), "", "s"), Note: fmt.Sprintf("risk %d, the highest seen", c.Risk())})
			break
		}
	}
	if r.Location.Addresses > 0 {
		out = append(out, KeyFigure{
			Value: percent(float64(r.Location.Located) / float64(r.Location.Addresses)),
			Label: "located",
			Note:  fmt.Sprintf("%s of %s addresses", render.FormatCount(r.Location.Located), render.FormatCount(r.Location.Addresses)),
		})
	}
	return out
}

// Findings are the report's answers in sentences: what dominated, when,
// from where, who, with which user names, and how evenly over the day.
func (r *Report) Findings() []string {
	total := r.Events()
	if total == 0 && r.Stats.Lines == 0 {
		return []string{"No threat events: no log line was read."}
	}
	if total == 0 {
		return []string{"No threat events: every line read was legitimate traffic, ignored or skipped."}
	}
	var out []string
	for _, s := range []string{r.compromiseFinding(), r.categoryFinding(), r.peakFinding(), r.countryFinding(total), r.actorFinding(), r.userFinding()} {
		if s != "" {
			out = append(out, s)
		}
	}
	// Hour of day, unless the timeline is already hourly.
	if s := r.hourFinding(); s != "" && r.Timeline.Unit() != Hourly {
		out = append(out, s)
	}
	return out
}

// categoryFinding names the category with the most threat events.
func (r *Report) categoryFinding() string {
	var top *CategoryRow
	rows := r.CategoryTable()
	for i := range rows {
		if rows[i].Threat && rows[i].Events > 0 && (top == nil || rows[i].Events > top.Events) {
			top = &rows[i]
		}
	}
	if top != nil {
		return fmt.Sprintf("%s makes up %s of all threat events (%s from %s).",
			render.CategoryLabel(top.Category), percent(top.Share), render.FormatCount(int(top.Events)), plural(int(top.Actors), "1 address", render.FormatCount(int(top.Actors))+" addresses"))
	}
	return ""
}

// peakFinding names the busiest bucket of the timeline and what filled it.
func (r *Report) peakFinding() string {
	if b := r.Timeline.Buckets(); len(b) > 1 {
		peak := slices.MaxFunc(b, func(x, y TimeBucket) int { return x.Counts.Sum() - y.Counts.Sum() })
		n, all := peak.Counts.Sum(), 0
		for _, x := range b {
			all += x.Counts.Sum()
		}
		mean := float64(all) / float64(len(b))
		cat := threat.Legit
		for _, c := range threat.ByRisk() {
			if peak.Counts[c] > peak.Counts[cat] {
				cat = c
			}
		}
		unit := r.Timeline.Unit()
		return fmt.Sprintf("Busiest %s: %s with %s events, %.1f× the average %s, %s of them %s.",
			unit, formatBucket(peak.Start, unit), render.FormatCount(n), float64(n)/mean, unit,
			percent(float64(peak.Counts[cat])/float64(n)), strings.ToLower(render.CategoryLabel(cat)))
	}
	return ""
}

// countryFinding names the first source countries, by events and by
// summed risk; total is the number of threat events.
func (r *Report) countryFinding(total int64) string {
	if len(r.Countries) > 0 {
		c := r.Countries[0]
		s := fmt.Sprintf("%s is the first source country with %s of events", c.Name, percent(float64(c.Events.Sum())/float64(total)))
		byRisk := r.TopCountries(true)
		sumRisk := 0
		for _, x := range r.Countries {
			sumRisk += x.Risk
		}
		if len(byRisk) > 0 && byRisk[0].Code != c.Code && sumRisk > 0 {
			s += fmt.Sprintf("; by summed risk %s leads with %s", byRisk[0].Name, percent(float64(byRisk[0].Risk)/float64(sumRisk)))
		}
		if len(r.Countries) >= 3 {
			top3 := 0
			for _, x := range r.Countries[:3] {
				top3 += x.Events.Sum()
			}
			s += fmt.Sprintf("; the first three (%s, %s, %s) send %s", r.Countries[0].Code, r.Countries[1].Code, r.Countries[2].Code, percent(float64(top3)/float64(total)))
		}
		return s + "."
	}
	return ""
}

// compromiseFinding names the addresses that failed to log in many times
// and then succeeded: the first thing to check.
func (r *Report) compromiseFinding() string {
	n := len(r.Compromised)
	if n == 0 {
		return ""
	}
	a := r.Compromised[0]
	tried := ""
	if len(a.Services) > 0 || len(a.Users) > 0 {
		tried = " (" + strings.Join(append(append([]string(nil), a.Services...), userList(a.Users, 3)...), ", ") + ")"
	}
	return fmt.Sprintf("Likely compromise: %s failed to log in many times and then succeeded; check %s%s first.",
		render.FormatCount(n)+plural(n, " address", " addresses"), a.IP, tried)
}

// userList quotes at most n user names.
func userList(users []string, n int) []string {
	var out []string
	for _, u := range users[:min(len(users), n)] {
		out = append(out, "user "+strconv.Quote(u))
	}
	return out
}

// actorFinding describes the riskiest address.
func (r *Report) actorFinding() string {
	if len(r.Actors) > 0 {
		a := r.Actors[0]
		where := a.CountryName
		if where == "" {
			where = "not located"
		}
		return fmt.Sprintf("Riskiest address: %s (%s), %s, score %.1f, %s events from %s to %s.",
			a.IP, where, strings.ToLower(render.CategoryLabel(a.Category)), a.Score, render.FormatCount(a.Events),
			a.First.In(r.zone()).Format("2 Jan 15:04"), a.Last.In(r.zone()).Format("2 Jan 15:04"))
	}
	return ""
}

// userFinding names the user names tried most.
func (r *Report) userFinding() string {
	if top := r.Users.Top(3); len(top) > 0 {
		attempts := 0
		for s := range threat.Service(threat.NumServices) {
			attempts += r.Users.Attempts(s)
		}
		names := make([]string, len(top))
		for i, u := range top {
			names[i] = fmt.Sprintf("%q %s", u.Name, render.FormatCount(u.Total()))
		}
		return fmt.Sprintf("%s login attempts tried %s different user names; the most tried: %s.",
			render.FormatCount(attempts), render.FormatCount(r.Users.Distinct()), strings.Join(names, ", "))
	}
	return ""
}

// hourFinding says whether attacks follow a daily rhythm: the share of the
// busiest hour against the flat 1/24, and the busiest three-hour stretch.
func (r *Report) hourFinding() string {
	var sums [24]int
	busiest, total := 0, 0
	for h := range 24 {
		sums[h] = r.Hours.Counts[h].Sum()
		total += sums[h]
		if sums[h] > sums[busiest] {
			busiest = h
		}
	}
	if total == 0 {
		return ""
	}
	ratio := float64(sums[busiest]) * 24 / float64(total)
	zone := r.zone().String()
	if ratio < 2 {
		return fmt.Sprintf("No daily rhythm: the busiest hour (%02d:00 %s) has only %.1f× an even share; attacks run around the clock.", busiest, zone, ratio)
	}
	cat := threat.Legit
	for _, c := range threat.ByRisk() {
		if r.Hours.Counts[busiest][c] > r.Hours.Counts[busiest][cat] {
			cat = c
		}
	}
	return fmt.Sprintf("Events cluster in time: the busiest hour (%02d:00 %s) has %.1f× an even share, %s of it %s.",
		busiest, zone, ratio, percent(float64(r.Hours.Counts[busiest][cat])/float64(sums[busiest])), strings.ToLower(render.CategoryLabel(cat)))
}

func formatBucket(t time.Time, u TimeUnit) string {
	switch u {
	case Monthly:
		return t.Format("January 2006")
	case Daily:
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:00")
}

// percent formats a 0–1 share as "31%", or "0.4%" below 1%.
func percent(f float64) string {
	switch {
	case f <= 0:
		return "0%"
	case f < 0.01:
		return fmt.Sprintf("%.1f%%", f*100)
	}
	return fmt.Sprintf("%.0f%%", math.Round(f*100))
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
