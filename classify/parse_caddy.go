package classify

// caddyFields map Caddy's access log (its default JSON encoder):
//
//	{"level":"info","ts":1614764462.4,"logger":"http.log.access","msg":"handled request",
//	 "request":{"remote_ip":"203.0.113.5","remote_port":"41234","client_ip":"203.0.113.5",
//	 "proto":"HTTP/1.1","method":"GET","host":"example.org","uri":"/.env",
//	 "headers":{"User-Agent":["curl/7.68.0"]}},"status":404}
//
// client_ip is the client after Caddy's own trusted_proxies; remote_addr
// ("ip:port") is what Caddy before 2.5 logged instead of remote_ip.
var caddyFields = []jsonField{
	{"request.client_ip", jsClient},
	{"request.remote_ip", jsPeer},
	{"request.remote_addr", jsPeer},
	{"request.method", jsMethod},
	{"request.uri", jsTarget},
	{"request.host", jsHost},
	{"request.headers.User-Agent", jsAgent},
	{"status", jsStatus},
	{"ts", jsTime},
}

func isCaddyLine(line []byte) bool {
	return isJSONWith(line, `"request":{`) && (containsString(line, `"remote_ip"`) || containsString(line, `"remote_addr"`))
}

func (p *lineParser) parseCaddy(line []byte, r *record, _ *fileCtx) lineResult {
	return p.parseJSONAccess(line, r, caddyFields)
}
