package main

// Hardening tests (DESIGN.md §7, testdata/hostile/README.md): the hostile
// corpus, a 10 MB line, a million spoofed addresses, broken databases, a
// failing API, markup payloads, the API token, and atomic outputs, all
// through the command line as a user would meet them.

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo/geotest"
	"github.com/threatmap/threatmap/internal/loggen"
)

var hostileDir = filepath.Join("..", "..", "testdata", "hostile")

// brokenGzip are the corpus files whose stream breaks: each is named on
// stderr and makes the run partial.
var brokenGzip = []string{"truncated.log.gz", "multi-member-truncated.log.gz", "header-only.log.gz"}

// result is one threatmap run.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// runT runs threatmap with args, env as the environment (a private user
// cache directory unless env sets one) and stdin, and returns what it wrote.
// A panic fails the test (it would also end the test binary).
func runT(t *testing.T, ctx context.Context, env map[string]string, stdin io.Reader, args ...string) result {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["XDG_CACHE_HOME"]; !ok {
		env["XDG_CACHE_HOME"] = t.TempDir()
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: stdin, Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	start := time.Now()
	err := run(ctx, args, e)
	took := time.Since(start)
	code := exitCode(err, &stderr)
	return result{stdout.String(), stderr.String(), code, took}
}

// manifestEntry is one row of testdata/hostile/manifest.csv.
type manifestEntry struct {
	name  string
	lines int64
}

func hostileManifest(t *testing.T) []manifestEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(hostileDir, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []manifestEntry
	for _, r := range recs[1:] {
		n, err := strconv.ParseInt(r[2], 10, 64)
		if err != nil {
			t.Fatalf("manifest row %v: %v", r, err)
		}
		out = append(out, manifestEntry{r[0], n})
	}
	if len(out) < 20 {
		t.Fatalf("manifest lists %d files", len(out))
	}
	return out
}

func readStats(t *testing.T, path string) classify.Stats {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s classify.Stats
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("stats JSON: %v\n%s", err, b)
	}
	return s
}

// checkAccounting asserts that every line is accounted for, in total and
// over the files.
func checkAccounting(t *testing.T, s classify.Stats) {
	t.Helper()
	if s.Lines != s.Classified+s.Ignored+s.SkippedTotal() {
		t.Errorf("lines %d != classified %d + ignored %d + skipped %d %v", s.Lines, s.Classified, s.Ignored, s.SkippedTotal(), s.Skipped)
	}
	var files int64
	for _, f := range s.Files {
		files += f.Lines
	}
	if files != s.Lines {
		t.Errorf("the files' lines sum to %d, the total is %d", files, s.Lines)
	}
	for r := range s.Skipped {
		if !slices.Contains(classify.SkipReasons, r) {
			t.Errorf("unknown skip reason %q", r)
		}
	}
}

// checkStderr asserts that nothing from the logs reached the terminal raw.
func checkStderr(t *testing.T, stderr string) {
	t.Helper()
	if strings.ContainsAny(stderr, "\x1b\x00\r") {
		t.Errorf("raw control bytes on stderr: %q", stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// readEvents parses an events CSV and checks that every address is a
// plain one: no zone, no port, no brackets, never IPv4-mapped.
func readEvents(t *testing.T, data string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("events CSV: %v", err)
	}
	if len(recs) == 0 {
		return nil
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			if i < len(r) {
				row[h] = r[i]
			}
		}
		a, err := netip.ParseAddr(row["ip"])
		if err != nil || a.Zone() != "" || a.Is4In6() || a.String() != row["ip"] {
			t.Errorf("event address %q is not a plain address (%v)", row["ip"], err)
		}
		out = append(out, row)
	}
	return out
}

// TestHostileEachFile runs `classify --stats` over every corpus file alone.
func TestHostileEachFile(t *testing.T) {
	for _, m := range hostileManifest(t) {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			stats, events := filepath.Join(dir, "stats.json"), filepath.Join(dir, "events.csv")
			path := filepath.Join(hostileDir, m.name)
			r := runT(t, context.Background(), nil, nil, "classify", "--all", "--tz", "UTC", "--stats", stats, "-o", events, path)
			checkStderr(t, r.stderr)
			if r.took > 10*time.Second {
				t.Errorf("took %v", r.took)
			}
			wantCode := 0
			if slices.Contains(brokenGzip, m.name) {
				wantCode = 2
				if !strings.Contains(r.stderr, m.name) {
					t.Errorf("stderr does not name the broken input:\n%s", r.stderr)
				}
			}
			if r.code != wantCode {
				t.Fatalf("exit %d; want %d\n%s", r.code, wantCode, r.stderr)
			}
			s := readStats(t, stats)
			checkAccounting(t, s)
			switch {
			case m.name == "not-gzip.log.gz":
				// Gzip is recognised by its magic bytes, not its name: plain
				// text named .gz is read as what it is.
				if s.Lines != 1 || s.Classified != 1 {
					t.Errorf("plain text named .gz: %d lines, %d classified; want 1, 1", s.Lines, s.Classified)
				}
			case strings.HasSuffix(m.name, ".gz"):
				// Another decompressor may deliver a little less of a
				// broken stream than the manifest counted.
				if s.Lines > m.lines || (m.lines > 0 && s.Lines == 0) {
					t.Errorf("%d lines read; the manifest counts %d", s.Lines, m.lines)
				}
			default:
				if s.Lines != m.lines {
					t.Errorf("%d lines; the manifest counts %d", s.Lines, m.lines)
				}
			}
			b, err := os.ReadFile(events)
			if err != nil {
				t.Fatal(err)
			}
			rows := readEvents(t, string(b))
			if int64(len(rows)) != s.Classified {
				t.Errorf("%d event rows for %d classified lines (--all)", len(rows), s.Classified)
			}
		})
	}
}

