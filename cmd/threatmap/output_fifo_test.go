//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteAtomicFIFO: a FIFO output stays a FIFO and receives the bytes;
// the same path would, renamed over, replace a device such as /dev/null.
func TestWriteAtomicFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	if err := writeAtomic(fifo, nil, writeString("time,ip,threat\n")); err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.Equal(b, []byte("time,ip,threat\n")) {
		t.Errorf("the reader got %q", b)
	}
	fi, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the output is now %v, not a FIFO", fi.Mode())
	}
	ents, _ := os.ReadDir(filepath.Dir(fifo))
	if len(ents) != 1 {
		t.Errorf("%d files beside the FIFO; want none", len(ents)-1)
	}
}
