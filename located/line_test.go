package located

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/located/column"
)

// csvReader returns a reader of in that reads every line through
// encoding/csv, as a file that starts with a quoted field is read.
func csvReader(in string) *Reader {
	return &Reader{cr: newCSV(bufio.NewReader(strings.NewReader(in)))}
}

// trace reads r to its end (or 1000 records) and describes every result:
// the row, the error and the record's fields. It fails when parsePoint
// reads a record otherwise than parse.
func trace(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	for range 1000 {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		out = append(out, fmt.Sprintf("%+v | %v | %q | %q", row, err, r.Record(), r.Header()))
		if pe, ok := err.(*ParseError); r.points && (err == nil || ok && pe.Column > 0) {
			// parsePoint reads what parse does.
			want, col, werr := r.parse(&r.rec)
			if fmt.Sprintf("%+v %v", want, werr) != fmt.Sprintf("%+v %v", row, errors.Unwrap(err)) || ok && col+1 != pe.Column {
				t.Fatalf("line %q: parsePoint gives %+v, %v; parse %+v, column %d, %v", r.Record(), row, err, want, col+1, werr)
			}
			if p, _, perr := r.readPoint(&r.rec); err == nil {
				if b, ok := bare(&row); perr != nil || !ok || b != p {
					t.Fatalf("line %q: readPoint gives %+v, %v; Add keeps %+v", r.Record(), p, perr, b)
				}
			}
		}
		if err != nil && !isParseError(err) {
			break
		}
	}
	return out
}

// sameAsCSV fails unless the plain-line reader and encoding/csv read in
// alike.
func sameAsCSV(t *testing.T, in string) {
	t.Helper()
	fast, slow := trace(t, NewReader(strings.NewReader(in))), trace(t, csvReader(in))
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\nplain lines:\n%s\nencoding/csv:\n%s", in, strings.Join(fast, "\n"), strings.Join(slow, "\n"))
	}
}

// sameAsAdd fails unless AddAll adds what Read and Add add one by one.
func sameAsAdd(t *testing.T, in string) {
	t.Helper()
	since := Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
	for _, w := range []Window{{}, since} {
		var all, one Aggregate
		got, err := all.AddAll(NewReader(strings.NewReader(in)), w)
		var want RowCounts
		var werr error
		r := NewReader(strings.NewReader(in))
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil && !isParseError(err) {
				werr = err
				break
			}
			switch {
			case err != nil:
				want.Bad++
			case !w.Keeps(&row):
				want.Outside++
			default:
				want.Added++
				one.Add(&row)
			}
		}
		if got != want || fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("%q, window %v: AddAll %+v, %v; Read and Add %+v, %v", in, w, got, err, want, werr)
		}
		if a, b := all.Layers(), one.Layers(); !reflect.DeepEqual(a, b) {
			t.Fatalf("%q, window %v: AddAll gives\n%+v\nRead and Add\n%+v", in, w, a, b)
		}
	}
}

