package main

// Geolocation under attack: the ipinfo token, a failing API, broken
// databases.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/geo/geotest"
)

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
