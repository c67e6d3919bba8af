package loggen

import (
	"io"
	"testing"
)

func BenchmarkWrite(b *testing.B) {
	const lines = 1_000_000
	var st Stats
	b.ReportAllocs()
	for b.Loop() {
		var err error
		st, err = Write(io.Discard, Config{Seed: 1, Lines: lines})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(st.Bytes)
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mlines/s")
}

func BenchmarkNewGen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newGen(io.Discard, Config{Seed: 1, Lines: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
