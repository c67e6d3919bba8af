package classify

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/threatmap/threatmap/internal/loggen"
)

var benchAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
	"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
}

var benchPaths = []string{
	"/", "/index.html", "/products/shoes?id=123&color=red", "/static/css/site.css", "/static/js/app.min.js",
	"/images/banner-2024.jpg", "/cart", "/checkout/step2", "/api/v1/items?page=2", "/blog/2024/01/hello-world",
}

// benchAccessLog returns n realistic combined-format lines: mostly legit
// browsing from a few thousand addresses, 2 % probes.
func benchAccessLog(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	t := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	pool := make([]string, 5000)
	for i := range pool {
		pool[i] = fmt.Sprintf("%d.%d.%d.%d", 1+rng.IntN(223), rng.IntN(256), rng.IntN(16), 1+rng.IntN(254))
	}
	for i := 0; i < n; i++ {
		ip := pool[rng.IntN(len(pool))]
		path, agent, status := benchPaths[rng.IntN(len(benchPaths))], benchAgents[rng.IntN(len(benchAgents))], 200
		if rng.IntN(3) == 0 { // a long tail of distinct targets
			path = fmt.Sprintf("/products/item-%d?ref=%d&utm_source=news", rng.IntN(100000), rng.IntN(1000))
		}
		if rng.IntN(50) == 0 {
			path, agent, status = "/phpmyadmin/scripts/setup.php", "ZmEu", 404
		}
		ts := t.Add(time.Duration(i) * 10 * time.Millisecond)
		fmt.Fprintf(&b, "%s - - [%s] \"GET %s HTTP/1.1\" %d %d \"https://example.com/\" \"%s\"\n",
			ip, ts.Format("02/Jan/2006:15:04:05 -0700"), path, status, 512+rng.IntN(40000), agent)
	}
	return b.Bytes()
}

func benchRules(b testing.TB) *Rules {
	rs, err := DefaultRuleSet()
	if err != nil {
		b.Fatal(err)
	}
	r, err := rs.Compile()
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkClassifyAccess measures parse + rules + per-address state over
// an access log with one parsing goroutine per core; lines/s is the figure
// of merit.
func BenchmarkClassifyAccess(b *testing.B) { benchClassifyAccess(b, 0) }

// BenchmarkClassifyAccessSequential is the same on one goroutine.
func BenchmarkClassifyAccessSequential(b *testing.B) { benchClassifyAccess(b, 1) }

func benchClassifyAccess(b *testing.B, workers int) {
	data := benchAccessLog(100_000)
	rules := benchRules(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	lines := 0
	cpu0 := cpuTime()
	for b.Loop() {
		c := NewClassifier(rules, Options{Workers: workers})
		if _, err := c.Classify(context.Background(), bytes.NewReader(data), "bench", time.Time{}, nil); err != nil {
			b.Fatal(err)
		}
		lines += 100_000
	}
	b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
	// On a shared machine wall time undercounts; lines per second of this
	// process's CPU time is the per-core figure.
	b.ReportMetric(float64(lines)/(cpuTime()-cpu0).Seconds(), "lines/cpu-s")
}

// BenchmarkParseAccessLine measures the pure parse+match of one line.
func BenchmarkParseAccessLine(b *testing.B) {
	rules := benchRules(b)
	p := newLineParser(rules, &Options{})
	line := []byte(`203.0.113.9 - - [01/Mar/2024:10:00:00 +0000] "GET /products/shoes?id=123&color=red HTTP/1.1" 200 5120 "https://example.com/" "` + benchAgents[0] + `"`)
	fc := &fileCtx{format: FormatAccess}
	b.ReportAllocs()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		if v := p.classify(line, fc); v.res != resOK {
			b.Fatal(v.res)
		}
		n++
	}
	b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "lines/cpu-s")
}

// BenchmarkParseFormats measures parse + match of one line per format.
func BenchmarkParseFormats(b *testing.B) {
	rules := benchRules(b)
	for _, tc := range []struct {
		f    Format
		line string
	}{
		{FormatAccess, fuzzSeeds[0]},
		{FormatSyslog, fuzzSeeds[3]},
		{FormatSyslog, fuzzSeeds[6]},
		{FormatApacheError, fuzzSeeds[7]},
		{FormatNginxError, fuzzSeeds[8]},
		{FormatFail2ban, fuzzSeeds[9]},
		{FormatCSV, "2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,probe-path,access.log"},
	} {
		b.Run(tc.f.String(), func(b *testing.B) {
			p := newLineParser(rules, &Options{})
			fc := &fileCtx{format: tc.f, ref: testNow, cols: noColumns}
			line := []byte(tc.line)
			b.ReportAllocs()
			for b.Loop() {
				if v := p.classify(line, fc); v.res != resOK {
					b.Fatal(v.res)
				}
			}
		})
	}
}

// BenchmarkClassifyGenerated runs the end-to-end benchmark's traffic (the
// loggen generator: 200,000 visitors, scanners, brute force, DoS bursts)
// through the whole classifier.
func BenchmarkClassifyGenerated(b *testing.B) {
	const n = 200_000
	var buf bytes.Buffer
	if _, err := loggen.Write(&buf, loggen.Config{Seed: 1, Lines: n}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	rules := benchRules(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	lines := 0
	cpu0 := cpuTime()
	for b.Loop() {
		c := NewClassifier(rules, Options{})
		if _, err := c.Classify(context.Background(), bytes.NewReader(data), "bench", time.Time{}, nil); err != nil {
			b.Fatal(err)
		}
		lines += n
	}
	b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(lines)/(cpuTime()-cpu0).Seconds(), "lines/cpu-s")
}

// BenchmarkMemoryPerAddress measures the heap kept per tracked address
// (live heap after a GC, divided by the addresses tracked): "browse" is
// 200,000 lines from as many addresses, each served a page; "flood" is the
// same refused (a spoofed flood: the refusals are counted per address for
// the behavioural probing detector); "held1" and
// "held2" are sshd failures from addresses that each hold one or two
// failures in a brute-force window (below maxretry, so nothing is decided
// until the window ages out).
func BenchmarkMemoryPerAddress(b *testing.B) {
	const n = 200_000
	var flood bytes.Buffer
	if _, err := loggen.SpoofedIPs(&flood, n, 1); err != nil {
		b.Fatal(err)
	}
	// The same addresses, each fetching a page it was served.
	browse := bytes.ReplaceAll(flood.Bytes(), []byte(`" 400 226 `), []byte(`" 200 226 `))
	failures := func(perAddr int) []byte {
		var auth bytes.Buffer
		for i := 0; i < n; i++ {
			ip := i / perAddr
			fmt.Fprintf(&auth, "Mar  3 10:%02d:%02d web sshd[1]: Failed password for root from 10.%d.%d.%d port 22 ssh2\n",
				i/60%60, i%60, ip>>16&255, ip>>8&255, ip&255)
		}
		return auth.Bytes()
	}
	rules := benchRules(b)
	for _, tc := range []struct {
		name string
		data []byte
	}{{"browse", browse}, {"flood", flood.Bytes()}, {"held1", failures(1)}, {"held2", failures(2)}} {
		b.Run(tc.name, func(b *testing.B) {
			var perAddr float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				c := NewClassifier(rules, Options{Now: testNow, Location: time.UTC})
				if _, err := c.Classify(context.Background(), bytes.NewReader(tc.data), "bench", time.Time{}, nil); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				perAddr = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(c.states))
				runtime.KeepAlive(c)
			}
			b.ReportMetric(perAddr, "bytes/addr")
		})
	}
}
