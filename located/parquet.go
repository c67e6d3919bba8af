package located

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/threatmap/threatmap/located/column"
)

// ParquetMagic begins (and ends) every Parquet file.
var ParquetMagic = []byte("PAR1")

// IsParquet reports whether b, the first bytes of a file, are a Parquet
// file's.
func IsParquet(b []byte) bool { return bytes.HasPrefix(b, ParquetMagic) }

// headerKey is the key-value metadata that keeps the order of the columns:
// Parquet stores them by name.
const headerKey = "threatmap.columns"

// parquetNode is the Parquet type of a column: times are TIMESTAMP (UTC,
// microseconds), counts INT64 (accuracy_km INT32), numbers DOUBLE,
// compromised BOOLEAN, everything else a UTF-8 string. Every column is
// optional: an empty CSV field is a null.
func parquetNode(n column.Name) parquet.Node {
	var node parquet.Node
	switch n {
	case column.Time, column.FirstSeen, column.LastSeen:
		node = parquet.Timestamp(parquet.Microsecond)
	case column.Events:
		node = parquet.Int(64)
	case column.AccuracyKm:
		node = parquet.Int(32)
	case column.Risk, column.Score, column.Lat, column.Lon, column.Weight:
		node = parquet.Leaf(parquet.DoubleType)
	case column.Compromised:
		node = parquet.Leaf(parquet.BooleanType)
	default:
		node = parquet.String()
	}
	return parquet.Optional(node)
}

// ParquetWriter writes rows as a Parquet file with the columns of Header,
// typed (see parquetNode) and compressed with zstd. Rows are buffered in
// row groups of RowGroupRows; Flush writes the last and the footer, so it
// must be called once, at the end.
type ParquetWriter struct {
	// Header names the columns, as Writer.Header; nil is
	// column.EventHeader. It must not change after the first Write.
	Header []string
	// RowGroupRows bounds the rows held before a row group is written;
	// zero means 64 Ki.
	RowGroupRows int

	out   io.Writer
	pw    *parquet.Writer
	cols  []column.Name
	leaf  []int // the Parquet column of each header column
	extra []int // the Row.Extra index of each header column, -1 for known ones
	row   parquet.Row
	rows  int
}

// NewParquetWriter returns a writer of a Parquet file to w.
func NewParquetWriter(w io.Writer) *ParquetWriter { return &ParquetWriter{out: w} }

func (w *ParquetWriter) begin() {
	if w.Header == nil {
		w.Header = column.EventHeader
	}
	if w.RowGroupRows <= 0 {
		w.RowGroupRows = 64 << 10
	}
	group := parquet.Group{}
	names := make([]string, 0, len(w.Header))
	extra := 0
	for _, h := range w.Header {
		n := column.Parse(h)
		w.cols = append(w.cols, n)
		if n == column.None {
			w.extra = append(w.extra, extra)
			extra++
		} else {
			w.extra = append(w.extra, -1)
		}
		if _, dup := group[h]; !dup {
			group[h] = parquetNode(n)
			names = append(names, h)
		}
	}
	slices.Sort(names) // a Group's columns are in name order
	for _, h := range w.Header {
		i, _ := slices.BinarySearch(names, h)
		w.leaf = append(w.leaf, i)
	}
	schema := parquet.NewSchema("threatmap", group)
	w.pw = parquet.NewWriter(w.out, schema, parquet.Compression(&zstd.Codec{}),
		parquet.KeyValueMetadata(headerKey, strings.Join(w.Header, ",")))
	w.row = make(parquet.Row, len(names))
}

// Write writes one row.
func (w *ParquetWriter) Write(r *Row) error {
	if w.pw == nil {
		w.begin()
	}
	for i := range w.row {
		w.row[i] = parquet.NullValue().Level(0, 0, i)
	}
	for i, n := range w.cols {
		v := w.value(r, n, w.extra[i])
		if !v.IsNull() {
			w.row[w.leaf[i]] = v.Level(0, 1, w.leaf[i])
		}
	}
	if _, err := w.pw.WriteRows([]parquet.Row{w.row}); err != nil {
		return err
	}
	w.rows++
	if w.rows%w.RowGroupRows == 0 {
		return w.pw.Flush()
	}
	return nil
}

// value is the typed value of column n of r; a null for an empty field.
func (w *ParquetWriter) value(r *Row, n column.Name, extra int) parquet.Value {
	switch n {
	case column.Time:
		return timeValue(r.Time)
	case column.FirstSeen:
		return timeValue(r.First)
	case column.LastSeen:
		return timeValue(r.Last)
	case column.Events:
		return parquet.Int64Value(int64(r.Events))
	case column.Risk:
		return parquet.DoubleValue(r.Risk)
	case column.Score:
		return parquet.DoubleValue(math.Round(r.Score*10) / 10)
	case column.Weight:
		if r.Weight >= 0 {
			return parquet.DoubleValue(r.Weight)
		}
	case column.Lat, column.Lon:
		if r.Location.Located() {
			v := r.Location.Lat
			if n == column.Lon {
				v = r.Location.Lon
			}
			return parquet.DoubleValue(math.Round(v*1e5) / 1e5)
		}
	case column.AccuracyKm:
		if r.Location.AccuracyKm > 0 {
			return parquet.Int32Value(int32(min(r.Location.AccuracyKm, math.MaxInt32)))
		}
	case column.Compromised:
		return parquet.BooleanValue(r.Compromised)
	case column.None:
		if extra < len(r.Extra) && r.Extra[extra] != "" {
			return parquet.ByteArrayValue([]byte(r.Extra[extra]))
		}
	default:
		if s := textOf(r, n); s != "" {
			return parquet.ByteArrayValue([]byte(s))
		}
	}
	return parquet.NullValue()
}

// textOf is the text of a string column, unquoted.
func textOf(r *Row, n column.Name) string {
	switch n {
	case column.IP:
		if r.IP.IsValid() {
			return r.IP.String()
		}
	case column.Threat:
		return r.Category.String()
	case column.Rule:
		return r.Rule
	case column.Source:
		return r.Source
	case column.Categories:
		return string(appendCounts(nil, &r.Counts))
	case column.Country:
		return r.Location.Country
	case column.City:
		return r.Location.City
	case column.Precision:
		return r.Location.Precision.String()
	case column.Services:
		return strings.Join(r.Services, ";")
	case column.Users:
		return strings.Join(r.Users, ";")
	}
	return ""
}

func timeValue(t time.Time) parquet.Value {
	if t.IsZero() {
		return parquet.NullValue()
	}
	return parquet.Int64Value(t.UnixMicro())
}

// Flush writes the buffered rows and the file's footer.
func (w *ParquetWriter) Flush() error {
	if w.pw == nil {
		w.begin()
	}
	return w.pw.Close()
}