// hugeLog writes a file holding an ordinary scanner line, a line of 10 MB
// and another scanner line, which must still be read.
func hugeLog(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`198.51.100.7 - - [17/Oct/2026:03:13:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "Mozilla/5.0 zgrab/0.x"` + "\n")
	b.Write(loggen.HugeLine(10 << 20))
	b.WriteString(`45.141.84.99 - - [17/Oct/2026:03:15:00 +0000] "GET /phpMyAdmin/scripts/setup.php HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	p := filepath.Join(dir, "huge.log")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// unreadableInput returns a file that opens but cannot be read: a file
// without permissions, or, for root (who reads anything), /proc/self/mem,
// whose first page is unmapped (EIO). "" when neither is available.
func unreadableInput(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "secret.log")
	if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.ReadFile(p); err != nil {
		return p
	}
	if f, err := os.Open("/proc/self/mem"); err == nil {
		_, rerr := f.Read(make([]byte, 1))
		f.Close()
		if rerr != nil {
			return "/proc/self/mem"
		}
	}
	return ""
}

// corpusFiles lists every file of the hostile corpus.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, m := range hostileManifest(t) {
		out = append(out, filepath.Join(hostileDir, m.name))
	}
	return out
}

// TestHostileAllTogether runs classify and map over the whole corpus in one
// run, with a 10 MB line, an empty directory and an unreadable file among
// the inputs: the broken inputs are named, the rest is read, exit 2.
func TestHostileAllTogether(t *testing.T) {
	dir := t.TempDir()
	inputs := corpusFiles(t)
	huge := hugeLog(t, dir)
	empty := filepath.Join(dir, "empty-dir")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, huge, empty)
	named := append(slices.Clone(brokenGzip), "empty-dir")
	if u := unreadableInput(t, dir); u != "" {
		inputs = append(inputs, u)
		named = append(named, u)
	} else {
		t.Log("no unreadable file available: that case is not exercised")
	}
	for _, cmd := range []string{"classify", "map"} {
		t.Run(cmd, func(t *testing.T) {
			out := t.TempDir()
			stats, events := filepath.Join(out, "stats.json"), filepath.Join(out, "events.csv")
			args := []string{cmd, "--tz", "UTC", "--stats", stats}
			if cmd == "classify" {
				args = append(args, "--all", "-o", events)
			} else {
				args = append(args, "--events", events, "--size", "400x300", "-o", filepath.Join(out, "map.png"))
			}
			r := runT(t, context.Background(), nil, nil, append(args, inputs...)...)
			checkStderr(t, r.stderr)
			if r.code != 2 {
				t.Fatalf("exit %d; want 2 (partial)\n%s", r.code, r.stderr)
			}
			if r.took > 15*time.Second {
				t.Errorf("took %v", r.took)
			}
			for _, n := range named {
				if !strings.Contains(r.stderr, n) {
					t.Errorf("stderr does not name %s:\n%s", n, r.stderr)
				}
			}
			s := readStats(t, stats)
			checkAccounting(t, s)
			byPath := map[string]classify.FileStats{}
			for _, f := range s.Files {
				byPath[f.Path] = f
			}
			for _, in := range inputs {
				if _, ok := byPath[in]; !ok {
					t.Errorf("%s missing from the stats", in)
				}
			}
			for _, n := range named {
				p := n
				if !filepath.IsAbs(n) {
					if n == "empty-dir" {
						p = empty
					} else {
						p = filepath.Join(hostileDir, n)
					}
				}
				if byPath[p].Error == "" {
					t.Errorf("%s: no error recorded in the stats", p)
				}
			}
			if f := byPath[huge]; f.Lines != 3 || f.Error != "" {
				t.Errorf("huge.log: %+v; want 3 lines read to the end", f)
			}
			if s.Skipped["too_long"] < 1 {
				t.Errorf("the 10 MB line is not counted as too long: %v", s.Skipped)
			}
			if cmd == "map" {
				if b, err := os.ReadFile(filepath.Join(out, "map.png")); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
					t.Errorf("no map written: %v", err)
				}
			}
			b, err := os.ReadFile(events)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, row := range readEvents(t, string(b)) {
				found = found || (row["ip"] == "45.141.84.99" && row["threat"] == "vuln_scanner")
			}
			if !found {
				t.Error("the line after the 10 MB line was not classified")
			}
		})
	}
}

// TestHostileHugeLineMemory: a 10 MB line costs at most the line cap, not
// its length.
func TestHostileHugeLineMemory(t *testing.T) {
	line := loggen.HugeLine(10 << 20)
	rules, err := classify.LoadRules()
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	c := classify.NewClassifier(compiled, classify.Options{MaxLineBytes: 64 << 10})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := c.Classify(context.Background(), bytes.NewReader(line), "huge", time.Time{}, func(classify.Event) error { return nil }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2<<20 {
		t.Errorf("classifying a 10 MB line allocated %d bytes; want about the 64 KiB cap", grew)
	}
	if s := c.Stats(); s.Skipped["too_long"] != 1 || s.Lines != 1 {
		t.Errorf("stats %+v; want 1 line, too_long", s)
	}
}

// TestHostileMillionSpoofed: a million distinct spoofed sources, through
// stdin. Per-address state stays under its cap, the eviction is reported,
// every line is accounted for.
func TestHostileMillionSpoofed(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	const maxActors = 50_000
	pr, pw := io.Pipe()
	go func() {
		_, err := loggen.SpoofedIPs(pw, n, 8)
		pw.CloseWithError(err)
	}()
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	r := runT(t, context.Background(), nil, pr, "map", "--format", "access", "--max-actors", strconv.Itoa(maxActors),
		"--stats", stats, "--size", "400x300", "-o", filepath.Join(dir, "map.png"), "-")
	pr.Close()
	t.Logf("%d spoofed lines in %v", n, r.took)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	s := readStats(t, stats)
	checkAccounting(t, s)
	if s.Lines != int64(n) {
		t.Errorf("%d lines; want %d", s.Lines, n)
	}
	var actors int64
	for _, v := range s.Actors {
		actors += v
	}
	if actors > maxActors {
		t.Errorf("%d addresses tracked over a cap of %d", actors, maxActors)
	}
	if s.Evicted == 0 {
		t.Error("the cap never evicted anything")
	}
	if !strings.Contains(r.stderr, "address cap reached") {
		t.Errorf("no warning that the cap bit:\n%s", r.stderr)
	}
}

// TestHostileActorCapSaturated: when the tracked addresses are all threats
// (nothing to evict), new addresses are untracked, still classified, and the
// user is warned.
func TestHostileActorCapSaturated(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		b.WriteString("45.141.")
		b.WriteString(strconv.Itoa(i / 250))
		b.WriteString(".")
		b.WriteString(strconv.Itoa(i%250 + 1))
		b.WriteString(` - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	}
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	r := runT(t, context.Background(), nil, strings.NewReader(b.String()), "classify", "--max-actors", "20", "--stats", stats, "-o", filepath.Join(dir, "events.csv"), "-")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	s := readStats(t, stats)
	checkAccounting(t, s)
	if s.Actors["vuln_scanner"] != 20 || s.Untracked != 180 || s.Events["vuln_scanner"] != 200 {
		t.Errorf("actors %v, untracked %d, events %v; want 20 tracked, 180 untracked, 200 events", s.Actors, s.Untracked, s.Events)
	}
	if !strings.Contains(r.stderr, "address cap reached") || !strings.Contains(r.stderr, "--max-actors") {
		t.Errorf("no warning that the cap bit:\n%s", r.stderr)
	}
}

