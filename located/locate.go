package located

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located/column"
)

// Errors of Locate's input as a whole.
var (
	ErrEmpty           = errors.New("the input is empty: want a CSV with a header row and an ip column")
	ErrNoAddressColumn = errors.New("the CSV has no ip column")
)

// LocateStats counts what Locate did with the rows of its input.
type LocateStats struct {
	Rows      int // rows written
	Invalid   int // rows without a valid address, written unlocated
	Malformed int // records that are not CSV, left out
	Outside   int // rows outside the window, left out
}

// Locate copies the CSV from r to w, adding where each row's address is:
// the columns lat,lon,country,city,precision are appended, or overwritten
// when the input has them (a located file located again). Every other field
// is copied as it was. A row whose address is missing or unreadable is
// written with precision none; a record that is not CSV is left out. Both
// are counted; only an I/O error, a cancelled ctx, or an input without a
// header and an ip column stop it.
func Locate(ctx context.Context, r io.Reader, w io.Writer, loc geo.Locator, win Window) (LocateStats, error) {
	return LocateWith(ctx, r, w, loc, win, nil)
}

// Annotator adds columns of its own to every row Locate writes: the network
// behind an address, its registered name.
type Annotator interface {
	// Columns names the columns, in order; they are appended, or
	// overwritten when the input has them already.
	Columns() []string
	// Fill writes a's value of each column into dst (len(dst) ==
	// len(Columns())), "" where unknown.
	Fill(dst []string, a netip.Addr)
}

// LocateWith is Locate adding the columns of ann (nil for none).
func LocateWith(ctx context.Context, r io.Reader, w io.Writer, loc geo.Locator, win Window, ann Annotator) (LocateStats, error) {
	var st LocateStats
	rd := NewReader(r)
	var out *locateWriter
	for {
		if st.Rows%4096 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		row, err := rd.Read()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if err != nil && !errors.As(err, &pe) {
			return st, err
		}
		if out == nil && rd.Header() != nil {
			if !rd.Has(column.IP) {
				return st, fmt.Errorf("%w (header: %s)", ErrNoAddressColumn, strings.Join(rd.Header(), ","))
			}
			if out, err = newLocateWriter(w, rd.Header(), ann); err != nil {
				return st, err
			}
		}
		if errors.Is(err, ErrSyntax) {
			st.Malformed++
			continue
		}
		if !win.Keeps(&row) {
			st.Outside++
			continue
		}
		st.Rows++
		l := geo.Location{}
		if row.IP.IsValid() {
			l, _ = loc.Locate(row.IP)
		} else {
			st.Invalid++
		}
		if err := out.write(rd.Record(), row.IP, l); err != nil {
			return st, err
		}
	}
	if out == nil {
		if rd.Header() == nil {
			return st, ErrEmpty
		}
		var err error
		if out, err = newLocateWriter(w, rd.Header(), ann); err != nil {
			return st, err
		}
	}
	return st, out.flush()
}

// locateWriter writes the input's fields with the location columns set.
type locateWriter struct {
	cw  *csv.Writer
	at  [6]int // positions of lat, lon, country, city, precision, accuracy_km
	ann Annotator
	// annAt are the positions of the annotator's columns; annVal its values.
	annAt  []int
	annVal []string
	row    []string
}

func newLocateWriter(w io.Writer, header []string, ann Annotator) (*locateWriter, error) {
	lw := &locateWriter{cw: csv.NewWriter(w), ann: ann}
	out := append([]string(nil), header...)
	cols := column.Find(header)
	for i, name := range column.LocatedHeader {
		n := column.Parse(name)
		lw.at[i] = cols[n]
		if lw.at[i] < 0 {
			lw.at[i] = len(out)
			out = append(out, name)
		}
	}
	if ann != nil {
		for _, name := range ann.Columns() {
			i := slices.IndexFunc(header, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), name) })
			if i < 0 {
				i = len(out)
				out = append(out, name)
			}
			lw.annAt = append(lw.annAt, i)
		}
		lw.annVal = make([]string, len(lw.annAt))
	}
	lw.row = make([]string, len(out))
	return lw, lw.cw.Write(out)
}

func (lw *locateWriter) write(rec []string, a netip.Addr, l geo.Location) error {
	row := lw.row
	clear(row)
	copy(row, rec)
	if l.Located() {
		row[lw.at[0]] = string(appendDegrees(nil, l.Lat))
		row[lw.at[1]] = string(appendDegrees(nil, l.Lon))
	}
	row[lw.at[2]] = l.Country
	row[lw.at[3]] = l.City
	row[lw.at[4]] = l.Precision.String()
	row[lw.at[5]] = ""
	if l.AccuracyKm > 0 {
		row[lw.at[5]] = strconv.Itoa(int(l.AccuracyKm))
	}
	if lw.ann != nil {
		clear(lw.annVal)
		if a.IsValid() {
			lw.ann.Fill(lw.annVal, a)
		}
		for i, at := range lw.annAt {
			row[at] = lw.annVal[i]
		}
	}
	return lw.cw.Write(row)
}

func (lw *locateWriter) flush() error {
	lw.cw.Flush()
	return lw.cw.Error()
}
