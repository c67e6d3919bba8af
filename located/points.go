package located

import (
	"errors"
	"io"

	"github.com/threatmap/threatmap/geo"
)

// point is a source that is a bare coordinate: a row without an address,
// category, time or place names, as a plain lat,lon[,weight] file has a
// million of. It takes a sixth of a source's memory and holds no pointers,
// so the collector does not scan it.
type point struct {
	lat, lon  float64
	weight    float64 // negative when none
	bareRisk  float64
	events    int
	precision geo.Precision
}

// bare reports whether r becomes a point, and which.
func bare(r *Row) (point, bool) {
	l := &r.Location
	if r.IP.IsValid() || !uncategorised(r) || !r.Time.IsZero() || !r.First.IsZero() || !r.Last.IsZero() ||
		l.Country != "" || l.City != "" || l.Source != "" || l.AccuracyKm != 0 {
		return point{}, false
	}
	p := point{weight: -1, events: r.Events, bareRisk: r.Risk * float64(r.Events)}
	if l.Located() {
		p.lat, p.lon, p.precision = l.Lat, l.Lon, l.Precision
	}
	if r.Weight >= 0 {
		p.weight = r.Weight
	}
	return p, true
}

// pointChunk is how many points one block of pointList holds: blocks are
// never copied as the list grows.
const pointChunk = 1 << 14

// pointList is an append-only list of points in fixed blocks, so that a
// million of them are not copied again and again as a slice doubles. A
// block keeps only the coordinates and weight of its points while they
// are all unit points (one event of risk 1 at a city's precision, what a
// plain lat,lon[,weight] row is): half the memory.
type pointList struct {
	blocks []pointBlock
	n      int
}

type pointBlock struct {
	at   []placed
	rest []pointRest // nil while every point of the block is a unit point
}

type placed struct{ lat, lon, weight float64 }

type pointRest struct {
	bareRisk  float64
	events    int
	precision geo.Precision
}

var unitRest = pointRest{bareRisk: 1, events: 1, precision: geo.PrecisionCity}

func (l *pointList) add(p point) {
	if l.n%pointChunk == 0 {
		l.blocks = append(l.blocks, pointBlock{at: make([]placed, 0, pointChunk)})
	}
	b := &l.blocks[len(l.blocks)-1]
	b.at = append(b.at, placed{p.lat, p.lon, p.weight})
	l.n++
	rest := pointRest{p.bareRisk, p.events, p.precision}
	if b.rest == nil && rest == unitRest {
		return
	}
	if b.rest == nil {
		b.rest = make([]pointRest, len(b.at)-1, pointChunk)
		for i := range b.rest {
			b.rest[i] = unitRest
		}
	}
	b.rest = append(b.rest, rest)
}

func (b *pointBlock) point(i int) point {
	at, rest := b.at[i], unitRest
	if b.rest != nil {
		rest = b.rest[i]
	}
	return point{lat: at.lat, lon: at.lon, weight: at.weight, bareRisk: rest.bareRisk, events: rest.events, precision: rest.precision}
}

// each calls f for every source, and points for every run [from, to) of
// points between them, in the order their first rows were added.
func (a *Aggregate) each(f func(*source), points func(from, to int)) {
	next := 0
	for i := range a.srcs {
		if to := a.srcs[i].pointsBefore; to > next {
			points(next, to)
			next = to
		}
		f(&a.srcs[i])
	}
	if next < a.points.n {
		points(next, a.points.n)
	}
}

// RowCounts are what AddAll did with the rows it read.
type RowCounts struct {
	Added   int // rows added
	Bad     int // rows that could not be read (a *ParseError), skipped
	Outside int // rows outside the window, left out
}

// AddAll adds every row of r that window keeps, as Read and Add would one
// by one, until the end of the file; it returns any error other than a
// *ParseError. The rows of a plain lat,lon[,weight] file become points
// without a Row in between.
func (a *Aggregate) AddAll(r *Reader, window Window) (RowCounts, error) {
	var n RowCounts
	for {
		if r.started && !r.first && r.points {
			return n, a.addPoints(r, window, &n)
		}
		row, err := r.Read()
		switch {
		case err == io.EOF:
			return n, nil
		case err != nil:
			if !isParseError(err) {
				return n, err
			}
			n.Bad++
		case !window.Keeps(&row):
			n.Outside++
		default:
			n.Added++
			a.Add(&row)
		}
	}
}

// addPoints is AddAll for the rest of a points file.
func (a *Aggregate) addPoints(r *Reader, window Window, n *RowCounts) error {
	keep := window.Keeps(&Row{}) // a point has no time
	put := func(p point) {
		if !keep {
			n.Outside++
			return
		}
		n.Added++
		a.points.add(p)
	}
	var take func([]byte) bool
	if weight, ok := plainLayout(&r.cols); ok {
		take = func(line []byte) bool {
			p, ok := plainPoint(line, weight)
			if ok {
				put(p)
			}
			return ok
		}
	}
	for {
		_, err := r.next(take)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if !isParseError(err) {
				return err
			}
			n.Bad++
			continue
		}
		if p, _, err := r.readPoint(&r.rec); err != nil {
			n.Bad++
		} else {
			put(p)
		}
	}
}

// isParseError reports whether err is a *ParseError. Call it only on an
// error: the pointer errors.As fills costs an allocation.
func isParseError(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe)
}
