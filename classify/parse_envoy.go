package classify

// envoyFields map Envoy's JSON access log under the names of Istio's
// default JSON encoding (meshConfig.accessLogEncoding: JSON):
//
//	{"start_time":"2021-03-03T09:52:42.123Z","method":"GET","path":"/.env",
//	 "response_code":404,"user_agent":"curl/7.68.0","x_forwarded_for":"203.0.113.5",
//	 "authority":"example.org","downstream_remote_address":"203.0.113.5:41234", …}
var envoyFields = []jsonField{
	{"downstream_remote_address", jsPeer},
	{"x_forwarded_for", jsForwarded},
	{"method", jsMethod},
	{"path", jsTarget},
	{"authority", jsHost},
	{"response_code", jsStatus},
	{"user_agent", jsAgent},
	{"start_time", jsTime},
}

func isEnvoyJSONLine(line []byte) bool {
	return isJSONWith(line, `"downstream_remote_address"`)
}

func (p *lineParser) parseEnvoyJSON(line []byte, r *record, _ *fileCtx) lineResult {
	return p.parseJSONAccess(line, r, envoyFields)
}

// isEnvoyLine: Envoy's default text format, "[2021-03-03T09:52:42.123Z]
// "GET /path HTTP/1.1" 404 …".
func isEnvoyLine(line []byte) bool {
	return len(line) > 30 && line[0] == '[' && isISOStart(line[1:]) && containsString(line[20:min(len(line), 40)], `] "`)
}

// parseEnvoy reads Envoy's default text format, old and new:
//
//	[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
//	%RESPONSE_FLAGS% [%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
//	"%UPSTREAM_TRANSPORT_FAILURE_REASON%"] %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
//	%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
//	"%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" [%UPSTREAM_CLUSTER%
//	%UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% …]
//
// The client is the downstream remote address where the format has it,
// else the last X-Forwarded-For entry (the one Envoy appended).
func (p *lineParser) parseEnvoy(line []byte, r *record, _ *fileCtx) lineResult {
	rb := indexByte(line, ']')
	if rb < 1 || line[0] != '[' {
		return resMalformed
	}
	t, n := p.iso(line[1:rb])
	if n == 0 {
		return resBadTime
	}
	var v jsonValues
	rest := skipSpaces(line[rb+1:])
	req, rest, ok := quoted(rest)
	if !ok {
		return resMalformed
	}
	v[jsRequest] = req
	v[jsStatus], rest = nextToken(rest)
	// The last five quoted fields are X-Forwarded-For, User-Agent, request
	// id, authority and upstream host; bare tokens follow.
	var q [5][]byte
	nq := 0
	for len(rest) > 0 {
		rest = skipSpaces(rest)
		if len(rest) > 0 && rest[0] == '"' {
			var f []byte
			f, rest, _ = quoted(rest)
			copy(q[:], q[1:])
			q[4] = f
			nq++
			continue
		}
		if nq >= 5 {
			break
		}
		_, rest = nextToken(rest)
	}
	if nq < 5 {
		return resMalformed
	}
	v[jsForwarded], v[jsAgent], v[jsHost] = dashNil(q[0]), q[1], dashNil(q[3])
	for i := 0; i < 3; i++ {
		_, rest = nextToken(rest)
	}
	if tok, _ := nextToken(rest); isAddrToken(tok) {
		v[jsPeer] = tok
	} else if fw := v[jsForwarded]; len(fw) > 0 {
		v[jsPeer] = trimSpace(fw[max(0, lastIndexByte(fw, ',')+1):])
	}
	res := p.fillAccess(r, &v)
	r.time = t
	return res
}

func isAddrToken(b []byte) bool {
	_, ok := parseAddrPort(b)
	return ok
}

func dashNil(b []byte) []byte {
	if len(b) == 1 && b[0] == '-' {
		return nil
	}
	return b
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}
