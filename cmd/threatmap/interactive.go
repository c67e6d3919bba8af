package main

import (
	"path/filepath"
	"strings"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located"
	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/render/web"
)

// isHTML reports whether an output path asks for the interactive map.
func isHTML(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// interactivePage is the page of a run: the static map's layers, and the
// located actors as markers with their addresses.
func (s *renderSetup) interactivePage(world *assets.World, res *pipelineResult, g *geoSetup, tl *web.Timeline, attribution []string) *web.Page {
	d := &res.data
	p := &web.Page{
		Title: s.Options.Title, World: world, View: s.Options.Extent,
		Points: d.Points, Countries: d.Countries, Choropleth: s.Options.Choropleth != render.ChoroplethOff,
		Include: s.Include, Timeline: tl, CountEvents: s.Weight == located.WeightEvents,
		Scale: s.Options.Scale, Bandwidth: s.Options.Bandwidth,
		Caption: interactiveCaption(d.Caption), Attribution: attribution,
	}
	var net []string
	if g.Net.active() {
		net = make([]string, len(g.Net.Columns()))
	}
	for i := range res.actors {
		a := &res.actors[i]
		if a.Category == classify.Legit {
			continue
		}
		l, err := g.Locator.Locate(a.IP)
		if err != nil || !l.Located() {
			continue
		}
		wa := web.Address{IP: a.IP, Lon: l.Lon, Lat: l.Lat, Country: l.Country, Category: a.Category,
			Counts: a.Counts, Score: a.Score, First: a.First, Last: a.Last, Users: a.Users}
		if net != nil {
			g.Net.Fill(net, a.IP)
			wa.Network = strings.Join(nonEmpty(net), " ")
		}
		p.Addresses = append(p.Addresses, wa)
	}
	return p
}

func nonEmpty(v []string) []string {
	var out []string
	for _, s := range v {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// interactiveCaption is the static map's caption in one line.
func interactiveCaption(c render.Caption) string {
	var b strings.Builder
	b.WriteString(render.FormatCount(c.Actors) + " addresses, " + render.FormatCount(c.Events) + " events")
	if !c.From.IsZero() {
		b.WriteString(", " + c.From.UTC().Format("2006-01-02 15:04") + " – " + c.To.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if c.Unlocated > 0 {
		b.WriteString("; " + render.FormatCount(c.Unlocated) + " not located")
	}
	return b.String()
}
