package loggen

import (
	"bufio"
	"bytes"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"
)

// combined is Apache's combined format: %h %l %u %t "%r" %>s %b
// "%{Referer}i" "%{User-Agent}i", with backslash escapes in quoted fields.
var combined = regexp.MustCompile(`^(\S+) (\S+) (\S+) \[(\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "([^"\\]*(?:\\.[^"\\]*)*)" (\d{3}) (\d+|-) "([^"\\]*(?:\\.[^"\\]*)*)" "([^"\\]*(?:\\.[^"\\]*)*)"$`)

func write(t testing.TB, cfg Config) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Write(&buf, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Fatalf("Stats.Bytes = %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Lines: 50_000}
	a, _ := write(t, cfg)
	b, _ := write(t, cfg)
	if !bytes.Equal(a, b) {
		t.Fatal("the same seed gave different bytes")
	}
	cfg.Seed = 8
	c, _ := write(t, cfg)
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same bytes")
	}
}

func TestLineCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 999, 10_000, 123_457} {
		data, st := write(t, Config{Seed: 1, Lines: n, Visitors: 5000})
		if got := bytes.Count(data, []byte{'\n'}); got != n || st.Lines != int64(n) {
			t.Errorf("Lines %d: wrote %d lines, Stats.Lines %d", n, got, st.Lines)
		}
		var sum int64
		for _, k := range st.Kinds {
			sum += k
		}
		if sum != int64(n) {
			t.Errorf("Lines %d: Σ Stats.Kinds = %d", n, sum)
		}
		if n > 0 && data[len(data)-1] != '\n' {
			t.Errorf("Lines %d: no final newline", n)
		}
	}
}

// TestTraffic checks that every line is combined format, time never goes
// backwards, the span is covered, and each kind of traffic is there and
// behaves as the classifier's defaults expect.
func TestTraffic(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg := Config{Seed: 3, Lines: 60_000, Start: start, Span: 10 * 24 * time.Hour, DoSBursts: 2}
	data, st := write(t, cfg)

	type key struct {
		ip     string
		minute int64
	}
	perMinute := map[key]int{}
	var loginFails = map[string][]time.Time{}
	var prev time.Time
	var prevStamp string
	var v6, connect, tls, n int
	ips := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		n++
		m := combined.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("line %d is not combined format: %q", n, sc.Text())
		}
		ip, err := netip.ParseAddr(m[1])
		if err != nil || !ip.IsGlobalUnicast() || ip.IsPrivate() {
			t.Fatalf("line %d: bad source address %q", n, m[1])
		}
		ips[m[1]] = true
		ts := prev
		if m[4] != prevStamp {
			if ts, err = time.Parse("02/Jan/2006:15:04:05 -0700", m[4]); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			prevStamp = m[4]
		}
		if ts.Before(prev) {
			t.Fatalf("line %d: time goes back from %v to %v", n, prev, ts)
		}
		prev = ts
		if ip.Is6() {
			v6++
		}
		req, status := m[5], m[6]
		switch {
		case strings.HasPrefix(req, "CONNECT "):
			connect++
		case strings.HasPrefix(req, `\x16\x03`):
			tls++
		case strings.HasPrefix(req, "POST ") && strings.Contains(req, "login") && (status == "401" || status == "403"):
			loginFails[m[1]] = append(loginFails[m[1]], ts)
		}
		perMinute[key{m[1], ts.Unix() / 60}]++
	}
	if n != cfg.Lines {
		t.Fatalf("read %d lines, want %d", n, cfg.Lines)
	}
	if !st.First.Equal(start) {
		t.Errorf("first line at %v, want %v", st.First, start)
	}
	end := start.Add(cfg.Span)
	if st.Last.Before(end.Add(-cfg.Span/100)) || !st.Last.Before(end) {
		t.Errorf("last line at %v, want about %v", st.Last, end)
	}
	if !prev.Equal(st.Last.Truncate(time.Second)) {
		t.Errorf("Stats.Last %v, last line %v", st.Last, prev)
	}
	for k, c := range st.Kinds {
		if c == 0 {
			t.Errorf("no %v lines", Kind(k))
		}
	}
	if frac := float64(st.Kinds[Legit]) / float64(n); frac < 0.75 || frac > 0.95 {
		t.Errorf("legit share %.2f", frac)
	}
	if frac := float64(v6) / float64(n); frac < 0.005 || frac > 0.06 {
		t.Errorf("IPv6 share %.3f", frac)
	}
	if connect == 0 || tls == 0 {
		t.Errorf("%d CONNECT and %d TLS-hello lines", connect, tls)
	}
	if len(ips) < 8_000 {
		t.Errorf("only %d distinct addresses", len(ips))
	}

	// Every burst puts more than 1000 requests from one address in one
	// clock minute; nothing else comes close.
	if len(st.Bursts) != cfg.DoSBursts {
		t.Fatalf("%d bursts, want %d", len(st.Bursts), cfg.DoSBursts)
	}
	for _, b := range st.Bursts {
		if c := perMinute[key{b.IP, b.Start.Unix() / 60}]; c != b.Lines || c <= 1000 {
			t.Errorf("burst %+v: %d requests in its minute", b, c)
		}
	}
	for k, c := range perMinute {
		if c > 200 && c <= 1000 {
			t.Errorf("%s: %d requests in one minute, neither ordinary nor DoS", k.ip, c)
		}
	}

	// HTTP brute force: some address fails a login 10 times in 600 s.
	brute := 0
	for _, ts := range loginFails {
		for i := 9; i < len(ts); i++ {
			if ts[i].Sub(ts[i-9]) <= 600*time.Second {
				brute++
				break
			}
		}
	}
	if brute == 0 {
		t.Error("no HTTP login brute force")
	}
}

