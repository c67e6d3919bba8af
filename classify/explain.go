package classify

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Explanation is what the rules make of one line on its own, before the
// per-address windows (DoS, brute force) that need the lines around it.
type Explanation struct {
	Format   Format
	Result   string // "classified", "ignored", or a skip reason (SkipReasons)
	Time     time.Time
	IP       netip.Addr
	Fields   []Field     // the parsed fields rules can test
	Matches  []RuleMatch // every rule whose conditions all hold, in priority order
	Category Category    // the category definite rules give the line
	Rule     string      // the rule that gave it ("" when none)
	Window   string      // the window the line would count in ("" when none)
}

// Field is one parsed field of a line.
type Field struct {
	Name  string
	Value string
}

// RuleMatch is a rule that matched a line, and why.
type RuleMatch struct {
	Rule     string
	Category Category
	Window   string   // set for window rules
	Why      []string // one entry per condition, e.g. `agent_contains "zmeu"`
}

// Explain parses and matches one line, as `threatmap rules test` shows it.
// opts.Format, TrustedProxies, Location and Now are honoured.
func (rs *Rules) Explain(line string, opts Options) Explanation {
	p := newLineParser(rs, &opts)
	ref := opts.Now
	if ref.IsZero() {
		ref = time.Now()
	}
	fc := &fileCtx{format: opts.Format, ref: ref, cols: noColumns}
	v := p.classify([]byte(line), fc)
	ex := Explanation{Format: v.format, Result: resultName(v.res), Time: v.time, IP: v.ip, Category: v.category, Rule: v.rule}
	if v.window >= 0 {
		ex.Window = rs.windows[v.window].name
	}
	if v.res != resOK {
		return ex
	}
	r := &p.rec
	add := func(name string, val []byte) {
		if len(val) > 0 {
			ex.Fields = append(ex.Fields, Field{name, string(val)})
		}
	}
	ex.Fields = append(ex.Fields, Field{"service", serviceNames[r.service]})
	if r.peer != r.src {
		ex.Fields = append(ex.Fields, Field{"peer", r.peer.String()})
	}
	add("host", r.host)
	add("method", r.method)
	add("target", r.target)
	if p.dec != nil && len(r.target) > 0 && !bytes.Equal(p.dec, r.target) {
		add("decoded", p.dec)
	}
	if r.req != reqNone {
		ex.Fields = append(ex.Fields, Field{"request", reqNames[r.req]})
	}
	if r.status != 0 {
		ex.Fields = append(ex.Fields, Field{"status", fmt.Sprint(r.status)})
	}
	add("agent", r.agent)
	add("forwarded", r.forwarded)
	if r.auth != authNone {
		ex.Fields = append(ex.Fields, Field{"auth", authNames[r.auth]})
	}
	add("user", r.user)
	add("jail", r.jail)
	add("message", r.message)
	if r.format == FormatCSV {
		ex.Fields = append(ex.Fields, Field{"threat", r.category.String()})
		return ex
	}
	for _, cr := range rs.rules {
		if why, ok := p.explainRule(cr, r); ok {
			m := RuleMatch{Rule: cr.name, Category: cr.category, Why: why}
			if cr.window >= 0 {
				m.Window = rs.windows[cr.window].name
			}
			ex.Matches = append(ex.Matches, m)
		}
	}
	return ex
}

func resultName(r lineResult) string { return resultNames[r] }

// explainRule checks every condition of cr (the slow way) and says which
// value satisfied each.
func (p *lineParser) explainRule(cr *cRule, r *record) ([]string, bool) {
	var why []string
	for i := range cr.conds {
		c := &cr.conds[i]
		var hit string
		switch c.kind {
		case condService:
			hit = pick(c, serviceNames[r.service])
		case condAuth:
			hit = pick(c, authNames[r.auth])
		case condRequest:
			hit = pick(c, reqNames[r.req])
		case condLiteral:
			hit = p.explainLiteral(c, r)
		default:
			if p.condMatches(c, r) {
				switch c.kind {
				case condMethod:
					hit = string(r.method)
				case condStatus:
					hit = fmt.Sprint(r.status)
				case condUser:
					hit = string(r.user)
				case condJail:
					hit = string(r.jail)
				case condShape:
					for i, name := range shapeNames {
						if c.shapes&(1<<i) != 0 && targetShapes(r.target, 1<<i) != 0 {
							hit = name
						}
					}
				case condSource:
					for _, pr := range c.prefixes {
						if pr.Contains(r.src) {
							hit = pr.String()
						}
					}
				}
			}
		}
		if hit == "" {
			return nil, false
		}
		why = append(why, fmt.Sprintf("%s %q", c.field, hit))
	}
	if cr.probe && p.isPublic() {
		return nil, false
	}
	return why, true
}

func pick(c *cCond, v string) string {
	for _, x := range c.values {
		if x == v {
			return v
		}
	}
	return ""
}

func (p *lineParser) explainLiteral(c *cCond, r *record) string {
	var text string
	pathEnd := 0
	switch {
	case strings.HasPrefix(c.field, "agent_"):
		if c.emptyOK && r.hasAgent && len(r.agent) == 0 {
			return `""`
		}
		text = string(r.agent)
		pathEnd = len(text)
	case c.field == "message_contains":
		text, pathEnd = string(r.message), len(r.message)
	case c.field == "anywhere_contains":
		t, _ := p.decodeTarget(r.target)
		text = strings.Join([]string{string(t), string(r.agent), string(r.referer), string(r.headers)}, "\n")
		pathEnd = len(text)
	default:
		if len(r.target) == 0 {
			return ""
		}
		t, pe := p.decodeTarget(r.target)
		text, pathEnd = string(t), pe
	}
	low := strings.ToLower(text)
	path := low[:pathEnd]
	for _, v := range c.values {
		lv := strings.ToLower(v)
		if lv == "" {
			continue
		}
		ok := false
		switch c.field {
		case "path_prefix", "agent_prefix":
			ok = strings.HasPrefix(path, lv)
		case "path_suffix":
			ok = strings.HasSuffix(path, lv)
		case "path_equals", "agent_equals":
			ok = path == lv
		case "path_contains":
			ok = strings.Contains(path, lv)
		case "query_contains":
			ok = strings.Contains(low[pathEnd:], lv)
		default:
			ok = strings.Contains(low, lv)
		}
		if ok {
			return v
		}
	}
	return ""
}
