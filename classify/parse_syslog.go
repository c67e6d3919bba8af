package classify

import "bytes"

// isSyslogLine: a PRI, a month, an ISO time followed by a program tag, a
// line that starts with a program tag (its timestamp cut off), or
// journalctl's "-- " banner. ISO lines without a tag are left to other
// rows (the events CSV, fail2ban, exim's main log).
func isSyslogLine(line []byte) bool {
	switch {
	case line[0] == '<':
		return true
	case len(line) > 14 && isMonth(line[:3]) && line[3] == ' ':
		return true
	case isISOStart(line):
		if isFail2banLine(line) || isCSVRow(line) {
			return false
		}
		_, n := parseISO(line, nil)
		return n > 0 && (hasProgramTag(line[n:]) || hasRouterOSTopics(line[n:]))
	case line[0] == '-':
		return bytes.HasPrefix(line, []byte("-- "))
	}
	return hasProgramTag(line)
}

// hasRouterOSTopics reports whether b is "host topics msg", MikroTik's
// RouterOS through a syslog server that writes ISO times
// ("10.0.0.1 system,error,critical login failure for user …").
func hasRouterOSTopics(b []byte) bool {
	_, rest := nextToken(b)
	tok, _ := nextToken(rest)
	return isRouterOSTopics(tok)
}

// isBareProgramTag reports whether tok is "name[pid]" without a colon for
// a program this package reads.
func isBareProgramTag(tok []byte) bool {
	if len(tok) < 4 || tok[len(tok)-1] != ']' {
		return false
	}
	o := bytes.LastIndexByte(tok, '[')
	if o <= 0 || !allDigits(tok[o+1:len(tok)-1]) {
		return false
	}
	_, ok := lookupProgram(tok[:o])
	return ok
}

// hasProgramTag reports whether b ("host prog[pid]: msg" or "prog[pid]:
// msg") has a program tag in its first or second token.
func hasProgramTag(b []byte) bool {
	tok, rest := nextToken(b)
	if isProgramTag(tok) {
		return true
	}
	tok, _ = nextToken(rest)
	return isProgramTag(tok)
}

// isProgramTag reports whether tok is "name[pid]:" (name starting with a
// letter), or "name:" for a program this package reads.
func isProgramTag(tok []byte) bool {
	if len(tok) < 2 || tok[len(tok)-1] != ':' || !isAlpha(tok[0]) {
		return false
	}
	tok = tok[:len(tok)-1]
	if tok[len(tok)-1] == ']' {
		o := bytes.LastIndexByte(tok, '[')
		return o > 0 && allDigits(tok[o+1:len(tok)-1]) && o+1 < len(tok)-1
	}
	_, ok := lookupProgram(tok)
	return ok
}

