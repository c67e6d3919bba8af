package classify

// nginxJSONFields map a JSON access log written by nginx's
// "log_format … escape=json" under the usual names: nginx's own variable
// names, and those of ingress-nginx's documented log-format-upstream
// (x_forward_for, vhost, path, request_query, method, time).
//
//	log_format json escape=json '{"time_local":"$time_local","remote_addr":"$remote_addr",'
//	  '"request":"$request","status":$status,"http_user_agent":"$http_user_agent",'
//	  '"http_x_forwarded_for":"$http_x_forwarded_for","host":"$host"}';
var nginxJSONFields = []jsonField{
	{"remote_addr", jsPeer},
	{"http_x_forwarded_for", jsForwarded},
	{"x_forward_for", jsForwarded},
	{"x_forwarded_for", jsForwarded},
	{"request", jsRequest},
	{"request_method", jsMethod},
	{"method", jsMethod},
	{"request_uri", jsTarget},
	{"path", jsTarget},
	{"request_query", jsQuery},
	{"args", jsQuery},
	{"status", jsStatus},
	{"http_user_agent", jsAgent},
	{"host", jsHost},
	{"http_host", jsHost},
	{"vhost", jsHost},
	{"time_iso8601", jsTime},
	{"time_local", jsTime},
	{"time", jsTime},
	{"@timestamp", jsTime},
	{"timestamp", jsTime},
	{"msec", jsTime},
}

func isNginxJSONLine(line []byte) bool {
	return isJSONWith(line, `"remote_addr"`)
}

func (p *lineParser) parseNginxJSON(line []byte, r *record, _ *fileCtx) lineResult {
	return p.parseJSONAccess(line, r, nginxJSONFields)
}
