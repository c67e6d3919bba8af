package located

import (
	"bytes"
	"errors"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located/column"
)

// everyColumn names every column the stage knows, and one it does not.
var everyColumn = []string{"time", "ip", "threat", "risk", "rule", "source", "score", "events", "first_seen", "last_seen",
	"categories", "lat", "lon", "country", "city", "precision", "weight", "compromised", "services", "users", "accuracy_km", "asn_org"}

func parquetRows() []Row {
	t0 := time.Date(2026, 10, 1, 12, 30, 45, 0, time.UTC)
	full := Row{Time: t0, IP: netip.MustParseAddr("2001:db8::7"), Category: classify.BruteForce, Risk: 4,
		Rule: "ssh, dictionary", Source: `/var/log/"auth".log`, Score: 62.5, Events: 17, First: t0.Add(-time.Hour), Last: t0,
		Location: geo.Location{Lat: 48.85661, Lon: 2.35222, Country: "FR", City: "Paris", Precision: geo.PrecisionCity, AccuracyKm: 20},
		Weight:   2.5, Compromised: true, Services: []string{"sshd", "postfix"}, Users: []string{"root", "admin"}, Extra: []string{"Example, Inc."}}
	full.Counts[classify.BruteForce] = 15
	full.Counts[classify.Legit] = 2
	sparse := Row{IP: netip.MustParseAddr("192.0.2.1"), Category: classify.Noise, Risk: 1, Events: 1, Weight: -1}
	sparse.Counts[classify.Noise] = 1
	return []Row{full, sparse}
}

func csvOf(t *testing.T, header []string, rows []Row) string {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Header = header
	for i := range rows {
		if err := w.Write(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}

func writeParquet(t testing.TB, header []string, rows []Row) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewParquetWriter(&b)
	w.Header = header
	for i := range rows {
		if err := w.Write(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readParquet(t testing.TB, data []byte) (*ParquetReader, []Row) {
	t.Helper()
	r, err := NewParquetReader(bytes.NewReader(data), int64(len(data)), "")
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	for {
		row, err := r.Read()
		if err == io.EOF {
			return r, rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}

// TestParquetRoundTrip: every column survives Parquet as it survives CSV,
// in the header's order.
func TestParquetRoundTrip(t *testing.T) {
	for _, header := range [][]string{everyColumn, column.ActorHeader, column.EventHeader} {
		rows := parquetRows()
		data := writeParquet(t, header, rows)
		if !IsParquet(data) {
			t.Fatalf("no magic: %q", data[:4])
		}
		r, got := readParquet(t, data)
		if strings.Join(r.Header(), ",") != strings.Join(header, ",") {
			t.Errorf("header %v, want %v", r.Header(), header)
		}
		if g, w := csvOf(t, header, got), csvOf(t, header, rows); g != w {
			t.Errorf("round trip:\n%s\nwant:\n%s", g, w)
		}
	}
}

// TestParquetTypes: the columns have the types an engine expects.
func TestParquetTypes(t *testing.T) {
	data := writeParquet(t, everyColumn, parquetRows())
	r, _ := readParquet(t, data)
	schema := r.pr.Schema().String()
	for _, want := range []string{"int64 time (TIMESTAMP(isAdjustedToUTC=true,unit=MICROS))", "int64 events (INT(64,true))",
		"double score", "boolean compromised", "binary ip (STRING)", "int32 accuracy_km (INT(32,true))"} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema lacks %q:\n%s", want, schema)
		}
	}
}

// TestParquetMerge: Parquet parts merge like CSV ones.
func TestParquetMerge(t *testing.T) {
	a := "ip,category,risk,score,events\n192.0.2.9,vuln_scanner,5,41.4,1\n"
	b := "ip,category,risk,score,events\n192.0.2.5,brute_force,4,41.4,2\n"
	var parts []RowReader
	for _, s := range []string{a, b} {
		var rows []Row
		rd := NewReader(strings.NewReader(s))
		for {
			row, err := rd.Read()
			if err != nil {
				break
			}
			rows = append(rows, row)
		}
		data := writeParquet(t, rd.Header(), rows)
		pr, err := NewParquetReader(bytes.NewReader(data), int64(len(data)), "")
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, pr)
	}
	m := NewMerger([]string{"a", "b"}, parts)
	var got []Row
	for {
		row, err := m.Read()
		if err != nil {
			break
		}
		got = append(got, row)
	}
	if s := csvOf(t, m.Header(), got); s != "ip,category,risk,score,events\n192.0.2.9,vuln_scanner,5,41.4,1\n192.0.2.5,brute_force,4,41.4,2\n" {
		t.Errorf("merged:\n%s", s)
	}
}

func TestParquetCorrupt(t *testing.T) {
	data := writeParquet(t, everyColumn, parquetRows())
	for _, bad := range [][]byte{nil, []byte("PAR1"), data[:len(data)/2], append([]byte("PAR1xxxx"), data[8:]...)} {
		r, err := NewParquetReader(bytes.NewReader(bad), int64(len(bad)), "")
		for err == nil {
			_, err = r.Read()
		}
		var pe *ParseError
		if err == io.EOF || errors.As(err, &pe) {
			continue
		}
		if err == nil {
			t.Errorf("%d bytes: no error", len(bad))
		}
	}
}

// FuzzParquetReader: no file makes the reader panic or loop.
func FuzzParquetReader(f *testing.F) {
	f.Add(writeParquet(f, everyColumn, parquetRows()))
	f.Add(writeParquet(f, column.EventHeader, parquetRows()))
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewParquetReader(bytes.NewReader(data), int64(len(data)), "")
		if err != nil {
			return
		}
		for i := 0; i < 1<<16; i++ {
			if _, err := r.Read(); err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					return
				}
			}
		}
	})
}
