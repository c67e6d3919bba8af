package render

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/threatmap/threatmap/internal/par"
)

// Point is one weighted location of the density layer: lon, lat in degrees
// and a weight ≥ 0 (the event's risk level, or 1 to count events).
type Point struct {
	Lon, Lat, Weight float64
}

// Bandwidth is the standard deviation of the Gaussian smoothing kernel,
// either in output pixels or in kilometres on the ground. Exactly one field
// is set; the zero Bandwidth means "choose from the raster size".
type Bandwidth struct {
	Pixels     float64
	Kilometres float64
}

// ParseBandwidth parses "6px", "150km" or a bare number of pixels.
func ParseBandwidth(s string) (Bandwidth, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	unit := "px"
	for _, u := range []string{"px", "km"} {
		if strings.HasSuffix(s, u) {
			unit, s = u, strings.TrimSpace(strings.TrimSuffix(s, u))
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return Bandwidth{}, fmt.Errorf("render: bandwidth %q: want a positive number of px or km, e.g. 6px or 150km", s+unit)
	}
	if unit == "km" {
		return Bandwidth{Kilometres: v}, nil
	}
	return Bandwidth{Pixels: v}, nil
}

func (b Bandwidth) String() string {
	switch {
	case b.Kilometres > 0:
		return strconv.FormatFloat(b.Kilometres, 'g', -1, 64) + "km"
	case b.Pixels > 0:
		return strconv.FormatFloat(b.Pixels, 'g', -1, 64) + "px"
	}
	return "auto"
}

// AutoBandwidth is the kernel width, in pixels, used for a raster width
// pixels wide when no Bandwidth is given: 1/140 of the width, at least 3.
func AutoBandwidth(width int) float64 {
	return math.Max(3, float64(width)/140)
}

// maxSigma bounds the kernel so that a huge bandwidth on a small extent
// stays affordable; beyond a quarter of the raster the picture is one blob.
func maxSigma(width, height int) float64 {
	return math.Max(1, float64(max(width, height))/4)
}

// Grid is a smoothed density surface over an Extent at raster resolution.
// Values holds Width×Height cells, row 0 at the top (north), and a cell's
// value is the sum over points of weight·exp(−d²/2σ²): an isolated point of
// weight w peaks at about w, so values read as "weight nearby".
type Grid struct {
	Extent        Extent
	Width, Height int
	Values        []float32
	// nonzero bounds the cells that may hold a value above zero (every
	// cell outside it is 0), so that sparse maps are coloured, fitted and
	// cropped without walking the whole raster. Empty means unknown: the
	// whole grid.
	nonzero image.Rectangle
}

// fitValues are the values a scale is fitted on: those of the rows that
// may hold values above zero (the others add nothing to a maximum), or
// all of them for EqHist, whose sample strides the whole grid.
func (g *Grid) fitValues(s Scale) []float32 {
	nz := g.bounds()
	if s == EqHist || nz.Empty() {
		return g.Values
	}
	return g.Values[nz.Min.Y*g.Width : nz.Max.Y*g.Width]
}

// bounds is the part of the grid that may hold values above zero.
func (g *Grid) bounds() image.Rectangle {
	all := image.Rect(0, 0, g.Width, g.Height)
	if g.nonzero.Empty() {
		return all
	}
	return g.nonzero.Intersect(all)
}

// NewGrid bins points into a width×height raster of e in Web Mercator space
// (each point split bilinearly between the four nearest cells, so positions
// keep sub-pixel accuracy), then smooths it with a separable Gaussian of
// bandwidth bw. Points outside e still warm its edges when within reach of
// the kernel; points with a non-finite position or a weight ≤ 0 are skipped.
// A kilometre bandwidth widens with latitude as Web Mercator stretches the
// ground (σ ∝ 1/cos φ), so a kernel covers the same ground everywhere.
//
// reach is the kernel's radius in standard deviations (≤ 0 means
// DefaultReach); a scale that lifts faint values needs more, see
// Scale.Reach, or the kernel's square support shows.
//
// A wide kernel is computed on a coarser raster (at least 4 cells per σ)
// and interpolated bilinearly to full resolution: the result differs from
// the full computation by well under 1% of the peak and costs a fraction.
func NewGrid(points []Point, e Extent, width, height int, bw Bandwidth, reach float64) *Grid {
	g := &Grid{Extent: e, Width: width, Height: height, Values: make([]float32, width*height)}
	if width <= 0 || height <= 0 {
		return g
	}
	if reach <= 0 {
		reach = DefaultReach
	}
	if e.MaxLon > 180 {
		// Across the antimeridian: move the points east of it next to the
		// rest (a copy; the caller's slice is not modified).
		wrapped := make([]Point, len(points))
		for i, p := range points {
			p.Lon = e.WrapLon(p.Lon)
			wrapped[i] = p
		}
		points = wrapped
	}
	b := e.Projected()
	sx := float64(width) / (b.Max[0] - b.Min[0])  // pixels per metre
	sy := float64(height) / (b.Max[1] - b.Min[1]) // equal to sx when the caller kept the aspect
	limit := maxSigma(width, height)
	// sigma returns the kernel width in output pixels at projected y.
	sigma := func(y float64) float64 {
		var s float64
		switch {
		case bw.Kilometres > 0:
			lat := project.Mercator.ToWGS84(orb.Point{0, y})[1]
			s = bw.Kilometres * 1000 * sx / math.Cos(lat*math.Pi/180)
		case bw.Pixels > 0:
			s = bw.Pixels
		default:
			s = AutoBandwidth(width)
		}
		return math.Min(s, limit)
	}
	minS := math.Min(sigma(b.Min[1]), sigma(b.Max[1]))
	minS = math.Min(minS, sigma((b.Min[1]+b.Max[1])/2))
	f := max(1, int(minS/4))
	if f == 1 {
		r := raster{x0: b.Min[0], y0: b.Max[1], cx: 1 / sx, cy: 1 / sy, w: width, h: height, reach: reach}
		r.smooth(points, g.Values, sigma)
		return g
	}
	// Coarse cells of f×f pixels, with one more cell all round so that
	// every pixel centre has four coarse neighbours.
	cx, cy := float64(f)/sx, float64(f)/sy
	wc, hc := (width+f-1)/f+2, (height+f-1)/f+2
	r := raster{x0: b.Min[0] - cx, y0: b.Max[1] + cy, cx: cx, cy: cy, w: wc, h: hc, reach: reach}
	coarse := make([]float32, wc*hc)
	r.smooth(points, coarse, func(y float64) float64 { return sigma(y) / float64(f) })
	upsample(g, coarse, wc, hc, f)
	return g
}

// raster is a grid of cells in Web Mercator: the top left corner (x0, y0),
// the cell size in metres, and w×h cells.
type raster struct {
	x0, y0, cx, cy float64
	w, h           int
	reach          float64 // kernel radius in σ
}

// smooth bins points into out (w×h cells) and blurs them with a Gaussian
// of sigma(y) cells at projected y.
func (r raster) smooth(points []Point, out []float32, sigma func(y float64) float64) {
	rowSigma := func(row int) float64 { return sigma(r.y0 - (float64(row)+0.5)*r.cy) }
	maxS := math.Max(rowSigma(0), rowSigma(r.h-1))
	maxS = math.Max(maxS, rowSigma(r.h/2))
	pad := int(math.Ceil(r.reach * maxS))
	pw, ph := r.w+2*pad, r.h+2*pad

	bins := make([]float32, pw*ph)
	for _, p := range points {
		if !(p.Weight > 0) || math.IsInf(p.Weight, 0) || math.IsNaN(p.Lon) || math.IsNaN(p.Lat) || math.IsInf(p.Lon, 0) || math.IsInf(p.Lat, 0) {
			continue
		}
		m := project.WGS84.ToMercator(orb.Point{p.Lon, p.Lat})
		// Cell (i, j) has its centre at (i+0.5, j+0.5) cells from the
		// padded grid's top left corner.
		fx := (m[0]-r.x0)/r.cx + float64(pad) - 0.5
		fy := (r.y0-m[1])/r.cy + float64(pad) - 0.5
		if !(fx > -1 && fy > -1 && fx < float64(pw) && fy < float64(ph)) {
			continue
		}
		x0, y0 := math.Floor(fx), math.Floor(fy)
		ax, ay := fx-x0, fy-y0
		i, j := int(x0), int(y0)
		w := p.Weight
		splat(bins, pw, ph, i, j, w*(1-ax)*(1-ay))
		splat(bins, pw, ph, i+1, j, w*ax*(1-ay))
		splat(bins, pw, ph, i, j+1, w*(1-ax)*ay)
		splat(bins, pw, ph, i+1, j+1, w*ax*ay)
	}

	// Horizontal pass: padded rows → rows of the output width. Empty rows
	// (most of them, for a sparse map) are skipped here and below.
	w := r.w
	tmp := make([]float32, w*ph)
	used := make([]bool, ph)
	kernels := r.kernels(rowSigma, -pad, r.h+pad)
	parallelRows(ph, func(row int) {
		in := bins[row*pw : (row+1)*pw]
		if allZero(in) {
			return
		}
		used[row] = true
		convolveRow(tmp[row*w:(row+1)*w], in, pad, kernels[row])
	})
	// Vertical pass: each output row is a weighted sum of tmp rows.
	parallelRows(r.h, func(row int) {
		k := kernels[row+pad]
		rad := len(k) / 2
		dst := out[row*w : (row+1)*w]
		for j, kj := range k {
			src := row + pad + j - rad
			if src < 0 || src >= ph || !used[src] {
				continue
			}
			axpy(dst, tmp[src*w:(src+1)*w], kj)
		}
	})
}

// kernels returns the kernel of each row in [from, to), computed once for
// each run of rows with the same σ (all of them, for a pixel bandwidth).
func (r raster) kernels(rowSigma func(row int) float64, from, to int) [][]float32 {
	ks := make([][]float32, to-from)
	last := math.NaN()
	for i := range ks {
		if s := rowSigma(from + i); s == last {
			ks[i] = ks[i-1]
		} else {
			ks[i], last = kernel(s, r.reach), s
		}
	}
	return ks
}

// upsample fills g by bilinear interpolation of coarse, whose cells are
// f×f pixels of g, offset by one cell.
func upsample(g *Grid, coarse []float32, wc, hc, f int) {
	// Coarse cell i (from 0) has its centre at pixel ((i−1)+0.5)·f.
	type tap struct {
		i int
		a float32
	}
	// Only the pixels next to a non-zero coarse cell can be above zero;
	// the others are left alone (and their memory untouched).
	nz := nonzeroCells(coarse, wc, hc)
	if nz.Empty() {
		g.nonzero = image.Rect(0, 0, 1, 1)
		return
	}
	col := make([]tap, g.Width)
	x0, x1 := g.Width, 0
	for x := range col {
		u := (float64(x)+0.5)/float64(f) + 0.5
		i := min(int(math.Floor(u)), wc-2)
		col[x] = tap{i, float32(u - float64(i))}
		if i+1 >= nz.Min.X && i < nz.Max.X {
			x0, x1 = min(x0, x), max(x1, x+1)
		}
	}
	y0, y1 := g.Height, 0
	for y := range g.Height {
		if j := min(int(math.Floor((float64(y)+0.5)/float64(f)+0.5)), hc-2); j+1 >= nz.Min.Y && j < nz.Max.Y {
			y0, y1 = min(y0, y), max(y1, y+1)
		}
	}
	g.nonzero = image.Rect(x0, y0, x1, y1)
	if g.nonzero.Empty() {
		g.nonzero = image.Rect(0, 0, 1, 1)
		return
	}
	parallelRows(y1-y0, func(row int) {
		y := y0 + row
		v := (float64(y)+0.5)/float64(f) + 0.5
		j := min(int(math.Floor(v)), hc-2)
		b := float32(v - float64(j))
		r0 := coarse[j*wc : (j+1)*wc]
		r1 := coarse[(j+1)*wc : (j+2)*wc]
		out := g.Values[y*g.Width : (y+1)*g.Width]
		for x := x0; x < x1; x++ {
			t := col[x]
			top := r0[t.i] + (r0[t.i+1]-r0[t.i])*t.a
			bot := r1[t.i] + (r1[t.i+1]-r1[t.i])*t.a
			if v := top + (bot-top)*b; v > 0 {
				out[x] = v
			}
		}
	})
}

// nonzeroCells is the bounding box of the cells of a w×h raster above zero
// (empty when none is).
func nonzeroCells(cells []float32, w, h int) image.Rectangle {
	var r image.Rectangle
	for j := range h {
		row := cells[j*w : (j+1)*w]
		first := -1
		for i, v := range row {
			if v > 0 {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for i := len(row) - 1; i > first; i-- {
			if row[i] > 0 {
				last = i
				break
			}
		}
		r = r.Union(image.Rect(first, j, last+1, j+1))
	}
	return r
}

func splat(bins []float32, w, h, i, j int, v float64) {
	if i >= 0 && j >= 0 && i < w && j < h && v > 0 {
		bins[j*w+i] += float32(v)
	}
}

// DefaultReach is the kernel radius, in standard deviations, for scales
// that show values down to about 1% of the peak.
const DefaultReach = 3.5

// kernel returns exp(−x²/2σ²) for |x| ≤ reach·σ, its peak 1, tapered
// smoothly to zero over the last σ so that the cut leaves no edge.
func kernel(sigma, reach float64) []float32 {
	rad := int(math.Ceil(reach * sigma))
	k := make([]float32, 2*rad+1)
	for i := range k {
		x := math.Abs(float64(i - rad))
		v := math.Exp(-x * x / (2 * sigma * sigma))
		if t := (x - (reach-1)*sigma) / sigma; t > 0 {
			v *= 0.5 + 0.5*math.Cos(math.Pi*math.Min(1, t))
		}
		k[i] = float32(v)
	}
	return k
}

// convolveRow writes out[c] = Σ_j k[j]·in[c+pad+j−rad], treating cells
// beyond in as zero.
func convolveRow(out, in []float32, pad int, k []float32) {
	rad := len(k) / 2
	// Scatter each non-zero input cell: rows are mostly empty.
	for i, v := range in {
		if v == 0 {
			continue
		}
		lo := i - pad - rad // output column touched by k[0]
		kk := k
		if lo < 0 {
			if -lo >= len(kk) {
				continue
			}
			kk = kk[-lo:]
			lo = 0
		}
		if lo >= len(out) {
			continue
		}
		if lo+len(kk) > len(out) {
			kk = kk[:len(out)-lo]
		}
		axpy(out[lo:lo+len(kk)], kk, v)
	}
}

// axpy adds a·x to y.
func axpy(y, x []float32, a float32) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

func allZero(s []float32) bool {
	for _, v := range s {
		if v != 0 {
			return false
		}
	}
	return true
}

// parallelRows calls f for every row in [0, n), spread over the CPUs. Each
// row is written by exactly one call, so the result does not depend on the
// schedule.
func parallelRows(n int, f func(r int)) {
	par.Range(n, 1, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			f(r)
		}
	})
}
