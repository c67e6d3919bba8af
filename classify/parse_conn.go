package classify

import "time"

// Daemons that name the client on a connection's first line only: the
// OpenLDAP server and PostgreSQL. Their failures are matched to the
// address through the connection (record.conn, Classifier.connAddr).

// parseSlapd reads OpenLDAP's connection log (loglevel stats): a failed
// bind (invalid credentials, err=49) takes the address its connection was
// accepted from, and the user its BIND named.
//
//	conn=1022 fd=21 ACCEPT from IP=203.0.113.9:45011 (IP=0.0.0.0:636)
//	conn=1022 op=1 BIND dn="uid=admin,ou=people,dc=example,dc=com" method=128
//	conn=1022 op=1 RESULT tag=97 err=49 text=
func parseSlapd(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "conn=") {
		return resIgnored
	}
	id, rest := nextToken(msg)
	id = id[len("conn="):]
	switch {
	case hasPrefixString(skipToken(rest), "ACCEPT from IP="):
		v, _ := after(rest, "ACCEPT from IP=")
		a, ok := parseAddrPort(upTo(v, ' '))
		if !ok {
			return resIgnored
		}
		r.conn, r.connOpen = connKey(svcSlapd, r.pid, id), true
		return setSource(r, a)
	case containsString(rest, " BIND dn=\""):
		// The entry a bind names: its first value is the user
		// ("uid=admin,ou=people,…" is admin).
		dn := quotedAfter(rest, " BIND dn=\"", '"')
		if eq := indexByte(dn, '='); eq >= 0 {
			dn = dn[eq+1:]
		}
		if len(upTo(dn, ',')) == 0 {
			return resIgnored // an anonymous bind
		}
		r.user = upTo(dn, ',')
		r.conn, r.connOpen = connKey(svcSlapd, r.pid, id), true
		return resOK
	case containsString(rest, " RESULT tag=97 err=49"):
		r.conn, r.auth = connKey(svcSlapd, r.pid, id), authFailure
		return resOK
	}
	return resIgnored
}

// skipToken returns b after its first token.
func skipToken(b []byte) []byte {
	_, rest := nextToken(b)
	return rest
}

// parsePostgres reads PostgreSQL's connection and authentication lines
// (log_connections on), from syslog or its own log; a process serves one
// connection, so the process id names it:
//
//	[1234] LOG:  connection received: host=203.0.113.9 port=50000
//	[1234] FATAL:  password authentication failed for user "postgres"
//	[1234] FATAL:  role "admin" does not exist
//	[1234] FATAL:  no pg_hba.conf entry for host "203.0.113.9", user "postgres", database "postgres", SSL off
//	[1234] LOG:  connection authorized: user=app database=app
func parsePostgres(msg []byte, pid []byte, r *record) lineResult {
	r.service = svcPostgres
	switch {
	case containsString(msg, "connection received: host="):
		v, _ := after(msg, "connection received: host=")
		a, ok := parseAddr(upTo(v, ' '))
		if !ok {
			return resIgnored // [local]
		}
		r.conn, r.connOpen = connKey(svcPostgres, pid, nil), true
		return setSource(r, a)
	case containsString(msg, "no pg_hba.conf entry for host \""):
		a, ok := parseAddr(quotedAfter(msg, "for host \"", '"'))
		if !ok {
			return resIgnored
		}
		r.auth, r.user = authRefused, quotedAfter(msg, ", user \"", '"')
		return setSource(r, a)
	case containsString(msg, "authentication failed for user \""):
		r.auth, r.user = authFailure, quotedAfter(msg, "for user \"", '"')
	case containsString(msg, "FATAL:  role \"") && containsString(msg, "\" does not exist"):
		r.auth, r.user = authInvalidUser, quotedAfter(msg, "role \"", '"')
	case containsString(msg, "connection authorized: user="):
		r.auth, r.user = authSuccess, upTo(quotedAfter(msg, "connection authorized: user=", ' '), ' ')
	default:
		return resIgnored
	}
	if len(pid) == 0 {
		r.auth, r.user = authNone, nil
		return resIgnored
	}
	r.conn = connKey(svcPostgres, pid, nil)
	return resOK
}

func parsePostgresSyslog(msg []byte, r *record) lineResult { return parsePostgres(msg, r.pid, r) }

// PostgreSQL's own log (log_destination stderr), with the default
// log_line_prefix "%m [%p] " and Debian's "%m [%p] %q%u@%d ":
//
//	2026-11-27 10:00:00.123 UTC [1234] LOG:  connection received: host=203.0.113.9 port=50000
//	2026-11-27 10:00:00.130 UTC [1234] postgres@postgres FATAL:  password authentication failed for user "postgres"
func isPostgresLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	head := line[:min(len(line), 48)]
	i := indexString(head, " [")
	if i < 19 {
		return false
	}
	j := i + 2
	for j < len(head) && isDigit(head[j]) {
		j++
	}
	return j > i+2 && j+1 < len(head) && head[j] == ']' && head[j+1] == ' '
}

func (p *lineParser) parsePostgresLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcPostgres
	c, n, ok := parseISOCivil(line)
	if !ok {
		return resBadTime
	}
	zone, rest := nextToken(line[n:])
	switch string(zone) {
	case "UTC", "GMT", "Z":
		r.time = c.in(time.UTC)
	default:
		r.time = p.local(c)
	}
	pid := quotedAfter(rest, "[", ']')
	r.message = trimSpace(rest)
	return parsePostgres(r.message, pid, r)
}
