package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

//go:embed html.tmpl
var reportHTML string

// reportTemplate is parsed once. html/template escapes every value by
// context, so user names, paths and other text from the logs cannot
// inject markup; only the data: URIs of the images made here are marked
// safe.
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"count":    func(n any) string { return render.FormatCount(toInt(n)) },
	"percent":  percent,
	"score":    func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"catLabel": render.CategoryLabel,
	"catClass": func(c threat.Category) string { return "c-" + c.String() },
	"catColor": func(c threat.Category) template.CSS { return template.CSS(hexColor(render.CategoryColors[c])) },
	"risk":     func(c threat.Category) int { return c.Risk() },
	"visible":  visible,
}).Parse(reportHTML))

// visible spells out the control and bidirectional-override characters of
// text from the logs (\x1b, \u202e) that html/template lets through: they
// would drive a terminal that shows the page's source, or reorder what a
// reader sees.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func toInt(n any) int {
	switch v := n.(type) {
	case int:
		return v
	case int64:
		return int(v)
	}
	return 0
}

// htmlFigure is a chart ready for the page.
type htmlFigure struct {
	Name, Title string
	Wide        bool
	Src         template.URL // data:image/png;base64,…
	Width       int          // CSS pixels
	Height      int
}

type htmlView struct {
	*Report
	Generated   string
	Period      string
	Key         []KeyFigure
	Findings    []string
	MapSrc      template.URL
	MapHTML     template.HTML // the interactive map, escaped by render/web
	ScriptSrc   string        // the CSP source of the map's script
	Timeline    *htmlFigure
	Hours       *htmlFigure
	CountryFigs []*htmlFigure
	TopShown    int
	NotLocated  int
	Users       *htmlFigure
	Categories  []CategoryRow
	ActorRows   []htmlActor
	UserRows    []UserCount
	UsersNote   string
	Unlocated   []countRow
	Sources     []countRow
	Colors      []catColor
	Zone        string
}

type htmlActor struct {
	ActorRow
	First, Last string
	Behaviours  string // "vuln_scanner 323, legit 39"
	Tried       string // "sshd, vsftpd: root, admin, test"
}

type countRow struct {
	Name string
	N    int
}

type catColor struct {
	Class string
	Color template.CSS
}

// WriteHTML writes the report as one self-contained HTML page: styles
// inline, charts and map as data: URIs, nothing fetched (a
// Content-Security-Policy forbids it), no script but the interactive
// map's (allowed by its hash) when there is one, laid out for the screen
// and for print. Charts are drawn in style s.
func (r *Report) WriteHTML(w io.Writer, s render.ChartStyle) error {
	v := htmlView{Report: r, Period: r.Period(), Key: r.KeyFigures(), Findings: r.Findings(), Categories: r.CategoryTable(), Zone: r.zone().String()}
	if !r.Generated.IsZero() {
		v.Generated = r.Generated.UTC().Format("2 Jan 2006 15:04 UTC")
	}
	if len(r.Map) > 0 {
		v.MapSrc = dataURI("image/png", r.Map)
	}
	if r.Interactive != nil {
		v.MapHTML, v.ScriptSrc = template.HTML(r.Interactive.HTML), r.Interactive.ScriptHash
	}
	for _, f := range r.Figures(s) {
		hf, err := figureHTML(f)
		if err != nil {
			return err
		}
		switch f.Name {
		case "timeline":
			v.Timeline = hf
		case "hours":
			v.Hours = hf
		case "users":
			v.Users = hf
		default:
			v.CountryFigs = append(v.CountryFigs, hf)
		}
	}
	for _, a := range r.Actors {
		v.ActorRows = append(v.ActorRows, htmlActor{
			ActorRow: a, Behaviours: strings.NewReplacer(":", " ", ";", ", ").Replace(a.Categories), Tried: triedText(a),
			First: a.First.In(r.zone()).Format("2006-01-02 15:04"), Last: a.Last.In(r.zone()).Format("2006-01-02 15:04"),
		})
	}
	v.UserRows = r.Users.Top(r.topN())
	if len(v.UserRows) > 0 {
		v.UsersNote = fmt.Sprintf("%s attempts over SSH, %s over mail, %s other; %s distinct names.",
			render.FormatCount(r.Users.Attempts(threat.SSH)), render.FormatCount(r.Users.Attempts(threat.Mail)), render.FormatCount(r.Users.Attempts(threat.OtherService)), render.FormatCount(r.Users.Distinct()))
		if r.Users.Dropped > 0 {
			v.UsersNote += fmt.Sprintf(" More names than the report keeps: counts may be short by up to %d.", r.Users.MaxError)
		}
	}
	v.TopShown = min(len(r.Countries), r.topN())
	v.NotLocated = r.Location.Addresses - r.Location.Located
	for _, c := range r.Location.Reasons() {
		v.Unlocated = append(v.Unlocated, countRow{c.Name, c.N})
	}
	for _, c := range r.Location.Sources() {
		v.Sources = append(v.Sources, countRow{c.Name, c.N})
	}
	for c := range threat.NumCategories {
		cat := threat.Category(c)
		v.Colors = append(v.Colors, catColor{"c-" + cat.String(), template.CSS(hexColor(render.CategoryColors[cat]))})
	}
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, &v); err != nil {
		return fmt.Errorf("render: report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func figureHTML(f Figure) (*htmlFigure, error) {
	size := FigureSize(f)
	var buf bytes.Buffer
	if err := f.Chart.Write(&buf, render.PNG, size); err != nil {
		return nil, err
	}
	return &htmlFigure{
		Name: f.Name, Title: f.Chart.Plot.Title.Text, Wide: f.Wide,
		Src: dataURI("image/png", buf.Bytes()), Width: size.Width / 2, Height: size.Height / 2,
	}, nil
}

// dataURI is safe to mark as a URL: its bytes are base64 of an image
// drawn here, never text from a log.
func dataURI(mime string, b []byte) template.URL {
	return template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b))
}

func hexColor(c interface{ RGBA() (r, g, b, a uint32) }) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// triedText is what an actor tried to log in to, and as whom:
// "sshd, vsftpd: root, admin".
func triedText(a ActorRow) string {
	s := strings.Join(a.Services, ", ")
	if len(a.Users) > 0 {
		if s != "" {
			s += ": "
		}
		s += strings.Join(a.Users, ", ")
	}
	return s
}
