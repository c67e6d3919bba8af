package classify

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// run classifies input with the default rules (plus extra YAML) and
// returns the events, actors by address and stats.
func run(t *testing.T, extra, input string, opts Options) ([]Event, map[string]Actor, Stats) {
	t.Helper()
	rules := mustRules(t, extra)
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	c := NewClassifier(rules, opts)
	var evs []Event
	emit := func(e Event) error { evs = append(evs, e); return nil }
	if _, err := c.Classify(context.Background(), strings.NewReader(input), "in", time.Time{}, emit); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(emit); err != nil {
		t.Fatal(err)
	}
	actors := map[string]Actor{}
	for _, a := range c.Actors() {
		actors[a.IP.String()] = a
	}
	st := c.Stats()
	checkAccounting(t, &st)
	return evs, actors, st
}

func checkAccounting(t *testing.T, s *Stats) {
	t.Helper()
	if got := s.Classified + s.Ignored + s.SkippedTotal(); got != s.Lines {
		t.Errorf("lines %d != classified %d + ignored %d + skipped %d", s.Lines, s.Classified, s.Ignored, s.SkippedTotal())
	}
	var evs int64
	for _, n := range s.Events {
		evs += n
	}
	if evs != s.Classified {
		t.Errorf("events %d != classified lines %d", evs, s.Classified)
	}
}

func sshFail(ip string, sec int, user string) string {
	return fmt.Sprintf("Mar  3 10:%02d:%02d web sshd[1]: Failed password for %s from %s port 4000 ssh2\n", sec/60, sec%60, user, ip)
}

func TestBruteForceWindow(t *testing.T) {
	var in strings.Builder
	// Three failures within 30 minutes: brute force, all three.
	in.WriteString(sshFail("203.0.113.1", 0, "root"))
	in.WriteString(sshFail("203.0.113.1", 60, "root"))
	in.WriteString(sshFail("203.0.113.1", 120, "root"))
	in.WriteString(sshFail("203.0.113.1", 180, "root")) // after the trip: brute force at once
	// An admin mistypes once, then logs in.
	in.WriteString(sshFail("198.51.100.2", 10, "alice"))
	in.WriteString("Mar  3 10:00:20 web sshd[1]: Accepted password for alice from 198.51.100.2 port 4000 ssh2\n")
	// Two failures 40 minutes apart, never a login: a slow brute force.
	in.WriteString(sshFail("198.51.100.3", 0, "bob"))
	in.WriteString(sshFail("198.51.100.3", 2400, "bob"))
	// Six failures, then a login: a likely compromise.
	for i := 0; i < 6; i++ {
		in.WriteString(sshFail("198.51.100.4", 30+i, []string{"root", "admin", "root"}[i%3]))
	}
	in.WriteString("Mar  3 10:01:00 web sshd[1]: Accepted password for root from 198.51.100.4 port 4000 ssh2\n")
	evs, actors, _ := run(t, "", in.String(), Options{})
	if a := actors["203.0.113.1"]; a.Category != BruteForce || a.Counts[BruteForce] != 4 || a.Compromised {
		t.Errorf("brute forcer: %v %v compromised %v", a.Category, a.CategoriesString(), a.Compromised)
	}
	if a := actors["198.51.100.2"]; a.Category != Legit || a.Events != 2 || a.Compromised {
		t.Errorf("admin who mistyped: %v %v", a.Category, a.CategoriesString())
	}
	if a := actors["198.51.100.3"]; a.Category != BruteForce || a.Events != 2 {
		t.Errorf("slow failures: %v %v", a.Category, a.CategoriesString())
	}
	a := actors["198.51.100.4"]
	if a.Category != BruteForce || !a.Compromised || a.Counts[BruteForce] != 6 || a.Counts[Legit] != 1 {
		t.Errorf("failures then a login: %v %v compromised %v", a.Category, a.CategoriesString(), a.Compromised)
	}
	if !slices.Equal(a.Users, []string{"root", "admin"}) || !slices.Equal(a.Services, []string{"sshd"}) {
		t.Errorf("users %v services %v", a.Users, a.Services)
	}
	if len(evs) != 15 {
		t.Errorf("%d events, want one per line (15)", len(evs))
	}
	for _, e := range evs {
		if e.IP.String() == "203.0.113.1" && e.Rule != "ssh-failed-login" {
			t.Errorf("rule %q", e.Rule)
		}
	}
}

