package located

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// ParquetReader reads rows from a Parquet file with the columns of an
// events, actors or located CSV (by the same names and aliases), as written
// by ParquetWriter or by any engine: timestamps (INT64 of any unit, or
// Spark's INT96), integers, floating point numbers, booleans and strings
// are read as the CSV fields they stand for; nulls are empty fields; nested
// columns are not read. Read returns io.EOF at the end, and a *ParseError
// (its Line the 1-based row number) for a row with a field that does not
// parse, together with the fields before it, as Reader does.
type ParquetReader struct {
	rd     Reader // the CSV reader's column state and row parser
	pr     *parquet.Reader
	header []string
	pos    []int                                    // header position of each Parquet column, -1 for none
	conv   []func(v parquet.Value, b []byte) []byte // each Parquet column's field text
	rows   []parquet.Row
	n, i   int
	rec    []string
	buf    []byte
	line   int
}

// NewParquetReader opens the Parquet file r of size bytes. Source fills
// Row.Source of rows without a source column.
func NewParquetReader(r io.ReaderAt, size int64, source string) (p *ParquetReader, err error) {
	defer recoverCorrupt(&err)
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, fmt.Errorf("located: parquet: %w", err)
	}
	p = &ParquetReader{rd: Reader{Source: source}}
	fields := f.Schema().Fields()
	leaves := f.Schema().Columns()
	var names []string
	for _, fl := range fields {
		if fl.Leaf() {
			names = append(names, fl.Name())
		}
	}
	p.header = names
	if h, ok := f.Lookup(headerKey); ok && sameNames(strings.Split(h, ","), names) {
		p.header = strings.Split(h, ",")
	}
	for _, path := range leaves {
		col, ok := f.Schema().Lookup(path...)
		pos := -1
		if ok && len(path) == 1 {
			pos = indexOf(p.header, path[0])
		}
		p.pos = append(p.pos, pos)
		p.conv = append(p.conv, converter(col.Node))
	}
	if !p.rd.begin(p.header) {
		return nil, fmt.Errorf("located: parquet columns %v: %w", p.header, ErrNoHeader)
	}
	p.pr = parquet.NewReader(f)
	p.rows = make([]parquet.Row, 128)
	p.rec = make([]string, len(p.header))
	return p, nil
}

func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		if indexOf(b, s) < 0 {
			return false
		}
	}
	return true
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Record returns the fields of the row the last Read returned, as CSV
// fields in the order of Header; valid until the next Read.
func (p *ParquetReader) Record() []string { return p.rec }

// Header returns the file's columns.
func (p *ParquetReader) Header() []string { return p.header }

// ErrCorrupt: the Parquet file is damaged (the library failed on it).
var ErrCorrupt = errors.New("corrupt Parquet file")

// recoverCorrupt turns a panic of the Parquet library on a damaged file
// into ErrCorrupt.
func recoverCorrupt(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("located: parquet: %w: %v", ErrCorrupt, v)
	}
}

// Read returns the next row. An error other than a *ParseError ends the
// file.
func (p *ParquetReader) Read() (row Row, err error) {
	defer recoverCorrupt(&err)
	if p.i == p.n {
		n, err := p.pr.ReadRows(p.rows)
		p.n, p.i = n, 0
		if n == 0 {
			if err == nil || errors.Is(err, io.EOF) {
				return Row{}, io.EOF
			}
			return Row{}, fmt.Errorf("located: parquet: %w", err)
		}
	}
	vals := p.rows[p.i]
	p.i++
	p.line++
	clear(p.rec)
	for _, v := range vals {
		c := v.Column()
		if c < 0 || c >= len(p.pos) || p.pos[c] < 0 || v.IsNull() {
			continue
		}
		p.buf = p.conv[c](v, p.buf[:0])
		p.rec[p.pos[c]] = string(p.buf)
	}
	p.rd.rec.strs = p.rec
	r, col, err := p.rd.parse(&p.rd.rec)
	if err != nil {
		return r, &ParseError{Line: p.line, Column: col + 1, Err: err}
	}
	return r, nil
}

// Close releases the reader.
func (p *ParquetReader) Close() error { return p.pr.Close() }

// converter returns the function that formats a value of node as its CSV
// field.
func converter(node parquet.Node) func(parquet.Value, []byte) []byte {
	if node == nil {
		return func(_ parquet.Value, b []byte) []byte { return b }
	}
	typ := node.Type()
	var unit time.Duration
	if lt := typ.LogicalType(); lt != nil {
		if ts, ok := lt.Value.(*format.TimestampType); ok {
			switch ts.Unit.Value.(type) {
			case *format.MilliSeconds:
				unit = time.Millisecond
			case *format.MicroSeconds:
				unit = time.Microsecond
			default:
				unit = time.Nanosecond
			}
		}
	}
	switch typ.Kind() {
	case parquet.Boolean:
		return func(v parquet.Value, b []byte) []byte { return strconv.AppendBool(b, v.Boolean()) }
	case parquet.Int32:
		return func(v parquet.Value, b []byte) []byte { return strconv.AppendInt(b, int64(v.Int32()), 10) }
	case parquet.Int64:
		if unit > 0 {
			return func(v parquet.Value, b []byte) []byte {
				return time.Unix(0, 0).Add(time.Duration(v.Int64())*unit).UTC().AppendFormat(b, time.RFC3339Nano)
			}
		}
		return func(v parquet.Value, b []byte) []byte { return strconv.AppendInt(b, v.Int64(), 10) }
	case parquet.Int96:
		return func(v parquet.Value, b []byte) []byte { return int96Time(v).AppendFormat(b, time.RFC3339Nano) }
	case parquet.Float:
		return func(v parquet.Value, b []byte) []byte { return strconv.AppendFloat(b, float64(v.Float()), 'f', -1, 32) }
	case parquet.Double:
		return func(v parquet.Value, b []byte) []byte { return strconv.AppendFloat(b, v.Double(), 'f', -1, 64) }
	}
	return func(v parquet.Value, b []byte) []byte { return append(b, v.ByteArray()...) }
}

// int96Time reads the legacy INT96 timestamp (Spark, Impala): nanoseconds
// of the day, then the Julian day.
func int96Time(v parquet.Value) time.Time {
	x := v.Int96()
	nanos := int64(uint64(x[1])<<32 | uint64(x[0]))
	days := int64(x[2]) - 2440588 // the Julian day of 1970-01-01
	return time.Unix(days*86400, nanos).UTC()
}
