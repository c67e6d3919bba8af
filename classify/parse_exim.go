package classify

import "time"

// isEximLine: "2021-03-03 09:52:42 …" (a space between date and time) that
// no row above claimed: exim's main log has no program tag.
func isEximLine(line []byte) bool {
	return isISOStart(line) && line[10] == ' '
}

// parseExim reads a line of exim's main log:
//
//	2021-03-03 09:52:42 [1234] 1abc-000-XX H=(helo) [A] rejected EHLO or HELO helo: …
//	2021-03-03 09:52:42.123 +0100 login authenticator failed for (helo) [A]: 535 … (set_id=U)
//
// with the pid, the zone and the message id each optional.
func (p *lineParser) parseExim(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcExim
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	b := skipSpaces(line[n:])
	if len(b) > 5 && (b[0] == '+' || b[0] == '-') && allDigits(b[1:5]) {
		// log_timezone: the wall clock is in the zone written after it.
		if off, k := parseOffset(b); k > 0 {
			wall, _ := parseISO(line, nil)
			r.time = wall.Add(-time.Duration(off) * time.Second)
			b = skipSpaces(b[k:])
		}
	}
	if len(b) > 0 && b[0] == '[' {
		if e := indexByte(b, ']'); e > 0 && allDigits(b[1:e]) {
			b = skipSpaces(b[e+1:])
		}
	}
	if tok, rest := nextToken(b); isEximID(tok) {
		b = rest
	}
	r.message = b
	return parseEximMessage(b, r)
}

// isEximID reports whether tok is a message id: 1abcDE-000Fgh-Ij or
// 1abcDE-000000000Fgh-IjKL.
func isEximID(tok []byte) bool {
	if len(tok) != 16 && len(tok) != 23 {
		return false
	}
	return tok[6] == '-' && tok[len(tok)-3] == '-' || tok[6] == '-' && tok[len(tok)-5] == '-'
}
