package assets

import _ "embed"

// DefaultRules is threatmap's default rule set (YAML): its detection
// methodology — scanner user agents, probe paths, injection and
// traversal patterns, proxy probes, non-HTTP request lines, good bots,
// dictionary user names, the DoS threshold and fail2ban-style brute-force
// windows. The classify package decodes and compiles it; a user's rule file
// is merged over it.
//
//go:embed rules/default.yaml
var DefaultRules []byte

// DefaultRulesJSON is DefaultRules decoded and written again as JSON, the
// form the classifier reads at start (decoding the YAML takes several times
// as long). It is generated (go generate ./classify), and a test checks
// that it is current.
//
//go:embed rules/default.json
var DefaultRulesJSON []byte
