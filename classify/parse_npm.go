package classify

import "bytes"

// Nginx Proxy Manager's access logs (data/logs/proxy-host-N_access.log),
// its "proxy" and "standard" formats; the client follows "[Client":
//
//	[27/Nov/2026:10:00:00 +0000] - 200 200 - GET https shop.example "/wp-login.php" [Client 203.0.113.9] [Length 14908] [Gzip -] [Sent-to 172.18.0.1] "Mozilla/5.0 …" "-"
//	[27/Nov/2026:10:00:00 +0000] 404 - GET http shop.example "/.env" [Client 203.0.113.9] [Length 150] [Gzip -] "curl/8.5" "-"
func isNPMLine(line []byte) bool {
	return len(line) > 40 && line[0] == '[' && line[3] == '/' && line[7] == '/' && containsString(line, "\" [Client ")
}

func (p *lineParser) parseNPM(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHTTP
	rb := indexByte(line, ']')
	if rb < 0 || line[0] != '[' {
		return resMalformed
	}
	t, ok := p.accessTime(line[1:rb])
	if !ok {
		return resBadTime
	}
	r.time = t
	// The cache status and the statuses, up to a "-" after a number: the
	// last number is the status the client got.
	rest := line[rb+1:]
	var prev []byte
	for {
		var tok []byte
		tok, rest = nextToken(rest)
		if len(tok) == 0 {
			return resMalformed
		}
		if len(tok) == 1 && tok[0] == '-' && len(prev) > 0 && allDigits(prev) {
			break
		}
		prev = tok
	}
	r.status, _ = atoi(prev)
	method, rest := nextToken(rest)
	_, rest = nextToken(rest) // scheme
	host, rest := nextToken(rest)
	target, rest, ok := quoted(skipSpaces(rest))
	if !ok {
		return resMalformed
	}
	v, ok := after(rest, "[Client ")
	if !ok {
		return resMalformed
	}
	a, ok := parseAddr(upTo(v, ']'))
	if !ok {
		return resMalformed
	}
	r.peer, r.src, r.host = a, a, host
	p.reqBuf = append(append(append(p.reqBuf[:0], method...), ' '), target...)
	p.parseRequest(p.reqBuf, r)
	// The agent and the referer are the two quoted fields after the
	// bracketed ones.
	if q := bytes.LastIndex(v, []byte("] \"")); q >= 0 {
		if agent, tail, ok := quoted(v[q+2:]); ok {
			r.hasAgent = true
			if !(len(agent) == 1 && agent[0] == '-') {
				r.agent = agent
			}
			if ref, _, ok := quoted(skipSpaces(tail)); ok && !(len(ref) == 1 && ref[0] == '-') {
				r.referer = ref
			}
		}
	}
	return resOK
}
