package classify

// Wrappers: a line of any other format inside syslog, Docker's json-file
// log or a CRI (containerd, CRI-O) log. The wrapper is unwrapped and the
// inner line parsed as its own format, whose time wins over the wrapper's.

// wrapTable is the format table as wrappers see it: set at init, since
// the table itself names the wrappers.
var wrapTable []formatDef

func init() { wrapTable = formatTable[:] }

// maxWrapDepth bounds wrappers inside wrappers (syslog inside Docker).
const maxWrapDepth = 2

// parseInner parses a wrapped line as the format it looks like. The
// wrapper's time stands in for an inner line without one. It returns
// resIgnored when the inner line is of no format this package reads.
func (p *lineParser) parseInner(inner []byte, r *record, fc *fileCtx) lineResult {
	inner = trimSpace(inner)
	if len(inner) == 0 || p.depth >= maxWrapDepth {
		return resIgnored
	}
	// Every format that claims the line is tried, in table order, until
	// one reads it.
	outer, outerZoneless, first, res := r.time, r.zoneless, Format(0), resIgnored
	for i := 1; i < len(wrapTable); i++ {
		if Format(i) == FormatCSV || !wrapTable[i].detect(inner) {
			continue
		}
		if res = p.parseAs(inner, Format(i), r, fc); res < resIgnored {
			break
		}
		if first == 0 {
			first = Format(i)
		}
	}
	if res >= resIgnored && first != 0 {
		res = p.parseAs(inner, first, r, fc)
	}
	if r.time.IsZero() {
		r.time, r.zoneless = outer, outerZoneless
	}
	return res
}

func (p *lineParser) parseAs(inner []byte, f Format, r *record, fc *fileCtx) lineResult {
	r.reset()
	r.format = f
	p.depth++
	res := wrapTable[f].parse(p, inner, r, fc)
	p.depth--
	return res
}

// dockerFields are the fields of Docker's json-file log driver:
// {"log":"line\n","stream":"stdout","time":"2026-03-03T09:52:42.123456789Z"}.
var dockerFields = []jsonField{{"log", jsLog}, {"time", jsTime}}

func isDockerLine(line []byte) bool {
	return len(line) > 8 && string(line[:8]) == `{"log":"`
}

func (p *lineParser) parseDocker(line []byte, r *record, fc *fileCtx) lineResult {
	s := &p.js
	if !s.scan(line, dockerFields) || s.vals[jsLog] == nil {
		return resMalformed
	}
	if ts := s.vals[jsTime]; len(ts) > 0 {
		t, ok := p.structuredTime(ts)
		if !ok {
			return resBadTime
		}
		r.time = t
	}
	// The inner line may alias the scanner's buffer, which the inner
	// parse reuses: copy it out first.
	d := min(p.depth, maxWrapDepth)
	p.inner[d] = append(p.inner[d][:0], s.vals[jsLog]...)
	return p.parseInner(p.inner[d], r, fc)
}

// isCRILine: "2026-03-03T09:52:42.123456789Z stdout F line" (F a full
// line, P part of a longer one).
func isCRILine(line []byte) bool {
	_, rest, ok := splitCRI(line)
	return ok && len(rest) > 0
}

// splitCRI splits a CRI line into its time and the logged line.
func splitCRI(line []byte) (ts, rest []byte, ok bool) {
	if !isISOStart(line) || line[10] != 'T' {
		return nil, nil, false
	}
	ts, rest = nextToken(line)
	stream, rest := nextToken(rest)
	if string(stream) != "stdout" && string(stream) != "stderr" {
		return nil, nil, false
	}
	if len(rest) < 2 || rest[0] != 'F' && rest[0] != 'P' || rest[1] != ' ' {
		return nil, nil, false
	}
	return ts, rest[2:], true
}

func (p *lineParser) parseCRI(line []byte, r *record, fc *fileCtx) lineResult {
	ts, rest, ok := splitCRI(line)
	if !ok {
		return resMalformed
	}
	t, n := p.iso(ts)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	return p.parseInner(rest, r, fc)
}
