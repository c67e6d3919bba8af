package classify

// cloudflareFields map Cloudflare Logpush's HTTP requests dataset:
//
//	{"ClientIP":"203.0.113.5","ClientRequestHost":"example.org","ClientRequestMethod":"GET",
//	 "ClientRequestURI":"/.env","ClientRequestUserAgent":"curl/7.68.0",
//	 "EdgeResponseStatus":404,"EdgeStartTimestamp":1614764562000000000,"RayID":"…"}
//
// EdgeStartTimestamp is in nanoseconds by default; Logpush's
// timestamp_format unix and rfc3339 are read too.
var cloudflareFields = []jsonField{
	{"ClientIP", jsClient},
	{"ClientRequestMethod", jsMethod},
	{"ClientRequestURI", jsTarget},
	{"ClientRequestPath", jsTarget},
	{"ClientRequestHost", jsHost},
	{"ClientRequestUserAgent", jsAgent},
	{"EdgeResponseStatus", jsStatus},
	{"OriginResponseStatus", jsStatus},
	{"EdgeStartTimestamp", jsTime},
}

func isCloudflareLine(line []byte) bool {
	return isJSONWith(line, `"ClientRequestURI"`) || isJSONWith(line, `"ClientRequestMethod"`)
}

func (p *lineParser) parseCloudflare(line []byte, r *record, _ *fileCtx) lineResult {
	return p.parseJSONAccess(line, r, cloudflareFields)
}