// classifyAll runs `classify --all` over files and returns the events and
// the stats.
func classifyAll(t *testing.T, extra []string, files ...string) ([]map[string]string, classify.Stats) {
	t.Helper()
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	args := append([]string{"classify", "--all", "--tz", "UTC", "--stats", stats}, extra...)
	r := runT(t, context.Background(), nil, nil, append(args, files...)...)
	checkStderr(t, r.stderr)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	s := readStats(t, stats)
	checkAccounting(t, s)
	return readEvents(t, r.stdout), s
}

// sources counts events by address.
func sources(rows []map[string]string) map[string]int {
	m := map[string]int{}
	for _, r := range rows {
		m[r["ip"]]++
	}
	return m
}

// TestHostileAddresses: zones are stripped, IPv4-mapped addresses unmapped,
// IP:port gives the address, non-addresses are skipped; and the addresses
// that must never be located are not, through `locate` of the actors.
func TestHostileAddresses(t *testing.T) {
	in := func(n string) string { return filepath.Join(hostileDir, n) }
	rows, s := classifyAll(t, nil, in("ipv6.log"))
	if s.Lines != 21 || s.Classified != 13 || s.Skipped["malformed"] != 8 {
		t.Errorf("ipv6.log: %d lines, %d classified, skipped %v; want 21, 13 and the 8 non-addresses as malformed", s.Lines, s.Classified, s.Skipped)
	}
	got := sources(rows)
	for ip, n := range map[string]int{"fe80::1": 2, "45.141.84.57": 2, "127.0.0.1": 1, "2a01:4f8:c17:3a5f::1": 2} {
		if got[ip] != n {
			t.Errorf("ipv6.log: %d events from %s; want %d (all: %v)", got[ip], ip, n, got)
		}
	}
	rows, _ = classifyAll(t, nil, in("ip-port.log"))
	got = sources(rows)
	for _, ip := range []string{"1.2.3.4", "81.2.69.142", "2001:db8::1", "2a01:4f8:c17:3a5f::1", "45.141.84.57", "fe80::1", "2a01:4f8:c17:3a5f::1:443"} {
		if got[ip] == 0 {
			t.Errorf("ip-port.log: no event from %s (all: %v)", ip, got)
		}
	}
	rows, _ = classifyAll(t, nil, in("ipv6-auth.log"))
	if got = sources(rows); got["61.177.172.60"] != 2 || got["fe80::1"] != 2 {
		t.Errorf("ipv6-auth.log: sources %v", got)
	}

	// What must never be located is not, the rest is.
	actors := filepath.Join(t.TempDir(), "actors.csv")
	r := runT(t, context.Background(), nil, nil, "classify", "-q", "--tz", "UTC", "-o", "-", "--actors", actors, in("ipv6.log"), in("ip-port.log"), in("ipv6-auth.log"))
	if r.code != 0 {
		t.Fatalf("classify: exit %d\n%s", r.code, r.stderr)
	}
	r = runT(t, context.Background(), nil, nil, "locate", "-q", actors)
	if r.code != 0 {
		t.Fatalf("locate: exit %d\n%s", r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	prec := map[string]string{}
	for _, rec := range recs[1:] {
		prec[rec[0]] = rec[len(rec)-1]
	}
	for _, ip := range []string{"fe80::1", "fe80::dead:beef", "127.0.0.1", "::1", "::", "2001:db8::1"} {
		if p, ok := prec[ip]; !ok || p != "none" {
			t.Errorf("%s: precision %q; never to be located", ip, p)
		}
	}
	for _, ip := range []string{"45.141.84.57", "61.177.172.60", "81.2.69.142"} {
		if p := prec[ip]; p != "country" {
			t.Errorf("%s: precision %q; want country", ip, p)
		}
	}
}

// TestHostileForgedXFF: X-Forwarded-For is believed only from a trusted
// proxy; a forged header never changes who the source is.
func TestHostileForgedXFF(t *testing.T) {
	xff := filepath.Join(hostileDir, "xff.log")
	rows, _ := classifyAll(t, nil, xff)
	got := sources(rows)
	if len(got) != 2 || got["10.0.0.5"] != 13 || got["45.141.84.57"] != 4 {
		t.Errorf("without --trusted-proxy: sources %v; want only the connecting 10.0.0.5 and 45.141.84.57", got)
	}
	rows, _ = classifyAll(t, []string{"--trusted-proxy", "10.0.0.0/8"}, xff)
	got = sources(rows)
	for _, forged := range []string{"66.249.66.1", "127.0.0.1", "1.1.1.1", "2.2.2.2"} {
		if got[forged] > 0 {
			t.Errorf("forged %s became a source: %v", forged, got)
		}
	}
	if got["143.198.48.250"] == 0 {
		t.Errorf("the proxied client 143.198.48.250 is not a source: %v", got)
	}
	for _, r := range rows {
		if r["ip"] == "45.141.84.57" && r["threat"] != "vuln_scanner" {
			t.Errorf("a forged header made the scanner %s", r["threat"])
		}
	}
}

// TestHostileSSHInjection: a user name carrying "from 8.8.8.8 port 22"
// never makes 8.8.8.8 a source.
func TestHostileSSHInjection(t *testing.T) {
	rows, _ := classifyAll(t, nil, filepath.Join(hostileDir, "injection-auth.log"))
	got := sources(rows)
	if got["8.8.8.8"] > 0 || got["45.141.84.57"] != 2 {
		t.Errorf("sources %v; want 45.141.84.57 twice and never 8.8.8.8", got)
	}
}

// TestHostileTimestamps: impossible, pre-1970 and far-future times are
// skipped as bad_time; syslog's New Year rolls into the next year.
func TestHostileTimestamps(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(hostileDir, "timestamps-auth.log"))
	if err != nil {
		t.Fatal(err)
	}
	auth := filepath.Join(t.TempDir(), "auth.log")
	if err := os.WriteFile(auth, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(auth, mod, mod); err != nil {
		t.Fatal(err)
	}
	rows, s := classifyAll(t, nil, auth)
	var times []string
	for _, r := range rows {
		times = append(times, r["time"])
	}
	want := []string{"2026-12-31T23:59:58Z", "2027-01-01T00:00:01Z", "2026-10-17T09:00:00Z", "2026-10-16T09:00:00Z"}
	if !slices.Equal(times, want) || s.Skipped["bad_time"] != 4 {
		t.Errorf("times %v, skipped %v; want %v and Feb 29 (2026), Feb 30, month Foo, hour 29 as bad_time", times, s.Skipped, want)
	}
	rows, s = classifyAll(t, nil, filepath.Join(hostileDir, "timestamps.log"))
	for _, r := range rows {
		tm, err := time.Parse(time.RFC3339, r["time"])
		if err != nil || tm.Year() < 1970 || tm.Year() > 2100 || (tm.Month() == time.March && tm.Day() == 2) {
			t.Errorf("event at %q: want impossible and far-future times skipped", r["time"])
		}
	}
	if s.Classified != 7 || s.Skipped["bad_time"] != 9 {
		t.Errorf("timestamps.log: %d classified, skipped %v", s.Classified, s.Skipped)
	}
}

// geoLog writes scanner lines from the geotest fixture networks, a bogon and
// an address no fixture knows.
func geoLog(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, ip := range []string{"81.2.69.160", "89.160.20.112", "175.16.199.5", "216.160.83.56", "2001:218::1", "8.8.8.8", "10.1.1.1"} {
		b.WriteString(ip + ` - - [17/Oct/2026:09:00:00 +0000] "GET /phpMyAdmin/scripts/setup.php HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	}
	p := filepath.Join(dir, "geo.log")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText is a PDF's bytes with every Flate stream inflated after them, so
// that text drawn in compressed content streams can be searched.
func pdfText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out := slices.Clone(pdf)
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			return out
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:end])); err == nil {
			b, _ := io.ReadAll(zr)
			out = append(out, b...)
		}
		rest = rest[end:]
	}
}

// checkSVG parses an SVG as XML and fails on any script element, event
// handler attribute or javascript: link; it returns the document's text.
func checkSVG(t *testing.T, svg []byte) string {
	t.Helper()
	if bytes.Contains(bytes.ToLower(svg), []byte("<script")) {
		t.Error("the SVG contains <script")
	}
	var text strings.Builder
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(tok.Name.Local, "script") || strings.EqualFold(tok.Name.Local, "foreignObject") {
				t.Errorf("<%s> element in the SVG", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(strings.ToLower(a.Value), "javascript:") {
					t.Errorf("attribute %s=%q in the SVG", a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	return text.String()
}

const markupPayload = `<script>alert("x")</script>" onload="alert(1)' &amp; ]]> XX) Tj ET BT (pwned`

// TestHostileNoMarkupInjection: text that reaches an SVG or a PDF — the
// title, the borders file name in the attribution, whatever the logs carry —
// is escaped: the SVG stays well-formed with no script, the PDF string
// stays a string, and the text reads back as written.
func TestHostileNoMarkupInjection(t *testing.T) {
	dir := t.TempDir()
	borders := filepath.Join(dir, `<img src=x onerror="alert(1)">'&<script>.geojson`) // no "/" in a file name
	square := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}`
	if err := os.WriteFile(borders, []byte(square), 0o644); err != nil {
		t.Fatal(err)
	}
	logs := []string{filepath.Join(hostileDir, "injection.log"), filepath.Join(hostileDir, "injection-auth.log"), filepath.Join(hostileDir, "xff.log"), geoLog(t, dir)}
	for _, format := range []string{"svg", "pdf"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "map."+format)
			args := append([]string{"map", "-q", "--size", "400x300", "--title", markupPayload, "--borders", borders, "-o", out}, logs...)
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "svg":
				text := checkSVG(t, data)
				for _, want := range []string{markupPayload, filepath.Base(borders)} {
					if !strings.Contains(text, want) {
						t.Errorf("the SVG text lacks %q", want)
					}
				}
			case "pdf":
				text := pdfText(t, data)
				if !bytes.Contains(text, []byte(`XX\) Tj ET BT \(pwned`)) {
					t.Error("the title's parentheses are not escaped in the PDF string")
				}
			}
		})
	}
}

const hostileToken = "tok_hostile_5ecret_77aa"

// TestHostileTokenNeverLeaks: through `map --ipinfo`, answering or failing
// (even a server that repeats the token in its error), the token appears in
// no output: stdout, stderr, events, actors, stats, the cache, and the
// image in every format (PDF streams inflated).
func TestHostileTokenNeverLeaks(t *testing.T) {
	tests := []struct {
		fault  geotest.Fault
		format string
	}{
		{geotest.FaultNone, "png"},
		{geotest.FaultEchoToken, "svg"},
		{geotest.FaultUnauthorized, "pdf"},
		{geotest.FaultEchoToken, "html"}, // threatmap report, its charts too
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			t.Parallel()
			srv := geotest.NewIPInfoServer(t, hostileToken)
			srv.Fault = func(int) geotest.Fault { return tt.fault }
			dir := t.TempDir()
			outs := map[string]string{}
			for _, n := range []string{"map." + tt.format, "events.csv", "actors.csv", "stats.json", "cache.json"} {
				outs[n] = filepath.Join(dir, n)
			}
			cmd := []string{"map", "--events", outs["events.csv"], "--actors", outs["actors.csv"], "--stats", outs["stats.json"]}
			if tt.format == "html" {
				charts := filepath.Join(dir, "charts")
				cmd = []string{"report", "--charts", charts}
				delete(outs, "events.csv")
				delete(outs, "actors.csv")
				delete(outs, "stats.json")
				t.Cleanup(func() {
					ents, err := os.ReadDir(charts)
					if err != nil || len(ents) == 0 {
						t.Errorf("no charts written: %v", err)
					}
					for _, e := range ents {
						if b, _ := os.ReadFile(filepath.Join(charts, e.Name())); bytes.Contains(b, []byte(hostileToken)) {
							t.Errorf("the token appears in %s", e.Name())
						}
					}
				})
			}
			env := map[string]string{"IPINFO_TOKEN": hostileToken}
			r := runT(t, context.Background(), env, nil, append(cmd, "--ipinfo", "--ipinfo-url", srv.URL, "--ipinfo-retries", "0",
				"--ipinfo-cache", outs["cache.json"], "--size", "400x300", "-o", outs["map."+tt.format], geoLog(t, dir))...)
			if want := map[bool]int{true: 0, false: 2}[tt.fault == geotest.FaultNone]; r.code != want {
				t.Fatalf("exit %d; want %d\n%s", r.code, want, r.stderr)
			}
			if srv.Requests() == 0 {
				t.Fatal("the API was never asked")
			}
			check := func(what string, b []byte) {
				if bytes.Contains(b, []byte(hostileToken)) {
					t.Errorf("the token appears in %s", what)
				}
			}
			check("stdout", []byte(r.stdout))
			check("stderr", []byte(r.stderr))
			for n, p := range outs {
				b, err := os.ReadFile(p)
				if err != nil {
					if n == "cache.json" && tt.fault != geotest.FaultNone {
						continue // nothing answered, nothing cached
					}
					t.Fatalf("%s: %v", n, err)
				}
				if strings.HasSuffix(n, ".pdf") {
					b = pdfText(t, b)
				}
				check(n, b)
			}
		})
	}
}

// TestHostileIPinfoFaults: through `map`, an API that rate-limits, breaks,
// hangs or answers garbage costs at most the time limit; the map is drawn
// from what the embedded database places, and the run is partial (exit 2).
func TestHostileIPinfoFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault geotest.Fault
	}{
		{"429", geotest.Fault429},
		{"500", geotest.Fault500},
		{"slow", geotest.FaultSlow},
		{"malformed JSON", geotest.FaultMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := geotest.NewIPInfoServer(t, hostileToken)
			srv.Fault = func(int) geotest.Fault { return tt.fault }
			srv.RetryAfter = "3600"
			srv.SlowFor = time.Minute
			dir := t.TempDir()
			out := filepath.Join(dir, "map.png")
			r := runT(t, context.Background(), map[string]string{"IPINFO_TOKEN": hostileToken}, nil, "map", "--ipinfo", "--ipinfo-url", srv.URL,
				"--ipinfo-timeout", "1s", "--ipinfo-cache", "off", "--size", "400x300", "-o", out, geoLog(t, dir))
			if r.code != 2 {
				t.Fatalf("exit %d; want 2\n%s", r.code, r.stderr)
			}
			if r.took > 8*time.Second {
				t.Errorf("took %v with a time limit of 1s", r.took)
			}
			if !strings.Contains(r.stderr, "ipinfo could not answer") {
				t.Errorf("stderr does not say the API failed:\n%s", r.stderr)
			}
			var located, of int
			if i := strings.Index(r.stderr, "located:"); i < 0 {
				t.Errorf("no located summary:\n%s", r.stderr)
			} else if _, err := fmt.Sscanf(r.stderr[i:], "located: %d of %d", &located, &of); err != nil || located == 0 {
				t.Errorf("located %d of %d (%v): want the embedded database's partial result", located, of, err)
			}
			if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("no map written: %v", err)
			}
		})
	}
}

// writeOld creates path holding known bytes and returns them.
func writeOld(t *testing.T, path string) []byte {
	t.Helper()
	old := []byte("an earlier run's output\n")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	return old
}

// checkUntouched asserts that path still holds old and that its directory
// holds no temporary file.
func checkUntouched(t *testing.T, path string, old []byte) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, old) {
		t.Errorf("%s was changed by a failed run (%v): %.40q", path, err, b)
	}
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestHostileBrokenDatabases: a corrupt, truncated, empty or unknown-schema
// database stops `map` with an error naming the file (exit 1), and the map
// of an earlier run survives.
func TestHostileBrokenDatabases(t *testing.T) {
	dir := t.TempDir()
	city := geotest.MMDB(t, geotest.MaxMindCity)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dbs := map[string]string{
		"corrupt":        write("corrupt.mmdb", append(bytes.Repeat([]byte{0xff}, 300), city[300:]...)),
		"truncated":      write("truncated.mmdb", city[:len(city)/2]),
		"empty":          write("empty.mmdb", nil),
		"unknown schema": geotest.WriteMMDB(t, dir, geotest.ASN),
	}
	logs := geoLog(t, dir)
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "map.png")
			old := writeOld(t, out)
			r := runT(t, context.Background(), nil, nil, "map", "--mmdb", db, "--mmdb-verify", "-o", out, logs)
			if r.code != 1 || !strings.Contains(r.stderr, db) {
				t.Errorf("exit %d, stderr %q; want exit 1 naming %s", r.code, r.stderr, db)
			}
			checkUntouched(t, out, old)
		})
	}
}

// TestHostileOutputIsInput: no subcommand writes over a file it reads,
// however the path is spelt, and no two outputs are one file. The inputs
// are left as they were.
func TestHostileOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"access.log":      []byte(`45.141.84.57 - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n"),
		"events.csv":      []byte("time,ip\n2026-10-17T09:00:00Z,81.2.69.160\n"),
		"located.csv":     []byte("lat,lon\n10,10\n"),
		"rules.yaml":      []byte("{}\n"),
		"borders.geojson": []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}`),
		"db.mmdb":         geotest.MMDB(t, geotest.FlatCountry),
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// alias returns a spelling of name ending in ext: relative, through a
	// "..", a symlink or a hard link.
	n := 0
	alias := func(kind, name, ext string) string {
		n++
		switch kind {
		case "same":
			return filepath.Join(dir, name)
		case "relative":
			return "./" + name
		case "dotdot":
			return filepath.Join("sub", "..", name)
		case "symlink":
			p := filepath.Join(dir, "sub", "link"+strconv.Itoa(n)+ext)
			if err := os.Symlink(filepath.Join("..", name), p); err != nil {
				t.Fatal(err)
			}
			return p
		case "hardlink":
			p := filepath.Join(dir, "hard"+strconv.Itoa(n)+ext)
			if err := os.Link(name, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		panic(kind)
	}
	cases := []struct {
		name   string
		target string // the input file the output aliases
		ext    string // the extension the output must have
		args   func(out string) []string
	}{
		{"classify -o", "access.log", ".csv", func(o string) []string { return []string{"classify", "-o", o, "access.log"} }},
		{"classify --actors", "access.log", ".csv", func(o string) []string { return []string{"classify", "--actors", o, "access.log"} }},
		{"classify --stats", "access.log", ".json", func(o string) []string { return []string{"classify", "--stats", o, "access.log"} }},
		{"classify -o rules", "rules.yaml", ".csv", func(o string) []string { return []string{"classify", "--rules", "rules.yaml", "-o", o, "access.log"} }},
		{"map -o", "access.log", ".png", func(o string) []string { return []string{"map", "-o", o, "access.log"} }},
		{"map --events", "access.log", ".csv", func(o string) []string { return []string{"map", "--events", o, "-o", "m.png", "access.log"} }},
		{"map --actors", "access.log", ".csv", func(o string) []string { return []string{"map", "--actors", o, "-o", "m.png", "access.log"} }},
		{"map --stats", "access.log", ".json", func(o string) []string { return []string{"map", "--stats", o, "-o", "m.png", "access.log"} }},
		{"map -o rules", "rules.yaml", ".png", func(o string) []string { return []string{"map", "--rules", "rules.yaml", "-o", o, "access.log"} }},
		{"map -o mmdb", "db.mmdb", ".png", func(o string) []string { return []string{"map", "--mmdb", "db.mmdb", "-o", o, "access.log"} }},
		{"map -o borders", "borders.geojson", ".png", func(o string) []string {
			return []string{"map", "--borders", "borders.geojson", "-o", o, "access.log"}
		}},
		{"locate -o", "events.csv", ".csv", func(o string) []string { return []string{"locate", "-o", o, "events.csv"} }},
		{"locate -o mmdb", "db.mmdb", ".csv", func(o string) []string { return []string{"locate", "--mmdb", "db.mmdb", "-o", o, "events.csv"} }},
		{"report -o", "access.log", ".html", func(o string) []string { return []string{"report", "-o", o, "access.log"} }},
		{"report -o mmdb", "db.mmdb", ".html", func(o string) []string { return []string{"report", "--mmdb", "db.mmdb", "-o", o, "access.log"} }},
		{"render -o", "located.csv", ".png", func(o string) []string { return []string{"render", "-o", o, "located.csv"} }},
		{"render -o borders", "borders.geojson", ".png", func(o string) []string {
			return []string{"render", "--borders", "borders.geojson", "-o", o, "located.csv"}
		}},
	}
	for _, c := range cases {
		kinds := []string{"same", "relative", "dotdot", "symlink", "hardlink"}
		if c.ext != filepath.Ext(c.target) {
			kinds = []string{"symlink", "hardlink"} // the other spellings fail on the extension alone
		}
		for _, kind := range kinds {
			t.Run(c.name+" "+kind, func(t *testing.T) {
				r := runT(t, context.Background(), nil, nil, c.args(alias(kind, c.target, c.ext))...)
				if r.code != 1 || !strings.Contains(r.stderr, "also an input") {
					t.Errorf("exit %d, stderr %q; want exit 1, output refused as an input", r.code, r.stderr)
				}
			})
		}
	}
	t.Run("two outputs", func(t *testing.T) {
		for _, args := range [][]string{
			{"classify", "-o", "x.csv", "--actors", "./x.csv", "access.log"},
			{"map", "--events", "e.csv", "--actors", "sub/../e.csv", "-o", "m.png", "access.log"},
		} {
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 1 || !strings.Contains(r.stderr, "twice") {
				t.Errorf("%v: exit %d, stderr %q; want exit 1, outputs refused", args, r.code, r.stderr)
			}
		}
	})
	for n, b := range files {
		if got, err := os.ReadFile(filepath.Join(dir, n)); err != nil || !bytes.Equal(got, b) {
			t.Errorf("input %s was changed (%v)", n, err)
		}
	}
}

// cancelAfter is an input that cancels its run once it has given n lines,
// then goes on giving lines, as a log that is still being written would.
type cancelAfter struct {
	line   []byte
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n == 0 {
		c.cancel()
	}
	c.n--
	if c.n < -100_000 {
		return 0, io.EOF
	}
	return copy(p, c.line), nil
}

// TestHostileAtomicOutputs: a run that fails while writing (interrupted
// mid-input, or unable to put the file in place) leaves the earlier output
// as it was and no temporary file behind.
func TestHostileAtomicOutputs(t *testing.T) {
	line := []byte(`45.141.84.57 - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	t.Run("classify interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out, actors := filepath.Join(dir, "events.csv"), filepath.Join(dir, "actors.csv")
		oldOut, oldActors := writeOld(t, out), writeOld(t, actors)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := runT(t, ctx, nil, &cancelAfter{line: line, n: 5000, cancel: cancel}, "classify", "-o", out, "--actors", actors, "-")
		if r.code == 0 {
			t.Fatalf("an interrupted run succeeded\n%s", r.stderr)
		}
		checkUntouched(t, out, oldOut)
		checkUntouched(t, actors, oldActors)
	})
	t.Run("map interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out, events := filepath.Join(dir, "map.png"), filepath.Join(dir, "events.csv")
		oldOut, oldEvents := writeOld(t, out), writeOld(t, events)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := runT(t, ctx, nil, &cancelAfter{line: line, n: 5000, cancel: cancel}, "map", "--events", events, "-o", out, "-")
		if r.code == 0 {
			t.Fatalf("an interrupted run succeeded\n%s", r.stderr)
		}
		checkUntouched(t, out, oldOut)
		checkUntouched(t, events, oldEvents)
	})
	t.Run("render cannot rename", func(t *testing.T) {
		dir := t.TempDir()
		in := filepath.Join(dir, "located.csv")
		if err := os.WriteFile(in, []byte("lat,lon\n10,10\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "map.png")
		if err := os.Mkdir(out, 0o755); err != nil { // a directory where the file should go
			t.Fatal(err)
		}
		keep := filepath.Join(out, "keep")
		old := writeOld(t, keep)
		r := runT(t, context.Background(), nil, nil, "render", "--size", "400x300", "-o", out, in)
		if r.code != 1 || !strings.Contains(r.stderr, out) {
			t.Errorf("exit %d, stderr %q; want exit 1 naming %s", r.code, r.stderr, out)
		}
		checkUntouched(t, keep, old)
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temporary file %s left behind", e.Name())
			}
		}
	})
	t.Run("writeAtomic", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.csv")
		old := writeOld(t, out)
		err := writeAtomic(out, nil, func(w io.Writer) error {
			w.Write([]byte("half a file"))
			return errors.New("disk full")
		})
		if err == nil || !strings.Contains(err.Error(), out) {
			t.Errorf("error %v; want one naming %s", err, out)
		}
		checkUntouched(t, out, old)
	})
}

