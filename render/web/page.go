package web

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// Address is one source address as the page lists it under its markers.
type Address struct {
	IP       netip.Addr
	Lon, Lat float64 // degrees
	Country  string  // ISO 3166-1 alpha-2; empty when unknown
	Network  string  // AS number and organisation, or a host name; empty when unknown
	Category threat.Category
	Counts   threat.Counts // events per category
	Score    float64       // composite score 0–100
	First    time.Time
	Last     time.Time
	Users    []string // user names tried, most tried first
}

// Page is an interactive map. The zero value of every field means "none"
// or the default.
type Page struct {
	Title string
	World *assets.World // borders and the choropleth's countries; nil draws none
	// View is the extent shown first; the zero Extent shows the world.
	View render.Extent
	// Points are the density layer, as for render.Map.
	Points []render.Point
	// Countries is the choropleth: summed risk by alpha-2 code.
	Countries map[string]float64
	// Choropleth shows the choropleth layer first (it can always be
	// switched on).
	Choropleth bool
	// Addresses become the markers: one per place and drawn category with
	// the addresses there, highest score first.
	Addresses []Address
	// Include are the categories below risk 2 that are drawn as markers.
	Include []threat.Category
	// Timeline, when it holds events, adds the time slider.
	Timeline *Timeline
	// CountEvents weighs a period's density by events instead of risk.
	CountEvents bool
	Scale       render.Scale
	Bandwidth   render.Bandwidth
	// TopN is how many addresses a marker lists (default DefaultTopN).
	TopN        int
	Caption     string
	Attribution []string
}

// Defaults of a Page.
const (
	DefaultTopN = 10
	// Bins is the number of periods of the time slider.
	Bins = 24
)

var (
	//go:embed map.js
	script string
	//go:embed map.css
	mapStyle string
	//go:embed page.css
	pageStyle string
	//go:embed map.html
	mapHTML string
	//go:embed page.html
	pageHTML string
)

// style is the standalone page's one style element.
var style = pageStyle + mapStyle

// embedStyle sizes the map inside another page.
const embedStyle = ".tm-frame { height: min(80vh, 640px); min-height: 420px; margin: 0 0 1em; }\n"

// An Embed is the map as part of another HTML document: markup to place
// where the map goes, whose one script the document's
// Content-Security-Policy must allow by ScriptHash, and whose style
// element the policy must allow too (for instance with style-src
// 'unsafe-inline').
type Embed struct {
	HTML       string // a style element, the map's elements, its data and its script
	ScriptHash string // 'sha256-…', quotes included, for script-src
}

// Write writes the page as one HTML document. The output is deterministic:
// it holds no time but the data's own.
func (p *Page) Write(w io.Writer) error {
	m, err := p.markup()
	if err != nil {
		return err
	}
	title := p.Title
	if title == "" {
		title = "Threat map"
	}
	r := strings.NewReplacer(
		"{{CSP}}", csp(),
		"{{TITLE}}", html.EscapeString(title),
		"{{STYLE}}", style,
		"{{MAP}}", m,
	)
	var buf bytes.Buffer
	if _, err := r.WriteString(&buf, pageHTML); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// Embed returns the map as part of another document.
func (p *Page) Embed() (*Embed, error) {
	m, err := p.markup()
	if err != nil {
		return nil, err
	}
	return &Embed{
		HTML:       "<style>" + embedStyle + mapStyle + "</style>\n<div class=\"tm-frame\">\n" + m + "</div>\n",
		ScriptHash: "'" + hash(script) + "'",
	}, nil
}

// markup is the map's elements, its data block and its script.
func (p *Page) markup() (string, error) {
	d, err := p.data()
	if err != nil {
		return "", err
	}
	js, err := json.Marshal(d) // escapes <, >, & and U+2028/9
	if err != nil {
		return "", fmt.Errorf("web: %w", err)
	}
	return strings.NewReplacer("{{DATA}}", string(js), "{{SCRIPT}}", script).Replace(mapHTML), nil
}

// csp is the page's Content-Security-Policy: nothing but its own script
// and style (by hash) and data: images.
func csp() string {
	return fmt.Sprintf("default-src 'none'; script-src '%s'; style-src '%s'; img-src data:; base-uri 'none'; form-action 'none'", hash(script), hash(style))
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}
