package classify

import (
	"bytes"
	"net/netip"
)

// Alerts of a network intrusion detection system: Suricata's and Snort's
// "fast" alert log (fast.log, alert), one line an alert, in the system's
// local time (Snort writes no year unless run with -y):
//
//	10/08/2026-19:55:04.165078  [**] [1:2403373:77918] ET CINS Active Threat Intelligence Poor Reputation IP group 74 [**] [Classification: Misc Attack] [Priority: 2] {TCP} 203.0.113.9:40927 -> 192.0.2.42:31408
//	10/08-19:55:04.165078  [**] [1:1000001:1] Possible scan [**] [Classification: Detection of a Network Scan] [Priority: 3] {ICMP} 203.0.113.9 -> 192.0.2.42
//
// Suricata in IPS mode marks what it dropped ("[Drop] [**] …"), and both
// send the same alert to syslog without the time and the first "[**]"
// (Snort with a colon after the priority):
//
//	suricata[811]: [1:2029054:2] ET SCAN Zmap User-Agent (Inbound) [Classification: Detection of a Network Scan] [Priority: 3] {TCP} 203.0.113.9:51308 -> 192.0.2.42:443
//	snort[1042]: [1:2100257:10] GPL DNS named version attempt [Classification: Attempted Information Leak] [Priority: 2]: {UDP} 203.0.113.9:64614 -> 192.0.2.42:53
//
// Suricata's EVE JSON log (eve.json) holds the same alerts as objects with
// "event_type":"alert" (see parseEveAlert).
//
// The alert's source is the address. The message the rules read is the
// signature and its classification ("… [Classification: Misc Attack]"),
// which the default rules rank: attacks and information leaks an exploit
// attempt, scans a port scan, denial of service, logins with default or
// suspicious user names brute force, the rest noise.
func isIDSFastLine(line []byte) bool {
	_, n := idsFastTime(line)
	if n == 0 {
		return false
	}
	rest := idsSkipMarks(line[n:])
	return hasPrefixString(rest, "[**] [")
}

// idsFastTime reads the time a fast alert starts with, "MM/DD/YYYY-hh:mm:ss"
// or Snort's "MM/DD-hh:mm:ss", and the fraction of a second after it; n is 0
// when the line does not start so. A civil time without a year has year 0.
func idsFastTime(line []byte) (c civil, n int) {
	c, n = readCivil(line, "MM/DD/YYYY-hh:mm:ss")
	if n == 0 {
		b := line
		if len(b) < 14 || b[2] != '/' || b[5] != '-' || b[8] != ':' || b[11] != ':' {
			return civil{}, 0
		}
		c = civil{month: num2(b), day: num2(b[3:]), hour: num2(b[6:]), min: num2(b[9:]), sec: num2(b[12:])}
		if c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31 || c.hour < 0 || c.hour > 23 || c.min < 0 || c.min > 59 || c.sec < 0 || c.sec > 60 {
			return civil{}, 0
		}
		n = 14
	}
	if n < len(line) && line[n] == '.' {
		n++
		for n < len(line) && isDigit(line[n]) {
			n++
		}
	}
	return c, n
}

// idsSkipMarks skips the spaces after the time and Suricata's mark of a
// packet it dropped ("[Drop] ", "[wDrop] ").
func idsSkipMarks(b []byte) []byte {
	b = skipSpaces(b)
	for _, m := range []string{"[Drop] ", "[wDrop] "} {
		if hasPrefixString(b, m) {
			return skipSpaces(b[len(m):])
		}
	}
	return b
}

func (p *lineParser) parseIDSFastLog(line []byte, r *record, fc *fileCtx) lineResult {
	r.service = svcIDS
	c, n := idsFastTime(line)
	if n == 0 {
		return resBadTime
	}
	if c.year == 0 {
		inferYear(&c, fc.ref)
	}
	if !c.valid() {
		return resBadTime
	}
	r.time = p.local(c)
	rest := idsSkipMarks(line[n:])
	if !hasPrefixString(rest, "[**] ") {
		return resMalformed
	}
	return parseIDSAlert(rest[len("[**] "):], r)
}