// tagWithHandler matches an HTML start tag carrying an event handler.
var tagWithHandler = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)

// TestHostileReportEscapes: user names, paths, titles and file names from
// hostile logs reach the HTML and Markdown reports as text, never markup.
func TestHostileReportEscapes(t *testing.T) {
	dir := t.TempDir()
	logs := []string{filepath.Join(hostileDir, "injection.log"), filepath.Join(hostileDir, "injection-auth.log"), filepath.Join(hostileDir, "xff.log"), geoLog(t, dir)}
	for _, ext := range []string{"html", "md"} {
		t.Run(ext, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report."+ext)
			args := append([]string{"report", "-q", "--tz", "UTC", "--width", "320", "--report-title", markupPayload, "--title", markupPayload, "-o", out}, logs...)
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			doc := string(b)
			if strings.Contains(strings.ToLower(doc), "<script") {
				t.Error("the report contains <script")
			}
			if m := tagWithHandler.FindString(doc); m != "" {
				t.Errorf("a tag with an event handler: %.80q", m)
			}
			if strings.ContainsAny(doc, "\x1b\x00") {
				t.Error("raw control bytes in the report")
			}
			for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(&#34;x&#34;)"} {
				if ext == "md" && strings.Contains(want, "&#34;") {
					continue
				}
				if !strings.Contains(doc, want) {
					t.Errorf("the report lacks the escaped text %q", want)
				}
			}
		})
	}
}
