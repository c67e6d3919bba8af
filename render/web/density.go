package web

import (
	"errors"
	"runtime"
	"sync"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

// densityWidths are the resolutions of the density layer, in pixels across
// the world: the page shows the coarsest that is at least as fine as the
// screen, so the heat stays smooth when zoomed.
var densityWidths = []int{512, 1024, 2048}

// binWidth is the resolution of each period's density.
const binWidth = 512

// referenceWidth is the width of a static map, in pixels, at which a pixel
// bandwidth is meant.
const referenceWidth = 1600

// density returns the density layer at every resolution, and the
// normalizer of the coarsest, which the periods share so that their
// colours compare.
func (p *Page) density() ([]imageData, render.Normalizer, error) {
	out := []imageData{}
	var first render.Normalizer
	if len(p.Points) == 0 {
		return out, first, nil
	}
	for i, w := range densityWidths {
		g := p.grid(p.Points, w)
		d := render.NewDensity(g, p.Scale)
		if i == 0 {
			first = d.Norm
		}
		img, err := encodeImage(d.Image())
		if err != nil || img == nil {
			return out, first, err
		}
		out = append(out, *img)
	}
	return out, first, nil
}

// grid bins and smooths points over the world at width pixels, with the
// same ground bandwidth at every width.
func (p *Page) grid(points []render.Point, width int) *render.Grid {
	pl := newPlane()
	height := (width*pl.h + pl.w/2) / pl.w
	bw := p.Bandwidth
	scale := float64(width) / referenceWidth
	switch {
	case bw.Kilometres > 0:
	case bw.Pixels > 0:
		bw = render.Bandwidth{Pixels: bw.Pixels * scale}
	default:
		bw = render.Bandwidth{Pixels: render.AutoBandwidth(referenceWidth) * scale}
	}
	return render.NewGrid(points, render.WorldExtent, width, height, bw, p.Scale.Reach())
}

// periods returns the time slider's periods, each with its density
// (coloured with norm, the whole range's), and sets every marker's count
// per period.
func (p *Page) periods(norm render.Normalizer, markers []markerData) ([]binData, error) {
	edges, per := p.Timeline.bins(Bins)
	if len(edges) < 2 {
		return nil, nil
	}
	sc := p.scope()
	out := make([]binData, len(edges)-1)
	errs := make([]error, len(out))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range out {
		out[i] = binData{From: stamp(edges[i]), To: stamp(edges[i+1])}
		var pts []render.Point
		for _, a := range p.Addresses {
			if counts := per[a.IP]; counts != nil {
				if w := p.weight(&counts[i], &sc); w > 0 {
					pts = append(pts, render.Point{Lon: a.Lon, Lat: a.Lat, Weight: w})
				}
			}
		}
		if len(pts) == 0 || norm.Max <= 0 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			// Each period is drawn and encoded on its own: the bytes do
			// not depend on the order they finish in.
			defer func() { <-sem; wg.Done() }()
			d := render.NewDensity(p.grid(pts, binWidth), p.Scale)
			d.Norm = norm
			out[i].Density, errs[i] = encodeImage(d.Image())
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for m := range markers {
		mk := &markers[m]
		for i := range out {
			n := 0
			for _, ip := range mk.ips {
				if counts := per[ip]; counts != nil && counts[i][mk.cat] > 0 {
					n++
				}
			}
			if n > 0 {
				mk.T = append(mk.T, [2]int{i, n})
			}
		}
	}
	return out, nil
}

// weight is a period's density weight of one address: its events in the
// drawn categories, or their summed risk.
func (p *Page) weight(c *threat.Counts, sc *threat.Scope) float64 {
	w := 0.0
	for cat, n := range c {
		if !sc[cat] || n == 0 {
			continue
		}
		if p.CountEvents {
			w += float64(n)
		} else {
			w += float64(n * threat.Category(cat).Risk())
		}
	}
	return w
}

// scope is which categories are drawn: risk 2 and above, and Include.
func (p *Page) scope() threat.Scope { return threat.ThreatScope(p.Include) }
