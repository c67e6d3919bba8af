package located

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"strings"
	"unicode"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located/column"
)

// record is the fields of one CSV record: either the strings encoding/csv
// (or a Parquet row) gave, or a plain line (one without a double quote)
// split on its commas in place, so that numeric fields are parsed without
// a string of their own.
type record struct {
	strs  []string // the fields as strings; nil for a plain line
	line  []byte   // a plain line, valid until the next read
	spans []span   // its fields
	num   []byte   // scratch for a numeric field of strs
	str   string   // the plain line as a string, made when a field is first wanted as one
}

// span is a field's bytes line[from:to].
type span struct{ from, to int }

func (f *record) len() int {
	if f.strs != nil {
		return len(f.strs)
	}
	return len(f.spans)
}

// raw returns field i as read.
func (f *record) raw(i int) string {
	if f.strs != nil {
		return f.strs[i]
	}
	// One string for the whole line, as encoding/csv makes one per record,
	// shared by the fields taken from it.
	if f.str == "" {
		f.str = string(f.line)
	}
	return f.str[f.spans[i].from:f.spans[i].to]
}

// text returns column n with surrounding spaces trimmed, or "" when the
// header or the record lacks it.
func (f *record) text(c *column.Index, n column.Name) string {
	i := f.index(c, n)
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(f.raw(i))
}

// field returns column n as text does, without a string: a view of the
// line, or a copy into scratch that the next call overwrites.
func (f *record) field(c *column.Index, n column.Name) []byte {
	i := f.index(c, n)
	switch {
	case i < 0:
		return nil
	case f.strs != nil:
		f.num = append(f.num[:0], strings.TrimSpace(f.strs[i])...)
		return f.num
	}
	return bytes.TrimSpace(f.line[f.spans[i].from:f.spans[i].to])
}

// index is column n's field position, or -1 when the header or the record
// lacks it.
func (f *record) index(c *column.Index, n column.Name) int {
	if n == column.None || c[n] >= f.len() {
		return -1
	}
	return c[n]
}

// all returns the fields as strings, allocating those of a plain line.
func (f *record) all(dst []string) []string {
	if f.strs != nil {
		return f.strs
	}
	dst = dst[:0]
	for i := range f.spans {
		dst = append(dst, f.raw(i))
	}
	return dst
}

// readLine reads a line as encoding/csv does: \r\n becomes \n, and a \r
// before the end of the file is dropped (cr says so: encoding/csv, given
// the line again, would drop one more). Lines longer than br's buffer are
// gathered in long. The line is valid until the next read.
func readLine(br *bufio.Reader, long *[]byte) (line []byte, cr bool, err error) {
	line, err = br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*long = append((*long)[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = br.ReadSlice('\n')
			*long = append(*long, line...)
		}
		line = *long
	}
	if n := len(line); n > 0 && err == io.EOF {
		err = nil
		if cr = line[n-1] == '\r'; cr {
			line = line[:n-1]
		}
	}
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, cr, err
}

// split sets spans to the fields of a line, as encoding/csv with
// TrimLeadingSpace splits it: leading white space is dropped from each
// field, and the final newline from the last. It reports false, and
// splits no further, at a double quote: such a line is not plain.
func split(line []byte, spans []span) ([]span, bool) {
	spans = spans[:0]
	from := leadingSpace(line)
	for i := from; i < len(line); i++ {
		switch line[i] {
		case ',':
			spans = append(spans, span{from, i})
			from = i + 1 + leadingSpace(line[i+1:])
			i = from - 1
		case '"':
			return spans, false
		}
	}
	end := len(line)
	if end > from && line[end-1] == '\n' {
		end--
	}
	return append(spans, span{from, end}), true
}

// closes reports whether encoding/csv ends the record that starts with
// line on it: unless a quoted field is still open at its end, the record
// ends there, well-formed or not (a bare quote, a quote then other text).
func closes(line []byte) bool {
	i := 0
	for {
		i += leadingSpace(line[i:])
		if i == len(line) || line[i] != '"' {
			comma := bytes.IndexByte(line[i:], ',')
			if comma < 0 {
				return true
			}
			i += comma + 1
			continue
		}
		// A quoted field: "" is a quote; a quote then anything else ends it.
		for i++; ; i += 2 {
			q := bytes.IndexByte(line[i:], '"')
			if q < 0 {
				return false
			}
			i += q
			if i+1 == len(line) || line[i+1] != '"' {
				break
			}
		}
		if i+1 == len(line) || line[i+1] != ',' {
			return true // the line's end, or an error that ends the record
		}
		i += 2
	}
}

// leadingSpace is the length of b's leading white space (unicode.IsSpace).
func leadingSpace(b []byte) int {
	for i, c := range b {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			continue
		case c >= 0x80:
			if j := bytes.IndexFunc(b[i:], notSpace); j >= 0 {
				return i + j
			}
			return len(b)
		}
		return i
	}
	return len(b)
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

// plainLayout reports whether a points file's columns are lat,lon or
// lat,lon,weight in this order, which plainPoint reads, and whether the
// weight is there.
func plainLayout(c *column.Index) (weight, ok bool) {
	if c[column.Lat] != 0 || c[column.Lon] != 1 {
		return false, false
	}
	return c[column.Weight] == 2, c[column.Weight] == 2 || c[column.Weight] < 0
}

// plainPoint reads the commonest line of a points file in one pass: two
// or three plain decimals (lat,lon[,weight]), nothing else, each within
// its range. It gives the point readPoint gives; any other line (spaces,
// empty fields, exponents, long numbers, errors) it leaves to readPoint.
func plainPoint(line []byte, weight bool) (point, bool) {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	fields := 2
	if weight {
		fields = 3
	}
	var v [3]float64
	for k := range fields {
		if k > 0 {
			if len(line) == 0 || line[0] != ',' {
				return point{}, false
			}
			line = line[1:]
		}
		x, n, ok := decimal(line)
		if !ok {
			return point{}, false
		}
		v[k], line = x, line[n:]
	}
	if len(line) > 0 || !(math.Abs(v[0]) <= 90) || !(math.Abs(v[1]) <= 180) || weight && !(v[2] >= 0 && v[2] <= maxNumber) {
		return point{}, false
	}
	p := point{lat: v[0], lon: v[1], weight: -1, events: 1, bareRisk: 1, precision: geo.PrecisionCity}
	if weight {
		p.weight = v[2]
	}
	return p, true
}
