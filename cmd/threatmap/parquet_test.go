package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/threatmap/threatmap/located"
)

// TestParquetPipeline: shards written as Parquet merge into the single
// run's actors CSV, and every command reads Parquet where it reads CSV.
func TestParquetPipeline(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) string {
		t.Helper()
		out, stderr, err := runCmd(t, "", args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
		return out
	}
	run(append([]string{"classify", "--actors", in("actors.csv"), "-o", in("events.csv")}, shardSampleArgs...)...)
	var parts []string
	for k := 0; k < 2; k++ {
		run(append([]string{"classify", "--shard", fmt.Sprintf("%d/2", k), "--actors", in(fmt.Sprintf("actors-%d.parquet", k)),
			"-o", in(fmt.Sprintf("events-%d.parquet", k))}, shardSampleArgs...)...)
		parts = append(parts, in(fmt.Sprintf("actors-%d.parquet", k)))
	}
	for _, p := range parts {
		if b, _ := os.ReadFile(p); !located.IsParquet(b) {
			t.Fatalf("%s is not Parquet", p)
		}
	}
	run(append([]string{"merge", "-q", "-o", in("merged.csv")}, parts...)...)
	want, _ := os.ReadFile(in("actors.csv"))
	if got, _ := os.ReadFile(in("merged.csv")); !bytes.Equal(got, want) {
		t.Errorf("actors merged from Parquet differ from the single run:\n%s", got)
	}
	// Parquet out of merge, read back by merge (one part) as CSV.
	run(append([]string{"merge", "-q", "-o", in("merged.parquet")}, parts...)...)
	if got := run("merge", "-q", in("merged.parquet")); got != string(want) {
		t.Errorf("Parquet merge output read back:\n%s", got)
	}
	// Events: merged as Parquet, located as Parquet, rendered like CSV.
	run("merge", "-q", "-o", in("events.parquet"), in("events-0.parquet"), in("events-1.parquet"))
	run("locate", "-q", "-o", in("located.parquet"), in("events.parquet"))
	run("locate", "-q", "-o", in("located.csv"), in("events.csv"))
	run("render", "-q", "--width", "240", "-o", in("pq.png"), in("located.parquet"))
	run("render", "-q", "--width", "240", "-o", in("csv.png"), in("located.csv"))
	a, _ := os.ReadFile(in("pq.png"))
	b, _ := os.ReadFile(in("csv.png"))
	if !bytes.Equal(a, b) {
		t.Error("the map of the Parquet events differs from the CSV one")
	}
	// block reads an actors Parquet file as it reads the CSV.
	if p, c := run("block", "-q", in("merged.parquet")), run("block", "-q", in("actors.csv")); p != c || p == "" {
		t.Errorf("block from Parquet:\n%s\nfrom CSV:\n%s", p, c)
	}
	// Parquet on stdin.
	pq, _ := os.ReadFile(in("merged.parquet"))
	var out, errb bytes.Buffer
	if err := run2(&out, &errb, bytes.NewReader(pq), "merge", "-q", "-"); err != nil || out.String() != string(want) {
		t.Errorf("Parquet from stdin: %v\n%s", err, errb.String())
	}
}

func run2(stdout, stderr *bytes.Buffer, stdin io.Reader, args ...string) error {
	return run(context.Background(), args, &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: func(string) string { return "" }})
}
