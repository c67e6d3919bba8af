package classify

import "bytes"

// isFail2banLine: "2019-10-03 09:52:42,123 fail2ban.…".
func isFail2banLine(line []byte) bool {
	return isDigit4(line) && len(line) > 23 && line[4] == '-' && line[10] == ' ' && line[19] == ',' &&
		bytes.Contains(line[:min(len(line), 80)], []byte(" fail2ban."))
}

// parseFail2ban reads fail2ban's own log:
//
//	2019-10-03 09:52:42,123 fail2ban.filter  [1234]: INFO    [sshd] Found 203.0.113.9 - 2019-10-03 09:52:42
//	2019-10-03 09:52:43,456 fail2ban.actions [1234]: NOTICE  [sshd] Ban 203.0.113.9
//
// Found lines are failures, Ban and Restore Ban lines bans; the jail is kept
// so that a rule can name the event after it.
func (p *lineParser) parseFail2ban(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcFail2ban
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	return fail2banMessage(line[n:], r)
}

// parseFail2banSyslog reads fail2ban's messages through syslog
// (logtarget = SYSLOG), the logger's name as the program:
//
//	fail2ban.actions[1234]: NOTICE [sshd] Ban 203.0.113.9
func parseFail2banSyslog(msg []byte, r *record) lineResult {
	return fail2banMessage(msg, r)
}

// fail2banMessage reads what follows the time: the logger, the level, the
// jail and the action.
func fail2banMessage(b []byte, r *record) lineResult {
	// The jail is the first "[name] " after the level; "[1234]:" is the pid.
	for {
		i := bytes.IndexByte(b, '[')
		if i < 0 {
			return resIgnored
		}
		e := bytes.IndexByte(b[i:], ']')
		if e < 0 {
			return resIgnored
		}
		name := b[i+1 : i+e]
		b = b[i+e+1:]
		if len(b) > 0 && b[0] == ':' || allDigits(name) {
			continue
		}
		r.jail = name
		break
	}
	b = skipSpaces(b)
	var verb []byte
	switch {
	case bytes.HasPrefix(b, []byte("Found ")):
		r.auth, verb = authFound, b[len("Found "):]
	case bytes.HasPrefix(b, []byte("Ban ")):
		r.auth, verb = authBan, b[len("Ban "):]
	case bytes.HasPrefix(b, []byte("Restore Ban ")):
		r.auth, verb = authBan, b[len("Restore Ban "):]
	case bytes.HasPrefix(b, []byte("Increase Ban ")):
		r.auth, verb = authBan, b[len("Increase Ban "):]
	default:
		return resIgnored // Unban, already banned, jail start/stop
	}
	tok, _ := nextToken(verb)
	a, ok := parseAddr(tok)
	if !ok {
		return resIgnored
	}
	r.peer, r.src = a, a
	return resOK
}
