package classify

// acMatcher finds many literals in one pass (Aho–Corasick compiled to a
// DFA). Matching is ASCII case-insensitive. Bytes that occur in no pattern
// share one class, which keeps the transition table small.
type acMatcher struct {
	class  [256]uint8
	nclass int
	// delta[s*nclass + class] is the next state, pre-multiplied by nclass,
	// with outFlag set when the state ends a literal: one load per byte.
	delta []uint32
	outAt []uint32 // outputs of state s are outs[outAt[s]:outAt[s+1]]
	outs  []int32  // entry indices
}

const outFlag = 1 << 31

// acEntry is one literal of a condition; several entries may share a literal.
type acEntry struct {
	lit  string // lower-case
	kind patKind
	cond int32 // condition bit
	rule int32 // rule bit
}

type patKind uint8

const (
	patContains patKind = iota
	patPrefix
	patSuffix
	patEquals
	patPathContains // contains, but within the path part of a target
	patQueryContains
)

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

// newACMatcher builds the automaton; entries must have non-empty literals.
func newACMatcher(entries []acEntry) *acMatcher {
	m := &acMatcher{}
	if len(entries) == 0 {
		return nil
	}
	m.nclass = 1
	for _, e := range entries {
		for i := 0; i < len(e.lit); i++ {
			c := lower(e.lit[i])
			if m.class[c] == 0 {
				if m.nclass == 255 {
					continue // (never: at most 230 distinct lower-cased bytes)
				}
				m.class[c] = uint8(m.nclass)
				if c >= 'a' && c <= 'z' {
					m.class[c-32] = uint8(m.nclass)
				}
				m.nclass++
			}
		}
	}
	nc := m.nclass
	// The trie's edges are written straight into the transition table,
	// made at its largest size at once (a state per literal byte): an edge
	// never leads back to the root, so 0 in a row not yet completed is no
	// edge.
	maxStates := 1
	for _, e := range entries {
		maxStates += len(e.lit)
	}
	delta := make([]uint32, maxStates*nc)
	own := make([][]int32, 1, maxStates)
	for ei, e := range entries {
		s := uint32(0)
		for i := 0; i < len(e.lit); i++ {
			c := m.class[lower(e.lit[i])]
			nx := delta[int(s)*nc+int(c)]
			if nx == 0 {
				nx = uint32(len(own))
				own = append(own, nil)
				delta[int(s)*nc+int(c)] = nx
			}
			s = nx
		}
		own[s] = append(own[s], int32(ei))
	}
	n := len(own)
	m.delta = delta[:n*nc]
	// Complete the rows breadth first: a state's failure state is
	// shallower, so its row is complete when the state's is completed.
	fail := make([]uint32, n)
	outs := make([][]int32, n)
	queue := make([]uint32, 0, n)
	for c := 0; c < nc; c++ {
		if nx := m.delta[c]; nx != 0 {
			queue = append(queue, nx) // its failure state is the root
		}
	}
	outs[0] = own[0]
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := int(fail[s]) * nc
		outs[s] = append(append([]int32(nil), own[s]...), outs[fail[s]]...)
		row := m.delta[int(s)*nc : int(s)*nc+nc]
		for c, nx := range row {
			if nx != 0 {
				fail[nx] = m.delta[f+c]
				queue = append(queue, nx)
			} else {
				row[c] = m.delta[f+c]
			}
		}
	}
	m.outAt = make([]uint32, n+1)
	for s := 0; s < n; s++ {
		m.outAt[s] = uint32(len(m.outs))
		m.outs = append(m.outs, outs[s]...)
	}
	m.outAt[n] = uint32(len(m.outs))
	for i, nx := range m.delta {
		v := nx * uint32(nc)
		if len(outs[nx]) > 0 {
			v |= outFlag
		}
		m.delta[i] = v
	}
	return m
}

// scan runs text through the automaton and sets in h the condition and rule
// of every entry whose literal occurs where its kind wants it. pathEnd is
// the length of the path part of a target (len(text) for other fields). When
// record is not nil, the entries hit are appended to it as well.
func (m *acMatcher) scan(text []byte, h *hits, entries []acEntry, pathEnd int, record *[]int32) {
	if m == nil {
		return
	}
	s := uint32(0)
	nc := uint32(m.nclass)
	delta, class := m.delta, &m.class
	for i := 0; i < len(text); i++ {
		s = delta[s+uint32(class[text[i]])]
		if s&outFlag != 0 {
			s &^= outFlag
			st := s / nc
			for _, ei := range m.outs[m.outAt[st]:m.outAt[st+1]] {
				e := &entries[ei]
				end := i + 1
				start := end - len(e.lit)
				switch e.kind {
				case patPrefix:
					if start != 0 || end > pathEnd {
						continue
					}
				case patSuffix:
					if end != pathEnd {
						continue
					}
				case patEquals:
					if start != 0 || end != pathEnd {
						continue
					}
				case patPathContains:
					if end > pathEnd {
						continue
					}
				case patQueryContains:
					if start <= pathEnd {
						continue
					}
				}
				h.set(e.cond, e.rule)
				if record != nil {
					*record = append(*record, ei)
				}
			}
		}
	}
}

// hits are the conditions and rules a line's literals satisfied.
type hits struct {
	conds []uint64
	rules []uint64
}

func (h *hits) set(cond, rule int32) {
	h.conds[cond>>6] |= 1 << (uint(cond) & 63)
	h.rules[rule>>6] |= 1 << (uint(rule) & 63)
}

func (h *hits) has(cond int32) bool { return h.conds[cond>>6]&(1<<(uint(cond)&63)) != 0 }

// clear empties the sets. They are a few words each, cleared word by word:
// the runtime's clear of a slice costs a call more than that.
func (h *hits) clear() {
	for i := 0; i < len(h.conds); i++ {
		h.conds[i] = 0
	}
	for i := 0; i < len(h.rules); i++ {
		h.rules[i] = 0
	}
}
