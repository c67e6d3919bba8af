package classify

// traefikFields map Traefik's access log with accessLog.format: json:
//
//	{"ClientAddr":"203.0.113.5:41234","ClientHost":"203.0.113.5","DownstreamStatus":404,
//	 "RequestHost":"example.org","RequestMethod":"GET","RequestPath":"/.env",
//	 "StartUTC":"2021-03-03T09:52:42.123456789Z","request_User-Agent":"curl/7.68.0",
//	 "time":"2021-03-03T10:52:42+01:00", …}
//
// Request headers (request_User-Agent, request_X-Forwarded-For) are logged
// only when accessLog.fields.headers keeps them.
var traefikFields = []jsonField{
	{"ClientHost", jsPeer},
	{"ClientAddr", jsPeer},
	{"RequestMethod", jsMethod},
	{"RequestPath", jsTarget},
	{"RequestHost", jsHost},
	{"DownstreamStatus", jsStatus},
	{"request_User-Agent", jsAgent},
	{"request_X-Forwarded-For", jsForwarded},
	{"StartUTC", jsTime},
	{"StartLocal", jsTime},
	{"time", jsTime},
}

func isTraefikLine(line []byte) bool {
	return isJSONWith(line, `"ClientHost"`) || isJSONWith(line, `"DownstreamStatus"`)
}

func (p *lineParser) parseTraefik(line []byte, r *record, _ *fileCtx) lineResult {
	return p.parseJSONAccess(line, r, traefikFields)
}
