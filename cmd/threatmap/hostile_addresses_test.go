package main

// Addresses and times an attacker controls: zones, ports, forged
// X-Forwarded-For, injected user names, impossible timestamps.

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

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
	r := runT(t, context.Background(), nil, nil, "classify", "-q", "--log-tz", "UTC", "-o", "-", "--actors", actors, in("ipv6.log"), in("ip-port.log"), in("ipv6-auth.log"))
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
	pc := slices.Index(recs[0], "precision")
	prec := map[string]string{}
	for _, rec := range recs[1:] {
		prec[rec[0]] = rec[pc]
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
