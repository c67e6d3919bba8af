package main

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/block"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
)

// sampleArgs are the bundled sample logs and their site rules (the
// Makefile's SAMPLE), from this package's directory.
var sampleArgs = []string{"--rules", "../../testdata/sample/site.yaml",
	"../../testdata/sample/access.log", "../../testdata/sample/auth.log", "../../testdata/sample/mail.log"}

func TestBlockSample(t *testing.T) {
	out, stderr, err := runCmd(t, "", append([]string{"block", "--log-tz", "UTC"}, sampleArgs...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	addrs := strings.Fields(out)
	if len(addrs) < 10 {
		t.Fatalf("%d addresses listed:\n%s\n%s", len(addrs), out, stderr)
	}
	for _, s := range addrs {
		a, err := netip.ParseAddr(s)
		if err != nil {
			t.Fatalf("line %q is not an address", s)
		}
		if r, bogon := geo.Bogon(a); bogon {
			t.Errorf("%s listed: %s", a, r)
		}
	}
	if !strings.Contains(stderr, "addresses listed") || !strings.Contains(stderr, "private or reserved") {
		t.Errorf("summary:\n%s", stderr)
	}

	// The same list from the actors CSV classify writes.
	dir := t.TempDir()
	actors := filepath.Join(dir, "actors.csv")
	if _, stderr, err := runCmd(t, "", append([]string{"classify", "-q", "--log-tz", "UTC", "-o", filepath.Join(dir, "events.csv"), "--actors", actors}, sampleArgs...)...); err != nil {
		t.Fatalf("classify: %v\n%s", err, stderr)
	}
	again, stderr, err := runCmd(t, "", "block", "-q", actors)
	if err != nil || again != out {
		t.Errorf("from the actors CSV: %v\n%s\n%s", err, again, stderr)
	}

	// An allowlisted address is dropped, and written through -o.
	exclude, list := filepath.Join(dir, "office.txt"), filepath.Join(dir, "list.txt")
	os.WriteFile(exclude, []byte("# office\n"+addrs[0]+"\n"), 0o644)
	if _, stderr, err := runCmd(t, "", "block", "-q", "--exclude", exclude, "-o", list, actors); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	got, _ := os.ReadFile(list)
	if strings.Contains(string(got), addrs[0]+"\n") || len(strings.Fields(string(got))) != len(addrs)-1 {
		t.Errorf("with %s excluded:\n%s", addrs[0], got)
	}
}

func TestBlockFormats(t *testing.T) {
	for _, f := range block.Formats {
		t.Run(string(f), func(t *testing.T) {
			args := []string{"block", "-q", "--log-tz", "UTC", "--format", string(f)}
			if f == block.NFTables || f == block.IPSet || f == block.CrowdSec {
				args = append(args, "--expire", "7d")
			}
			out, stderr, err := runCmd(t, "", append(args, sampleArgs...)...)
			if err != nil || out == "" {
				t.Fatalf("%v\n%s", err, stderr)
			}
		})
	}
	out, _, err := runCmd(t, "", append([]string{"block", "-q", "--log-tz", "UTC", "--format", "csv"}, sampleArgs...)...)
	if err != nil || !strings.HasPrefix(out, "address,category,risk,score,country,asn,reason,first_seen,last_seen\n") {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	if rows := strings.Split(strings.TrimSpace(out), "\n"); !strings.Contains(rows[1], ",brute_force,4,") && !strings.Contains(rows[1], ",vuln_scanner,5,") {
		t.Errorf("csv row %q", rows[1])
	}
}

func TestBlockNothingFound(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.txt")
	os.WriteFile(list, []byte("keep me\n"), 0o644)
	_, stderr, err := runCmd(t, "", append([]string{"block", "--log-tz", "UTC", "--min-score", "99.9", "-o", list}, sampleArgs...)...)
	if code := exitOf(err); code != exitNothingFound {
		t.Fatalf("exit %d (%v), want %d\n%s", code, err, exitNothingFound, stderr)
	}
	if !strings.Contains(err.Error(), "nothing found") {
		t.Errorf("error %q", err)
	}
	if got, _ := os.ReadFile(list); string(got) != "keep me\n" {
		t.Errorf("output overwritten: %q", got)
	}
}

func TestBlockByCountry(t *testing.T) {
	out, stderr, err := runCmd(t, "", append([]string{"block", "-q", "--log-tz", "UTC", "--by-country"}, sampleArgs...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if rows[0] != "country,listed,seen,share" || len(rows) < 3 {
		t.Fatalf("ranking:\n%s", out)
	}
	// A network format is needed for a country block.
	_, _, err = runCmd(t, "", append([]string{"block", "-q", "--countries-above", "90", "--format", "plain"}, sampleArgs...)...)
	if exitOf(err) != 1 {
		t.Errorf("plain country block: %v", err)
	}
}

func TestBlockUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("10.0.0.0/8\nnot-an-address\n"), 0o644)
	for _, args := range [][]string{
		{"--format", "pf"},
		{"--min-risk", "9"},
		{"--category", "nope"},
		{"--expire", "soon"},
		{"--aggregate", "40", "--format", "cidr"},
		{"--exclude", bad},
	} {
		_, _, err := runCmd(t, "", append(append([]string{"block", "-q"}, args...), sampleArgs...)...)
		if exitOf(err) != 1 {
			t.Errorf("%v: exit %d (%v), want 1", args, exitOf(err), err)
		}
	}
}

// TestBlockReservedMatchesGeo checks that the block package's own reserved
// ranges hold every range geo never locates, so a library caller without
// geo's list is as safe as the command.
func TestBlockReservedMatchesGeo(t *testing.T) {
	reserved := block.DefaultReserved()
	for _, r := range geo.BogonRanges() {
		covered := false
		for _, p := range reserved {
			if p.Bits() <= r.Prefix.Bits() && p.Contains(r.Prefix.Addr()) {
				covered = true
			}
		}
		if !covered {
			t.Errorf("%s (%s) is not in block.DefaultReserved", r.Prefix, r.Reason)
		}
	}
}

// fakeCountries lists made-up networks for every country.
type fakeCountries map[string][]netip.Prefix

func (f fakeCountries) CountryNetworks(cc string) ([]netip.Prefix, error) { return f[cc], nil }

func TestBlockCountryBlock(t *testing.T) {
	e := func(addr, cc string, risk int) block.Entry {
		c := classify.Legit
		if risk > 0 {
			c = classify.BruteForce
		}
		return block.Entry{Addr: netip.MustParseAddr(addr), Country: cc, Category: c, Risk: risk}
	}
	policy := block.Policy{Exclude: []netip.Prefix{netip.MustParsePrefix("5.1.0.0/16")}}
	sel := policy.Select([]block.Entry{
		e("5.2.0.1", "XA", 4), e("5.2.0.2", "XA", 4), e("45.33.0.1", "XB", 4), e("45.33.0.2", "XB", 0),
	})
	src := fakeCountries{
		"XA": {netip.MustParsePrefix("5.0.0.0/14")},
		"XB": {netip.MustParsePrefix("45.33.0.0/16")},
	}
	var stderr strings.Builder
	f := &blockFlags{above: 90, name: block.DefaultName}
	env := &Env{Stderr: &stderr}
	write, n, err := f.countryBlock(env, src, &policy, &sel, block.CIDR)
	if err != nil || n == 0 {
		t.Fatalf("%d networks, %v", n, err)
	}
	var out strings.Builder
	if err := write(&out); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "5.0.0.0/16\n5.2.0.0/15\n" {
		t.Errorf("country block:\n%s", got)
	}
	if !strings.Contains(stderr.String(), "above 90%: XA\n") {
		t.Errorf("summary %q", stderr.String())
	}
	if _, _, err := f.countryBlock(env, nil, &policy, &sel, block.CIDR); exitOf(err) != 1 {
		t.Errorf("no country networks: %v", err)
	}
}

// The block summary writes every count alike, with thousands separators.
func TestBlockSummaryCounts(t *testing.T) {
	var b strings.Builder
	sel := &block.Selection{Skipped: block.Skipped{Risk: 2379, Reserved: 3}}
	printBlockSummary(&b, &block.Policy{MinRisk: 4}, sel)
	if want := "block: 0 addresses listed, 2,382 not listed (2,379 risk below 4, 3 private or reserved)\n"; b.String() != want {
		t.Errorf("summary %q, want %q", b.String(), want)
	}
}
