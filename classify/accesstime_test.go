package classify

import (
	"bytes"
	"testing"
	"time"

	"github.com/threatmap/threatmap/internal/loggen"
)

// accessTimeStamps: timestamps in an order that uses each path of the
// cache: the same minute, the same day, another day, another zone, a
// zone-less time, and times that are not valid.
var accessTimeStamps = []string{
	"10/Oct/2000:13:55:36 -0700",
	"10/Oct/2000:13:55:59 -0700",
	"10/Oct/2000:14:02:07 -0700",
	"10/Oct/2000:00:00:00 -0700",
	"10/Oct/2000:23:59:60 -0700",
	"10/Oct/2000:24:00:00 -0700",
	"10/Oct/2000:13:60:00 -0700",
	"10/Oct/2000:1x:00:00 -0700",
	"10/Oct/2000:13.55:36 -0700",
	"10/Oct/2000:13:55:36 +0200",
	"11/Oct/2000:13:55:36 +0200",
	"31/Feb/2000:13:55:36 +0200",
	"08/Mar/2026:01:59:59",
	"08/Mar/2026:03:00:00",
	"08/Mar/2026:03:00:00 +0000",
}

// A timestamp reads the same after any other as on its own.
func TestAccessTimeCache(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, loc := range []*time.Location{nil, time.UTC, ny} {
		p := newLineParser(mustRules(t, ""), &Options{Location: loc})
		for _, prev := range accessTimeStamps {
			for _, ts := range accessTimeStamps {
				p.accessTime([]byte(prev))
				checkAccessTime(t, p, loc, prev, ts)
			}
		}
	}
}

func checkAccessTime(t *testing.T, p *lineParser, loc *time.Location, prev, ts string) {
	t.Helper()
	got, ok := p.accessTime([]byte(ts))
	fresh := newLineParser(p.rules, &Options{Location: loc})
	want, wantOK := fresh.accessTime([]byte(ts))
	if ok != wantOK || !got.Equal(want) {
		t.Errorf("%v: %q after %q = %v %v, want %v %v", loc, ts, prev, got, ok, want, wantOK)
	}
}

func FuzzAccessTime(f *testing.F) {
	for i, s := range accessTimeStamps {
		f.Add(accessTimeStamps[(i+1)%len(accessTimeStamps)], s)
	}
	rules := mustRules(f, "")
	f.Fuzz(func(t *testing.T, prev, ts string) {
		p := newLineParser(rules, &Options{})
		p.accessTime([]byte(prev))
		checkAccessTime(t, p, nil, prev, ts)
	})
}

// BenchmarkAccessTime reads the timestamps of generated traffic in their
// order: many visitors at once, so consecutive lines often differ in the
// minute but rarely in the day.
func BenchmarkAccessTime(b *testing.B) {
	var buf bytes.Buffer
	if _, err := loggen.Write(&buf, loggen.Config{Seed: 1, Lines: 100_000}); err != nil {
		b.Fatal(err)
	}
	var stamps [][]byte
	for _, line := range bytes.Split(buf.Bytes(), []byte("\n")) {
		if i, j := bytes.IndexByte(line, '['), bytes.IndexByte(line, ']'); i >= 0 && j > i {
			stamps = append(stamps, line[i+1:j])
		}
	}
	p := newLineParser(benchRules(b), &Options{})
	b.ReportAllocs()
	for b.Loop() {
		for _, ts := range stamps {
			if _, ok := p.accessTime(ts); !ok {
				b.Fatalf("%q", ts)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(stamps)), "ns/line")
}
