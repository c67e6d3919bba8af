package classify

import (
	"bytes"
	"net/netip"
)

// parseNetfilter reads a packet the kernel's netfilter logged (syslog
// program "kernel"): iptables' LOG target, nftables' log statement, ufw and
// firewalld all write "PREFIX IN=eth0 OUT= MAC=… SRC=A DST=B … PROTO=TCP
// SPT=41234 DPT=22 …" after their prefix:
//
//	kernel: [12345.678901] [UFW BLOCK] IN=eth0 OUT= … SRC=203.0.113.5 DST=198.51.100.1 … PROTO=TCP SPT=41234 DPT=22 …
//	kernel: iptables-dropped: IN=eth0 …   kernel: nft drop in: IN=eth0 …   kernel: FINAL_REJECT: IN=eth0 …
//
// A packet a prefix says was allowed or only audited (ufw's ALLOW, AUDIT)
// is ignored; other kernel messages too.
func parseNetfilter(msg []byte, r *record) lineResult {
	if hasPrefixString(msg, "audit: type=") {
		return parseAuditSyslog(msg[len("audit: "):], r) // an audit record the kernel logged
	}
	in := bytes.Index(msg, []byte("IN="))
	if in < 0 || !bytes.Contains(msg[in:], []byte(" SRC=")) {
		return resIgnored
	}
	prefix := msg[:in]
	if containsFold(prefix, "ALLOW") || containsFold(prefix, "AUDIT") || containsFold(prefix, "ACCEPT") {
		return resIgnored
	}
	r.service = svcFirewall
	var src, dst netip.Addr
	var dport int
	for b := msg[in:]; len(b) > 0; {
		var kv []byte
		kv, b = nextToken(b)
		eq := indexByte(kv, '=')
		if eq <= 0 {
			continue
		}
		k, v := kv[:eq], kv[eq+1:]
		switch string(k) {
		case "SRC":
			src, _ = parseAddr(v)
		case "DST":
			dst, _ = parseAddr(v)
		case "DPT":
			dport, _ = atoi(v)
		}
	}
	if !src.IsValid() {
		return resMalformed
	}
	r.peer, r.src, r.message = src, src, prefix
	r.scan = scanKey(dst, uint16(min(max(dport, 0), 65535)))
	return resOK
}

// parseFilterlog reads pfSense's and OPNsense's filterlog CSV (syslog
// program "filterlog"): rule,subrule,anchor,tracker,iface,reason,action,
// dir,4,tos,ecn,ttl,id,offset,flags,protoid,proto,length,src,dst,sport,dport,…
// (IPv6: …,dir,6,class,flowlabel,hoplimit,proto,protoid,length,src,dst,
// sport,dport,…). Passed packets are ignored.
func parseFilterlog(msg []byte, r *record) lineResult {
	var f [24][]byte
	n := 0
	for b := msg; n < len(f); n++ {
		i := indexByte(b, ',')
		if i < 0 {
			f[n] = b
			n++
			break
		}
		f[n], b = b[:i], b[i+1:]
	}
	if n < 9 {
		return resMalformed
	}
	if string(f[6]) != "block" && string(f[6]) != "reject" {
		return resIgnored
	}
	r.service = svcFirewall
	base := 18 // IPv4
	if string(f[8]) == "6" {
		base = 15
	}
	if n <= base+1 {
		return resMalformed
	}
	src, ok := parseAddr(f[base])
	if !ok {
		return resMalformed
	}
	dst, _ := parseAddr(f[base+1])
	dport := 0
	if n > base+3 {
		dport, _ = atoi(f[base+3])
	}
	r.peer, r.src, r.message = src, src, f[6]
	r.scan = scanKey(dst, uint16(min(max(dport, 0), 65535)))
	return resOK
}

func containsFold(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return true
		}
	}
	return false
}
