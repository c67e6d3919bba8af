package classify

import "time"

// Roundcube's own log files (logs/errors.log, logs/userlogins.log, with
// log_driver file), the time in its default log_date_format:
//
//	[04-Jun-2024 11:20:31 +0200]: <8a3kf2p1> IMAP Error: Login failed for admin against localhost from 203.0.113.9. AUTHENTICATE PLAIN: Authentication failed.
//	[04-Jun-2024 11:20:32 +0200]: <8a3kf2p1> Failed login for admin from 203.0.113.9 in session 8a3kf2p1 (error: 0)
//	[04-Jun-2024 11:20:33 +0200]: FAILED login for admin from 203.0.113.9   (older releases)
func isRoundcubeLine(line []byte) bool {
	_, n := roundcubeTime(line)
	return n > 0
}

// roundcubeTime reads "[DD-Mon-YYYY hh:mm:ss +zzzz]: " and returns the
// time and the bytes read.
func roundcubeTime(line []byte) (time.Time, int) {
	c, n := readCivil(line, "[DD-Mon-YYYY hh:mm:ss ")
	if n == 0 {
		return time.Time{}, 0
	}
	off, k := parseOffset(line[n:])
	if k == 0 || !hasPrefixString(line[n+k:], "]: ") || !c.valid() {
		return time.Time{}, 0
	}
	return time.Unix(c.unix(off), 0).UTC(), n + k + 3
}

func (p *lineParser) parseRoundcubeLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcRoundcube
	t, n := roundcubeTime(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	r.message = trimSpace(line[n:])
	return parseRoundcube(r.message, r)
}
