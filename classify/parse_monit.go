package classify

// Monit's own log file ("set log /var/log/monit.log"): the time in
// brackets, the level padded to eight, a colon, the message. Older
// releases write the zone's abbreviation and a syslog-like date, newer
// ones ISO 8601:
//
//	[CEST Jun  4 11:20:31] error    : HttpRequest: access denied -- client 203.0.113.9: wrong password for user 'admin'
//	[2024-06-04T11:20:31+0200] error    : Warning: Client '203.0.113.9' supplied unknown user 'x' accessing monit httpd
//
// A zone's abbreviation names no single offset (CST is three), so those
// times are read in the zone the logs were written in (--log-tz).
func isMonitLine(line []byte) bool {
	_, _, ok := monitFields(line)
	return ok
}

// monitFields splits a Monit line into its time stamp (between the
// brackets) and its message.
func monitFields(line []byte) (stamp, msg []byte, ok bool) {
	if len(line) < 24 || line[0] != '[' {
		return nil, nil, false
	}
	e := indexByte(line[:min(len(line), 40)], ']')
	if e < 16 || e+3 > len(line) || line[e+1] != ' ' {
		return nil, nil, false
	}
	stamp = line[1:e]
	if !isISOStart(stamp) {
		// "CEST Jun  4 11:20:31": an abbreviation, then a month.
		z := indexByte(stamp, ' ')
		if z < 1 || z > 5 || len(stamp) < z+15 || !isMonth(stamp[z+1:z+4]) {
			return nil, nil, false
		}
		for _, c := range stamp[:z] {
			if c < 'A' || c > 'Z' {
				return nil, nil, false
			}
		}
	}
	rest := line[e+2:]
	i := 0
	for i < len(rest) && rest[i] >= 'a' && rest[i] <= 'z' {
		i++
	}
	if i < 4 || i > 9 {
		return nil, nil, false // the level: error, warning, info, …
	}
	for i < len(rest) && rest[i] == ' ' {
		i++
	}
	if i+2 > len(rest) || rest[i] != ':' || rest[i+1] != ' ' {
		return nil, nil, false
	}
	return stamp, rest[i+2:], true
}

func (p *lineParser) parseMonitLog(line []byte, r *record, fc *fileCtx) lineResult {
	r.service = svcMonit
	stamp, msg, ok := monitFields(line)
	if !ok {
		return resMalformed
	}
	if isISOStart(stamp) {
		t, n := p.iso(stamp)
		if n == 0 {
			return resBadTime
		}
		r.time = t
	} else {
		b := stamp[indexByte(stamp, ' ')+1:]
		var c civil
		c.month = monthIndex(b[:3])
		if parseSyslogDay(b, &c) < 0 {
			return resBadTime
		}
		inferYear(&c, fc.ref)
		if !c.valid() {
			return resBadTime
		}
		r.time = p.local(c)
	}
	r.message = trimSpace(msg)
	return parseMonit(r.message, r)
}
