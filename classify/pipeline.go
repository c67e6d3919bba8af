package classify

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/threatmap/threatmap/located/column"
)

// A file is classified in two steps. Parsing and rule matching depend on
// the line alone (lineParser.classify → verdict), so a file is cut into
// chunks at line boundaries and the chunks are parsed by Options.Workers
// goroutines at once. The per-address state (DoS bins, brute-force windows,
// forgiveness, actors) is then applied to the verdicts on the calling
// goroutine, chunk after chunk in input order, so windows are exact across
// chunk boundaries and every result — events and their order, actors,
// stats — is the same whatever the number of workers.
//
// Memory in flight is bounded: at most chunksInFlight chunks (a block of
// input and the verdicts of its lines) exist per run.

// defaultChunkSize is the size of the blocks a file is cut into.
const defaultChunkSize = 256 << 10

// chunk is a block of whole lines and, once parsed, their verdicts.
type chunk struct {
	buf  []byte // backing store of data
	data []byte // whole lines; the last may lack its '\n' at the end of input

	// Filled by parseChunk.
	vs       []verdict // classified lines (resOK), in order
	counts   [numResults]int64
	ignored  [numServices]int64 // ignored lines by the service they came from
	lines    int64
	zoneless int64        // classified lines whose time had no offset
	colsIn   column.Index // CSV column state the chunk was parsed from
	colsOut  column.Index // and the state after its last line
	w3cIn    w3cIndex     // W3C "#Fields:" state, likewise
	w3cOut   w3cIndex
	done     chan struct{}
}

// splitter cuts an input into chunks at line boundaries. A line longer than
// MaxLineBytes that does not fit a block is skipped while reading and only
// counted (tooLong).
type splitter struct {
	r        io.Reader
	max      int // MaxLineBytes
	size     int // the next block's size
	maxSize  int // the size blocks grow to
	carry    []byte
	skipping bool  // inside an over-long line, discarding up to its '\n'
	tooLong  int64 // over-long lines skipped by the splitter
	err      error // the read error that ended the input (io.EOF at the end)
}

// next fills c.data with the next whole lines. It reports false at the end
// of the input.
func (s *splitter) next(c *chunk) bool {
	for {
		want := max(s.size, 2*len(s.carry))
		if cap(c.buf) < want {
			c.buf = make([]byte, want)
		}
		buf := c.buf[:cap(c.buf)]
		n := copy(buf, s.carry)
		s.carry = s.carry[:0]
		for n < len(buf) && s.err == nil {
			m, err := s.r.Read(buf[n:])
			n += m
			if err != nil {
				s.err = err
			}
		}
		s.size = min(2*s.size, s.maxSize)
		if s.skipping {
			i := bytes.IndexByte(buf[:n], '\n')
			if i < 0 {
				if s.err != nil {
					s.skipping = false
					return false
				}
				continue
			}
			s.skipping = false
			s.carry = append(s.carry, buf[i+1:n]...)
			continue
		}
		if n == 0 {
			return false
		}
		if s.err != nil {
			c.data = buf[:n]
			return true
		}
		if last := bytes.LastIndexByte(buf[:n], '\n'); last >= 0 {
			s.carry = append(s.carry, buf[last+1:n]...)
			c.data = buf[:last+1]
			return true
		}
		// One line fills the block: keep it whole while it may still be
		// short enough, skip it once it is not.
		if n > s.max {
			s.tooLong++
			s.skipping = true
			continue
		}
		s.carry = append(s.carry, buf[:n]...)
	}
}

// parseChunk parses every line of ch with p, starting from the CSV column
// state cols (the only state a line leaves for the next).
func (c *Classifier) parseChunk(p *lineParser, ch *chunk, fc fileCtx) {
	ch.vs = ch.vs[:0]
	ch.counts = [numResults]int64{}
	ch.ignored = [numServices]int64{}
	ch.lines, ch.zoneless = 0, 0
	ch.colsIn, ch.w3cIn = fc.cols, fc.w3c
	data := ch.data
	maxLen := c.opts.MaxLineBytes
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
			if i+1 > maxLen {
				ch.lines++
				ch.counts[resTooLong]++
				continue
			}
		} else {
			line, data = data, nil
			if len(line) > maxLen {
				ch.lines++
				ch.counts[resTooLong]++
				continue
			}
		}
		ch.lines++
		if len(ch.vs) == cap(ch.vs) {
			ch.vs = slices.Grow(ch.vs, 1)
		}
		ch.vs = ch.vs[:len(ch.vs)+1]
		v := &ch.vs[len(ch.vs)-1]
		p.classifyInto(line, &fc, v)
		if v.res == resOK && p.rec.zoneless {
			ch.zoneless++
		}
		if v.res != resOK {
			ch.counts[v.res]++
			if v.res == resIgnored {
				ch.ignored[v.svc]++
			}
			ch.vs = ch.vs[:len(ch.vs)-1]
		}
	}
	ch.colsOut, ch.w3cOut = fc.cols, fc.w3c
}