// parseSyslog reads a syslog line in any of the forms daemons' lines take
// on disk:
//
//	Oct  3 09:52:42 host sshd[123]: msg                      RFC 3164, journalctl -o short
//	Oct  3 09:52:42 <auth.info> host sshd[123]: msg          FreeBSD's syslogd -v
//	Oct 3 09:52:42 host sshd[123]: msg                       one-space day
//	Oct  3 09:52:42.123456 host sshd[123]: msg               journalctl -o short-precise
//	<38>Oct  3 09:52:42 host sshd[123]: msg                  RFC 3164 with PRI
//	2016-10-03T09:52:42.123+01:00 host sshd[123]: msg        rsyslog ISO 8601
//	2016-10-03T09:52:42+0100 host sshd[123]: msg             journalctl -o short-iso
//	<38>1 2016-10-03T09:52:42Z host sshd 123 - - msg          RFC 5424
//	Oct 03 09:52:42 imap-login: Info: msg                    no host (dovecot's own log)
//	host sshd[123]: msg, sshd[123]: msg                      timestamp cut off: read with a zero time
func (p *lineParser) parseSyslog(line []byte, r *record, fc *fileCtx) lineResult {
	b := line
	if len(b) > 2 && b[0] == '-' && b[1] == '-' {
		return resIgnored // journalctl "-- Logs begin at …" / "-- Boot …"
	}
	rfc5424 := false
	if len(b) > 0 && b[0] == '<' {
		j := bytes.IndexByte(b[:min(len(b), 6)], '>')
		if j < 2 || !allDigits(b[1:j]) {
			return resMalformed
		}
		b = b[j+1:]
		if len(b) > 2 && isDigit(b[0]) && b[1] == ' ' {
			rfc5424, b = true, b[2:]
		}
	}
	var n int
	if len(b) >= 14 && isMonth(b[:3]) && b[3] == ' ' {
		var c civil
		c.month = monthIndex(b[:3])
		if n = parseSyslogDay(b, &c); n < 0 {
			return resBadTime
		}
		n += parseFrac(b[n:], &c)
		inferYear(&c, fc.ref)
		if !c.valid() {
			return resBadTime
		}
		r.time = p.local(c)
	} else if t, k := p.iso(b); k > 0 {
		r.time, n = t, k
	} else if !rfc5424 && hasProgramTag(b) {
		n = 0 // no timestamp: the time is unknown
	} else {
		return resBadTime
	}
	b = skipSpaces(b[n:])
	if len(b) > 0 && b[0] == '<' {
		b = skipBSDPriority(b)
	}
	var prog []byte
	if rfc5424 {
		var app []byte
		_, b = nextToken(b) // hostname
		app, b = nextToken(b)
		_, b = nextToken(b) // procid
		_, b = nextToken(b) // msgid
		b = skipSpaces(b)
		if len(b) > 0 && b[0] == '[' { // structured data
			b = skipStructuredData(b)
		} else if len(b) > 0 && b[0] == '-' {
			b = b[1:]
		}
		prog, r.message = app, trimSpace(b)
		if len(r.message) >= 3 && r.message[0] == 0xEF && r.message[1] == 0xBB && r.message[2] == 0xBF {
			r.message = r.message[3:] // BOM
		}
	} else {
		tok, rest := nextToken(b)
		if len(tok) > 0 && tok[len(tok)-1] == ':' {
			prog, r.message = tok[:len(tok)-1], trimSpace(rest) // no host
		} else {
			if hasPrefixString(skipSpaces(rest), "MSWinEventLog\t") {
				// Snare's Windows events: "host MSWinEventLog<TAB>1<TAB>Security<TAB>…".
				r.message = trimSpace(skipSpaces(rest)[len("MSWinEventLog\t"):])
				return parseAuthMessage([]byte("MSWinEventLog"), r)
			}
			prog, rest = nextToken(rest)
			// "host proftpd[123] ftp.example (c[A]): msg": a known
			// program's tag without its colon, as some ProFTPD builds
			// write it.
			bare := isBareProgramTag(prog)
			if !bare && (len(prog) == 0 || prog[len(prog)-1] != ':') {
				// MikroTik's RouterOS writes its topics where a program
				// would be, without a colon ("system,error,critical login
				// failure for user …"); any other "host prog msg" is not
				// syslog.
				r.message = trimSpace(b)
				if res := parseRouterOS(r.message, r); res != resIgnored || isRouterOSTopics(prog) {
					r.service = svcRouterOS
					return res
				}
				r.message = nil
				return resMalformed
			}
			if prog[0] == '[' {
				// "sogod [1234]: msg": a program that writes its pid apart,
				// without a host.
				prog, r.message = tok, trimSpace(rest)
			} else if bare {
				r.message = trimSpace(rest)
			} else {
				prog, r.message = prog[:len(prog)-1], trimSpace(rest)
			}
		}
	}
	if j := bytes.IndexByte(prog, '['); j >= 0 {
		r.pid = upTo(prog[j+1:], ']')
		prog = prog[:j]
	}
	res := parseAuthMessage(prog, r)
	if res == resIgnored && r.service == svcNone {
		return p.parseInner(r.message, r, fc) // nginx[2869]: 203.0.113.5 - - […] "GET …"
	}
	return res
}

// skipBSDPriority skips the facility and level FreeBSD's syslogd -v
// writes before the host ("<auth.info> host sshd[1]: …"; -vv the numbers,
// "<4.6>").
func skipBSDPriority(b []byte) []byte {
	e := indexByte(b[:min(len(b), 24)], '>')
	if e < 4 || e+1 >= len(b) || b[e+1] != ' ' {
		return b
	}
	dot := false
	for _, c := range b[1:e] {
		switch {
		case c == '.':
			dot = true
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			return b
		}
	}
	if !dot {
		return b
	}
	return skipSpaces(b[e+1:])
}

