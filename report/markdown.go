package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown, for a CI
// job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment: the key
// figures, findings and tables, without images (job summaries do not show
// data: URIs). Text from the logs is escaped so that it can neither break
// a table nor inject HTML, which GitHub renders in Markdown.
func (r *Report) WriteMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	r.mdSummary(p)
	r.mdTimes(p)
	r.mdCategories(p)
	r.mdCountriesAndUsers(p)
	r.mdNetworks(p)
	r.mdActors(p)
	r.mdInputs(p)
	r.mdGeolocation(p)
	return b.Flush()
}

// mdSummary writes the title, the period and size of the run, the key
// figures, the notes and the findings.
func (r *Report) mdSummary(p func(format string, a ...any)) {
	p("## %s\n\n", mdEscape(r.Title))
	var meta []string
	if s := r.Period(); s != "" {
		meta = append(meta, s)
	}
	meta = append(meta, fmt.Sprintf("%s input%s, %s lines", render.FormatCount(len(r.Files)), plural(len(r.Files), "", "s"), render.FormatCount(int(r.Stats.Lines))))
	if !r.Generated.IsZero() {
		meta = append(meta, "generated "+r.Generated.UTC().Format("2006-01-02 15:04 UTC"))
	}
	p("%s\n\n", strings.Join(meta, " · "))

	p("| ")
	for _, k := range r.KeyFigures() {
		p("%s | ", mdEscape(k.Label))
	}
	p("\n|")
	for range r.KeyFigures() {
		p("---:|")
	}
	p("\n| ")
	for _, k := range r.KeyFigures() {
		p("**%s** | ", k.Value)
	}
	p("\n\n")
	for _, n := range r.Notes {
		p("> [!WARNING]\n> %s\n\n", mdEscape(n))
	}
	p("### Key findings\n\n")
	for _, f := range r.Findings() {
		p("- %s\n", mdEscape(f))
	}
	p("\n")
}

// mdTimes writes the timeline and the hours of the day as sparklines.
func (r *Report) mdTimes(p func(format string, a ...any)) {
	if b := r.Timeline.Buckets(); len(b) > 0 {
		p("### Events per %s\n\n", r.Timeline.Unit())
		p("`%s` %s … %s (%s)\n\n", sparkline(b), formatBucket(b[0].Start, r.Timeline.Unit()), formatBucket(b[len(b)-1].Start, r.Timeline.Unit()), r.zone())
		var hours [24]TimeBucket
		for h := range 24 {
			hours[h].Counts = r.Hours.Counts[h]
		}
		p("By hour of day: `%s` 00–23 (%s)\n\n", sparkline(hours[:]), r.zone())
	}
}

// mdCategories writes the category table.
func (r *Report) mdCategories(p func(format string, a ...any)) {
	p("### Threat categories\n\n| category | risk | addresses | events | share |\n|---|---:|---:|---:|---:|\n")
	for _, c := range r.CategoryTable() {
		share := "–"
		if c.Threat {
			share = percent(c.Share)
		}
		p("| %s | %d | %s | %s | %s |\n", render.CategoryLabel(c.Category), c.Category.Risk(), render.FormatCount(int(c.Actors)), render.FormatCount(int(c.Events)), share)
	}
	p("\n")
}

// mdCountriesAndUsers writes the top countries and the user names tried.
func (r *Report) mdCountriesAndUsers(p func(format string, a ...any)) {
	if len(r.Countries) > 0 {
		p("### Top countries\n\n| country | addresses | events | summed risk |\n|---|---:|---:|---:|\n")
		for _, c := range r.TopCountries(false) {
			p("| %s (%s) | %s | %s | %s |\n", mdEscape(c.Name), mdEscape(c.Code), render.FormatCount(c.Actors), render.FormatCount(c.Events.Sum()), render.FormatCount(c.Risk))
		}
		p("\n")
	}

	if top := r.Users.Top(r.topN()); len(top) > 0 {
		p("### User names tried\n\n| user name | SSH | mail | other | total |\n|---|---:|---:|---:|---:|\n")
		for _, u := range top {
			p("| %s | %s | %s | %s | **%s** |\n", mdCode(u.Name), render.FormatCount(u.Counts[threat.SSH]), render.FormatCount(u.Counts[threat.Mail]), render.FormatCount(u.Counts[threat.OtherService]), render.FormatCount(u.Total()))
		}
		p("\n%s distinct names.\n\n", render.FormatCount(r.Users.Distinct()))
	}
}