func TestPoolsDistinct(t *testing.T) {
	g, err := newGen(nil, Config{Seed: 1, Lines: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range []*pool{&g.visit, &g.attack} {
		for i := range p.len() {
			seen[string(p.at(i))] = true
		}
	}
	if want := defaultVisitors + defaultAttackers; len(seen) != want {
		t.Errorf("%d distinct IPv4 addresses, want %d", len(seen), want)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{
		{Lines: -1},
		{Lines: 1, Span: -time.Hour},
		{Lines: 1, Start: time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Lines: 1, Mix: Mix{Legit: -1}},
		{Lines: 1, Mix: Mix{IPv6: 1}},
	} {
		if _, err := Write(&bytes.Buffer{}, cfg); err == nil || !strings.HasPrefix(err.Error(), "loggen: ") {
			t.Errorf("%+v: error %v", cfg, err)
		}
	}
}

func TestHugeLine(t *testing.T) {
	for _, n := range []int{0, 10, 200, 4096, 10 << 20} {
		b := HugeLine(n)
		if n >= 200 && len(b) != n {
			t.Errorf("HugeLine(%d) has %d bytes", n, len(b))
		}
		if bytes.Count(b, []byte{'\n'}) != 1 || b[len(b)-1] != '\n' {
			t.Errorf("HugeLine(%d) is not one line", n)
		}
		if n <= 4096 && !combined.Match(b[:len(b)-1]) {
			t.Errorf("HugeLine(%d) is not combined format: %q", n, b)
		}
	}
}

func TestSpoofedIPs(t *testing.T) {
	const n = 50_000
	var buf bytes.Buffer
	w, err := SpoofedIPs(&buf, n, 42)
	if err != nil || w != int64(buf.Len()) {
		t.Fatalf("wrote %d bytes of %d, %v", w, buf.Len(), err)
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		m := combined.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("not combined format: %q", sc.Text())
		}
		seen[m[1]] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct addresses in %d lines", len(seen), n)
	}
}
