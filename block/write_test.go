package block

import (
	"bytes"
	"errors"
	"flag"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/classify"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleList is a small list with both families, an aggregated prefix, a
// known country and ASN, and a reason with a comma.
func sampleList() *List {
	at := func(h int) time.Time { return time.Date(2026, 10, 3, h, 0, 0, 0, time.UTC) }
	e := func(addr string, c classify.Category, score float64, cc string, asn uint32, reason string) Entry {
		return Entry{Addr: netip.MustParseAddr(addr), Category: c, Risk: c.Risk(), Score: score, Events: 3,
			Country: cc, ASN: asn, Reason: reason, First: at(8), Last: at(12)}
	}
	entries := []Entry{
		e("185.220.101.4", classify.BruteForce, 37.5, "DE", 0, "brute_force:3"),
		e("45.33.1.9", classify.VulnScanner, 81.2, "US", 63949, "vuln_scanner:323;legit:39"),
		e("45.33.1.8", classify.VulnScanner, 41.4, "US", 63949, "vuln_scanner:1"),
		e("2a01:4f8:10:20::7", classify.BruteForce, 37.5, "", 0, `brute_force:3 "quoted", comma`),
		e("45.33.1.10", classify.Legit, 0, "US", 0, "legit:10"),
	}
	sel := (&Policy{}).Select(entries)
	return &List{Entries: sel.Listed, Prefixes: sel.Prefixes(DefaultAggregation)}
}

func TestWriteGolden(t *testing.T) {
	week := 7 * 24 * time.Hour
	cases := []struct {
		file   string
		format Format
		edit   func(*List)
	}{
		{"plain.txt", Plain, nil},
		{"cidr.txt", CIDR, nil},
		{"nftables.nft", NFTables, nil},
		{"nftables-expire.nft", NFTables, func(l *List) { l.Expire = week + 90*time.Minute }},
		{"nftables-empty.nft", NFTables, func(l *List) { l.Entries, l.Prefixes = nil, nil }},
		{"ipset.txt", IPSet, func(l *List) { l.Expire = week }},
		{"ipset-empty.txt", IPSet, func(l *List) { l.Entries, l.Prefixes = nil, nil }},
		{"iptables.rules", IPTables, nil},
		{"ip6tables.rules", IP6Tables, nil},
		{"fail2ban.sh", Fail2ban, func(l *List) { l.Name = "sshd" }},
		{"crowdsec.csv", CrowdSec, func(l *List) { l.Expire = week }},
		{"crowdsec-noexpire.csv", CrowdSec, func(l *List) { l.Prefixes = nil }},
		{"block.csv", CSV, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			l := sampleList()
			if c.edit != nil {
				c.edit(l)
			}
			var buf bytes.Buffer
			if err := Write(&buf, c.format, l); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", c.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./block -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file:\n%s", c.file, buf.Bytes())
			}
			checkWithTool(t, c.format, path)
		})
	}
}

// checkWithTool loads a golden file with the real tool in check mode, when
// the tool is installed and allowed to run here, and skips the test with the
// reason otherwise (after the golden comparison).
func checkWithTool(t *testing.T, f Format, path string) {
	var cmd []string
	probe := ""
	switch f {
	case NFTables:
		cmd = []string{"nft", "-c", "-f", path}
	case IPTables:
		cmd = []string{"iptables-restore", "--test", "--noflush", path}
	case IP6Tables:
		cmd = []string{"ip6tables-restore", "--test", "--noflush", path}
	case IPSet:
		// ipset has no check mode: restore into a private, throwaway
		// network namespace, never the host's, twice (a reload).
		cmd = []string{"unshare", "--net", "sh", "-c", `ipset -exist restore -file "$0" && ipset -exist restore -file "$0"`, path}
		probe = "ipset"
	default:
		return
	}
	if probe == "" {
		probe = cmd[0]
	}
	if _, err := exec.LookPath(probe); err != nil {
		t.Skipf("%s not installed: syntax not checked", probe)
	}
	if !toolWorks(probe) {
		t.Skipf("%s cannot run here (needs privileges or kernel support): syntax not checked", probe)
	}
	out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
	if err != nil {
		t.Errorf("%s: %v\n%s", strings.Join(cmd, " "), err, out)
	}
	if f == NFTables && toolWorks("unshare") {
		// Load it for real, twice, in a throwaway network namespace: the
		// second load must replace the first.
		out, err := exec.Command("unshare", "--net", "sh", "-c", `nft -f "$0" && nft -f "$0"`, path).CombinedOutput()
		if err != nil {
			t.Errorf("nft -f twice: %v\n%s", err, out)
		}
	}
}

// toolWorks runs the checker on a trivially valid input, so that a tool
// that cannot work in this container (no privileges, no netfilter) is
// skipped instead of failing every case.
func toolWorks(tool string) bool {
	var cmd *exec.Cmd
	switch tool {
	case "nft":
		cmd = exec.Command("nft", "-c", "-f", "-")
		cmd.Stdin = strings.NewReader("table inet threatmap_probe {}\n")
	case "iptables-restore", "ip6tables-restore":
		cmd = exec.Command(tool, "--test", "--noflush")
		cmd.Stdin = strings.NewReader("*filter\nCOMMIT\n")
	case "ipset":
		cmd = exec.Command("unshare", "--net", "ipset", "list", "-n")
	case "unshare":
		cmd = exec.Command("unshare", "--net", "true")
	default:
		return false
	}
	return cmd.Run() == nil
}

func TestWriteErrors(t *testing.T) {
	l := sampleList()
	var buf bytes.Buffer
	if err := Write(&buf, Format("pf"), l); err == nil {
		t.Error("unknown format: no error")
	}
	if err := Write(&buf, NFTables, &List{Name: "bad name;"}); err == nil {
		t.Error("bad name: no error")
	}
	if err := Write(&buf, IPSet, &List{Entries: l.Entries, Expire: 30 * 24 * time.Hour}); err == nil {
		t.Error("ipset expiry beyond its limit: no error")
	}
	country := &List{Prefixes: []netip.Prefix{netip.MustParsePrefix("5.1.0.0/16")}}
	if err := Write(&buf, Plain, country); !errors.Is(err, ErrNoAddresses) {
		t.Errorf("plain country block: %v", err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if got, _ := ParseFormat("IPTables"); got != IPTables {
		t.Errorf("iptables alias: %q", got)
	}
}
