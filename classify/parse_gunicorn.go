package classify

import (
	"bytes"
	"time"
)

// isGunicornErrorLine: "[2021-03-03 09:52:41 +0000] [1] [INFO] …", a line
// of gunicorn's error log.
func isGunicornErrorLine(line []byte) bool {
	return len(line) >= 28 && line[0] == '[' && line[1] >= '0' && line[1] <= '9' &&
		line[5] == '-' && line[8] == '-' && line[11] == ' ' && line[14] == ':' && line[26] == ']'
}

// parseGunicornError reads the lines of gunicorn's error log, which a
// gunicorn logging both to one stream (--access-logfile - --error-logfile
// -) mixes into its access log (the access lines in such a file are read
// as the access format):
//
//	[2021-03-03 09:52:41 +0000] [1] [INFO] Starting gunicorn 20.1.0
//	[2021-03-03 09:52:50 +0000] [8] [WARNING] Invalid request from ip=203.0.113.9: Invalid HTTP request line: '\x16\x03\x01'
//
// An invalid request names its client and has no access line of its own:
// bytes that were not HTTP (a TLS hello on a plain port, a scanner's
// probe), read as a non-HTTP request. Every other gunicorn line is
// recognised and ignored; a line of neither shape is malformed.
func (p *lineParser) parseGunicornError(line []byte, r *record, _ *fileCtx) lineResult {
	if !isGunicornErrorLine(line) {
		return resMalformed
	}
	t, err := time.Parse("2006-01-02 15:04:05 -0700", string(line[1:26]))
	if err != nil {
		return resBadTime
	}
	rest := line[27:]
	for range 2 { // [pid] [LEVEL]
		rest = skipSpaces(rest)
		if len(rest) == 0 || rest[0] != '[' {
			return resMalformed
		}
		e := indexByte(rest, ']')
		if e < 0 {
			return resMalformed
		}
		rest = rest[e+1:]
	}
	msg, ok := bytes.CutPrefix(skipSpaces(rest), []byte("Invalid request from ip="))
	if !ok {
		return resIgnored
	}
	ip, _, ok := bytes.Cut(msg, []byte(": "))
	a, valid := parseAddr(ip)
	if !ok || !valid {
		return resIgnored
	}
	r.service = svcHTTP
	r.peer, r.src, r.time = a, a, t.UTC()
	r.req = reqNonHTTP
	return resOK
}