func TestPlainLinesReadAsCSV(t *testing.T) {
	for name, in := range map[string]string{
		"bare":              "45.9025,30.0156,1\n56.29,13.7191,4\n",
		"header":            "lat,lon,weight\n1,2,3\n",
		"spaces":            "lat , lon,weight\n 1,\t2 ,  3 \n",
		"empty fields":      "lat,lon,weight\n,,\n1,,2\n,1,\n",
		"blank lines":       "\n\nlat,lon\n\n1,2\n \n3,4\n",
		"CRLF":              "lat,lon\r\n1,2\r\n\r\n3,4\r",
		"lone CR":           "lat,lon\r\n1,\r2\r\r\n3,4\r\r",
		"BOM":               "\ufefflat,lon\n1,2\n",
		"BOM bare":          "\ufeff1,2\n3,4\n",
		"unicode spaces":    "lat,lon\n\u00a01,\u20032\n\u00852,\xff3\n",
		"quote midway":      "lat,lon,note\n1,2,a\n3,4,\"b,c\"\n5,6,d\n7,x,e\n",
		"quoted newline":    "ip,note\n1.2.3.4,\"two\nlines\"\n5.6.7.8,x\nbad,y\n",
		"bare quote":        "ip,note\n1.2.3.4,a\"b\n5.6.7.8,ok\n",
		"unclosed quote":    "lat,lon\n1,2\n\"3,4\n5,6\n",
		"NaN and Inf":       "lat,lon,weight\nNaN,1,1\n1,Inf,1\n1,2,+Inf\n1,2,NaN\n1e1,-2E0,1e3\n",
		"too many columns":  "lat,lon\n1,2,3,4\n5,6\n",
		"too few columns":   "lat,lon,weight\n1\n1,2\n",
		"events":            "time,ip,threat,risk,rule,source,lat,lon,country,city,precision,accuracy_km\n2026-10-03T08:52:42Z, 203.0.113.5,vuln_scanner,5,probe,a.log,52.37,4.89,nl,Amsterdam,city,20\n",
		"actors":            "ip,category,risk,score,events,first_seen,last_seen,categories,compromised,services,users\n1.2.3.4,dos,3,10,7,,,dos:7,true,ssh;mail,root\n",
		"bad numbers":       "ip,risk,score,events,weight\n1.2.3.4,x,,,\n1.2.3.4,,-1,,\n1.2.3.4,,,1.5,\n1.2.3.4,,,99999999999999999999,\n",
		"no header":         "a,b\n1,2\n",
		"no newline at end": "lat,lon\n1,2",
		"only spaces":       "   \n\t\n",
		"quoted header":     "\"lat\",\"lon\",\"weight\"\n1,2,3\n\"4\", \"5\",6\n7,8,9\n",
		"escaped quotes":    "ip,note\n1.2.3.4,\"a \"\"b\"\"\"\n5.6.7.8,\"\"\"\"\n",
		"quote then text":   "ip,note\n1.2.3.4,\"a\"b\n5.6.7.8,x\n",
		"open after escape": "ip,note\n1.2.3.4,\"a\"\"\nb\"\n5.6.7.8,x\n",
		"quote at the end":  "lat,lon\n1,\"2\"",
		"quote, CR, CR":     "\"\"\r\r",
		"open quote, CR":    "ip,note\n1.2.3.4,\"a\r",
	} {
		t.Run(name, func(t *testing.T) {
			sameAsCSV(t, in)
			sameAsAdd(t, in)
		})
	}
}

func TestLongLine(t *testing.T) {
	sameAsCSV(t, "lat,lon,note\n1,2,"+strings.Repeat("x", 10000)+"\n3,4,y\n")
}

// FuzzPlainLines: the plain-line reader reads any input as encoding/csv
// does (the same rows, errors, line numbers and fields), and AddAll adds
// what Read and Add do.
func FuzzPlainLines(f *testing.F) {
	f.Add("lat,lon,weight\n1,2,3\n")
	f.Add("45.9,30.01,1\r\n\r\n 5, 6\r")
	f.Add("ip,note\n1.2.3.4,\"two\nlines\"\n5.6.7.8,x\n")
	f.Add("time,ip,threat\n1615678586,203.0.113.5,DOS\nx,y,z\n\"a")
	f.Add("\ufefflat,lon\n\u00a01,\u20032\n")
	f.Add("\"lat\",\"lon\"\n1,2\n\"a\"\"\nb\"\n\"3\" ,4\n")
	f.Fuzz(func(t *testing.T, in string) {
		sameAsCSV(t, in)
		sameAsAdd(t, in)
	})
}

// FuzzPlainPoint: a line plainPoint reads gives the point readPoint gives
// of the same line split into fields.
func FuzzPlainPoint(f *testing.F) {
	for _, s := range []string{"45.9025,30.0156,1\n", "-90,180", "1,2,3,4", "1, 2,3", "+1.5,-0,0", "91,0,1", "1,2,-1",
		"1,2,1e3", ".5,5.,7", "1,,2", "1234567890123456,1,1", "0x1p-2,1,1", "1,2,\r"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, line string, weight bool) {
		p, ok := plainPoint([]byte(line), weight)
		if !ok {
			return
		}
		header := []string{"lat", "lon"}
		if weight {
			header = append(header, "weight")
		}
		r := Reader{cols: column.Find(header)}
		spans, plain := split([]byte(line), nil)
		if !plain {
			t.Fatalf("%q: plainPoint reads a line with a quote", line)
		}
		r.rec = record{line: []byte(line), spans: spans}
		want, _, err := r.readPoint(&r.rec)
		if err != nil || want != p {
			t.Fatalf("%q: plainPoint %+v; readPoint %+v, %v", line, p, want, err)
		}
	})
}
