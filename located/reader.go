package located

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located/column"
)

// ParseError is a record that could not be read. Line is 1-based; Column is
// the 1-based field number, 0 when the whole record is at fault (it is not
// CSV). A caller may count it and go on reading.
type ParseError struct {
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("located: line %d, column %d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("located: line %d: %v", e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors wrapped by ParseError, and ErrNoHeader.
var (
	ErrSyntax         = errors.New("not a CSV record")
	ErrNoAddress      = classify.ErrNoAddress
	ErrBadAddress     = classify.ErrBadAddress
	ErrBadTime        = classify.ErrBadTime
	ErrBadCategory    = classify.ErrBadCategory
	ErrBadNumber      = errors.New("not a number in range")
	ErrBadCoordinates = errors.New("not coordinates (want lat -90…90, lon -180…180)")
	ErrBadPrecision   = errors.New("unknown precision (want none, country or city)")
	// ErrNoHeader: the first record is neither a header naming an ip or
	// lat and lon columns nor a row of a file without a header.
	ErrNoHeader = errors.New("no ip column, nor lat and lon columns")
)

// bareHeader names the columns of a plain lat,lon[,weight] file.
var bareHeader = []string{"lat", "lon", "weight"}

// Reader reads rows from an events, actors or located CSV. The header names
// the columns in any order, by their names or aliases (package column);
// columns it does not know are kept in Row.Extra. A file without a header is
// read as the events CSV (time,ip,threat,risk,rule,source), or as
// lat,lon[,weight] when its first two fields are numbers.
//
// Read returns io.EOF at the end. A record that is not CSV returns a
// *ParseError and an empty Row; a record with a field that does not parse
// returns a *ParseError naming the field together with the Row of the
// fields before it (as encoding/csv returns a record with ErrFieldCount).
// Reading may go on after either. Any other error ends the file.
type Reader struct {
	// Source fills Row.Source of rows without a source column.
	Source string

	br      *bufio.Reader
	lines   int         // lines read from br
	long    []byte      // a line longer than br's buffer
	cr      *csv.Reader // the rest of the file from the first line with a quote
	crLine  int         // lines read from br before cr took over
	header  []string
	cols    column.Index
	extra   []int // positions of the columns not in the table
	started bool
	bare    bool // no header: the first record is data
	first   bool // the next data record is the file's first
	points  bool // the columns are lat, lon and weight only: parsePoint reads them
	rec     record
	strs    []string // Record's fields of a plain line
}

// readBuffer is the reader's buffer size: a million-row file is read in
// a few hundred reads rather than thousands.
const readBuffer = 64 << 10

// NewReader returns a reader of r. It buffers r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, readBuffer)}
}

// Header returns the file's header, or the names of a file without one;
// nil before the first Read.
func (r *Reader) Header() []string { return r.header }

// Has reports whether the file has column n; false before the first Read.
func (r *Reader) Has(n column.Name) bool { return r.started && r.cols.Has(n) }

// Record returns the fields of the record the last Read returned, as read;
// they are valid until the next Read.
func (r *Reader) Record() []string {
	r.strs = r.rec.all(r.strs)
	return r.strs
}

// Read returns the next row.
func (r *Reader) Read() (Row, error) {
	for {
		line, err := r.next(nil)
		if err != nil {
			return Row{}, err
		}
		if !r.started {
			rec := r.Record()
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			if r.begin(rec) {
				continue
			}
		}
		first := r.first
		r.first = false
		var row Row
		col, err := r.parseRecord(&row)
		if err != nil {
			if first && r.bare {
				return Row{}, fmt.Errorf("located: line 1 %q: %w", strings.Join(r.Record(), ","), ErrNoHeader)
			}
			return row, &ParseError{Line: line, Column: col + 1, Err: err}
		}
		return row, nil
	}
}

// next reads the next record into r.rec and returns its line number. A
// line without a double quote is split in place; from the first line with
// one, the rest of the file goes through encoding/csv, for a quoted field
// may span lines.
//
// A plain line that take accepts (take may be nil) is counted and skipped.
func (r *Reader) next(take func(line []byte) bool) (int, error) {
	for r.cr == nil {
		line, cr, err := readLine(r.br, &r.long)
		if err != nil && (err != io.EOF || len(line) == 0) {
			r.rec = record{}
			return 0, err
		}
		r.lines++
		if len(line) == 0 || line[0] == '\n' && len(line) == 1 {
			continue // encoding/csv skips empty lines
		}
		if take != nil && take(line) {
			continue
		}
		spans, plain := split(line, r.rec.spans)
		if plain {
			r.rec = record{line: line, spans: spans, num: r.rec.num}
			return r.lines, nil
		}
		raw := bytes.Clone(line)
		if cr {
			raw = append(raw, '\r') // as read, for encoding/csv to drop
		}
		if !closes(line) {
			r.crLine = r.lines - 1
			r.cr = newCSV(io.MultiReader(bytes.NewReader(raw), r.br))
			break
		}
		return r.quoted(raw)
	}
	rec, err := r.cr.Read()
	r.rec = record{strs: rec, num: r.rec.num}
	if err != nil {
		return 0, csvError(err, r.crLine)
	}
	line, _ := r.cr.FieldPos(0)
	return r.crLine + line, nil
}

// quoted reads a line with a double quote whose record ends on it through
// encoding/csv.
func (r *Reader) quoted(line []byte) (int, error) {
	rec, err := newCSV(bytes.NewReader(line)).Read()
	r.rec = record{strs: rec, num: r.rec.num}
	if err != nil {
		return 0, csvError(err, r.lines-1)
	}
	return r.lines, nil
}

// csvError is an error of encoding/csv, given the lines read before it
// started: a syntax error becomes a *ParseError naming the file's line.
func csvError(err error, before int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: before + pe.Line, Err: fmt.Errorf("%w: %w", ErrSyntax, pe.Err)}
	}
	return err
}

func newCSV(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	return cr
}

// begin reads the first record: it reports whether it is a header, and
// otherwise chooses the positions of a file without one.
func (r *Reader) begin(rec []string) bool {
	r.started, r.first = true, true
	cols := column.Find(rec)
	if cols.Has(column.IP) || (cols.Has(column.Lat) && cols.Has(column.Lon)) {
		r.header = append([]string(nil), rec...)
		r.cols = cols
		for i, h := range rec {
			if column.Parse(h) == column.None || cols[column.Parse(h)] != i {
				r.extra = append(r.extra, i)
			}
		}
		r.points = onlyPoints(&r.cols, r.extra)
		return true
	}
	r.header = column.EventHeader
	if len(rec) >= 2 && isNumber(rec[0]) && isNumber(rec[1]) {
		r.header = bareHeader
	}
	r.cols, r.bare = column.Find(r.header), true
	for i := len(r.header); i < len(rec); i++ {
		r.extra = append(r.extra, i)
	}
	r.points = onlyPoints(&r.cols, r.extra)
	return false
}

// onlyPoints reports whether a file's columns are lat, lon and perhaps
// weight, and nothing else.
func onlyPoints(c *column.Index, extra []int) bool {
	for n := range c {
		if c[n] >= 0 && n != int(column.Lat) && n != int(column.Lon) && n != int(column.Weight) {
			return false
		}
	}
	return len(extra) == 0 && c.Has(column.Lat) && c.Has(column.Lon)
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