// applyChunk counts a parsed chunk and runs its verdicts through the
// per-address state, in order.
func (c *Classifier) applyChunk(ch *chunk, source string, fs *FileStats, emit func(Event) error) error {
	fs.Lines += ch.lines
	c.stats.Zoneless += ch.zoneless
	for r, n := range ch.counts {
		if n > 0 {
			c.countN(lineResult(r), n)
		}
	}
	c.countN(resOK, int64(len(ch.vs)))
	for s, n := range ch.ignored {
		c.ignoredBy[s] += n
	}
	c.addrs.prefetch(ch.vs)
	for i := range ch.vs {
		if err := c.apply(&ch.vs[i], source, emit); err != nil {
			return err
		}
	}
	return nil
}

// workers is the number of parsing goroutines.
func (c *Classifier) workers() int {
	if c.opts.Workers > 0 {
		return c.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// chunksInFlight bounds the chunks of one run: each worker's, and as many
// again read ahead or waiting to be applied.
func chunksInFlight(workers int) int { return 2*workers + 2 }

// run classifies the chunks s yields, in parallel when there is more than
// one chunk and more than one worker.
func (c *Classifier) run(ctx context.Context, s *splitter, fc fileCtx, source string, fs *FileStats, emit func(Event) error) error {
	nw := c.workers()
	if len(c.chunks) == 0 {
		c.chunks = append(c.chunks, &chunk{done: make(chan struct{}, 1)})
	}
	first := c.chunks[0]
	if !s.next(first) {
		return nil
	}
	if nw <= 1 || s.err != nil {
		// Sequential: one chunk at a time on this goroutine.
		cols, w3c := fc.cols, fc.w3c
		for ok := true; ok; ok = s.next(first) {
			if err := ctx.Err(); err != nil {
				return err
			}
			fc.cols, fc.w3c = cols, w3c
			c.parseChunk(c.parser, first, fc)
			cols, w3c = first.colsOut, first.w3cOut
			if err := c.applyChunk(first, source, fs, emit); err != nil {
				return err
			}
		}
		return nil
	}
	return c.runParallel(ctx, s, first, nw, fc, source, fs, emit)
}

func (c *Classifier) runParallel(ctx context.Context, s *splitter, first *chunk, nw int, fc fileCtx, source string, fs *FileStats, emit func(Event) error) error {
	n := chunksInFlight(nw)
	for len(c.chunks) < n {
		c.chunks = append(c.chunks, &chunk{done: make(chan struct{}, 1)})
	}
	for len(c.parsers) < nw {
		c.parsers = append(c.parsers, newLineParser(c.rules, &c.opts))
	}
	free := make(chan *chunk, n)
	for _, ch := range c.chunks[1:n] {
		free <- ch
	}
	work := make(chan *chunk, n)
	order := make(chan *chunk, n)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1 + nw)
	go func() { // the reader
		defer wg.Done()
		defer close(order)
		defer close(work)
		work <- first
		order <- first
		for {
			var ch *chunk
			select {
			case ch = <-free:
			case <-stop:
				return
			}
			if !s.next(ch) {
				return
			}
			work <- ch
			order <- ch
		}
	}()
	for i := 0; i < nw; i++ {
		go func(p *lineParser) {
			defer wg.Done()
			for ch := range work {
				c.parseChunk(p, ch, fc)
				ch.done <- struct{}{}
			}
		}(c.parsers[i])
	}
	// Apply in input order. Every chunk was parsed from the file's initial
	// CSV column state; one that should have started from another (a
	// header with other columns earlier in the file) is parsed again here.
	cols, w3c := fc.cols, fc.w3c
	var err error
	for ch := range order {
		<-ch.done
		if err == nil {
			if err = ctx.Err(); err == nil {
				if ch.colsIn != cols || ch.w3cIn != w3c {
					fc2 := fc
					fc2.cols, fc2.w3c = cols, w3c
					c.parseChunk(c.parser, ch, fc2)
				}
				cols, w3c = ch.colsOut, ch.w3cOut
				err = c.applyChunk(ch, source, fs, emit)
			}
			if err != nil {
				close(stop) // and drain what is in flight
			}
		}
		free <- ch
	}
	wg.Wait()
	return err
}

// initialColumns returns the CSV column state a file starts from: its
// header's when the first line is one, so that the chunks after it need
// not wait for it.
func initialColumns(br *bufio.Reader) column.Index {
	cols := noColumns
	buf, _ := br.Peek(4 << 10)
	if i := bytes.IndexByte(buf, '\n'); i >= 0 {
		buf = buf[:i]
	}
	if c, ok := headerColumns(splitCSVLine(trimSpace(buf), nil)); ok {
		cols = c
	}
	return cols
}
