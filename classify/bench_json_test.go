package classify

import "testing"

// BenchmarkParseStructured measures parse + match of one line of each
// structured and wrapped format; lines/cpu-s is the figure of merit.
func BenchmarkParseStructured(b *testing.B) {
	rules := benchRules(b)
	for _, tc := range []struct{ format, line string }{
		{"caddy", jsonSeeds[0]},
		{"traefik", jsonSeeds[1]},
		{"envoy_json", jsonSeeds[2]},
		{"nginx_json", jsonSeeds[3]},
		{"cloudflare", jsonSeeds[4]},
		{"envoy", jsonSeeds[5]},
		{"docker", wrapSeeds[1]},
		{"cri", wrapSeeds[3]},
	} {
		b.Run(tc.format, func(b *testing.B) {
			p := newLineParser(rules, &Options{})
			fc := &fileCtx{format: mustFormat(b, tc.format), ref: testNow, cols: noColumns}
			line := []byte(tc.line)
			b.ReportAllocs()
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				if v := p.classify(line, fc); v.res != resOK {
					b.Fatal(v.res)
				}
				n++
			}
			b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "lines/cpu-s")
		})
	}
}
