package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo/geotest"
	"github.com/threatmap/threatmap/located"
)

const locateToken = "tok_locate_9f8e7d_secret"

// runLocate runs `threatmap locate` with args and returns stdout, stderr and
// the exit code. The user cache directory is a temporary one.
func runLocate(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["XDG_CACHE_HOME"]; !ok {
		env["XDG_CACHE_HOME"] = t.TempDir()
	}
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	err := run(context.Background(), append([]string{"locate"}, args...), e)
	code := exitCode(err, &stderr)
	return stdout.String(), stderr.String(), code
}

// locRow is the location columns of one output row.
type locRow struct {
	lat, lon           string
	country, city, prc string
}

func parseLocated(t *testing.T, out string) map[string]locRow {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	h := recs[0]
	want := []string{"time", "ip", "threat", "risk", "rule", "source", "lat", "lon", "country", "city", "precision", "accuracy_km"}
	if strings.Join(h, ",") != strings.Join(want, ",") {
		t.Fatalf("header %v; want %v", h, want)
	}
	m := map[string]locRow{}
	for _, r := range recs[1:] {
		m[r[1]] = locRow{r[6], r[7], r[8], r[9], r[10]}
	}
	if len(recs) != 15 {
		t.Errorf("%d rows; want the 14 input rows and a header", len(recs)-1)
	}
	return m
}