// parseSyslogDay reads "Jan  4 21:51:05", "Jan 4 21:51:05" or
// "Jan 04 21:51:05" (month already read) and returns the bytes consumed, or
// −1.
func parseSyslogDay(b []byte, c *civil) int {
	i := 4
	if b[i] == ' ' {
		i++
	}
	j := i
	for j < len(b) && j < i+2 && isDigit(b[j]) {
		j++
	}
	if j == i || j >= len(b) || b[j] != ' ' {
		return -1
	}
	c.day, _ = atoi(b[i:j])
	if parseClock(b[j+1:], c) < 0 {
		return -1
	}
	return j + 9
}

// skipStructuredData skips RFC 5424's structured data elements
// ("[id k="v"][…]"). A "]" inside a quoted value ends nothing, escaped
// ("\]") as the RFC wants or not, as some senders write it.
func skipStructuredData(b []byte) []byte {
	for len(b) > 0 && b[0] == '[' {
		i, quoted := 1, false
		for i < len(b) {
			if b[i] == '\\' {
				i += 2
				continue
			}
			if b[i] == '"' {
				quoted = !quoted
			} else if b[i] == ']' && !quoted {
				break
			}
			i++
		}
		if i >= len(b) {
			return nil
		}
		b = b[i+1:]
	}
	return skipSpaces(b)
}

// program is a daemon whose syslog messages this package reads.
type program struct {
	tag   string // the program tag without "[pid]"
	match byte   // '=' the whole tag, '^' a prefix of it, '$' a suffix
	svc   service
	parse func(msg []byte, r *record) lineResult
}

