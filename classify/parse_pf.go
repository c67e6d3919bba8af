package classify

import (
	"bytes"
	"net/netip"
)

// parsePF reads a packet pf logged, as tcpdump prints pflog ("tcpdump -n
// -e -ttt -r /var/log/pflog", or "-i pflog0 | logger -t pf"):
//
//	rule 3/(match) block in on em0: 203.0.113.5.41234 > 198.51.100.1.22: S 1234:1234(0) win 1024
//	rule 1.anchor.2/(match) block in on vio0: 2001:db8::7.44444 > 2001:db8::1.3389: S …
//
// Passed packets are ignored.
func parsePF(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "rule ") {
		return resIgnored
	}
	on := bytes.Index(msg, []byte(" on "))
	if on < 0 {
		return resMalformed
	}
	if !bytes.Contains(msg[:on], []byte(" block ")) {
		return resIgnored
	}
	r.service = svcFirewall
	_, rest := nextToken(msg[on+4:]) // "em0:"
	src, rest := nextToken(rest)
	gt, rest := nextToken(rest)
	dst, _ := nextToken(rest)
	a, _, ok := splitPFAddr(src)
	if !ok || string(gt) != ">" {
		return resMalformed
	}
	b, port, _ := splitPFAddr(bytes.TrimSuffix(dst, []byte(":")))
	r.peer, r.src, r.message = a, a, []byte("block")
	r.scan = scanKey(b, uint16(min(max(port, 0), 65535)))
	return resOK
}

// splitPFAddr splits tcpdump's "198.51.100.1.22" or "2001:db8::1.22"
// (the port after the last dot; none for ICMP).
func splitPFAddr(b []byte) (a netip.Addr, port int, ok bool) {
	if x, ok := parseAddr(b); ok {
		return x, 0, true
	}
	i := bytes.LastIndexByte(b, '.')
	if i < 0 {
		return netip.Addr{}, 0, false
	}
	port, _ = atoi(b[i+1:])
	x, ok := parseAddr(b[:i])
	return x, port, ok
}

// isPFLine: tcpdump's pflog text without a syslog program, "Mar 03
// 09:52:42.123456 rule 3/(match) block in on em0: …".
func isPFLine(line []byte) bool {
	if len(line) < 20 || !isMonth(line[:3]) {
		return false
	}
	_, rest := nextToken(line[3:]) // day
	_, rest = nextToken(rest)      // time
	return hasPrefixString(skipSpaces(rest), "rule ")
}

// parsePFLine reads such a line: the time as syslog's, then the packet.
func (p *lineParser) parsePFLine(line []byte, r *record, fc *fileCtx) lineResult {
	if len(line) < 16 || !isMonth(line[:3]) || line[3] != ' ' {
		return resMalformed
	}
	var c civil
	c.month = monthIndex(line[:3])
	n := parseSyslogDay(line, &c)
	if n < 0 {
		return resBadTime
	}
	n += parseFrac(line[n:], &c)
	inferYear(&c, fc.ref)
	if !c.valid() {
		return resBadTime
	}
	r.time = p.local(c)
	return parsePF(skipSpaces(line[n:]), r)
}