// parseIDSAlert reads an alert from its "[gid:sid:rev]" on: the message up
// to the end of its classification, and the source address after the
// protocol.
func parseIDSAlert(msg []byte, r *record) lineResult {
	r.service = svcIDS
	if len(msg) == 0 || msg[0] != '[' {
		return resIgnored // Suricata's and Snort's own notices
	}
	sig := indexByte(msg, ']')
	if sig < 0 || !bytes.ContainsRune(msg[:sig], ':') {
		return resIgnored
	}
	body := skipSpaces(msg[sig+1:])
	ci := indexString(body, "[Classification: ")
	if ci < 0 {
		return resMalformed
	}
	ce := indexByte(body[ci:], ']')
	if ce < 0 {
		return resMalformed
	}
	class := body[ci+len("[Classification: ") : ci+ce]
	r.message = body[:ci+ce+1]
	if idsHarmless(class) {
		return resIgnored
	}
	br := bytes.LastIndexByte(body, '{')
	if br < 0 {
		return resMalformed
	}
	pe := indexByte(body[br:], '}')
	if pe < 0 {
		return resMalformed
	}
	src, _ := nextToken(body[br+pe+1:])
	a, ok := idsAddr(src)
	if !ok {
		return resMalformed
	}
	r.auth = authProbe
	return setSource(r, a)
}

// idsHarmless reports whether an alert's classification says the traffic
// is no threat: such alerts are read and ignored.
func idsHarmless(class []byte) bool {
	return string(class) == "Not Suspicious Traffic" || string(class) == "A TCP connection was detected"
}

// idsAddr reads an alert's address, with or without its port: "1.2.3.4",
// "1.2.3.4:40927", and Suricata's IPv6 written out in full with the port
// after it, "2001:0db8:0000:0000:0000:0000:0000:0009:40927".
func idsAddr(b []byte) (netip.Addr, bool) {
	if a, ok := parseAddrPort(b); ok {
		return a, true
	}
	if j := bytes.LastIndexByte(b, ':'); j > 0 && allDigits(b[j+1:]) {
		return parseAddr(b[:j])
	}
	return netip.Addr{}, false
}

// eveFields map Suricata's EVE JSON log (eve.json):
//
//	{"timestamp":"2026-10-08T19:55:04.165078+0200","flow_id":1,"event_type":"alert","src_ip":"203.0.113.9","src_port":40927,"dest_ip":"192.0.2.42","dest_port":31408,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2403373,"rev":77918,"signature":"ET CINS Active Threat Intelligence Poor Reputation IP group 74","category":"Misc Attack","severity":2}}
var eveFields = []jsonField{
	{"event_type", jsEvent},
	{"src_ip", jsPeer},
	{"timestamp", jsTime},
	{"alert.signature", jsMessage},
	{"alert.category", jsCategory},
}

func isEveLine(line []byte) bool {
	return isJSONWith(line, `"event_type"`) && containsString(line, `"src_ip"`)
}

// parseEveAlert reads an alert of Suricata's EVE log as parseIDSAlert reads
// a fast one; its other events (flows, DNS, HTTP, TLS, statistics) are
// ignored.
func (p *lineParser) parseEveAlert(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcIDS
	s := &p.js
	if !s.scan(line, eveFields) {
		return resMalformed
	}
	v := &s.vals
	if string(v[jsEvent]) != "alert" {
		return resIgnored
	}
	if idsHarmless(v[jsCategory]) {
		return resIgnored
	}
	a, ok := parseAddr(v[jsPeer])
	if !ok {
		return resMalformed
	}
	if len(v[jsTime]) > 0 {
		t, ok := p.structuredTime(v[jsTime])
		if !ok {
			return resBadTime
		}
		r.time = t
	}
	// The message a fast alert carries: the signature, then its
	// classification.
	m := append(p.idsMsg[:0], v[jsMessage]...)
	m = append(m, " [Classification: "...)
	m = append(m, v[jsCategory]...)
	m = append(m, ']')
	p.idsMsg, r.message = m, m
	r.auth = authProbe
	return setSource(r, a)
}
