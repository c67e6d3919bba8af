package located

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/threatmap/threatmap/located/column"
)

// RowReader reads rows one at a time, io.EOF at the end: a *Reader (CSV),
// a Parquet reader, a *Merger. Header names the columns, nil before the
// first Read.
type RowReader interface {
	Read() (Row, error)
	Header() []string
}

// RowWriter writes rows: a *Writer (CSV) or a *ParquetWriter. Flush ends
// the file.
type RowWriter interface {
	Write(r *Row) error // r is not kept: the caller may reuse it
	Flush() error
}

// ErrOverlap is the error of a merge of actors whose parts hold the same
// address: they are not disjoint shards.
var ErrOverlap = errors.New("the same address in two parts: the parts are not disjoint shards")

// ErrUnsorted is the error of a merge of actors whose part is not in the
// order a run writes them (classify.SortActors).
var ErrUnsorted = errors.New("actors not in the order threatmap writes them (score, risk, events descending, then address)")

// Merger reads several parts as one, in order, holding one row per part:
//
//   - actors (a score column, no time): in the single run's order, score,
//     category and events descending, then address ascending
//     (classify.SortActors). Each part must be in that order (as threatmap
//     writes it) and no address may be in two parts (ErrOverlap); since
//     an actor is one address's whole history, the actors of disjoint
//     shards merge into exactly the actors of one run over everything.
//     Remembering the addresses seen costs memory per address.
//   - rows with a time column (events, located events): by time, a k-way
//     merge; rows of equal time keep the order of the parts. A row without
//     a time stays after its part's previous row.
//   - anything else (bare lat,lon points): the parts one after the other.
//
// The parts must have the same header. A record a part cannot read is
// counted in Skipped and left out.
type Merger struct {
	names   []string
	parts   []*mergePart
	header  []string
	order   mergeOrder
	h       mergeHeap
	seen    map[[16]byte]int32 // actors: the part of each address
	started bool
	// Skipped counts the records left out because a part could not read
	// them; Err is the last such error.
	Skipped int
	Err     error
}

type mergeOrder uint8

const (
	concatOrder mergeOrder = iota
	timeOrder
	actorOrder
)

type mergePart struct {
	i    int
	r    RowReader
	row  Row
	key  time.Time // timeOrder: the row's time, or the part's previous one
	line int
	done bool
}

// NewMerger returns a merger of parts; names name them in errors (paths).
func NewMerger(names []string, parts []RowReader) *Merger {
	m := &Merger{names: names}
	for i, r := range parts {
		m.parts = append(m.parts, &mergePart{i: i, r: r})
	}
	return m
}

// Header returns the parts' header; nil before the first Read.
func (m *Merger) Header() []string { return m.header }

// Read returns the next row in merged order, io.EOF at the end. An error
// other than a part's *ParseError (counted in Skipped) ends the merge.
func (m *Merger) Read() (Row, error) {
	if !m.started {
		if err := m.start(); err != nil {
			return Row{}, err
		}
	}
	if len(m.h.parts) == 0 {
		return Row{}, io.EOF
	}
	p := m.h.parts[0]
	row := p.row
	if err := m.advance(p); err != nil {
		return Row{}, err
	}
	if p.done {
		heap.Pop(&m.h)
	} else {
		heap.Fix(&m.h, 0)
	}
	return row, nil
}

// start reads the first row of every part and checks the headers.
func (m *Merger) start() error {
	m.started = true
	for _, p := range m.parts {
		if err := m.advance(p); err != nil {
			return err
		}
		h := p.r.Header()
		if h == nil {
			continue
		}
		if m.header == nil {
			m.header = h
			m.order = orderOf(h)
		} else if !slices.Equal(h, m.header) {
			return fmt.Errorf("located: merge: %s has the columns %v, %s has %v", m.names[p.i], h, m.names[0], m.header)
		}
	}
	if m.order == actorOrder {
		m.seen = map[[16]byte]int32{}
		for _, p := range m.parts {
			if !p.done {
				if err := m.remember(p); err != nil {
					return err
				}
			}
		}
	}
	m.h = mergeHeap{order: m.order}
	for _, p := range m.parts {
		if !p.done {
			m.h.parts = append(m.h.parts, p)
		}
	}
	heap.Init(&m.h)
	return nil
}

func orderOf(header []string) mergeOrder {
	cols := column.Find(header)
	switch {
	case cols.Has(column.Time):
		return timeOrder
	case cols.Has(column.IP) && cols.Has(column.Score):
		return actorOrder
	}
	return concatOrder
}

// advance reads p's next row, skipping what the part cannot read.
func (m *Merger) advance(p *mergePart) error {
	prev, prevKey := p.row, p.key
	for {
		row, err := p.r.Read()
		if err == io.EOF {
			p.done, p.row = true, Row{}
			return nil
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			m.Skipped++
			m.Err = fmt.Errorf("%s: %w", m.names[p.i], err)
			continue
		}
		if err != nil {
			return fmt.Errorf("located: merge: %s: %w", m.names[p.i], err)
		}
		p.line++
		p.row, p.key = row, row.Time
		if row.Time.IsZero() {
			p.key = prevKey
		}
		if m.seen == nil || p.line == 1 {
			return nil
		}
		if compareActors(&row, &prev) < 0 {
			return fmt.Errorf("located: merge: %s, row %d (%s): %w", m.names[p.i], p.line, row.IP, ErrUnsorted)
		}
		return m.remember(p)
	}
}

// remember records p's current address, refusing one another part holds.
func (m *Merger) remember(p *mergePart) error {
	if !p.row.IP.IsValid() {
		return nil
	}
	k := p.row.IP.Unmap().As16()
	if q, ok := m.seen[k]; ok && int(q) != p.i {
		return fmt.Errorf("located: merge: %s is in %s and %s: %w", p.row.IP, m.names[q], m.names[p.i], ErrOverlap)
	}
	m.seen[k] = int32(p.i)
	return nil
}

// compareActors orders actor rows as classify.SortActors orders actors.
func compareActors(a, b *Row) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Category, a.Category); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Events, a.Events); c != 0 {
		return c
	}
	return a.IP.Compare(b.IP)
}

// mergeHeap holds the parts with a row, the next row's part first.
type mergeHeap struct {
	order mergeOrder
	parts []*mergePart
}

func (h *mergeHeap) Len() int      { return len(h.parts) }
func (h *mergeHeap) Swap(i, j int) { h.parts[i], h.parts[j] = h.parts[j], h.parts[i] }
func (h *mergeHeap) Push(x any)    { h.parts = append(h.parts, x.(*mergePart)) }
func (h *mergeHeap) Pop() any {
	p := h.parts[len(h.parts)-1]
	h.parts = h.parts[:len(h.parts)-1]
	return p
}

func (h *mergeHeap) Less(i, j int) bool {
	a, b := h.parts[i], h.parts[j]
	c := 0
	switch h.order {
	case timeOrder:
		c = a.key.Compare(b.key)
	case actorOrder:
		c = compareActors(&a.row, &b.row)
	}
	if c != 0 {
		return c < 0
	}
	return a.i < b.i
}
