package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws a one-line progress bar on a terminal: bytes and lines per
// second and an ETA from the total input size. Bytes are counted as stored
// (compressed, for .gz), the unit of the total; lines as read. It is silent
// unless enabled (stderr is a terminal and --quiet is off), it draws
// nothing for runs shorter than its first tick, so quick runs stay clean,
// and its line fits the terminal's width, so it never wraps.
type progress struct {
	w       io.Writer
	total   int64 // bytes expected; 0 when unknown (stdin)
	width   int   // columns of the line, the last one left free
	bytes   atomic.Int64
	lines   atomic.Int64
	start   time.Time
	stop    chan struct{}
	done    sync.WaitGroup
	drawn   bool
	enabled bool
}

// newProgress starts drawing to w every interval when enabled.
func newProgress(w io.Writer, total int64, enabled bool, interval time.Duration) *progress {
	p := &progress{w: w, total: total, start: time.Now(), stop: make(chan struct{}), enabled: enabled}
	if !enabled {
		return p
	}
	p.width = terminalWidth(w) - 1
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
	return p
}

// Stored wraps an input as stored (before decompression) so that the bytes
// read through it advance the bar.
func (p *progress) Stored(r io.Reader) io.Reader {
	if !p.enabled {
		return r
	}
	return &countingReader{r: r, n: &p.bytes}
}

// Reader wraps an input as read (decompressed) so that its lines are
// counted.
func (p *progress) Reader(r io.Reader) io.Reader {
	if !p.enabled {
		return r
	}
	return &countingReader{r: r, lines: &p.lines}
}

// Close stops drawing and clears the bar.
func (p *progress) Close() {
	if !p.enabled {
		return
	}
	close(p.stop)
	p.done.Wait()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	}
}

func (p *progress) draw() {
	el := time.Since(p.start).Seconds()
	if el <= 0 {
		return
	}
	b, l := p.bytes.Load(), p.lines.Load()
	line := fmt.Sprintf("%s  %s/s  %s lines/s", humanBytes(b), humanBytes(int64(float64(b)/el)), humanCount(float64(l)/el))
	if p.total > 0 {
		frac := float64(b) / float64(p.total)
		if frac > 1 {
			frac = 1
		}
		width := min(24, max(p.width-50, 5))
		n := int(frac * float64(width))
		eta := "?"
		if b > 0 {
			eta = (time.Duration(el*(1-frac)/frac) * time.Second).Round(time.Second).String()
		}
		line = fmt.Sprintf("[%s%s] %3.0f%%  %s  ETA %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, line, eta)
	}
	if len(line) > p.width {
		line = line[:p.width]
	}
	fmt.Fprintf(p.w, "\r%-*s", p.width, line)
	p.drawn = true
}

// countingReader counts the bytes (when n is set) or the newlines (when
// lines is set) that pass; bytes.Count runs at memory speed, far faster
// than the classifier reads.
type countingReader struct {
	r     io.Reader
	n     *atomic.Int64
	lines *atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	if c.lines != nil {
		c.lines.Add(int64(bytes.Count(b[:n], []byte{'\n'})))
	}
	return n, err
}

// terminalWidth is the width in columns of the terminal w writes to: from
// the terminal itself, else $COLUMNS, else 80.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if n, ok := terminalColumns(f); ok && n > 0 {
			return n
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func humanCount(f float64) string {
	switch {
	case f >= 1e6:
		return fmt.Sprintf("%.1fM", f/1e6)
	case f >= 1e3:
		return fmt.Sprintf("%.1fk", f/1e3)
	}
	return fmt.Sprintf("%.0f", f)
}

// inputSize is the total size of the regular files among paths, for the
// progress bar's ETA; stdin and unreadable paths count 0.
func inputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			n += st.Size()
		}
	}
	return n
}
