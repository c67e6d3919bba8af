package classify

import (
	"bytes"
	"encoding/hex"
)

// The Linux audit log (/var/log/audit/audit.log, SELinux hosts), and its
// records as the journal and the kernel forward them to syslog:
//
//	type=USER_LOGIN msg=audit(1795773600.123:456): pid=1234 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:sshd_t:s0-s0:c0.c1023 msg='op=login acct="root" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.9 terminal=sshd res=failed'
//	type=USER_AUTH msg=audit(…): pid=1234 uid=0 auid=… msg='op=PAM:authentication grantors=? acct="root" exe="/usr/sbin/sshd" hostname=203.0.113.9 addr=203.0.113.9 terminal=ssh res=failed'
//	type=USER_ERR msg=audit(…): … msg='op=PAM:bad_ident grantors=? acct="?" exe="/usr/sbin/sshd" hostname=203.0.113.9 addr=203.0.113.9 terminal=ssh res=failed'
//	Nov 27 10:00:00 h audit[1234]: USER_AUTH pid=1234 uid=0 auid=… msg='op=PAM:authentication … res=failed'
//	Nov 27 10:00:00 h kernel: audit: type=1100 audit(1795773600.123:456): pid=1234 uid=0 … msg='…'
//
// sshd writes a USER_LOGIN record of its own for a failed attempt
// (whatever the method, invalid users included), and RHEL's sshd a
// USER_AUTH record ("op=password"): those are failures; the USER_AUTH
// record PAM writes beside them is an echo, as PAM's syslog line is.
// Other programs write only PAM's record, which then counts. USER_ERR's
// bad_ident is a connection that never authenticated. A user name that is
// not plain text is written in hex (acct=28696E76616C6964207573657229 is
// "(invalid user)").
func isAuditLine(line []byte) bool {
	head := line[:min(len(line), 80)]
	return (hasPrefixString(line, "type=") || hasPrefixString(line, "node=")) && containsString(head, " msg=audit(")
}

func (p *lineParser) parseAuditLog(line []byte, r *record, _ *fileCtx) lineResult {
	v, ok := after(line, "msg=audit(")
	if !ok {
		return resMalformed
	}
	t, ok := epochTime(upTo(v, ':'))
	if !ok {
		return resBadTime
	}
	r.time = t
	typ := quotedAfter(line, "type=", ' ')
	r.message = v
	return parseAudit(typ, v, r)
}

// parseAuditSyslog reads an audit record forwarded by the journal
// ("USER_AUTH pid=…") or by the kernel ("type=1100 audit(…): pid=…").
func parseAuditSyslog(msg []byte, r *record) lineResult {
	typ, rest := nextToken(msg)
	if hasPrefixString(typ, "type=") {
		typ = typ[len("type="):]
	}
	return parseAudit(typ, rest, r)
}

// parseAudit reads a record of type typ (a name or its number) whose
// fields are rec.
func parseAudit(typ, rec []byte, r *record) lineResult {
	switch string(typ) {
	case "USER_LOGIN", "1112", "USER_AUTH", "1100", "USER_ERR", "1109":
	default:
		return resIgnored
	}
	m, ok := after(rec, "msg='")
	if !ok {
		return resIgnored
	}
	m = upTo(m, '\'')
	exe := quotedAfter(m, `exe="`, '"')
	r.service = svcPAM
	if bytes.HasSuffix(exe, []byte("/sshd")) || bytes.HasSuffix(exe, []byte("/sshd-session")) {
		r.service = svcSSHD
	}
	failed := containsString(m, "res=failed")
	switch string(typ) {
	case "USER_LOGIN", "1112":
		if r.service != svcSSHD {
			return resIgnored // a console or terminal login
		}
		r.auth = authSuccess
		if failed {
			r.auth = authFailure
		}
	case "USER_AUTH", "1100":
		if !failed {
			return resIgnored // the USER_LOGIN record that follows is the login
		}
		r.auth = authFailure
		// PAM's record beside sshd's own; RHEL's sshd writes its own
		// per attempt as USER_AUTH too ("op=password", "op=pubkey").
		r.echo = r.service == svcSSHD && containsString(m, "op=PAM:")
	case "USER_ERR", "1109":
		if !failed || !containsString(m, "op=PAM:bad_ident") {
			return resIgnored
		}
		r.auth = authProbe
	}
	// PAM has libaudit resolve hostname= into addr=: with sshd's UseDNS
	// the address may be missing where the host is one.
	a, ok := parseAddr(quotedAfter(m, " addr=", ' '))
	if !ok {
		a, ok = parseAddr(quotedAfter(m, " hostname=", ' '))
	}
	if !ok || a.IsLoopback() {
		r.auth, r.echo = authNone, false
		return resIgnored // "addr=?": a local login
	}
	r.user = auditAcct(m)
	switch string(r.user) {
	case "(invalid user)", "(unknown user)":
		r.user = nil
		if r.auth == authFailure {
			r.auth = authInvalidUser
		}
	case "?", "(unknown)":
		r.user = nil
	}
	return setSource(r, a)
}

// auditAcct returns the record's user name: acct="root", or acct=726F6F74
// in hex; none for the kernel's placeholders.
func auditAcct(m []byte) []byte {
	v, ok := after(m, " acct=")
	if !ok {
		return nil
	}
	if len(v) > 0 && v[0] == '"' {
		return upTo(v[1:], '"')
	}
	raw := upTo(v, ' ')
	u := make([]byte, hex.DecodedLen(len(raw)))
	if _, err := hex.Decode(u, raw); err != nil {
		return nil
	}
	return u
}
