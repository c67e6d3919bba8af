package located

import (
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
)

func BenchmarkWriterEvents(b *testing.B) {
	ev := classify.Event{Time: time.Date(2026, 10, 3, 8, 52, 42, 0, time.UTC), IP: netip.MustParseAddr("203.0.113.5"),
		Category: classify.VulnScanner, Rule: "probe-path", Source: "/var/log/nginx/access.log"}
	w := NewWriter(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		r := EventRow(&ev)
		if err := w.Write(&r); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
}

func BenchmarkReaderLocatedEvents(b *testing.B) {
	var in bytes.Buffer
	in.WriteString("time,ip,threat,risk,rule,source,lat,lon,country,city,precision\n")
	for range 1000 {
		in.WriteString("2026-10-03T08:52:42Z,203.0.113.5,vuln_scanner,5,probe-path,access.log,52.37,4.89,NL,Amsterdam,city\n")
	}
	data := in.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(strings.NewReader(data))
		var agg Aggregate
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			agg.Add(&row)
		}
		agg.Layers()
	}
}

// barePoints is a million lat,lon,weight rows, as render reads a plain
// points file.
func barePoints() []byte {
	var in bytes.Buffer
	in.WriteString("lat,lon,weight\n")
	for i := range 1_000_000 {
		fmt.Fprintf(&in, "%.4f,%.4f,%d\n", float64(i%1800)/10-90, float64(i%3600)/10-180, 1+i%5)
	}
	return in.Bytes()
}

// BenchmarkReaderBarePoints reads a million rows one by one; a row costs
// no allocation.
func BenchmarkReaderBarePoints(b *testing.B) {
	data := barePoints()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAddAllBarePoints adds a million rows and draws their layers, as
// render does.
func BenchmarkAddAllBarePoints(b *testing.B) {
	data := barePoints()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var agg Aggregate
		if _, err := agg.AddAll(NewReader(bytes.NewReader(data)), Window{}); err != nil {
			b.Fatal(err)
		}
		agg.Layers()
	}
}
