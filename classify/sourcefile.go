package classify

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
)

// ReadSourceList reads a list of source addresses: one address or CIDR
// prefix a line; blank lines and text after '#' are ignored. The Tor
// Project's exit-addresses format is understood too: "ExitAddress ADDR
// DATE" lines give the address, and its ExitNode, Published and
// LastStatus lines are skipped. name is used in errors.
func ReadSourceList(r io.Reader, name string) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(string(line))
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "ExitNode", "Published", "LastStatus":
			continue
		case "ExitAddress":
			if len(f) < 2 {
				return nil, fmt.Errorf("classify: %s:%d: ExitAddress without an address", name, n)
			}
			f = f[1:]
		}
		v := f[0]
		if _, err := netip.ParsePrefix(v); err != nil {
			if _, err := netip.ParseAddr(v); err != nil {
				return nil, fmt.Errorf("classify: %s:%d: %q is not an address or CIDR prefix", name, n, v)
			}
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("classify: %s: %w", name, err)
	}
	return out, nil
}

// readSourceFiles reads every rule's match.source_file (relative to dir)
// into its match.source and clears source_file.
func (rs *RuleSet) readSourceFiles(dir string) error {
	for i := range rs.Rules {
		r := &rs.Rules[i]
		for _, f := range r.Match.SourceFile {
			p := f
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return ruleErr(r, "match.source_file", "%v", err)
			}
			list, err := ReadSourceList(bytes.NewReader(data), f)
			if err != nil {
				return ruleErr(r, "match.source_file", "%v", err)
			}
			r.Match.Source = append(r.Match.Source, list...)
		}
		r.Match.SourceFile = nil
	}
	return nil
}
