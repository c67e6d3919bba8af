package located

import (
	"fmt"
	"math"
	"strings"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located/column"
)

// parseRecord reads the current record into row as parse does.
func (r *Reader) parseRecord(row *Row) (int, error) {
	if r.points {
		return r.parsePoint(&r.rec, row)
	}
	var col int
	var err error
	*row, col, err = r.parse(&r.rec)
	return col, err
}

// parsePoint is parse for a file of lat, lon and weight columns only, in
// a fraction of the time (a million-row points file is common), into row.
func (r *Reader) parsePoint(f *record, row *Row) (int, error) {
	p, col, err := r.readPoint(f)
	*row = Row{Events: 1, Weight: p.weight, Source: r.Source, Risk: 1}
	if p.precision != geo.PrecisionNone {
		row.Location.Lat, row.Location.Lon, row.Location.Precision = p.lat, p.lon, p.precision
	}
	return col, err
}

// readPoint reads a record of a points file (see parsePoint) straight
// into the point Aggregate.Add keeps of its row.
func (r *Reader) readPoint(f *record) (point, int, error) {
	p := point{weight: -1, events: 1, bareRisk: 1}
	c := &r.cols
	if s := f.field(c, column.Weight); len(s) > 0 {
		var err error
		if p.weight, err = number(s); err != nil {
			return p, c[column.Weight], err
		}
	}
	y, okY, emptyY := coordinate(f.field(c, column.Lat), 90)
	x, okX, emptyX := coordinate(f.field(c, column.Lon), 180)
	switch {
	case emptyY && emptyX:
		return p, -1, nil
	case !okY || !okX:
		return p, c[column.Lat], ErrBadCoordinates
	}
	p.lat, p.lon, p.precision = y, x, geo.PrecisionCity
	return p, -1, nil
}

// coordinate reads a latitude or longitude within ±limit, as setLocation
// does.
func coordinate(b []byte, limit float64) (v float64, ok, empty bool) {
	if len(b) == 0 {
		return 0, false, true
	}
	v, err := parseFloat(b)
	return v, err == nil && math.Abs(v) <= limit, false
}

// parse reads one record; on error, col is the failing field (0-based) and
// the row holds the fields read before it.
func (r *Reader) parse(f *record) (Row, int, error) {
	row := Row{Events: 1, Weight: -1, Source: r.Source}
	c := &r.cols
	for _, n := range [...]column.Name{column.IP, column.Time, column.Threat, column.Events, column.Categories,
		column.Risk, column.Score, column.FirstSeen, column.LastSeen, column.Weight} {
		if err := row.set(n, f, c); err != nil {
			return row, c[n], err
		}
	}
	if f.text(c, column.Categories) == "" && f.text(c, column.Threat) != "" {
		row.Counts[row.Category] = row.Events // an event, or an actor without its categories
	}
	row.Compromised = f.text(c, column.Compromised) == "true"
	row.Services = splitList(f.text(c, column.Services))
	row.Users = splitList(f.text(c, column.Users))
	row.Rule = f.text(c, column.Rule)
	if s := f.text(c, column.Source); s != "" {
		row.Source = s
	}
	row.Location.Country = strings.ToUpper(f.text(c, column.Country))
	row.Location.City = f.text(c, column.City)
	if s := f.field(c, column.AccuracyKm); len(s) > 0 {
		if km, err := atoi(s); err == nil && km > 0 {
			row.Location.AccuracyKm = km
		}
	}
	if err := row.setLocation(f, c); err != nil {
		return row, c[column.Lat], err
	}
	if len(r.extra) > 0 {
		row.Extra = make([]string, len(r.extra))
		for i, j := range r.extra {
			if j < f.len() {
				row.Extra[i] = f.raw(j)
			}
		}
	}
	return row, -1, nil
}

