package classify

import (
	"testing"
	"time"
)

// Suricata's and Snort's alerts, in their fast log, through syslog and in
// Suricata's EVE JSON log: the source is the address, the classification
// ranks it.
func TestIDSAlerts(t *testing.T) {
	const at = "2021-03-08T19:55:04Z"
	for _, tc := range []struct {
		line     string
		ip       string // "" when the line is ignored
		category Category
		rule     string
		time     string
		format   string
	}{
		{line: "03/08/2021-19:55:04.165078  [**] [1:2403373:77918] ET CINS Active Threat Intelligence Poor Reputation IP group 74 [**] [Classification: Misc Attack] [Priority: 2] {TCP} 203.0.113.9:40927 -> 192.0.2.42:31408",
			ip: "203.0.113.9", category: VulnScanner, rule: "ids-attack", time: at, format: "ids_fast"},
		{line: "03/08/2021-19:55:04.984300  [**] [1:2029054:2] ET SCAN Zmap User-Agent (Inbound) [**] [Classification: Detection of a Network Scan] [Priority: 3] {TCP} 203.0.113.10:51308 -> 192.0.2.42:443",
			ip: "203.0.113.10", category: PortScanner, rule: "ids-scan", time: at, format: "ids_fast"},
		{line: "03/08/2021-19:55:04.234800  [**] [1:2230003:1] SURICATA TLS invalid handshake message [**] [Classification: Generic Protocol Command Decode] [Priority: 3] {TCP} 203.0.113.11:45666 -> 192.0.2.42:443",
			ip: "203.0.113.11", category: Noise, rule: "ids-alert", time: at, format: "ids_fast"},
		{line: "03/08/2021-19:55:04.712370  [**] [1:906200068:1] SSLBL: Malicious JA3 SSL-Client Fingerprint detected (CoinMiner) [**] [Classification: (null)] [Priority: 3] {TCP} 203.0.113.12:57896 -> 192.0.2.42:443",
			ip: "203.0.113.12", category: Noise, rule: "ids-alert", time: at, format: "ids_fast"},
		// Suricata in IPS mode marks what it dropped.
		{line: "03/08/2021-19:55:04.168508  [Drop] [**] [1:2019309:4] ET WEB_SERVER WGET Command Specifying Output in HTTP Headers [**] [Classification: Attempted Administrator Privilege Gain] [Priority: 1] {TCP} 203.0.113.13:57282 -> 192.0.2.42:80",
			ip: "203.0.113.13", category: VulnScanner, rule: "ids-attack", time: at, format: "ids_fast"},
		// IPv6 written out in full, the port after it.
		{line: "03/08/2021-19:55:04.195149  [**] [1:2100257:10] GPL DNS named version attempt [**] [Classification: Attempted Information Leak] [Priority: 2] {UDP} 2001:0db8:0000:0000:0000:0000:0000:0009:64614 -> 2001:0db8:0000:0000:0000:0000:0000:0001:53",
			ip: "2001:db8::9", category: VulnScanner, rule: "ids-attack", time: at, format: "ids_fast"},
		// Snort: no year (taken from the file's time), no ports for ICMP.
		{line: "03/08-19:55:04.165078  [**] [1:1000001:1] ICMP flood [**] [Classification: Attempted Denial of Service] [Priority: 2] {ICMP} 203.0.113.15 -> 192.0.2.42",
			ip: "203.0.113.15", category: DoS, rule: "ids-dos", time: at, format: "ids_fast"},
		{line: "03/08/2021-19:55:04.165078  [**] [1:2000001:1] ET POLICY Telnet root login [**] [Classification: Attempt to login by a default username and password] [Priority: 2] {TCP} 203.0.113.16:3478 -> 192.0.2.42:23",
			ip: "203.0.113.16", category: BruteForce, rule: "ids-login", time: at, format: "ids_fast"},
		{line: "03/08/2021-19:55:04.165078  [**] [1:2000002:1] ET INFO Session Traversal Utilities for NAT [**] [Classification: Not Suspicious Traffic] [Priority: 3] {UDP} 203.0.113.17:3478 -> 192.0.2.42:3478",
			format: "ids_fast"},
		{line: "Mar  8 19:55:04 ids suricata[811]: [1:2029054:2] ET SCAN Zmap User-Agent (Inbound) [Classification: Detection of a Network Scan] [Priority: 3] {TCP} 203.0.113.20:51308 -> 192.0.2.42:443",
			ip: "203.0.113.20", category: PortScanner, rule: "ids-scan", time: at, format: "syslog"},
		{line: "Mar  8 19:55:04 ids snort[1042]: [1:2100257:10] GPL DNS named version attempt [Classification: Attempted Information Leak] [Priority: 2]: {UDP} 203.0.113.21:64614 -> 192.0.2.42:53",
			ip: "203.0.113.21", category: VulnScanner, rule: "ids-attack", time: at, format: "syslog"},
		{line: "Mar  8 19:55:04 ids suricata[811]: [100] This is Suricata version 7.0.2 RELEASE running in SYSTEM mode",
			format: "syslog"},
		{line: `{"timestamp":"2021-03-08T21:55:04.165078+0200","flow_id":1,"in_iface":"eth0","event_type":"alert","src_ip":"203.0.113.30","src_port":40927,"dest_ip":"192.0.2.42","dest_port":31408,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2403373,"rev":77918,"signature":"ET CINS Active Threat Intelligence Poor Reputation IP group 74","category":"Misc Attack","severity":2}}`,
			ip: "203.0.113.30", category: VulnScanner, rule: "ids-attack", time: "2021-03-08T19:55:04.165078Z", format: "suricata_eve"},
		{line: `{"timestamp":"2021-03-08T19:55:04.000000+0000","event_type":"alert","src_ip":"2001:db8::31","src_port":1,"dest_ip":"192.0.2.42","dest_port":22,"proto":"TCP","alert":{"action":"blocked","signature":"ET SCAN Potential SSH Scan","category":"Detection of a Network Scan","severity":2}}`,
			ip: "2001:db8::31", category: PortScanner, rule: "ids-scan", time: at, format: "suricata_eve"},
		{line: `{"timestamp":"2021-03-08T19:55:05.000000+0000","flow_id":2,"event_type":"flow","src_ip":"203.0.113.31","src_port":1,"dest_ip":"192.0.2.42","dest_port":2,"proto":"TCP"}`,
			format: "suricata_eve"},
	} {
		t.Run(tc.line[:40], func(t *testing.T) {
			evs, _, st := run(t, "", tc.line, Options{})
			if st.Lines != 1 {
				t.Fatalf("lines %d", st.Lines)
			}
			p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
			if v := p.classify([]byte(tc.line), &fileCtx{ref: testNow, cols: noColumns}); v.format != formatNamed(tc.format) {
				t.Errorf("format %s, want %s", v.format, tc.format)
			}
			if tc.ip == "" {
				if len(evs) != 0 || st.Ignored != 1 {
					t.Errorf("events %v, ignored %d; want the line ignored", evs, st.Ignored)
				}
				return
			}
			if len(evs) != 1 {
				t.Fatalf("events %v", evs)
			}
			e := evs[0]
			if e.IP.String() != tc.ip || e.Category != tc.category || e.Rule != tc.rule || e.Service != "ids" {
				t.Errorf("event %s %v %s %s, want %s %v %s ids", e.IP, e.Category, e.Rule, e.Service, tc.ip, tc.category, tc.rule)
			}
			if want, _ := time.Parse(time.RFC3339, tc.time); !e.Time.Equal(want) {
				t.Errorf("time %v, want %v", e.Time, want)
			}
		})
	}
}
