package classify

import (
	"bytes"
)

// Logins to Windows and to SQL Server: the Security log's failed logon
// (event 4625) and successful logon (4624) as forwarders write them to
// syslog, and SQL Server's own ERRORLOG (UTF-16, see decodeInput).

// SQL Server's ERRORLOG (and its copy in the Application log, event 18456):
//
//	2026-11-27 10:00:17.52 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 203.0.113.9]
//	2026-11-27 10:00:17.52 Logon       Error: 18456, Severity: 14, State: 8.
//	2026-11-27 10:00:19.00 Logon       Login succeeded for user 'app'. Connection made using SQL Server authentication. [CLIENT: 198.51.100.4]
func isMSSQLLine(line []byte) bool {
	// "2026-11-27 10:00:17.52 " then a source ("Logon", "Server",
	// "spid51") padded with at least two spaces.
	if !isISOStart(line) || len(line) < 30 || line[19] != '.' || !isDigit(line[20]) || !isDigit(line[21]) || line[22] != ' ' {
		return false
	}
	src := line[23:min(len(line), 40)]
	i := 0
	for i < len(src) && (isAlpha(src[i]) || isDigit(src[i])) {
		i++
	}
	return i > 0 && i+1 < len(src) && src[i] == ' ' && src[i+1] == ' '
}

func (p *lineParser) parseMSSQLLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMSSQL
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	_, msg := nextToken(line[n:]) // the source
	r.message = skipSpaces(msg)
	return parseMSSQL(r.message, r)
}

// parseMSSQL reads SQL Server's login lines. A login that failed because
// the database it names cannot be opened is the application's
// misconfiguration, not a guess, and a local client has no address.
func parseMSSQL(msg []byte, r *record) lineResult {
	var rest []byte
	switch {
	case hasPrefixString(msg, "Login failed for user '"):
		rest = msg[len("Login failed for user '"):]
		r.auth = authFailure
	case hasPrefixString(msg, "Login succeeded for user '"):
		rest = msg[len("Login succeeded for user '"):]
		r.auth = authSuccess
	default:
		return resIgnored
	}
	// The user name may hold quotes: it ends at the last "'." before the
	// reason.
	end := bytes.LastIndex(rest, []byte("'. "))
	if end < 0 {
		return resMalformed
	}
	r.user = rest[:end]
	if r.auth == authFailure {
		switch {
		case containsString(rest, "Failed to open the explicitly specified database"):
			r.auth = authNone
			return resIgnored
		case containsString(rest, "Could not find a login matching the name provided"):
			r.auth = authInvalidUser
		}
	}
	c, ok := afterLast(rest, "[CLIENT: ")
	if !ok {
		return resMalformed
	}
	a, ok := parseAddr(upTo(c, ']'))
	if !ok {
		return resIgnored // "<local machine>"
	}
	return setSource(r, a)
}

// parseWinSecurity reads a Security log logon event as forwarders write
// it to syslog: NXLog and Snare flatten its lines with tabs or spaces,
// rsyslog escapes them (#011 a tab, #015#012 a line break):
//
//	4625: An account failed to log on.#015#012…Account For Which Logon Failed:#015#012#011Security ID:#011#011S-1-0-0#015#012#011Account Name:#011#011admin#015#012…#011Source Network Address:#011203.0.113.9#015#012#011Source Port:#011#0110
//
// The user is the account the logon was for (the second "Account Name:");
// status 0xC0000064 is a user that does not exist. A logon without a
// network address (a local one, "-") is ignored.
func parseWinSecurity(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "An account failed to log on"):
		r.auth = authFailure
		if containsString(msg, "0xC0000064") || containsString(msg, "0xc0000064") {
			r.auth = authInvalidUser
		}
		if v, ok := after(msg, "Account For Which Logon Failed:"); ok {
			if v, ok := after(v, "Account Name:"); ok {
				r.user = winField(v)
			}
		}
	case containsString(msg, "An account was successfully logged on"):
		r.auth = authSuccess
		if v, ok := after(msg, "New Logon:"); ok {
			if v, ok := after(v, "Account Name:"); ok {
				r.user = winField(v)
			}
		}
	default:
		return resIgnored
	}
	r.service = svcWindows
	v, ok := after(msg, "Source Network Address:")
	if !ok {
		return resIgnored
	}
	a, ok := parseAddr(winField(v))
	if !ok || a.IsLoopback() {
		r.auth, r.user = authNone, nil
		return resIgnored
	}
	return setSource(r, a)
}

// winField returns the value at the start of b, after the separators a
// forwarder left (spaces, tabs, rsyslog's #011 and #015#012), up to the
// next separator.
func winField(b []byte) []byte {
	for {
		switch {
		case len(b) > 0 && (b[0] == ' ' || b[0] == '\t'):
			b = b[1:]
			continue
		case hasPrefixString(b, "#011"), hasPrefixString(b, "#015"), hasPrefixString(b, "#012"):
			b = b[4:]
			continue
		}
		break
	}
	end := 0
	for end < len(b) && b[end] != ' ' && b[end] != '\t' && b[end] != '#' && b[end] != '\r' {
		end++
	}
	return b[:end]
}

// The same events as Windows renders them in XML, one event a line (as
// Windows Event Forwarding and wevtutil's /f:xml write them):
//
//	<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing" … /><EventID>4625</EventID>…<TimeCreated SystemTime="2026-11-27T12:36:01.9027913Z" />…</System><EventData>…<Data Name="TargetUserName">anna</Data>…<Data Name="SubStatus">0xc0000064</Data>…<Data Name="IpAddress">203.0.113.9</Data>…</EventData></Event>
func isWinXMLLine(line []byte) bool {
	return hasPrefixString(line, "<Event ") && containsString(line, "<EventID")
}

func (p *lineParser) parseWinXML(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcWindows
	id, ok := after(line, "<EventID")
	if !ok {
		return resMalformed
	}
	id = upTo(id[max(indexByte(id, '>'), 0)+1:], '<')
	if t, ok := p.structuredTime(quotedAfter(line, `SystemTime="`, '"')); ok {
		r.time = t
	} else if t, ok := p.structuredTime(quotedAfter(line, `SystemTime='`, '\'')); ok {
		r.time = t
	}
	switch string(id) {
	case "4625":
		r.auth = authFailure
		if unknown := []byte("0xc0000064"); bytes.EqualFold(winXMLData(line, "SubStatus"), unknown) || bytes.EqualFold(winXMLData(line, "Status"), unknown) {
			r.auth = authInvalidUser
		}
	case "4624":
		r.auth = authSuccess
	default:
		return resIgnored
	}
	a, ok := parseAddr(winXMLData(line, "IpAddress"))
	if !ok || a.IsLoopback() {
		r.auth = authNone
		return resIgnored // a local logon
	}
	if u := winXMLData(line, "TargetUserName"); !(len(u) == 1 && u[0] == '-') {
		r.user = u
	}
	return setSource(r, a)
}

// winXMLData returns the text of the event's <Data Name="name"> element.
func winXMLData(line []byte, name string) []byte {
	for _, q := range [...]string{`"`, `'`} {
		if v, ok := after(line, "<Data Name="+q+name+q+">"); ok {
			return upTo(v, '<')
		}
	}
	return nil
}
