package classify

// Control planes that log as JSON, one event a line: the Kubernetes API
// server's audit log and AWS CloudTrail (as CloudWatch Logs and most
// shippers deliver it, a record a line).

// k8sAuditFields map the Kubernetes API server's audit log
// (--audit-log-path, "audit.k8s.io/v1" events):
//
//	{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/secrets","verb":"list","user":{"username":"system:anonymous","groups":["system:unauthenticated"]},"sourceIPs":["203.0.113.9"],"userAgent":"curl/8.5.0","responseStatus":{"metadata":{},"status":"Failure","reason":"Forbidden","code":403},"requestReceivedTimestamp":"2026-11-27T10:00:00.000000Z"}
var k8sAuditFields = []jsonField{
	{"sourceIPs", jsPeer},
	{"requestReceivedTimestamp", jsTime},
	{"stageTimestamp", jsTime},
	{"responseStatus.code", jsStatus},
	{"user.username", jsUser},
	{"stage", jsEvent},
}

func isK8sAuditLine(line []byte) bool {
	return isJSONWith(line, `"audit.k8s.io/`) && containsString(line, `"sourceIPs"`)
}

// parseK8sAudit reads an audit event: credentials the server did not
// accept (401) are a failed login; an anonymous request it refused (403,
// "system:anonymous") a probe of an exposed API server. Requests it
// served, and the stages before the response, are ignored.
func (p *lineParser) parseK8sAudit(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcKubernetes
	s := &p.js
	if !s.scan(line, k8sAuditFields) {
		return resMalformed
	}
	v := &s.vals
	if string(v[jsEvent]) != "ResponseComplete" && string(v[jsEvent]) != "Panic" {
		return resIgnored
	}
	code, _ := atoi(v[jsStatus])
	switch {
	case code == 401:
		r.auth = authFailure
	case code == 403 && string(v[jsUser]) == "system:anonymous":
		r.auth = authProbe
	default:
		return resIgnored
	}
	if r.auth == authFailure {
		r.user = v[jsUser]
	}
	return p.controlPlaneSource(v, r)
}

// cloudTrailFields map an AWS CloudTrail record:
//
//	{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anna"},"eventTime":"2026-11-27T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"203.0.113.9","errorMessage":"Failed authentication","responseElements":{"ConsoleLogin":"Failure"}}
var cloudTrailFields = []jsonField{
	{"eventName", jsEvent},
	{"sourceIPAddress", jsPeer},
	{"eventTime", jsTime},
	{"userIdentity.userName", jsUser},
	{"responseElements.ConsoleLogin", jsStatus},
	{"errorMessage", jsMessage},
}

func isCloudTrailLine(line []byte) bool {
	return isJSONWith(line, `"eventSource"`) && containsString(line, `"sourceIPAddress"`)
}

// parseCloudTrail reads the console's sign-ins: a failure (an unknown
// user when AWS found no such user name), a success. Other API calls are
// ignored, as are calls AWS made for itself ("AWS Internal", a service's
// name instead of an address).
func (p *lineParser) parseCloudTrail(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcAWS
	s := &p.js
	if !s.scan(line, cloudTrailFields) {
		return resMalformed
	}
	v := &s.vals
	if string(v[jsEvent]) != "ConsoleLogin" {
		return resIgnored
	}
	switch string(v[jsStatus]) {
	case "Failure":
		r.auth = authFailure
		if containsString(v[jsMessage], "No username found") {
			r.auth = authInvalidUser
		}
	case "Success":
		r.auth = authSuccess
	default:
		return resIgnored
	}
	r.user = v[jsUser]
	return p.controlPlaneSource(v, r)
}

// controlPlaneSource takes an event's time and its caller's address; a
// caller named otherwise (a service, "AWS Internal") is no client, and the
// event is ignored.
func (p *lineParser) controlPlaneSource(v *jsonValues, r *record) lineResult {
	if t, ok := p.structuredTime(v[jsTime]); ok {
		r.time = t
	}
	a, ok := parseAddr(v[jsPeer])
	if !ok {
		r.auth, r.user = authNone, nil
		return resIgnored
	}
	return setSource(r, a)
}
