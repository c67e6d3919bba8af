package classify

import (
	"net/netip"
	"testing"
)

var firewallSeeds = []string{
	"Mar  3 09:52:00 fw1 kernel: [1234567.000001] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=203.0.113.100 DST=198.51.100.1 LEN=40 PROTO=TCP SPT=41000 DPT=22 WINDOW=1024 SYN URGP=0",
	"Mar  3 09:54:00 fw1 kernel: nft drop in: IN=eth0 OUT= SRC=2001:db8:bad::7 DST=2001:db8::1 LEN=80 PROTO=TCP SPT=44444 DPT=3389",
	"Mar  3 09:56:00 pfsense filterlog[5432]: 5,,,1000000103,em0,match,block,in,4,0x0,,242,1000,0,none,6,tcp,40,203.0.113.103,198.51.100.1,51000,1000,0,S,123456789,,1024,,",
	"Mar  3 09:56:31 pfsense filterlog[5432]: 5,,,1000000103,em0,match,block,in,6,0x00,0x00000,54,tcp,6,40,2001:db8:bad::8,2001:db8::1,44445,22,0,S,1,,64240,,mss",
}

func init() { fuzzSeeds = append(fuzzSeeds, firewallSeeds...) }

func TestFirewallLines(t *testing.T) {
	rules := mustRules(t, "")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "ufw block", format: FormatSyslog, line: firewallSeeds[0], ip: "203.0.113.100", cat: Noise, rule: "firewall-blocked"},
		{name: "nftables ipv6", format: FormatSyslog, line: firewallSeeds[1], ip: "2001:db8:bad::7", cat: Noise, rule: "firewall-blocked"},
		{name: "firewalld", format: FormatSyslog, line: "Mar  3 09:54:02 fw1 kernel: FINAL_REJECT: IN=eth0 OUT= SRC=203.0.113.102 DST=198.51.100.12 PROTO=UDP SPT=5555 DPT=161 LEN=40",
			ip: "203.0.113.102", cat: Noise, rule: "firewall-blocked"},
		{name: "filterlog ipv4", format: FormatSyslog, line: firewallSeeds[2], ip: "203.0.113.103", cat: Noise, rule: "firewall-blocked"},
		{name: "filterlog ipv6", format: FormatSyslog, line: firewallSeeds[3], ip: "2001:db8:bad::8", cat: Noise, rule: "firewall-blocked"},
		{name: "filterlog pass", format: FormatSyslog, result: "ignored",
			line: "Mar  3 09:56:30 pfsense filterlog[5432]: 72,,,1000005911,em0,match,pass,out,4,0x0,,64,0,0,DF,17,udp,76,198.51.100.1,192.0.2.53,53211,53,56"},
		{name: "ufw allow", format: FormatSyslog, result: "ignored",
			line: "Mar  3 09:53:13 fw1 kernel: [1.0] [UFW ALLOW] IN=eth0 OUT= SRC=198.51.100.110 DST=198.51.100.1 PROTO=TCP SPT=1 DPT=443"},
		{name: "other kernel message", format: FormatSyslog, result: "ignored",
			line: "Mar  3 09:53:14 fw1 kernel: [1234604.000001] e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex"},
		{name: "filterlog short", format: FormatSyslog, result: "malformed", line: "Mar  3 09:56:30 pfsense filterlog[5432]: 5,,,1,em0,match,block,in,4,0x0"},
	})
}

func TestPortState(t *testing.T) {
	c := cPortScan{enabled: true, ports: 4, window: 60}
	dst := netip.MustParseAddr("198.51.100.1")
	var ps portState
	// The same port again and again is one destination.
	for i := 0; i < 20; i++ {
		if ps.add(scanKey(dst, 22), int64(i), &c) {
			t.Fatal("one port tripped the detector")
		}
	}
	// Three more ports, but spread wider than the window.
	for i, port := range []uint16{23, 25, 80} {
		if ps.add(scanKey(dst, port), int64(100*(i+1)), &c) {
			t.Fatalf("port %d: tripped across windows", port)
		}
	}
	if len(ps.keys) > c.ports {
		t.Errorf("%d keys kept, want at most %d", len(ps.keys), c.ports)
	}
	// Three more within the window: four distinct.
	for i, port := range []uint16{443, 445, 3389} {
		got := ps.add(scanKey(dst, port), int64(310+i), &c)
		if got != (i == 2) {
			t.Errorf("port %d: tripped = %v", port, got)
		}
	}
	// A sweep of one port over hosts counts as well.
	var sweep portState
	tripped := false
	for i := 0; i < 4; i++ {
		tripped = sweep.add(scanKey(netip.AddrFrom4([4]byte{198, 51, 100, byte(i)}), 22), 0, &c)
	}
	if !tripped {
		t.Error("sweep not detected")
	}
}

func TestPortScanConfig(t *testing.T) {
	for _, bad := range []string{"port_scan: {ports: 1}\n", "port_scan: {ports: 1000}\n"} {
		rs, err := ParseRules([]byte(bad), "t.yaml")
		if err == nil {
			set, _ := DefaultRuleSet()
			set.Merge(rs)
			_, err = set.Compile()
		}
		if err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	rules := mustRules(t, "port_scan: {ports: 3, window: 1m, name: scan}\n")
	if rules.scan.ports != 3 || rules.scan.window != 60 || rules.scan.name != "scan" {
		t.Errorf("merged: %+v", rules.scan)
	}
}

var pfSeeds = []string{
	"Mar 03 09:52:00.123456 rule 3/(match) block in on em0: 203.0.113.160.41000 > 198.51.100.1.22: S 1234:1234(0) win 1024",
	"Mar  3 09:53:02 fw pf: rule 1.anchor.2/(match) block in on vio0: 2001:db8:bad::60.44444 > 2001:db8::1.3389: S 1:1(0) win 64240",
}

func init() { fuzzSeeds = append(fuzzSeeds, pfSeeds...) }

func TestPFLines(t *testing.T) {
	rules := mustRules(t, "")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "tcpdump pflog", format: mustFormat(t, "pf"), line: pfSeeds[0], ip: "203.0.113.160", cat: Noise, rule: "firewall-blocked"},
		{name: "pf in syslog, ipv6", format: FormatSyslog, line: pfSeeds[1], ip: "2001:db8:bad::60", cat: Noise, rule: "firewall-blocked"},
		{name: "pf icmp", format: FormatSyslog, ip: "203.0.113.161", cat: Noise, rule: "firewall-blocked",
			line: "Mar  3 09:53:03 fw pf: rule 3/(match) block in on em0: 203.0.113.161 > 198.51.100.1: ICMP echo request, id 1, seq 1, length 64"},
		{name: "pf pass", format: mustFormat(t, "pf"), result: "ignored",
			line: "Mar 03 09:53:01.000001 rule 5/(match) pass out on em0: 198.51.100.1.5353 > 224.0.0.251.5353: 0 PTR (QM)?"},
		{name: "pf garbage", format: FormatSyslog, result: "malformed", line: "Mar  3 09:53:03 fw pf: rule 3/(match) block in on em0: x y z"},
	})
	var r record
	if parsePF([]byte(pfSeeds[1][len("Mar  3 09:53:02 fw pf: "):]), &r); r.scan != scanKey(netip.MustParseAddr("2001:db8::1"), 3389) {
		t.Error("pf: destination port not read")
	}
}
