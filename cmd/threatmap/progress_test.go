package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func TestProgressDisabledIsSilent(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 100, false, time.Millisecond)
	if _, err := io.Copy(io.Discard, p.Reader(strings.NewReader("hello"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	p.Close()
	if buf.Len() != 0 {
		t.Errorf("disabled progress wrote %q", buf.String())
	}
}

func TestProgressDrawsAndClears(t *testing.T) {
	var buf safeBuffer
	p := newProgress(&buf, 10, true, time.Millisecond)
	if _, err := io.Copy(io.Discard, p.Reader(strings.NewReader("hel\no"))); err != nil {
		t.Fatal(err)
	}
	if n := p.lines.Load(); n != 1 {
		t.Errorf("counted %d lines, want 1", n)
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(buf.String(), "50%") && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	p.Close()
	out := buf.String()
	if !strings.Contains(out, "50%") || !strings.Contains(out, "ETA") {
		t.Errorf("progress output %q lacks the percentage or the ETA", out)
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("progress did not clear its line: %q", out)
	}
}

func TestHumanBytes(t *testing.T) {
	for in, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 5 << 30: "5.0 GiB"} {
		if got := humanBytes(in); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", in, got, want)
		}
	}
}
