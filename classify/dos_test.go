package classify

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// requests writes n access-log lines from ip, evenly spread over [from,
// from+span).
func requests(b *strings.Builder, ip string, from time.Time, span time.Duration, n int) {
	for i := range n {
		t := from.Add(span * time.Duration(i) / time.Duration(n))
		fmt.Fprintf(b, "%s - - [%s] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"\n", ip, t.Format("02/Jan/2006:15:04:05 -0700"))
	}
}

func TestDoSSlidingWindow(t *testing.T) {
	set, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	minute := time.Date(2026, 10, 17, 3, 14, 0, 0, time.UTC)
	tests := []struct {
		name string
		gen  func(b *strings.Builder)
		want Category
	}{
		{"1200 in one clock minute", func(b *strings.Builder) { requests(b, "51.91.13.226", minute, time.Minute, 1200) }, DoS},
		// 1800 within 60 s, split evenly over two clock minutes: each fixed
		// bin holds only 900.
		{"1800 across a bin boundary", func(b *strings.Builder) {
			requests(b, "51.91.13.227", minute.Add(30*time.Second), 30*time.Second, 900)
			requests(b, "51.91.13.227", minute.Add(60*time.Second), 30*time.Second, 900)
		}, DoS},
		{"a steady 900 a minute", func(b *strings.Builder) { requests(b, "51.91.13.228", minute, 5*time.Minute, 4500) }, Legit},
		{"1000 in a minute is the limit, not over it", func(b *strings.Builder) { requests(b, "51.91.13.229", minute, time.Minute, 1000) }, Legit},
	}
	for _, tc := range tests {
		var b strings.Builder
		tc.gen(&b)
		c := NewClassifier(rules, Options{})
		if _, err := c.Classify(context.Background(), strings.NewReader(b.String()), "access.log", time.Time{}, func(Event) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if err := c.Finish(func(Event) error { return nil }); err != nil {
			t.Fatal(err)
		}
		actors := c.Actors()
		if len(actors) != 1 || actors[0].Category != tc.want {
			t.Errorf("%s: actors %v, want one %v", tc.name, actors, tc.want)
		}
	}
}

// TestParseRequest checks the parts of request lines, the usual ones
// (read at fixed places) and others.
func TestParseRequest(t *testing.T) {
	for _, c := range []struct {
		req, method, target string
		kind                reqKind
		bad                 bool
	}{
		{"GET /x HTTP/1.1", "GET", "/x", reqNormal, false},
		{"GET /x HTTP/1.0", "GET", "/x", reqNormal, false},
		{"POST /login HTTP/2.0", "POST", "/login", reqNormal, false},
		{"GET /a b HTTP/1.1", "GET", "/a b", reqNormal, false},
		{"GET  /x  HTTP/1.1", "GET", "/x", reqNormal, false},
		{"GET /x HTTP/1.1 HTTP/1.1", "GET", "/x HTTP/1.1", reqNormal, false},
		{"GET http://other.example/ HTTP/1.1", "GET", "http://other.example/", reqAbsolute, false},
		{"CONNECT example.com:443 HTTP/1.1", "CONNECT", "example.com:443", reqConnect, false},
		{"GET /x HTTP/1.2", "GET", "/x", reqNormal, true},
		{"GET /x xHTTP/1.1", "GET", "/x xHTTP/1.1", reqNormal, true},
		{"GET /x HTTP/3", "GET", "/x", reqNormal, false},
		{"GET / HTTP/1.1", "GET", "/", reqNormal, false},
		{"GET HTTP/1.1", "GET", "HTTP/1.1", reqNormal, true},
		{"GET  HTTP/1.1", "GET", "", reqNonHTTP, false},
		{"GETX / HTTP/1.1", "GETX", "/", reqNormal, false},
		{"get / HTTP/1.1", "", "", reqNonHTTP, false},
	} {
		p := newLineParser(mustRules(t, ""), &Options{})
		var r record
		bad := p.parseRequest([]byte(c.req), &r)
		if string(r.method) != c.method || string(r.target) != c.target || r.req != c.kind || bad != c.bad {
			t.Errorf("parseRequest(%q): %q %q kind %v bad version %v; want %q %q %v %v", c.req, r.method, r.target, r.req, bad, c.method, c.target, c.kind, c.bad)
		}
	}
}

func TestBadVersion(t *testing.T) {
	for _, c := range []struct {
		req  string
		want bool
	}{
		{"GET / HTTP/1.1", false},
		{"GET / HTTP/1.0", false},
		{"GET /a?b=c HTTP/2.0", false},
		{"PRI * HTTP/2", false},
		{"GET / HTTP/3", false},
		{"GET / HTTP/9.9", true},
		{"GET /", true},
		{"GET", false}, // a method alone is not a request line
		{"HEAD / XYZZY", true},
		{"GET / HTTP/1.1x", true},
		{"GET / http/1.1", true},
		{"GET /a b HTTP/1.1", false},
		{"GET  HTTP/1.1", false},
		{"GET ", true},
		{"get / HTTP/1.1", false}, // not a method: not a request to judge
		{"-", false},
		{"", false},
	} {
		p := newLineParser(mustRules(t, ""), &Options{})
		var r record
		if got := p.parseRequest([]byte(c.req), &r); got != c.want {
			t.Errorf("parseRequest(%q) reports a bad version %v, want %v", c.req, got, c.want)
		}
	}
}
