package classify

import (
	"bytes"
	"net/netip"
	"time"
)

// FortiGate's logs, key=value lines as it sends them to a syslog server
// ("<189>date=… time=… devname=…", or after a relay's "Mon DD hh:mm:ss
// host "):
//
//	date=2026-11-27 time=10:00:00 devname="FG100" devid="FGT1" logid="0101039426" type="event" subtype="vpn" level="alert" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=203.0.113.9 user="admin" reason="sslvpn_login_unknown_user" msg="SSL user failed to logged in"
//	date=2026-11-27 time=10:00:01 devname="FG100" logid="0100032002" type="event" subtype="system" logdesc="Admin login failed" user="admin" ui="https(203.0.113.9)" srcip=203.0.113.9 action="login" status="failed" reason="name_invalid"
//	date=2026-11-27 time=10:00:02 devname="FG100" logid="0000000013" type="traffic" subtype="forward" srcip=203.0.113.9 srcport=40000 dstip=192.0.2.1 dstport=23 proto=6 action="deny"
//	date=2026-11-27 time=10:00:03 devname="FG100" logid="0419016384" type="utm" subtype="ips" action="dropped" srcip=203.0.113.9 dstip=192.0.2.1 attack="Apache.Log4j.Error.Log.Remote.Code.Execution"
//
// Denied traffic is a firewall's blocked packet (port scans are counted
// from them); SSL VPN and administrator login failures are failures, a
// tunnel brought up or an administrator's login a success; an intrusion
// the IPS dropped or blocked is an exploit attempt.
func isFortinetLine(line []byte) bool {
	b := fortiStart(line)
	return b != nil && containsString(b[:min(len(b), 200)], " devname=")
}

// fortiStart returns line from its "date=", after a syslog priority or a
// relay's header ("Nov 27 10:00:02 192.0.2.99 "); nil when it has none.
func fortiStart(line []byte) []byte {
	b := skipPRI(line)
	if hasPrefixString(b, "date=") {
		return b
	}
	if i := indexString(b[:min(len(b), 64)], " date="); i > 0 {
		return b[i+1:]
	}
	return nil
}

// skipPRI returns b after a syslog priority ("<189>").
func skipPRI(b []byte) []byte {
	if len(b) > 2 && b[0] == '<' {
		if i := indexByte(b[:min(len(b), 6)], '>'); i > 1 && allDigits(b[1:i]) {
			return b[i+1:]
		}
	}
	return b
}

func (p *lineParser) parseFortinetLog(line []byte, r *record, _ *fileCtx) lineResult {
	b := fortiStart(line)
	if b == nil {
		r.service = svcFortiGate
		return resMalformed
	}
	return p.parseFortinet(b, r)
}

// fortiKV calls f for each key=value of b; a value may be quoted.
func fortiKV(b []byte, f func(k, v []byte)) {
	for len(b) > 0 {
		b = skipSpaces(b)
		eq := indexByte(b, '=')
		if eq <= 0 {
			return
		}
		k, rest := b[:eq], b[eq+1:]
		var v []byte
		if len(rest) > 0 && rest[0] == '"' {
			end := indexByte(rest[1:], '"')
			if end < 0 {
				return
			}
			v, b = rest[1:1+end], rest[2+end:]
		} else {
			v, b = upTo(rest, ' '), rest[len(upTo(rest, ' ')):]
		}
		f(k, v)
	}
}

func (p *lineParser) parseFortinet(msg []byte, r *record) lineResult {
	r.service = svcFortiGate
	var date, clock, tz, typ, sub, action, status, logdesc, user, ui []byte
	var src, remote, dst optAddr
	dport := 0
	fortiKV(msg, func(k, v []byte) {
		switch string(k) {
		case "date":
			date = v
		case "time":
			clock = v
		case "tz":
			tz = v
		case "type":
			typ = v
		case "subtype":
			sub = v
		case "action":
			action = v
		case "status":
			status = v
		case "logdesc":
			logdesc = v
		case "user":
			user = v
		case "ui":
			ui = v
		case "srcip":
			src.set(v)
		case "remip":
			remote.set(v)
		case "dstip":
			dst.set(v)
		case "dstport":
			dport, _ = atoi(v)
		}
	})
	c, n := readCivil(date, "YYYY-MM-DD")
	if n == 0 || parseClock(clock, &c) < 0 || !c.valid() {
		return resBadTime
	}
	if off, k := parseOffset(tz); k > 0 && k == len(tz) {
		r.time = time.Unix(c.unix(off), 0).UTC()
	} else {
		r.time = p.local(c)
	}
	r.message = logdesc
	switch {
	case string(typ) == "traffic":
		if string(action) != "deny" && string(action) != "blocked" || !src.ok {
			return resIgnored
		}
		r.service = svcFirewall
		r.scan = scanKey(dst.a, uint16(min(max(dport, 0), 65535)))
		return setSource(r, src.a)
	case string(sub) == "ips" || string(sub) == "waf":
		if !bytes.Equal(action, []byte("dropped")) && !bytes.Equal(action, []byte("blocked")) && !bytes.Equal(action, []byte("reset")) || !src.ok {
			return resIgnored
		}
		r.auth = authProbe
		return setSource(r, src.a)
	case string(sub) == "vpn" && remote.ok:
		switch string(action) {
		case "ssl-login-fail":
			r.auth = authFailure
		case "tunnel-up":
			r.auth = authSuccess
		default:
			return resIgnored
		}
		r.user = user
		return setSource(r, remote.a)
	case string(logdesc) == "Admin login failed", string(logdesc) == "Admin login successful":
		r.auth = authFailure
		if string(status) == "success" || string(logdesc) == "Admin login successful" {
			r.auth = authSuccess
		}
		if !src.ok {
			if i := bytes.IndexByte(ui, '('); i >= 0 {
				src.set(upTo(ui[i+1:], ')'))
			}
		}
		if !src.ok {
			r.auth = authNone
			return resIgnored
		}
		r.user = user
		return setSource(r, src.a)
	}
	return resIgnored
}

// optAddr is an address a line may hold.
type optAddr struct {
	a  netip.Addr
	ok bool
}

func (o *optAddr) set(v []byte) { o.a, o.ok = parseAddr(v) }
