package block

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
)

// ParseError is a bad line of an exclude list. Line is 1-based.
type ParseError struct {
	Line int
	Text string // the offending text, trimmed
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("block: exclude list line %d: %q: %v", e.Line, e.Text, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrNotAddress is wrapped by a ParseError for a line that is neither an
// address nor a CIDR prefix.
var ErrNotAddress = errors.New("not an IP address or CIDR prefix")

// maxExcludeLine bounds one line of an exclude list, in bytes.
const maxExcludeLine = 64 << 10

// ParseExclude reads an allowlist: one IPv4 or IPv6 address or CIDR prefix a
// line ("203.0.113.7", "2001:db8::/32"); blank lines and everything after a
// '#' are ignored. An address is a single-address prefix; a prefix with host
// bits set ("10.1.2.3/8") is masked to its network. The first bad line
// stops the reading with a *ParseError: an allowlist that is only partly
// understood would block what it was meant to protect.
func ParseExclude(r io.Reader) ([]netip.Prefix, error) {
	var out []netip.Prefix
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxExcludeLine)
	line := 0
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		p, err := parsePrefixOrAddr(text)
		if err != nil {
			return nil, &ParseError{Line: line, Text: text, Err: err}
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{Line: line + 1, Err: err}
	}
	return out, nil
}

// parsePrefixOrAddr parses a CIDR prefix or a single address (zones are
// refused: a zone names a link of this host, not a remote network).
func parsePrefixOrAddr(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, ErrNotAddress
		}
		return normPrefix(p), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, ErrNotAddress
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