func mixedInput(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "geo", "mixed-events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// countryPoint is the representative point the embedded borders give cc.
func countryPoint(t *testing.T, cc string) (string, string) {
	t.Helper()
	w, err := assets.LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := w.Country(cc)
	if !ok {
		t.Fatalf("no country %s", cc)
	}
	return degrees(c.Point.Lat()), degrees(c.Point.Lon())
}

var mixedBogons = []string{"10.1.1.1", "192.168.0.7", "fe80::1%eth0", "2001:db8::5", "100.64.3.4", "not-an-ip"}

func checkBogonRows(t *testing.T, rows map[string]locRow) {
	t.Helper()
	for _, ip := range mixedBogons {
		if r := rows[ip]; r != (locRow{prc: "none"}) {
			t.Errorf("%s: %+v; want unlocated, empty coordinates", ip, r)
		}
	}
}

func near(t *testing.T, ip string, r locRow, lat, lon float64) {
	t.Helper()
	la, err1 := strconv.ParseFloat(r.lat, 64)
	lo, err2 := strconv.ParseFloat(r.lon, 64)
	if err1 != nil || err2 != nil || math.Abs(la-lat) > 1e-3 || math.Abs(lo-lon) > 1e-3 {
		t.Errorf("%s: at %q,%q; want %v,%v", ip, r.lat, r.lon, lat, lon)
	}
}

// TestLocateSchemas locates the mixed CSV through a database of every schema.
func TestLocateSchemas(t *testing.T) {
	input := mixedInput(t)
	phLat, phLon := countryPoint(t, "PH")
	gbLat, gbLon := countryPoint(t, "GB")
	tests := []struct {
		kinds []geotest.Kind
		city  bool
		area  bool // the database gives coordinates to a country-level network
	}{
		{[]geotest.Kind{geotest.MaxMindCity}, true, true},
		{[]geotest.Kind{geotest.MaxMindCountry}, false, false},
		{[]geotest.Kind{geotest.DBIPCity}, true, true},
		{[]geotest.Kind{geotest.FlatCityIPv4, geotest.FlatCityIPv6}, true, false},
		{[]geotest.Kind{geotest.FlatCountry}, false, false},
		{[]geotest.Kind{geotest.IPinfoLocation}, true, false},
		{[]geotest.Kind{geotest.IPinfoLite}, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.kinds[0]), func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--no-embedded-db"}
			for _, k := range tt.kinds {
				args = append(args, "--mmdb", geotest.WriteMMDB(t, dir, k))
			}
			out, stderr, code := runLocate(t, nil, input, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows := parseLocated(t, out)
			checkBogonRows(t, rows)
			if r := rows["202.196.224.1"]; tt.area {
				if r != (locRow{"13", "122", "PH", "", "coordinates"}) {
					t.Errorf("202.196.224.1: %+v; want PH at the database's coordinates", r)
				}
			} else if r != (locRow{phLat, phLon, "PH", "", "country"}) {
				t.Errorf("202.196.224.1: %+v; want PH at its representative point", r)
			}
			london := rows["81.2.69.160"]
			if tt.city {
				if london.city != "London" || london.prc != "city" {
					t.Errorf("81.2.69.160: %+v", london)
				}
				near(t, "81.2.69.160", london, 51.5142, -0.0931)
				if r := rows["[2a02:d300::1]"]; r.city != "Kyiv" || r.country != "UA" {
					t.Errorf("[2a02:d300::1]: %+v", r)
				}
				if r := rows["89.160.20.112"]; r.city != "Linköping" {
					t.Errorf("89.160.20.112: %+v", r)
				}
			} else if london != (locRow{gbLat, gbLon, "GB", "", "country"}) {
				t.Errorf("81.2.69.160: %+v; want GB at its representative point", london)
			}
			if rows["::ffff:81.2.69.160"] != london {
				t.Errorf("the mapped address is placed apart from the IPv4 one")
			}
			for _, want := range []string{"14 rows", "1 row without a valid ip", "located:     6 of 11", "bogon: private", "bogon: link-local", "bogon: cgnat", "bogon: documentation"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("summary lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
}

// TestLocateEmbedded: no flags at all uses the embedded country database.
func TestLocateEmbedded(t *testing.T) {
	in := "ip,category,risk,score,events,first_seen,last_seen,categories\n" +
		"8.8.8.8,vuln_scanner,5,9.5,12,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,vuln_scanner\n" +
		"2a00:1450:4001:80b::200e,brute_force,4,7,3,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,brute_force\n" +
		"10.9.9.9,noise,1,1,1,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z,noise\n"
	out, stderr, code := runLocate(t, nil, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	usLat, usLon := countryPoint(t, "US")
	ieLat, ieLon := countryPoint(t, "IE")
	want := [][]string{
		{"ip", "category", "risk", "score", "events", "first_seen", "last_seen", "categories", "lat", "lon", "country", "city", "precision", "accuracy_km"},
		{"8.8.8.8", "vuln_scanner", "5", "9.5", "12", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "vuln_scanner", usLat, usLon, "US", "", "country", ""},
		{"2a00:1450:4001:80b::200e", "brute_force", "4", "7", "3", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "brute_force", ieLat, ieLon, "IE", "", "country", ""},
		{"10.9.9.9", "noise", "1", "1", "1", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "noise", "", "", "", "", "none", ""},
	}
	for i := range want {
		if strings.Join(recs[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d: %v; want %v", i, recs[i], want[i])
		}
	}
	if !strings.Contains(stderr, assets.CountryDBName) {
		t.Errorf("summary does not name the source:\n%s", stderr)
	}
	// Locating the output again overwrites the columns instead of adding more.
	again, _, code := runLocate(t, nil, out)
	if code != 0 || again != out {
		t.Errorf("relocating changed the file (exit %d):\n%s", code, again)
	}
}

// TestLocateIPinfo: the API, behind the embedded database, failing in
// several ways. Every run writes all rows; failures give exit 2.
func TestLocateIPinfo(t *testing.T) {
	input := mixedInput(t)
	tests := []struct {
		name      string
		fault     func(int) geotest.Fault
		extra     []string
		wantCode  int
		wantCity  bool   // 81.2.69.160 located by ipinfo at city precision
		wantPrc   string // precision of 81.2.69.160
		wantInErr string
	}{
		{"healthy", nil, nil, 0, true, "city", ""},
		{"fails every other request, retried", geotest.EveryOther(geotest.Fault500), nil, 0, true, "city", ""},
		{"always 500, embedded fallback", func(int) geotest.Fault { return geotest.Fault500 }, []string{"--ipinfo-retries", "0"}, 2, false, "country", "ipinfo could not answer for 6 addresses"},
		{"always 500, no fallback", func(int) geotest.Fault { return geotest.Fault500 }, []string{"--no-embedded-db", "--ipinfo-retries", "1"}, 2, false, "none", "6 addresses could not be located"},
		{"429 beyond the time limit", func(int) geotest.Fault { return geotest.Fault429 }, []string{"--ipinfo-timeout", "2s"}, 2, false, "country", "ipinfo could not answer"},
		{"budget of one request", func(int) geotest.Fault { return geotest.Fault500 }, []string{"--ipinfo-budget", "1", "--no-embedded-db"}, 2, false, "none", "budget"},
		{"server echoes the token", func(int) geotest.Fault { return geotest.FaultEchoToken }, []string{"--ipinfo-retries", "0"}, 2, false, "country", "HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := geotest.NewIPInfoServer(t, locateToken)
			srv.Fault = tt.fault
			srv.RetryAfter = "30"
			cache := filepath.Join(t.TempDir(), "cache.json")
			outPath := filepath.Join(t.TempDir(), "located.csv")
			args := append([]string{"--ipinfo", "--ipinfo-url", srv.URL, "--ipinfo-cache", cache, "-o", outPath}, tt.extra...)
			args = append(args, "-")
			stdout, stderr, code := runLocate(t, map[string]string{"IPINFO_TOKEN": locateToken}, input, args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d; want %d\n%s", code, tt.wantCode, stderr)
			}
			if tt.wantInErr != "" && !strings.Contains(stderr, tt.wantInErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantInErr, stderr)
			}
			out, err := os.ReadFile(outPath)
			if err != nil {
				t.Fatal(err)
			}
			rows := parseLocated(t, string(out))
			checkBogonRows(t, rows)
			if r := rows["81.2.69.160"]; r.prc != tt.wantPrc || (r.city == "London") != tt.wantCity {
				t.Errorf("81.2.69.160: %+v; want precision %s", r, tt.wantPrc)
			}
			for _, ip := range []string{"10.1.1.1", "192.168.0.7", "fe80::1", "2001:db8::5", "100.64.3.4"} {
				if srv.Asked(ip) != 0 {
					t.Errorf("bogon %s was sent to the API", ip)
				}
			}
			cached, _ := os.ReadFile(cache)
			for what, s := range map[string]string{"stdout": stdout, "stderr": stderr, "output": string(out), "cache": string(cached)} {
				if strings.Contains(s, locateToken) {
					t.Errorf("the token appears in %s", what)
				}
			}
		})
	}
}

// TestLocateIPinfoCache: a second run answers from the cache, without a
// request.
func TestLocateIPinfoCache(t *testing.T) {
	input := mixedInput(t)
	srv := geotest.NewIPInfoServer(t, locateToken)
	env := map[string]string{"IPINFO_TOKEN": locateToken, "XDG_CACHE_HOME": t.TempDir()}
	first, stderr, code := runLocate(t, env, input, "--ipinfo", "--ipinfo-url", srv.URL)
	if code != 0 || srv.Requests() != 1 {
		t.Fatalf("first run: exit %d, %d requests\n%s", code, srv.Requests(), stderr)
	}
	path := filepath.Join(env["XDG_CACHE_HOME"], "threatmap", "ipinfo-cache.json")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no cache in the user cache directory: %v", err)
	}
	second, stderr, code := runLocate(t, env, input, "--ipinfo", "--ipinfo-url", srv.URL)
	if code != 0 || srv.Requests() != 1 || second != first {
		t.Errorf("second run: exit %d, %d requests in all, same output %v\n%s", code, srv.Requests(), second == first, stderr)
	}
	if !strings.Contains(stderr, "6 answers from the cache") {
		t.Errorf("summary:\n%s", stderr)
	}
	// A corrupt cache is reported, ignored and rebuilt.
	if err := os.WriteFile(path, []byte("{\x00garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	third, stderr, code := runLocate(t, env, input, "--ipinfo", "--ipinfo-url", srv.URL)
	if code != 0 || third != first || srv.Requests() != 2 || !strings.Contains(stderr, "will be rebuilt") {
		t.Errorf("corrupt cache: exit %d, %d requests\n%s", code, srv.Requests(), stderr)
	}
}

func TestLocateErrors(t *testing.T) {
	dir := t.TempDir()
	events := filepath.Join(dir, "events.csv")
	os.WriteFile(events, []byte("time,ip\n2024-01-01T00:00:00Z,8.8.8.8\n"), 0o644)
	corrupt := filepath.Join(dir, "corrupt.mmdb")
	os.WriteFile(corrupt, geotest.MMDB(t, geotest.MaxMindCity)[:200], 0o644)
	asn := geotest.WriteMMDB(t, dir, geotest.ASN)
	tests := []struct {
		name  string
		env   map[string]string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"no ip column", nil, "time,host\n1,2\n", nil, 1, "no ip column"},
		{"no ip column, coordinates", nil, "lat,lon\n1,2\n", nil, 1, "no ip column"},
		{"empty input", nil, "", nil, 1, "input is empty"},
		{"ipinfo without token", nil, "ip\n8.8.8.8\n", []string{"--ipinfo"}, 1, "IPINFO_TOKEN"},
		{"corrupt database", nil, "ip\n8.8.8.8\n", []string{"--mmdb", corrupt}, 1, corrupt},
		{"database without location", nil, "ip\n8.8.8.8\n", []string{"--mmdb", asn}, 1, "unknown schema"},
		{"bad schema", nil, "ip\n8.8.8.8\n", []string{"--mmdb-schema", "nope"}, 1, "unknown database schema"},
		{"output is the input", nil, "", []string{"-o", events, events}, 1, "also an input"},
		{"two inputs", nil, "", []string{events, events}, 1, "one input"},
		{"missing input", nil, "", []string{filepath.Join(dir, "nope.csv")}, 1, "no such file"},
		{"nothing to locate with", nil, "ip\n8.8.8.8\n", []string{"--no-embedded-db"}, 1, "no way to locate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runLocate(t, tt.env, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(events); string(b) != "time,ip\n2024-01-01T00:00:00Z,8.8.8.8\n" {
		t.Errorf("the input was changed: %q", b)
	}
}

// TestLocateMalformedRows: a row the CSV reader rejects is left out,
// counted, and makes the result partial; the rest is located.
func TestLocateMalformedRows(t *testing.T) {
	in := "ip,note\n8.8.8.8,ok\n9.9.9.9,\"unterminated\n1.1.1.1,x\"y\n"
	out, stderr, code := runLocate(t, nil, in)
	if code != 2 || !strings.Contains(stderr, "could not be parsed") || !strings.HasPrefix(out, "ip,note,lat,lon,country,city,precision,accuracy_km\n8.8.8.8,ok,") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, stderr)
	}
}

// FuzzLocateCSV: any input gives CSV output with one row per parsed input
// row, and never a panic.
func FuzzLocateCSV(f *testing.F) {
	f.Add("time,ip,threat\n1,8.8.8.8,x\n2,::1,y\n")
	f.Add("\ufeffIP ,lat\n[2001:db8::1],5\n")
	f.Add("ip\n\"a\nb\",\n")
	w, err := assets.LoadWorld()
	if err != nil {
		f.Fatal(err)
	}
	var g geoFlags
	setup, err := g.build(&Env{Getenv: func(string) string { return "" }}, w)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		st, err := located.Locate(context.Background(), strings.NewReader(in), &out, setup.Locator, located.Window{})
		if err != nil {
			return
		}
		recs, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatalf("output is not CSV: %v", err)
		}
		if len(recs) != st.Rows+1 {
			t.Fatalf("%d output rows for %d input rows", len(recs)-1, st.Rows)
		}
	})
}

// degrees formats a coordinate as locate writes it: 5 decimals at most.
func degrees(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', -1, 64)
}
