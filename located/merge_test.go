package located

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/located/column"
)

func mergeStrings(t *testing.T, parts ...string) (string, *Merger, error) {
	t.Helper()
	var rs []RowReader
	var names []string
	for i, p := range parts {
		rs = append(rs, NewReader(strings.NewReader(p)))
		names = append(names, fmt.Sprintf("part%d", i))
	}
	m := NewMerger(names, rs)
	var b bytes.Buffer
	w := NewWriter(&b)
	for {
		row, err := m.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", m, err
		}
		w.Header = m.Header()
		if err := w.Write(&row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String(), m, nil
}

func TestMergerOrders(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		{"events by time, ties in part order",
			[]string{
				"time,ip,threat\n2026-01-01T00:00:01Z,192.0.2.1,dos\n2026-01-01T00:00:03Z,192.0.2.1,dos\n",
				"time,ip,threat\n2026-01-01T00:00:00Z,192.0.2.2,noise\n2026-01-01T00:00:03Z,192.0.2.2,noise\n,192.0.2.2,noise\n",
				"time,ip,threat\n",
			},
			"time,ip,threat\n2026-01-01T00:00:00Z,192.0.2.2,noise\n2026-01-01T00:00:01Z,192.0.2.1,dos\n2026-01-01T00:00:03Z,192.0.2.1,dos\n" +
				"2026-01-01T00:00:03Z,192.0.2.2,noise\n,192.0.2.2,noise\n"},
		{"actors by score, risk, events, address",
			[]string{
				"ip,category,risk,score,events\n192.0.2.9,vuln_scanner,5,41.4,1\n192.0.2.3,noise,1,20,4\n",
				"ip,category,risk,score,events\n192.0.2.5,brute_force,4,41.4,2\n192.0.2.4,noise,1,20,4\n192.0.2.1,legit,0,0,9\n",
			},
			"ip,category,risk,score,events\n192.0.2.9,vuln_scanner,5,41.4,1\n192.0.2.5,brute_force,4,41.4,2\n" +
				"192.0.2.3,noise,1,20.0,4\n192.0.2.4,noise,1,20.0,4\n192.0.2.1,legit,0,0.0,9\n"},
		{"points one part after the other",
			[]string{"lat,lon\n1,2\n", "lat,lon\n3,4\n5,6\n"},
			"lat,lon\n1,2\n3,4\n5,6\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m, err := mergeStrings(t, tt.parts...)
			if err != nil || got != tt.want || m.Skipped != 0 {
				t.Errorf("got %v, %d skipped:\n%s\nwant:\n%s", err, m.Skipped, got, tt.want)
			}
		})
	}
}

func TestMergerErrors(t *testing.T) {
	actors := "ip,category,risk,score,events\n192.0.2.9,vuln_scanner,5,41.4,1\n"
	if _, _, err := mergeStrings(t, actors, "ip,category,risk,score,events\n192.0.2.1,noise,1,50,1\n::ffff:192.0.2.9,noise,1,1,1\n"); !errors.Is(err, ErrOverlap) {
		t.Errorf("overlap: %v", err)
	}
	if _, _, err := mergeStrings(t, actors, "ip,category,risk,score,events\n192.0.2.1,noise,1,1,1\n192.0.2.2,noise,1,50,1\n"); !errors.Is(err, ErrUnsorted) {
		t.Errorf("unsorted: %v", err)
	}
	if _, _, err := mergeStrings(t, actors, "time,ip,threat\n"); err == nil || !strings.Contains(err.Error(), "columns") {
		t.Errorf("other columns: %v", err)
	}
	got, m, err := mergeStrings(t, "time,ip,threat\n2026-01-01T00:00:00Z,192.0.2.1,dos\nbad,192.0.2.1,dos\n\"x\n")
	if err != nil || m.Skipped != 2 || strings.Count(got, "\n") != 2 {
		t.Errorf("bad records: %v, %d skipped:\n%s", err, m.Skipped, got)
	}
}

// BenchmarkMergeActors merges four sorted parts of actors; a merge holds
// one row per part and one set entry per address, nothing per row else.
func BenchmarkMergeActors(b *testing.B) {
	const n, parts = 20000, 4
	var actors [parts][]classify.Actor
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		a := classify.Actor{IP: netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), Category: classify.Category(1 + i%7),
			Events: 1 + i%13, First: t0, Last: t0.Add(time.Duration(i) * time.Second)}
		a.Counts[a.Category] = a.Events
		a.Score = classify.Score(&a)
		p := classify.ShardHash(a.IP) % parts
		actors[p] = append(actors[p], a)
	}
	var files [parts][]byte
	var size int64
	for p := range actors {
		classify.SortActors(actors[p])
		var buf bytes.Buffer
		WriteActors(&buf, actors[p])
		files[p] = buf.Bytes()
		size += int64(buf.Len())
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		rs := make([]RowReader, parts)
		for p := range files {
			rs[p] = NewReader(bytes.NewReader(files[p]))
		}
		m := NewMerger([]string{"0", "1", "2", "3"}, rs)
		w := NewWriter(io.Discard)
		w.Header = column.ActorHeader
		for {
			row, err := m.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			w.Write(&row)
		}
		w.Flush()
	}
}

// BenchmarkMergeEvents merges four parts of events in time order: memory
// is one row per part, whatever the number of rows.
func BenchmarkMergeEvents(b *testing.B) {
	const n, parts = 50000, 4
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	var bufs [parts]bytes.Buffer
	var ws [parts]*Writer
	for p := range ws {
		ws[p] = NewWriter(&bufs[p])
	}
	for i := 0; i < n; i++ {
		ev := classify.Event{Time: t0.Add(time.Duration(i) * time.Second), IP: netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}),
			Category: classify.DoS, Rule: "dos", Source: "access.log"}
		r := EventRow(&ev)
		ws[i%parts].Write(&r)
	}
	var size int64
	for p := range ws {
		ws[p].Flush()
		size += int64(bufs[p].Len())
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		rs := make([]RowReader, parts)
		for p := range bufs {
			rs[p] = NewReader(bytes.NewReader(bufs[p].Bytes()))
		}
		m := NewMerger([]string{"0", "1", "2", "3"}, rs)
		w := NewWriter(io.Discard)
		for {
			row, err := m.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			w.Write(&row)
		}
		w.Flush()
	}
}
