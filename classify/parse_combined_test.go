package classify

import (
	"net/netip"
	"reflect"
	"testing"
)

// Lines of the shape parseCombined reads, and variants it must leave to
// parseAccessFull.
var (
	combinedLines = []string{
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /index.html HTTP/1.1" 200 2326 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"`,
		`203.0.113.9 - - [10/Oct/2000:13:55:37 -0700] "GET /a?b=c&d=http://x/y? HTTP/1.0" 404 0 "-" "-"`,
		`2001:db8::7 - - [01/Mar/2026:00:00:00 +0000] "POST /wp-login.php HTTP/2.0" 401 12 "-" "curl/8.5.0"`,
		`198.51.100.4 - - [01/Mar/2026:00:00:01 +0100] "GET / HTTP/9.9" 400 - "-" "x"`,
		`198.51.100.4 - - [01/Mar/2026:00:00:02 +0100] "\x16\x03\x01" 400 157 "-" "-"`,
		`198.51.100.4 - - [01/Mar/2026:00:00:03 +0100] "CONNECT example.com:443 HTTP/1.1" 405 0 "-" "-"`,
		`198.51.100.4 - - [01/Mar/2026:00:00:04 +0100] "GET http://other.example/ HTTP/1.1" 200 1 "-" "a b"`,
		`198.51.100.4:51234 - - [01/Mar/2026:00:00:05 +0100] "GET /x HTTP/1.1" 200 1 "-" "ua"`,
		`::ffff:198.51.100.4 - - [01/Mar/2026:00:00:06 +0100] "GET /x HTTP/1.1" 200 1 "-" "ua"`,
	}
	notCombined = []string{
		`203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"`,            // a user
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700]  "GET / HTTP/1.1" 200 1 "-" "ua"`,               // two spaces
		`203.0.113.9 - - [10/Oct/2000:13:55:36] "GET / HTTP/1.1" 200 1 "-" "ua"`,                      // no zone
		`203.0.113.9 - - [2000-10-10T13:55:36+00:00] "GET / HTTP/1.1" 200 1 "-" "ua"`,                 // another time
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1`,                         // common format
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "" "ua"`,                 // empty referrer
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" ""`,                  // empty agent
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /\"x HTTP/1.1" 200 1 "-" "ua"`,             // escaped quote
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua" "198.51.100.1"`, // a field after
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" - 1 "-" "ua"`,                  // no status
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 2000 1 "-" "ua"`,               // four digits
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-""ua"`,                 // no space
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1  "-" "ua"`,               // two spaces
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "" 400 0 "-" "-"`,                               // empty request
		`example.com 203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"`,    // a virtual host
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua" `,               // a space after
		`203.0.113.9 - - [99/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"`,                // a bad day
		`203.0.113.9 - - [10/Oct/2000:13:55:36 -07]0] "GET / HTTP/1.1" 200 1 "-" "ua"`,                // ']' in the zone
	}
)

// checkCombined parses line with parseCombined and with parseAccessFull
// and fails unless they agree: the same record when parseCombined reads
// the line, an untouched record when it does not. It reports whether
// parseCombined read the line.
func checkCombined(t *testing.T, p *lineParser, line []byte) bool {
	t.Helper()
	var fast, full record
	fast.reset()
	full.reset()
	ok := p.parseCombined(line, &fast)
	res := p.parseAccessFull(line, &full)
	if !ok {
		if untouched := (record{repeat: 1}); !reflect.DeepEqual(fast, untouched) {
			t.Errorf("%q: parseCombined declined the line but wrote %+v", line, fast)
		}
		return false
	}
	if res != resOK || !reflect.DeepEqual(fast, full) {
		t.Errorf("%q: parseCombined read\n%+v\nparseAccessFull (%v) read\n%+v", line, fast, res, full)
	}
	return true
}

func TestParseCombined(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{})
	for _, l := range combinedLines {
		if !checkCombined(t, p, []byte(l)) {
			t.Errorf("%q: not read by parseCombined", l)
		}
	}
	for _, l := range notCombined {
		if checkCombined(t, p, []byte(l)) {
			t.Errorf("%q: read by parseCombined", l)
		}
	}
	// Behind a trusted proxy the full reader resolves the forwarded address.
	pt := newLineParser(mustRules(t, ""), &Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("203.0.113.0/24")}})
	if checkCombined(t, pt, []byte(combinedLines[0])) {
		t.Error("parseCombined read a line with trusted proxies set")
	}
}

// TestParseLineCombinedSequence checks that a record parseCombined filled
// and that parseLine does not clear before the next line leaves nothing of
// the line before: after every pair of lines, the record is the second
// line's as read on its own.
func TestParseLineCombinedSequence(t *testing.T) {
	rules := mustRules(t, "")
	lines := append(append([]string(nil), combinedLines...), notCombined...)
	for _, a := range lines {
		for _, b := range lines {
			p := newLineParser(rules, &Options{})
			p.parseLine([]byte(a), FormatAccess, &fileCtx{})
			res := p.parseLine([]byte(b), FormatAccess, &fileCtx{})
			fresh := newLineParser(rules, &Options{})
			want := &fresh.rec
			want.reset()
			want.format = FormatAccess
			wantRes := fresh.parseAccessFull([]byte(b), want)
			if res != wantRes || !reflect.DeepEqual(p.rec, *want) {
				t.Errorf("after %q, %q read as (%v)\n%+v\nwant (%v)\n%+v", a, b, res, p.rec, wantRes, *want)
			}
		}
	}
}

func FuzzParseCombined(f *testing.F) {
	for _, l := range combinedLines {
		f.Add(l)
	}
	for _, l := range notCombined {
		f.Add(l)
	}
	rules := mustRules(f, "")
	f.Fuzz(func(t *testing.T, line string) {
		checkCombined(t, newLineParser(rules, &Options{}), []byte(line))
		// And after a line the short reader read.
		p := newLineParser(rules, &Options{})
		p.parseLine([]byte(combinedLines[0]), FormatAccess, &fileCtx{})
		res := p.parseLine([]byte(line), FormatAccess, &fileCtx{})
		fresh := newLineParser(rules, &Options{})
		wantRes := fresh.parseLine([]byte(line), FormatAccess, &fileCtx{})
		if res != wantRes || !reflect.DeepEqual(p.rec, fresh.rec) {
			t.Errorf("%q after a combined line: (%v)\n%+v\nalone: (%v)\n%+v", line, res, p.rec, wantRes, fresh.rec)
		}
	})
}
