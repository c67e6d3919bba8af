package classify

import (
	"bytes"
	"unicode/utf8"
)

// jsonSlot is what a JSON field of a log line means: the record field it
// fills, or a value a format reads itself.
type jsonSlot uint8

const (
	jsNone      jsonSlot = iota
	jsClient             // the client address as the server resolved it (ip or ip:port)
	jsPeer               // the connecting address (ip or ip:port)
	jsForwarded          // X-Forwarded-For
	jsMethod             // request method
	jsTarget             // request target: path and query, or the path alone
	jsQuery              // the query of a target logged without it
	jsRequest            // a whole request line: "GET /x HTTP/1.1"
	jsStatus             // response status
	jsAgent              // User-Agent
	jsHost               // the virtual host the request named
	jsTime               // start of the request: ISO 8601, "10/Oct/2000:13:55:36 -0700" or epoch (s, ms, µs, ns)
	jsLog                // a wrapped log line (Docker's "log")
	jsEvent              // an event name (Cowrie's "eventid")
	jsUser               // a user name
	jsPort               // a destination port
	jsMessage            // a log message (Nextcloud's "message")
	jsCategory           // an alert's classification (Suricata's "alert.category")
	numJSONSlots
)

// jsonField maps the dotted key path of a JSON object ("request.remote_ip";
// an array stands for its first element) to a slot. Several paths may name
// the same slot: the first present in the line wins.
type jsonField struct {
	path string
	slot jsonSlot
}

// jsonValues holds the values a scan found, each the raw text of a number
// or literal or the unescaped text of a string.
type jsonValues [numJSONSlots][]byte

// jsonScanner reads one JSON object token by token, keeping the values of
// the fields it is asked for and skipping the rest: no maps, no
// reflection, and no allocation once its buffers have grown.
type jsonScanner struct {
	b      []byte
	i      int
	path   []byte // dotted key path of the current value
	buf    []byte // unescaped strings
	fields []jsonField
	vals   jsonValues
}

// maxJSONDepth bounds the nesting a line may have.
const maxJSONDepth = 8

// scan reads line, which must be one JSON object, into s.vals. It reports
// false for anything else; values found before the error are kept.
func (s *jsonScanner) scan(line []byte, fields []jsonField) bool {
	s.b, s.i, s.path, s.buf, s.fields = line, 0, s.path[:0], s.buf[:0], fields
	s.vals = jsonValues{}
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return false
	}
	return s.value(0)
}

func (s *jsonScanner) ws() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// value reads the value at s.i and stores it if its path is asked for.
func (s *jsonScanner) value(depth int) bool {
	s.ws()
	if s.i >= len(s.b) || depth > maxJSONDepth {
		return false
	}
	switch s.b[s.i] {
	case '{':
		return s.object(depth)
	case '[':
		return s.array(depth)
	case '"':
		raw, ok := s.str()
		if ok {
			if slot := s.lookup(); slot != jsNone && s.vals[slot] == nil {
				s.vals[slot] = s.unescape(raw)
			}
		}
		return ok
	}
	j := s.i
	for j < len(s.b) && !isJSONDelim(s.b[j]) {
		j++
	}
	if j == s.i {
		return false
	}
	if slot := s.lookup(); slot != jsNone && s.vals[slot] == nil && string(s.b[s.i:j]) != "null" {
		s.vals[slot] = s.b[s.i:j]
	}
	s.i = j
	return true
}

func isJSONDelim(c byte) bool {
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '"'
}

func (s *jsonScanner) object(depth int) bool {
	s.i++ // '{'
	for first := true; ; first = false {
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		if s.b[s.i] == '}' && first {
			s.i++
			return true
		}
		if s.b[s.i] != '"' {
			return false
		}
		key, ok := s.str()
		if !ok {
			return false
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return false
		}
		s.i++
		n := len(s.path)
		if n > 0 {
			s.path = append(s.path, '.')
		}
		s.path = append(s.path, key...)
		ok = s.value(depth + 1)
		s.path = s.path[:n]
		if !ok {
			return false
		}
		if more, ok := s.next('}'); !more {
			return ok
		}
	}
}

func (s *jsonScanner) array(depth int) bool {
	s.i++ // '['
	for first := true; ; first = false {
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		if s.b[s.i] == ']' && first {
			s.i++
			return true
		}
		if !s.value(depth + 1) {
			return false
		}
		if more, ok := s.next(']'); !more {
			return ok
		}
	}
}

// next reads the ',' before another member (more) or the closing byte
// (done, ok); anything else is an error.
func (s *jsonScanner) next(closing byte) (more, ok bool) {
	s.ws()
	if s.i >= len(s.b) {
		return false, false
	}
	c := s.b[s.i]
	s.i++
	return c == ',', c == closing
}

// str reads a string at s.i and returns its raw (still escaped) text.
func (s *jsonScanner) str() ([]byte, bool) {
	start := s.i + 1
	i := start
	for {
		j := bytes.IndexByte(s.b[i:], '"')
		if j < 0 {
			return nil, false
		}
		i += j
		bs := 0
		for k := i - 1; k >= start && s.b[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			s.i = i + 1
			return s.b[start:i], true
		}
		i++
	}
}

// lookup returns the slot the current path fills.
func (s *jsonScanner) lookup() jsonSlot {
	for i := range s.fields {
		if string(s.path) == s.fields[i].path {
			return s.fields[i].slot
		}
	}
	return jsNone
}

// unescape returns raw itself when it has no escapes, else its decoded
// text in s.buf.
func (s *jsonScanner) unescape(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	n := len(s.buf)
	s.buf = appendJSONUnescaped(s.buf, raw)
	return s.buf[n:len(s.buf):len(s.buf)]
}

// appendJSONUnescaped decodes the escapes of a JSON string; a malformed
// escape is kept as it is.
func appendJSONUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			dst = append(dst, c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'u':
			r, k := jsonRune(raw[i+1:])
			if k == 0 {
				dst = append(dst, '\\', 'u')
				continue
			}
			dst = utf8.AppendRune(dst, r)
			i += k
		default: // '"', '\\', '/'
			dst = append(dst, raw[i])
		}
	}
	return dst
}

// jsonRune reads the hex digits after "\u" (and a low surrogate's
// "\uXXXX" after a high one), returning the rune and the bytes read.
func jsonRune(b []byte) (rune, int) {
	r, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if r >= 0xD800 && r < 0xDC00 && len(b) >= 10 && b[4] == '\\' && b[5] == 'u' {
		if lo, ok := hex4(b[6:]); ok && lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), 10
		}
	}
	return r, 4
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		h, ok := unhex(c)
		if !ok {
			return 0, false
		}
		r = r<<4 | rune(h)
	}
	return r, true
}
