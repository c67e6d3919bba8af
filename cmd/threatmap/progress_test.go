package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
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
	if _, err := io.Copy(io.Discard, p.Reader(p.Stored(strings.NewReader("hel\no")))); err != nil {
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

// TestProgressCountsStoredBytes reads a .gz and a plain file as a run
// does: the bytes counted are the sizes on disk, so the bar reaches 100%
// at the end and not halfway, and the line fits the terminal's width.
func TestProgressCountsStoredBytes(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "access.log")
	os.WriteFile(plain, []byte(strings.Repeat(cliLog, 50)), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat(cliLog, 500)))
	zw.Close()
	packed := filepath.Join(dir, "access.log.1.gz")
	os.WriteFile(packed, gz.Bytes(), 0o644)
	paths := []string{packed, plain}

	var buf safeBuffer
	p := newProgress(&buf, inputSize(paths), true, time.Hour)
	p.width = 39
	for _, path := range paths {
		rc, _, err := classify.OpenInputCounted(path, nil, p.Stored)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, p.Reader(rc))
		rc.Close()
	}
	if got, want := p.bytes.Load(), inputSize(paths); got != want {
		t.Errorf("counted %d bytes; the files hold %d", got, want)
	}
	if got, want := p.lines.Load(), int64(550*strings.Count(cliLog, "\n")); got != want {
		t.Errorf("counted %d lines; want %d", got, want)
	}
	p.draw()
	p.Close()
	for _, line := range strings.Split(buf.String(), "\r") {
		if len(line) > 39 {
			t.Errorf("line of %d columns on a 40-column terminal: %q", len(line), line)
		}
	}
	if !strings.Contains(buf.String(), "100%") {
		t.Errorf("progress %q", buf.String())
	}
}

func TestTerminalWidthFromColumns(t *testing.T) {
	t.Setenv("COLUMNS", "52")
	if w := terminalWidth(io.Discard); w != 52 {
		t.Errorf("width %d; want 52 from $COLUMNS", w)
	}
}
