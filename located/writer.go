package located

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located/column"
)

// Writer writes rows as CSV: a header, then one line per row in the
// header's columns. Times are RFC 3339 UTC; coordinates are rounded to 5
// decimals (about a metre). Call Flush at the end.
type Writer struct {
	// Header names the columns written, by their names or aliases
	// (package column); nil is column.EventHeader. A column the table does
	// not know takes the next of Row.Extra. It must not change after the
	// first Write.
	Header []string

	w     *bufio.Writer
	cols  []column.Name
	buf   []byte
	begun bool
}

// NewWriter returns a writer to w; it buffers w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10)}
}

// begin writes the header.
func (w *Writer) begin() error {
	w.begun = true
	if w.Header == nil {
		w.Header = column.EventHeader
	}
	w.cols = make([]column.Name, len(w.Header))
	b := w.buf[:0]
	for i, h := range w.Header {
		w.cols[i] = column.Parse(h)
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, h)
	}
	b = append(b, '\n')
	w.buf = b
	_, err := w.w.Write(b)
	return err
}

// Write writes one row (and the header before the first).
func (w *Writer) Write(r *Row) error {
	if !w.begun {
		if err := w.begin(); err != nil {
			return err
		}
	}
	b, extra := w.buf[:0], 0
	for i, n := range w.cols {
		if i > 0 {
			b = append(b, ',')
		}
		if n == column.None {
			if extra < len(r.Extra) {
				b = appendField(b, r.Extra[extra])
			}
			extra++
			continue
		}
		b = appendColumn(b, r, n)
	}
	b = append(b, '\n')
	w.buf = b
	_, err := w.w.Write(b)
	return err
}

// Flush writes the header if no row was written, and flushes the buffer.
func (w *Writer) Flush() error {
	if !w.begun {
		if err := w.begin(); err != nil {
			return err
		}
	}
	return w.w.Flush()
}

// appendColumn appends the field of column n.
func appendColumn(b []byte, r *Row, n column.Name) []byte {
	switch n {
	case column.Time:
		return appendTime(b, r.Time)
	case column.IP:
		if r.IP.IsValid() {
			return r.IP.AppendTo(b)
		}
	case column.Threat:
		return append(b, r.Category.String()...)
	case column.Risk:
		return strconv.AppendFloat(b, r.Risk, 'f', -1, 64)
	case column.Rule:
		return appendField(b, r.Rule)
	case column.Source:
		return appendField(b, r.Source)
	case column.Score:
		return strconv.AppendFloat(b, r.Score, 'f', 1, 64)
	case column.Events:
		return strconv.AppendInt(b, int64(r.Events), 10)
	case column.FirstSeen:
		return appendTime(b, r.First)
	case column.LastSeen:
		return appendTime(b, r.Last)
	case column.Categories:
		return appendCounts(b, &r.Counts)
	case column.Weight:
		if r.Weight >= 0 {
			return strconv.AppendFloat(b, r.Weight, 'f', -1, 64)
		}
	case column.Compromised:
		return strconv.AppendBool(b, r.Compromised)
	case column.Services:
		return appendField(b, strings.Join(r.Services, ";"))
	case column.Users:
		return appendField(b, strings.Join(r.Users, ";"))
	default:
		return appendLocation(b, r, n)
	}
	return b
}

func appendLocation(b []byte, r *Row, n column.Name) []byte {
	l := &r.Location
	switch n {
	case column.Lat:
		if l.Located() {
			return appendDegrees(b, l.Lat)
		}
	case column.Lon:
		if l.Located() {
			return appendDegrees(b, l.Lon)
		}
	case column.Country:
		return appendField(b, l.Country)
	case column.City:
		return appendField(b, l.City)
	case column.Precision:
		return append(b, l.Precision.String()...)
	case column.AccuracyKm:
		if l.AccuracyKm > 0 {
			return strconv.AppendInt(b, int64(l.AccuracyKm), 10)
		}
	}
	return b
}

// appendCounts formats counts as "vuln_scanner:12;brute_force:3;legit:1",
// highest risk first.
func appendCounts(b []byte, counts *[classify.NumCategories]int) []byte {
	start := len(b)
	for _, c := range classify.ByRisk() {
		if counts[c] == 0 {
			continue
		}
		if len(b) > start {
			b = append(b, ';')
		}
		b = append(b, c.String()...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(counts[c]), 10)
	}
	return b
}

func appendDegrees(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*1e5)/1e5, 'f', -1, 64)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return t.UTC().AppendFormat(b, time.RFC3339)
}

// appendField quotes s when it holds a comma, quote or line break, or
// starts with a space.
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") && (s == "" || s[0] != ' ') {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// WriteActors writes the actors CSV (column.ActorHeader): one row per
// address, its categories as "name:count;name:count", highest risk first.
func WriteActors(w io.Writer, actors []classify.Actor) error {
	aw := NewWriter(w)
	aw.Header = column.ActorHeader
	for i := range actors {
		r := ActorRow(&actors[i])
		if err := aw.Write(&r); err != nil {
			return err
		}
	}
	return aw.Flush()
}