// programs maps syslog program tags to message parsers, first match wins.
var programs = [...]program{
	{"sshd", '^', svcSSHD, parseSSHD}, // sshd, sshd-session, sshd(pam_unix)
	{"dropbear", '^', svcDropbear, parseDropbear},
	{"postfix", '^', svcPostfix, parsePostfix}, // postfix/smtpd, postfix/submission/smtpd, postfix/postscreen
	{"dovecot", '^', svcDovecot, parseDovecot},
	{"-login", '$', svcDovecot, parseDovecot},     // dovecot's own log: imap-login, pop3-login, …
	{"authelia", '^', svcAuthelia, parseAuthelia}, // before dovecot's "auth"
	{"auth", '^', svcDovecot, parseDovecot},       // dovecot's own log: auth, auth-worker(9)
	{"imap", '=', svcDovecot, parseIMAPOrPOP},
	{"pop3", '=', svcDovecot, parseIMAPOrPOP},
	{"imaps", '=', svcCyrus, parseCyrus},
	{"pop3s", '=', svcCyrus, parseCyrus},
	{"cyrus", '^', svcCyrus, parseCyrus}, // cyrus/imap, cyrus/pop3
	{"exim", '^', svcExim, parseEximMessage},
	{"sendmail", '^', svcSendmail, parseSendmail},
	{"sm-mta", '=', svcSendmail, parseSendmail},
	// sendmail's daemon names itself by its state.
	{"sm-acceptingconnections", '=', svcSendmail, parseSendmail},
	{"courier", '^', svcCourier, parseCourier}, // courieresmtpd, courierpop3login, courier-imap
	{"imapd", '^', svcCourier, parseIMAPD},     // imapd, imapd-ssl (Courier's or UW's)
	{"ipop3d", '=', svcUWIMAP, parseUWIMAP},
	{"pop3d", '^', svcCourier, parseCourier}, // pop3d, pop3d-ssl
	{"vsftpd", '^', svcVsftpd, parseVsftpd},
	{"proftpd", '^', svcProftpd, parseProftpd},
	{"pure-ftpd", '^', svcPureFTPd, parsePureFTPd},
	{"kernel", '=', svcFirewall, parseNetfilter},
	{"filterlog", '=', svcFirewall, parseFilterlog},
	{"pf", '=', svcFirewall, parsePF},
	{"mod_evasive", '^', svcHTTP, parseEvasive},
	{"mysqld", '^', svcMySQL, parseMySQL}, // mysqld, mysqld_safe
	{"mariadbd", '^', svcMySQL, parseMySQL},
	{"asterisk", '^', svcAsterisk, parseAsterisk},
	{"roundcube", '^', svcRoundcube, parseRoundcube},
	{"gitea", '^', svcGitea, parseGitea},
	{"forgejo", '^', svcGitea, parseGitea},
	{"grafana", '^', svcGrafana, parseGrafana}, // grafana, grafana-server
	{"vaultwarden", '^', svcVaultwarden, parseVaultwarden},
	{"homeassistant", '^', svcHomeAssistant, parseHomeAssistant},
	{"hass", '=', svcHomeAssistant, parseHomeAssistant},
	{"smbd", '=', svcSamba, parseSamba},
	{"smb", '=', svcSamba, parseSamba},
	{"samba", '^', svcSamba, parseSamba},
	{"openvpn", '^', svcOpenVPN, parseOpenVPN},
	{"ovpn-", '^', svcOpenVPN, parseOpenVPN}, // ovpn-server, ovpn-client: the names systemd's units give it
	{"pvedaemon", '=', svcProxmox, parseProxmox},
	{"pveproxy", '=', svcProxmox, parseProxmox},
	{"webmin", '^', svcWebmin, parseWebmin},
	{"miniserv", '^', svcWebmin, parseWebmin}, // Webmin's web server
	{"drupal", '^', svcDrupal, parseDrupal},
	{"phpMyAdmin", '=', svcPhpMyAdmin, parsePhpMyAdmin},
	{"phpmyadmin", '=', svcPhpMyAdmin, parsePhpMyAdmin},
	{"xinetd", '=', svcXinetd, parseXinetd},
	{"portsentry", '=', svcPortsentry, parsePortsentry},
	{"scanlogd", '=', svcScanlogd, parseScanlogd},
	{"wu-ftpd", '=', svcWuftpd, parseWuftpd},
	{"ftpd", '=', svcWuftpd, parseWuftpd},
	{"HORDE", '=', svcHorde, parseHorde},
	{"horde", '=', svcHorde, parseHorde},
	{"monit", '=', svcMonit, parseMonit},
	{"sogod", '=', svcSOGo, parseSOGo},
	{"jellyfin", '^', svcJellyfin, parseJellyfin},
	{"MSSQL", '^', svcMSSQL, parseMSSQL}, // MSSQLSERVER, MSSQL$INSTANCE (the Application log)
	{"Microsoft-Windows-Security-Auditing", '=', svcWindows, parseWinSecurity},
	{"MSWinEventLog", '=', svcWindows, parseWinSecurity}, // Snare
	{"Security-Auditing", '=', svcWindows, parseWinSecurity},
	{"audit", '=', svcPAM, parseAuditSyslog},
	{"audisp", '^', svcPAM, parseAuditSyslog},        // audisp-syslog, audispd
	{"Bitwarden", '^', svcBitwarden, parseBitwarden}, // Bitwarden-Identity
	{"suhosin", '=', svcSuhosin, parseSuhosin},
	{"timsieved", '=', svcCyrus, parseCyrus},
	{"sieve", '^', svcCyrus, parseCyrus}, // sieve, sieved
	{"perdition", '^', svcPerdition, parsePerdition},
	{"solid-pop3d", '=', svcSolidPOP3, parseSolidPOP3},
	{"lfd", '=', svcLFD, parseLFD},
	{"sshguard", '=', svcSSHGuard, parseSSHGuard},
	{"slapd", '=', svcSlapd, parseSlapd},
	{"postgres", '^', svcPostgres, parsePostgresSyslog}, // postgres, postgresql
	{"nrpe", '=', svcNRPE, parseNRPE},
	{"nsd", '=', svcNSD, parseNSD},
	{"znc", '=', svcZNC, parseZNC},
	{"screensharingd", '=', svcScreenSharing, parseScreenSharing},
	{"stunnel", '^', svcStunnel, parseStunnel},
	{"qmail", '=', svcQmail, parseQmail}, // splogger
	{"rblsmtpd", '=', svcQmail, parseQmail},
	{"gitlab", '^', svcGitLab, parseGitLab},
	{"Froxlor", '=', svcFroxlor, parseFroxlor},
	{"froxlor", '=', svcFroxlor, parseFroxlor},
	{"suricata", '=', svcIDS, parseIDSAlert},
	{"snort", '=', svcIDS, parseIDSAlert},
	{"danted", '=', svcDante, parseDante},
	{"sockd", '=', svcDante, parseDante},
	{"mosquitto", '=', svcMosquitto, parseMosquitto},
	{"gophernicus", '=', svcGophernicus, parseGophernicus},
	{"pluto", '=', svcLibreswan, parseLibreswan},
	{"amavis", '^', svcAmavis, parseAmavis}, // amavis, amavisd, amavisd-new
	{"named", '=', svcNamed, parseNamed},
	{"core", '=', svcHarbor, parseHarbor}, // Harbor's core service
	// fail2ban.actions, fail2ban.server.actions (logtarget = SYSLOG)
	{"fail2ban.", '^', svcFail2ban, parseFail2banSyslog},
}

