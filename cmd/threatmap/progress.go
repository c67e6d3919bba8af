package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws a one-line progress bar on a terminal: bytes and lines per
// second and an ETA from the total input size. It is silent unless enabled
// (stderr is a terminal and --quiet is off), and it draws nothing for runs
// shorter than its first tick, so quick runs stay clean.
type progress struct {
	w       io.Writer
	total   int64 // bytes expected; 0 when unknown (stdin)
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

// Reader wraps r so that bytes and lines read through it advance the bar.
func (p *progress) Reader(r io.Reader) io.Reader {
	if !p.enabled {
		return r
	}
	return &countingReader{r: r, n: &p.bytes, lines: &p.lines}
}

// Close stops drawing and clears the bar.
func (p *progress) Close() {
	if !p.enabled {
		return
	}
	close(p.stop)
	p.done.Wait()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 79))
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
		const width = 24
		n := int(frac * width)
		eta := "?"
		if b > 0 {
			eta = (time.Duration(el*(1-frac)/frac) * time.Second).Round(time.Second).String()
		}
		line = fmt.Sprintf("[%s%s] %3.0f%%  %s  ETA %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, line, eta)
	}
	if len(line) > 79 {
		line = line[:79]
	}
	fmt.Fprintf(p.w, "\r%-79s", line)
	p.drawn = true
}

type countingReader struct {
	r     io.Reader
	n     *atomic.Int64
	lines *atomic.Int64
}

// Read counts the bytes and the newlines that pass (bytes.Count runs at
// memory speed, far faster than the classifier reads).
func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	c.lines.Add(int64(bytes.Count(b[:n], []byte{'\n'})))
	return n, err
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
