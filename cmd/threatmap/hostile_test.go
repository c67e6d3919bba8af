package main

// Hardening tests: the hostile corpus (testdata/hostile/README.md), a
// 10 MB line, a million spoofed addresses, broken databases, a failing API,
// markup payloads, the API token, and atomic outputs, all through the
// command line as a user would meet them. This file holds what they share;
// each hostile_*_test.go file tests one property.

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/threatmap/threatmap/classify"
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

// classifyAll runs `classify --all` over files and returns the events and
// the stats.
func classifyAll(t *testing.T, extra []string, files ...string) ([]map[string]string, classify.Stats) {
	t.Helper()
	dir := t.TempDir()
	stats := filepath.Join(dir, "stats.json")
	args := append([]string{"classify", "--all", "--log-tz", "UTC", "--stats", stats}, extra...)
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

// pdfText returns a PDF's bytes, then its compressed streams inflated,
// then the strings its content streams show, joined, as they are and
// decoded from UTF-16, in which the page's text is written.
// A string is read as PDF reads it, escapes and balanced parentheses
// included, so a parenthesis left unescaped would end it early.
func pdfText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out := slices.Clone(pdf)
	var streams []byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			break
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:end])); err == nil {
			b, _ := io.ReadAll(zr)
			streams = append(streams, b...)
		}
		rest = rest[end:]
	}
	out = append(out, streams...)
	// The strings, joined: a line of text may be shown in several runs.
	var raw, decoded []byte
	for _, s := range pdfStrings(streams) {
		raw = append(raw, s...)
		if len(s)%2 == 0 {
			u := make([]uint16, len(s)/2)
			for i := range u {
				u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
			}
			decoded = append(decoded, string(utf16.Decode(u))...)
		}
	}
	out = append(append(out, '\n'), raw...)
	return append(append(out, '\n'), decoded...)
}

// pdfStrings returns the literal strings of PDF content, unescaped.
func pdfStrings(b []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(b); i++ {
		if b[i] != '(' {
			continue
		}
		var s []byte
		depth := 1
		for i++; i < len(b) && depth > 0; i++ {
			switch c := b[i]; c {
			case '\\':
				i++
				if i < len(b) {
					s = append(s, b[i])
				}
			case '(':
				depth++
				s = append(s, c)
			case ')':
				if depth--; depth > 0 {
					s = append(s, c)
				}
			default:
				s = append(s, c)
			}
		}
		out = append(out, s)
		i--
	}
	return out
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