// set reads field n of the record into the row.
func (row *Row) set(n column.Name, f *record, c *column.Index) error {
	var err error
	switch n {
	case column.IP:
		return row.setIP(f.text(c, n), c)
	case column.Time:
		if s := f.text(c, n); s != "" {
			row.Time, err = classify.ParseTime(s)
		}
	case column.Threat:
		return row.setThreat(f.text(c, n))
	case column.Events:
		if s := f.field(c, n); len(s) > 0 {
			row.Events, err = count(s)
		}
	case column.Categories:
		return row.setCounts(f.text(c, n))
	case column.Risk:
		if s := f.field(c, n); len(s) > 0 {
			row.Risk, err = number(s)
		}
	case column.Score:
		if s := f.field(c, n); len(s) > 0 {
			row.Score, err = number(s)
		}
	case column.FirstSeen:
		if s := f.text(c, n); s != "" {
			row.First, err = classify.ParseTime(s)
		}
	case column.LastSeen:
		if s := f.text(c, n); s != "" {
			row.Last, err = classify.ParseTime(s)
		}
	case column.Weight:
		if s := f.field(c, n); len(s) > 0 {
			row.Weight, err = number(s)
		}
	}
	return err
}

// setIP reads the address. A row without one is a bare point when the file
// has coordinates, and an error otherwise.
func (row *Row) setIP(s string, c *column.Index) error {
	if s == "" {
		if c.Has(column.Lat) && c.Has(column.Lon) {
			return nil
		}
		return ErrNoAddress
	}
	a, ok := classify.ParseAddr(s)
	if !ok {
		return ErrBadAddress
	}
	row.IP = a
	return nil
}

// setThreat reads the category; an empty field leaves the row without one.
func (row *Row) setThreat(s string) error {
	if s == "" {
		row.Risk = 1 // a bare point weighs 1 unless the file says otherwise
		return nil
	}
	cat, ok := classify.ParseThreat(s)
	if !ok {
		return fmt.Errorf("%w %q", ErrBadCategory, s)
	}
	row.Category, row.Risk = cat, float64(cat.Risk())
	return nil
}

// setCounts reads an actor's "name:count;name:count" categories.
func (row *Row) setCounts(s string) error {
	if s == "" {
		return nil
	}
	for part := range strings.SplitSeq(s, ";") {
		name, n, ok := strings.Cut(part, ":")
		cat, known := classify.ParseThreat(name)
		v, err := count([]byte(strings.TrimSpace(n)))
		if !ok || !known || err != nil {
			return fmt.Errorf("%w %q", ErrBadCategory, part)
		}
		row.Counts[cat] += v
	}
	return nil
}

// setLocation reads coordinates: both empty, or precision none, is not
// located; coordinates without a precision are the file's own (city).
func (row *Row) setLocation(f *record, c *column.Index) error {
	p := geo.PrecisionCity
	if prec := f.text(c, column.Precision); prec != "" {
		var err error
		if p, err = geo.ParsePrecision(strings.ToLower(prec)); err != nil {
			return ErrBadPrecision
		}
	}
	if (len(f.field(c, column.Lat)) == 0 && len(f.field(c, column.Lon)) == 0) || p == geo.PrecisionNone {
		return nil
	}
	y, err1 := parseFloat(f.field(c, column.Lat))
	x, err2 := parseFloat(f.field(c, column.Lon))
	// Negated comparisons so that NaN, which ParseFloat accepts, is refused.
	if err1 != nil || err2 != nil || !(math.Abs(y) <= 90) || !(math.Abs(x) <= 180) {
		return ErrBadCoordinates
	}
	row.Location.Lat, row.Location.Lon, row.Location.Precision = y, x, p
	return nil
}

// maxNumber bounds risks, scores and weights, so that sums of them stay
// finite.
const maxNumber = 1e12

func number(s []byte) (float64, error) {
	v, err := parseFloat(s)
	if err != nil || !(v >= 0 && v <= maxNumber) {
		return 0, ErrBadNumber
	}
	return v, nil
}

func count(s []byte) (int, error) {
	v, err := atoi(s)
	if err != nil || v < 0 || float64(v) > maxNumber {
		return 0, ErrBadNumber
	}
	return v, nil
}

// splitList reads a ';'-joined list; nil when empty.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}