func TestDoSWindow(t *testing.T) {
	var in strings.Builder
	// 1500 requests within one minute from one address; 10 from another.
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&in, "192.0.2.7 - - [03/Mar/2021:10:00:%02d +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n", i*60/1500)
	}
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&in, "198.51.100.8 - - [03/Mar/2021:10:00:%02d +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n", i)
	}
	// A scanner that floods keeps its higher category.
	for i := 0; i < 1100; i++ {
		fmt.Fprintf(&in, "192.0.2.9 - - [03/Mar/2021:10:01:%02d +0000] \"GET /.env HTTP/1.1\" 404 1 \"-\" \"x\"\n", i*60/1100)
	}
	_, actors, st := run(t, "", in.String(), Options{})
	a := actors["192.0.2.7"]
	if a.Category != DoS || a.Counts[DoS] != 1500 || a.Counts[Legit] != 0 { // the whole flood
		t.Errorf("flooder: %v %s", a.Category, a.CategoriesString())
	}
	if actors["198.51.100.8"].Category != Legit {
		t.Errorf("normal client: %v", actors["198.51.100.8"].Category)
	}
	if a := actors["192.0.2.9"]; a.Category != VulnScanner || a.Counts[VulnScanner] != 1100 {
		t.Errorf("flooding scanner: %s", a.CategoriesString())
	}
	if st.Actors[DoS] != 1 {
		t.Errorf("stats actors %v", st.Actors)
	}
}

func TestHTTPBruteForce(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&in, "203.0.113.30 - - [03/Mar/2021:10:%02d:00 +0000] \"POST /wp-login.php HTTP/1.1\" 200 1 \"-\" \"Mozilla/5.0\"\n", i)
	}
	for i := 0; i < 3; i++ { // a user logging in a few times
		fmt.Fprintf(&in, "203.0.113.31 - - [03/Mar/2021:10:%02d:00 +0000] \"POST /wp-login.php HTTP/1.1\" 302 1 \"-\" \"Mozilla/5.0\"\n", i)
	}
	_, actors, _ := run(t, "site: {public_paths: [/wp-login.php, /wp-admin]}", in.String(), Options{})
	if a := actors["203.0.113.30"]; a.Category != BruteForce || a.Counts[BruteForce] != 12 {
		t.Errorf("login flood: %s", a.CategoriesString())
	}
	if a := actors["203.0.113.31"]; a.Category != Legit {
		t.Errorf("user: %s", a.CategoriesString())
	}
}

// A scanner that also brute-forces ranks above either alone.
func TestScoreBreadth(t *testing.T) {
	scan := Actor{Category: VulnScanner}
	scan.Counts[VulnScanner] = 10
	brute := Actor{Category: BruteForce}
	brute.Counts[BruteForce] = 10
	both := Actor{Category: VulnScanner}
	both.Counts[VulnScanner], both.Counts[BruteForce] = 10, 10
	s, b, sb := Score(&scan), Score(&brute), Score(&both)
	if !(sb > s && sb > b && s > b) {
		t.Errorf("scores scan %v brute %v both %v", s, b, sb)
	}
	legit := Actor{}
	legit.Counts[Legit] = 1000
	if Score(&legit) != 0 {
		t.Errorf("legit score %v", Score(&legit))
	}
	for _, tc := range []struct {
		cat  Category
		n    int
		want float64
	}{{VulnScanner, 1, 41.4}, {VulnScanner, 999, 90}, {BruteForce, 3, 37.5}} {
		a := Actor{}
		a.Counts[tc.cat] = tc.n
		if got := Score(&a); got != tc.want {
			t.Errorf("Score(%s×%d) = %v, want %v", tc.cat, tc.n, got, tc.want)
		}
	}
	if got := Score(&both); got != 74.6 {
		t.Errorf("ten of each = %v, want 74.6 (doc comment)", got)
	}
}

