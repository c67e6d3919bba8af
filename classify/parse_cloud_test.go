package classify

import "testing"

func TestControlPlaneLogs(t *testing.T) {
	k8s, trail := formatNamed("k8s_audit"), formatNamed("cloudtrail")
	runAuthCases(t, []authCase{
		{line: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/secrets","verb":"list","user":{"username":"system:anonymous","groups":["system:unauthenticated"]},"sourceIPs":["198.51.100.120"],"userAgent":"curl/8.5.0","responseStatus":{"metadata":{},"status":"Failure","reason":"Forbidden","code":403},"requestReceivedTimestamp":"2026-11-27T10:00:00.000000Z"}`,
			ip: "198.51.100.120", auth: authProbe, service: "kubernetes", format: k8s},
		{line: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","requestURI":"/api","verb":"get","user":{},"sourceIPs":["2001:db8::121","10.0.0.1"],"responseStatus":{"metadata":{},"status":"Failure","reason":"Unauthorized","code":401},"requestReceivedTimestamp":"2026-11-27T10:00:01.000000Z"}`,
			ip: "2001:db8::121", auth: authFailure, service: "kubernetes", format: k8s},
		// Served, not yet answered, and a caller inside the cluster
		// refused for what it asked.
		{line: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","user":{"username":"admin"},"sourceIPs":["198.51.100.122"],"responseStatus":{"code":200},"requestReceivedTimestamp":"2026-11-27T10:00:02Z"}`, format: k8s},
		{line: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"RequestReceived","user":{"username":"system:anonymous"},"sourceIPs":["198.51.100.123"],"requestReceivedTimestamp":"2026-11-27T10:00:03Z"}`, format: k8s},
		{line: `{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","user":{"username":"system:serviceaccount:a:b"},"sourceIPs":["10.0.0.9"],"responseStatus":{"code":403},"requestReceivedTimestamp":"2026-11-27T10:00:04Z"}`, format: k8s},
		{line: `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"anna"},"eventTime":"2026-11-27T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"198.51.100.124","errorMessage":"Failed authentication","responseElements":{"ConsoleLogin":"Failure"}}`,
			ip: "198.51.100.124", auth: authFailure, user: "anna", service: "aws", format: trail},
		{line: `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","accountId":"1"},"eventTime":"2026-11-27T10:00:01Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"198.51.100.125","errorMessage":"No username found in supplied account","responseElements":{"ConsoleLogin":"Failure"}}`,
			ip: "198.51.100.125", auth: authInvalidUser, service: "aws", format: trail},
		{line: `{"eventVersion":"1.08","userIdentity":{"type":"Root"},"eventTime":"2026-11-27T10:00:02Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"198.51.100.126","responseElements":{"ConsoleLogin":"Success"}}`,
			ip: "198.51.100.126", auth: authSuccess, service: "aws", format: trail},
		{line: `{"eventVersion":"1.08","userIdentity":{"type":"AWSService"},"eventTime":"2026-11-27T10:00:03Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","sourceIPAddress":"AWS Internal"}`, format: trail},
	})
}