// parseEvasive reads mod_evasive's own syslog message:
//
//	mod_evasive[1234]: Blacklisting address 203.0.113.9: possible DoS attack.
func parseEvasive(msg []byte, r *record) lineResult {
	const lead = "Blacklisting address "
	if !hasPrefixString(msg, lead) {
		return resIgnored
	}
	v := msg[len(lead):]
	if e := bytes.Index(v, []byte(": ")); e >= 0 {
		v = v[:e]
	}
	a, ok := parseAddr(bytes.TrimSuffix(v, []byte(":")))
	if !ok {
		return resMalformed
	}
	r.peer, r.src = a, a
	return resOK
}

// programsByByte lists, for each first byte of a tag, the programs whose
// tag may match it, in table order: those starting with that byte, and
// every suffix match.
var programsByByte = func() (idx [256][]uint8) {
	for i, pr := range programs {
		if pr.match == '$' {
			for c := range idx {
				idx[c] = append(idx[c], uint8(i))
			}
			continue
		}
		idx[pr.tag[0]] = append(idx[pr.tag[0]], uint8(i))
	}
	return idx
}()

func lookupProgram(tag []byte) (*program, bool) {
	if len(tag) == 0 {
		return nil, false
	}
	for _, i := range programsByByte[tag[0]] {
		pr := &programs[i]
		switch pr.match {
		case '=':
			if string(tag) == pr.tag {
				return pr, true
			}
		case '^':
			if len(tag) >= len(pr.tag) && string(tag[:len(pr.tag)]) == pr.tag {
				return pr, true
			}
		case '$':
			if len(tag) >= len(pr.tag) && string(tag[len(tag)-len(pr.tag):]) == pr.tag {
				return pr, true
			}
		}
	}
	return nil, false
}

// parseAuthMessage dispatches a syslog message on its program tag.
func parseAuthMessage(prog []byte, r *record) lineResult {
	msg := r.message
	// rsyslog's "message repeated 5 times: [ original ]"
	if bytes.HasPrefix(msg, []byte("message repeated ")) {
		rest := msg[len("message repeated "):]
		sp := bytes.IndexByte(rest, ' ')
		if n, ok := atoi(rest[:max(sp, 0)]); ok && n > 0 {
			if k := bytes.Index(rest, []byte(": [ ")); k >= 0 {
				r.repeat = min(n, 1000)
				msg = bytes.TrimSuffix(trimSpace(rest[k+4:]), []byte("]"))
				msg = trimSpace(msg)
				r.message = msg
			}
		}
	}
	pr, ok := lookupProgram(prog)
	if !ok {
		return parseOther(msg, r)
	}
	r.service = pr.svc
	return pr.parse(msg, r)
}

// hasPrefixString and containsString are bytes.HasPrefix and
// bytes.Contains for a string pattern, without converting it to []byte
// (which allocates for patterns longer than 32 bytes).
func hasPrefixString(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func containsString(b []byte, s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i+len(s) <= len(b); i++ {
		j := bytes.IndexByte(b[i:len(b)-len(s)+1], s[0])
		if j < 0 {
			return false
		}
		i += j
		if string(b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}
