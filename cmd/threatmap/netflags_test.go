package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/threatmap/threatmap/geo/geotest"
)

// fakeResolver answers reverse lookups from a table, never the network.
type fakeResolver struct {
	mu    sync.Mutex
	names map[string]string
	asked []string
}

func (f *fakeResolver) LookupAddr(_ context.Context, addr string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, addr)
	if n, ok := f.names[addr]; ok {
		return []string{n}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

// TestLocateNetworkColumns: --asn-mmdb and --rdns add the asn, org and rdns
// columns and a summary of the networks; bogons are never looked up.
func TestLocateNetworkColumns(t *testing.T) {
	dir := t.TempDir()
	asn := geotest.WriteMMDB(t, dir, geotest.ASN)
	cache := filepath.Join(dir, "rdns.json")
	res := &fakeResolver{names: map[string]string{"81.2.69.160": "Scanner.Example.NET."}}
	in := "ip,note\n81.2.69.160,a\n2001:218::1,b\n10.0.0.1,c\n1.1.1.1,d\n81.2.69.160,e\n"
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(in), Stdout: &stdout, Stderr: &stderr, Resolver: res,
		Getenv: func(k string) string {
			if k == "XDG_CACHE_HOME" {
				return dir
			}
			return ""
		}}
	if err := run(context.Background(), []string{"locate", "--asn-mmdb", asn, "--rdns", "--rdns-cache", cache}, env); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	recs, err := csv.NewReader(&stdout).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	h := strings.Join(recs[0], ",")
	if !strings.HasSuffix(h, ",precision,accuracy_km,asn,org,rdns") {
		t.Fatalf("header %s", h)
	}
	n := len(recs[0])
	num0, org0 := geotest.Networks()[0].AS()
	want := map[string][3]string{
		"81.2.69.160": {"64496", org0, "scanner.example.net"},
		"2001:218::1": {"64502", "Example Network 6", ""},
		"10.0.0.1":    {"", "", ""},
		"1.1.1.1":     {"", "", ""},
	}
	if num0 != 64496 {
		t.Fatalf("fixture numbering changed: %d", num0)
	}
	for _, r := range recs[1:] {
		w := want[r[0]]
		if got := [3]string{r[n-3], r[n-2], r[n-1]}; got != w {
			t.Errorf("%s: %v; want %v", r[0], got, w)
		}
	}
	for _, a := range res.asked {
		if a == "10.0.0.1" {
			t.Error("a bogon was looked up")
		}
	}
	if len(res.asked) != 3 {
		t.Errorf("asked %v; want each public address once", res.asked)
	}
	for _, s := range []string{"networks:    2 of 3 addresses with an AS", "AS64496 " + org0, "names:       1 of 3 addresses (33%)", "example.net 1"} {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("summary lacks %q:\n%s", s, stderr.String())
		}
	}
	if _, err := os.Stat(cache); err != nil {
		t.Errorf("names cache not saved: %v", err)
	}
}

// TestNetworkFlagErrors: a database that is not an ASN database, a missing
// one, or bad --rdns limits stop the command with an error naming the flag.
func TestNetworkFlagErrors(t *testing.T) {
	dir := t.TempDir()
	city := geotest.WriteMMDB(t, dir, geotest.MaxMindCity)
	for _, args := range [][]string{
		{"locate", "--asn-mmdb", city},
		{"locate", "--asn-mmdb", filepath.Join(dir, "missing.mmdb")},
		{"locate", "--rdns", "--rdns-concurrency", "0"},
		{"locate", "--asn"},
	} {
		_, _, err := runCmd(t, "ip\n8.8.8.8\n", args...)
		if err == nil || exitOf(err) == 0 || !strings.Contains(err.Error(), args[1]) {
			t.Errorf("%v: %v; want an error naming %s", args, err, args[1])
		}
	}
}

// TestReportNetworks: with --asn-mmdb and --rdns the report ranks the
// networks and the named domains of the threat sources, and leaves the
// legit ones out.
func TestReportNetworks(t *testing.T) {
	dir := t.TempDir()
	asn := geotest.WriteMMDB(t, dir, geotest.ASN)
	logPath := filepath.Join(dir, "access.log")
	lines := `81.2.69.160 - - [10/Oct/2026:13:55:36 +0000] "GET /phpmyadmin/setup.php HTTP/1.1" 404 5 "-" "sqlmap/1.7"
81.2.69.160 - - [10/Oct/2026:13:55:37 +0000] "GET /.env HTTP/1.1" 404 5 "-" "sqlmap/1.7"
2001:218::1 - - [10/Oct/2026:13:55:38 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0"
`
	if err := os.WriteFile(logPath, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.md")
	res := &fakeResolver{names: map[string]string{"81.2.69.160": "scan-7.Scanner.Example.NET.", "2001:218::1": "www.legit.example."}}
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Resolver: res, Getenv: func(string) string { return "" }}
	args := []string{"report", "-q", "--log-tz", "UTC", "--asn-mmdb", asn, "--rdns", "--rdns-cache", filepath.Join(dir, "rdns.json"), "-o", out, logPath}
	if err := run(context.Background(), args, env); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	num, org := geotest.Networks()[0].AS()
	for _, want := range []string{"### Networks\n\n1 of 1 threat sources.", "| AS" + strconv.Itoa(int(num)) + " " + mdEscapeForTest(org) + " | 1 | 2 |",
		"### Named sources\n\n1 of 1 threat sources.", "| example.net | 1 | 2 |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the report lacks %q:\n%s", want, doc)
		}
	}
	if strings.Contains(doc, "legit.example") {
		t.Error("a legit address's name is ranked among the threat sources' networks")
	}
}

// mdEscapeForTest escapes the Markdown characters a network name may hold.
func mdEscapeForTest(s string) string {
	return strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`, ":", `\:`).Replace(s)
}