// mdActors writes the riskiest addresses.
func (r *Report) mdActors(p func(format string, a ...any)) {
	if len(r.Actors) > 0 {
		p("### Top actors\n\n%d riskiest of %s threat sources.\n\n", len(r.Actors), render.FormatCount(r.ActorsTotal))
		p("| address | country | category | score | events | first seen | last seen | behaviours | logins tried |\n|---|---|---|---:|---:|---|---|---|---|\n")
		for _, a := range r.Actors {
			country := a.CountryName
			if country == "" {
				country = "not located"
			}
			tried := mdEscape(triedText(a))
			if a.Compromised {
				tried = "**then logged in** " + tried
			}
			p("| `%s` | %s | %s | %.1f | %s | %s | %s | %s | %s |\n", a.IP, mdEscape(country), render.CategoryLabel(a.Category), a.Score, render.FormatCount(a.Events),
				a.First.In(r.zone()).Format("2006-01-02 15:04"), a.Last.In(r.zone()).Format("2006-01-02 15:04"), mdEscape(a.Categories), tried)
		}
		p("\n")
	}
}

// mdInputs writes a line per input file.
func (r *Report) mdInputs(p func(format string, a ...any)) {
	p("### Inputs\n\n| file | format | lines | threat events | ignored | skipped |\n|---|---|---:|---:|---:|---:|\n")
	for _, f := range r.Files {
		skipped := render.FormatCount(int(f.Skipped))
		if f.SkippedBy != "" {
			skipped += " (" + mdEscape(f.SkippedBy) + ")"
		}
		path := mdCode(f.Path)
		if f.Error != "" {
			path += " — stopped: " + mdEscape(f.Error)
		}
		p("| %s | %s | %s | %s | %s | %s |\n", path, mdEscape(f.Format), render.FormatCount(int(f.Lines)), render.FormatCount(f.Events), render.FormatCount(int(f.Ignored)), skipped)
	}
	p("\n")
	if len(r.PassedOver) > 0 {
		p("Passed over (name a file to read it anyway):\n\n")
		for _, f := range r.PassedOver {
			p("- %s: %s\n", mdCode(f.Path), mdEscape(f.Reason))
		}
		p("\n")
	}
}

// mdGeolocation writes how many threat sources were located, why the
// others were not, and the attribution.
func (r *Report) mdGeolocation(p func(format string, a ...any)) {
	loc := r.Location
	p("### Geolocation\n\n%s of %s threat sources located", render.FormatCount(loc.Located), render.FormatCount(loc.Addresses))
	if rs := loc.Reasons(); len(rs) > 0 {
		var parts []string
		for _, c := range rs {
			parts = append(parts, fmt.Sprintf("%s %s", mdEscape(c.Name), render.FormatCount(c.N)))
		}
		p("; not located: %s", strings.Join(parts, ", "))
	}
	p(".\n")
	if len(r.Attribution) > 0 {
		p("\n<sub>%s</sub>\n", mdEscape(strings.Join(r.Attribution, " · ")))
	}
}

// mdEscape makes text safe in a Markdown table cell or list item: HTML's
// special characters become entities; emphasis, code, link and table
// punctuation is backslashed, and so is ':' so that no URL from a log
// becomes a link; control characters and line breaks become spaces.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case strings.ContainsRune("\\`*_[]|~:", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode writes s as escaped text in a monospace <code> element: a
// backtick code span cannot hold every string (GitHub does not unescape
// inside it), HTML with entities can.
func mdCode(s string) string {
	var b strings.Builder
	b.WriteString("<code>")
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '|':
			b.WriteString("&#124;")
		case strings.ContainsRune("\\`*_[]", r):
			fmt.Fprintf(&b, "&#%d;", r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("</code>")
	return b.String()
}

// sparkline draws the buckets' attack events as block characters.
func sparkline(b []TimeBucket) string {
	const blocks = "▁▂▃▄▅▆▇█"
	top := 0
	for _, x := range b {
		top = max(top, x.Counts.Sum())
	}
	runes := []rune(blocks)
	var s strings.Builder
	for _, x := range b {
		n := x.Counts.Sum()
		switch {
		case n == 0:
			s.WriteRune(' ')
		default:
			s.WriteRune(runes[min(len(runes)-1, (n*len(runes)-1)/top)])
		}
	}
	return s.String()
}

// mdNetworks writes the networks and named domains of the threat sources,
// when the run looked them up.
func (r *Report) mdNetworks(p func(format string, a ...any)) {
	n := &r.Networks
	table := func(title, head string, rows []NetworkRow, have int) {
		p("### %s\n\n%s of %s threat sources.\n\n| %s | sources | events |\n|---|---:|---:|\n", title,
			render.FormatCount(have), render.FormatCount(n.Of), head)
		for _, row := range rows {
			p("| %s | %s | %s |\n", mdEscape(row.Name), render.FormatCount(row.Addresses), render.FormatCount(row.Events))
		}
		p("\n")
	}
	if n.AskedSystems() {
		table("Networks", "autonomous system", n.Systems, n.Known)
	}
	if n.AskedDomains() {
		table("Named sources", "domain", n.Domains, n.Named)
	}
}
