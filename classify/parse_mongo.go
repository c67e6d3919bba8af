package classify

// MongoDB's log before 4.4, one text line an event: the time, from 3.0 on
// the severity and the component, then the thread in brackets.
//
//	2019-03-04T10:00:00.000+0000 I ACCESS   [conn12] SASL SCRAM-SHA-1 authentication failed for admin on admin from client 203.0.113.9:50000 ; UserNotFound: Could not find user admin@admin
//	2019-03-04T10:00:01.000+0000 I ACCESS   [conn13] Successfully authenticated as principal app on admin from client 198.51.100.4:50001
//
// MongoDB 2 named no client on its failures; the connection's number
// (the thread, conn12) ties them to the line that accepted it:
//
//	2016-11-20T00:04:00.100+0100 [initandlisten] connection accepted from 203.0.113.9:53276 #12 (1 connection now open)
//	2016-11-20T00:04:00.110+0100 [conn12] Failed to authenticate root@admin with mechanism MONGODB-CR: AuthenticationFailed UserNotFound Could not find user root@admin
func isMongoTextLine(line []byte) bool {
	_, _, ok := mongoTextFields(line)
	return ok
}

// mongoTextFields splits a line into its thread ("conn12",
// "initandlisten") and its message, after the time's length n.
func mongoTextFields(line []byte) (thread, msg []byte, ok bool) {
	if len(line) < 32 || !isISOStart(line) || line[10] != 'T' {
		return nil, nil, false
	}
	_, n := parseISO(line, nil)
	if n == 0 || n+4 > len(line) || line[n] != ' ' {
		return nil, nil, false
	}
	rest := line[n+1:]
	if rest[0] != '[' {
		// "I ACCESS   [": a severity letter, a component.
		if len(rest) < 4 || rest[1] != ' ' || rest[0] < 'A' || rest[0] > 'Z' {
			return nil, nil, false
		}
		i := 2
		for i < len(rest) && rest[i] >= 'A' && rest[i] <= 'Z' || i < len(rest) && rest[i] == '_' {
			i++
		}
		if i == 2 {
			if rest[i] != '-' { // "I -        [": no component
				return nil, nil, false
			}
			i++
		}
		for i < len(rest) && rest[i] == ' ' {
			i++
		}
		rest = rest[i:]
	}
	if len(rest) < 3 || rest[0] != '[' {
		return nil, nil, false
	}
	e := indexByte(rest, ']')
	if e < 2 || e+2 > len(rest) || rest[e+1] != ' ' {
		return nil, nil, false
	}
	return rest[1:e], rest[e+2:], true
}

func (p *lineParser) parseMongoText(line []byte, r *record) lineResult {
	thread, msg, ok := mongoTextFields(line)
	if !ok {
		return resMalformed
	}
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, msg
	switch {
	case containsString(msg, " authentication failed for ") && containsString(msg, " from client "):
		// SASL SCRAM-SHA-1 authentication failed for U on DB from client A:P ; Error: …
		u, _ := after(msg, " authentication failed for ")
		r.user = upTo(u, ' ')
		v, _ := after(msg, " from client ")
		a, ok := addrToken(v)
		if !ok {
			return resMalformed
		}
		r.auth = authFailure
		if containsString(msg, "UserNotFound") {
			r.auth = authInvalidUser
		}
		return setSource(r, a)
	case hasPrefixString(msg, "Successfully authenticated as principal "):
		u := msg[len("Successfully authenticated as principal "):]
		r.user = upTo(u, ' ')
		v, ok := after(msg, " from client ")
		if !ok {
			return resIgnored
		}
		a, ok := addrToken(v)
		if !ok {
			return resMalformed
		}
		r.auth = authSuccess
		return setSource(r, a)
	case hasPrefixString(msg, "connection accepted from "):
		// connection accepted from A:P #12 (1 connection now open)
		v := msg[len("connection accepted from "):]
		a, ok := addrToken(v)
		if !ok {
			return resIgnored
		}
		id, ok := after(v, " #")
		if !ok {
			return resIgnored
		}
		p.reqBuf = append(append(p.reqBuf[:0], "conn"...), upTo(id, ' ')...)
		r.conn, r.connOpen = connKey(svcMongoDB, nil, p.reqBuf), true
		return setSource(r, a)
	case hasPrefixString(msg, "Failed to authenticate ") && hasPrefixString(thread, "conn"):
		// Failed to authenticate U@DB with mechanism M: AuthenticationFailed …
		u := msg[len("Failed to authenticate "):]
		r.user = upTo(upTo(u, ' '), '@')
		r.auth = authFailure
		if containsString(msg, "UserNotFound") {
			r.auth = authInvalidUser
		}
		r.conn = connKey(svcMongoDB, nil, thread)
		return resOK
	}
	return resIgnored
}
