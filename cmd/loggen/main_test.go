package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestRunWritesFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"access.log", "access.log.gz"} {
		path := filepath.Join(dir, name)
		var stderr bytes.Buffer
		if err := run(context.Background(), []string{"-n", "5000", "-seed", "3", "-o", path}, io.Discard, &stderr); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, stderr.String())
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(name) == ".gz" {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if n := bytes.Count(data, []byte{'\n'}); n != 5000 {
			t.Errorf("%s: %d lines", name, n)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the output directory, want 2 (a temporary file left?)", len(entries))
	}
}

func TestRunCancelledLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(dir, "access.log")
	if err := run(ctx, []string{"-n", "5000000", "-q", "-o", path}, io.Discard, io.Discard); err == nil {
		t.Fatal("no error from a cancelled run")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled run left %d files", len(entries))
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"-n", "x"}, {"extra"}, {"-start", "yesterday"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