// Hostile bytes never stop the run and every line is accounted for.
func TestHostileInput(t *testing.T) {
	long := strings.Repeat("A", 3<<20)
	in := strings.Join([]string{
		`203.0.113.1 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"` + "\r",
		"\x00\x00\x00\x01binary\xff\xfe",
		"\xc3\x28 invalid utf-8 \xa0\xa1",
		"203.0.113.2 - - [03/Mar/2021:10:00:00 +0000] \"GET /\xff\xfe HTTP/1.1\" 200 1 \"-\" \"\xc3\x28\"",
		"",
		"203.0.113.3 - - [" + long + "]",
		`Mar  3 10:00:00 web sshd[1]: Failed password for root from 203.0.113.4 port 1 ssh2`,
		`203.0.113.5 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1`, // truncated
		"{\"json\": true}",
	}, "\n")
	_, actors, st := run(t, "", in, Options{MaxLineBytes: 1 << 20})
	if st.Lines != 9 {
		t.Errorf("lines = %d, want 9", st.Lines)
	}
	if st.Skipped["too_long"] != 1 || st.Skipped["binary"] != 1 || st.Skipped["empty"] != 1 {
		t.Errorf("skipped = %v", st.Skipped)
	}
	for _, ip := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.4", "203.0.113.5"} {
		if _, ok := actors[ip]; !ok {
			t.Errorf("%s missing", ip)
		}
	}
}

func TestMaxActors(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&in, "10.0.%d.%d - - [03/Mar/2021:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n", i/250, i%250+1)
	}
	in.WriteString(`203.0.113.9 - - [03/Mar/2021:10:00:00 +0000] "GET /.env HTTP/1.1" 404 1 "-" "x"` + "\n")
	// An evicted address that comes back is one actor again, not two.
	in.WriteString(`10.0.0.1 - - [03/Mar/2021:10:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "x"` + "\n")
	_, actors, st := run(t, "", in.String(), Options{MaxActors: 100})
	if st.Evicted == 0 {
		t.Errorf("nothing evicted: %+v", st)
	}
	if actors["203.0.113.9"].Category != VulnScanner {
		t.Errorf("scanner lost at the cap")
	}
	if len(actors) > 100 {
		t.Errorf("%d actors > cap", len(actors))
	}
	if n := st.Actors.Sum(); n != int64(len(actors)) {
		t.Errorf("stats count %d actors, the run %d addresses", n, len(actors))
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	line := func(day int) string {
		return fmt.Sprintf("203.0.113.1 - - [%02d/Mar/2021:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n", day)
	}
	write := func(name, s string, gz bool) {
		var b bytes.Buffer
		if gz {
			zw := gzip.NewWriter(&b)
			zw.Write([]byte(s))
			zw.Close()
		} else {
			b.WriteString(s)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("access.log", line(5), false)
	write("access.log.1", line(4), false)
	write("access.log.2.gz", line(3), true)
	write("access.log.10.gz", line(1), true)
	write(".hidden", "x", false)
	paths, err := ExpandInputs([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	if got := strings.Join(names, " "); got != "access.log.10.gz access.log.2.gz access.log.1 access.log" {
		t.Errorf("order: %s", got)
	}
	if g, _ := ExpandInputs([]string{filepath.Join(dir, "access.log*")}); len(g) != 4 {
		t.Errorf("glob: %v", g)
	}
	if _, err := ExpandInputs([]string{filepath.Join(dir, "missing.log")}); err == nil || !strings.Contains(err.Error(), "missing.log") {
		t.Errorf("missing file error %v", err)
	}
	if _, err := ExpandInputs([]string{filepath.Join(dir, "nothing*")}); err == nil {
		t.Errorf("empty glob accepted")
	}

	// A truncated gzip keeps what was read and is reported.
	var full bytes.Buffer
	zw := gzip.NewWriter(&full)
	for i := 0; i < 2000; i++ {
		zw.Write([]byte(line(2)))
	}
	zw.Close()
	os.WriteFile(filepath.Join(dir, "cut.log.gz"), full.Bytes()[:full.Len()/2], 0o644)
	c := NewClassifier(mustRules(t, ""), Options{})
	var n int
	err = c.Run(context.Background(), append(paths, filepath.Join(dir, "cut.log.gz")), nil, func(Event) error { n++; return nil })
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Path, "cut.log.gz") {
		t.Fatalf("err = %v, want an InputError naming cut.log.gz", err)
	}
	st := c.Stats()
	checkAccounting(t, &st)
	last := st.Files[len(st.Files)-1]
	if last.Error == "" || last.Lines == 0 {
		t.Errorf("truncated file stats %+v", last)
	}
	if n != int(st.Classified+st.Restated) || st.Files[0].Format != "access" {
		t.Errorf("events %d, stats %+v", n, st)
	}
}
