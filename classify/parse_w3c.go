package classify

import (
	"bufio"
	"bytes"
)

// w3cIndex is the position (plus one; 0: absent) of each field this
// package reads in a W3C extended log's "#Fields:" directive. It is the
// per-file state of the format, carried from line to line in fileCtx.
type w3cIndex [numW3CFields]uint8

const (
	w3cDate = iota
	w3cTime
	w3cClient
	w3cMethod
	w3cStem
	w3cQuery
	w3cStatus
	w3cAgent
	w3cHost
	w3cForwarded
	numW3CFields
)

// w3cNames map the "#Fields:" names to the fields read.
var w3cNames = [...]struct {
	name  string
	field int
}{
	{"date", w3cDate}, {"time", w3cTime}, {"c-ip", w3cClient}, {"cs-method", w3cMethod},
	{"cs-uri-stem", w3cStem}, {"cs-uri-query", w3cQuery}, {"sc-status", w3cStatus},
	{"cs(user-agent)", w3cAgent}, {"cs-host", w3cHost}, {"x-forwarded-for", w3cForwarded},
	{"cs(x-forwarded-for)", w3cForwarded}, {"cs(host)", w3cHost},
}

// w3cDefault is IIS's default field set, for lines read before (or
// without) a "#Fields:" directive.
var w3cDefault = parseW3CFields([]byte("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"))

func parseW3CFields(b []byte) w3cIndex {
	var x w3cIndex
	for pos := 1; len(b) > 0 && pos < 256; pos++ {
		var tok []byte
		tok, b = nextToken(b)
		for _, n := range w3cNames {
			if len(tok) == len(n.name) && bytes.EqualFold(tok, []byte(n.name)) && x[n.field] == 0 {
				x[n.field] = uint8(pos)
			}
		}
	}
	return x
}

// isW3CLine: the directives that open a W3C extended log (IIS, Exchange,
// CloudFront's standard logs): "#Software: Microsoft Internet Information Services 10.0",
// "#Version: 1.0", "#Date: …", "#Fields: date time …".
func isW3CLine(line []byte) bool {
	return len(line) > 6 && line[0] == '#' && (hasPrefixString(line, "#Fields: ") || hasPrefixString(line, "#Software: ") ||
		hasPrefixString(line, "#Version: ") || hasPrefixString(line, "#Date: "))
}

// initialW3C returns the fields of the "#Fields:" directive at the head of
// a file, so that chunks read in parallel start from it.
func initialW3C(br *bufio.Reader) w3cIndex {
	buf, _ := br.Peek(4 << 10)
	for i := 0; i < 8 && len(buf) > 0 && buf[0] == '#'; i++ {
		line := buf
		if j := bytes.IndexByte(buf, '\n'); j >= 0 {
			line, buf = buf[:j], buf[j+1:]
		} else {
			buf = nil
		}
		if hasPrefixString(line, "#Fields: ") {
			return parseW3CFields(trimSpace(line[len("#Fields: "):]))
		}
	}
	return w3cIndex{}
}

// parseW3C reads a W3C extended log line through the file's "#Fields:"
// directive (IIS's default fields until one is seen). Values are
// space-separated, "-" when empty, with '+' for the spaces of the user
// agent; times are UTC.
func (p *lineParser) parseW3C(line []byte, r *record, fc *fileCtx) lineResult {
	if line[0] == '#' {
		if hasPrefixString(line, "#Fields: ") {
			fc.w3c = parseW3CFields(trimSpace(line[len("#Fields: "):]))
		}
		return resIgnored
	}
	x := &fc.w3c
	if *x == (w3cIndex{}) {
		x = &w3cDefault
	}
	var vals [64][]byte
	n := 0
	// IIS separates fields with spaces (and writes a space in a field as
	// "+"); CloudFront with tabs.
	tabs := indexByte(line, '\t') >= 0
	for b := line; len(b) > 0 && n < len(vals); n++ {
		if !tabs {
			vals[n], b = nextToken(b)
		} else if i := indexByte(b, '\t'); i >= 0 {
			vals[n], b = b[:i], b[i+1:]
		} else {
			vals[n], b = b, nil
		}
	}
	get := func(f int) []byte {
		if i := int(x[f]); i > 0 && i <= n && !(len(vals[i-1]) == 1 && vals[i-1][0] == '-') {
			return vals[i-1]
		}
		return nil
	}
	var v jsonValues
	v[jsPeer], v[jsMethod], v[jsTarget], v[jsQuery] = get(w3cClient), get(w3cMethod), get(w3cStem), get(w3cQuery)
	v[jsStatus], v[jsHost], v[jsForwarded] = get(w3cStatus), get(w3cHost), get(w3cForwarded)
	d, t := get(w3cDate), get(w3cTime)
	if len(d) != 10 || len(t) < 8 {
		return resBadTime
	}
	buf := append(append(append(append(p.js.buf[:0], d...), ' '), t...), 'Z')
	v[jsTime] = buf
	if a := get(w3cAgent); a != nil {
		start := len(buf)
		for i := 0; i < len(a); i++ {
			c := a[i]
			switch {
			case c == '+':
				c = ' '
			case c == '%' && i+2 < len(a):
				// CloudFront percent-encodes the agent, once or
				// (newer logs) twice: "%20", "%2520".
				if a[i+1] == '2' && a[i+2] == '5' && i+4 < len(a) {
					i += 2
				}
				hi, ok1 := unhex(a[i+1])
				lo, ok2 := unhex(a[i+2])
				if ok1 && ok2 {
					c = hi<<4 | lo
					i += 2
				}
			}
			buf = append(buf, c)
		}
		v[jsAgent] = buf[start:]
	} else if x[w3cAgent] > 0 {
		v[jsAgent] = []byte{'-'}
	}
	p.js.buf = buf
	return p.fillAccess(r, &v)
}
