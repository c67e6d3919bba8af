package classify

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/threatmap/threatmap/assets"
)

// Rules is a compiled rule set: literal conditions merged into one
// Aho–Corasick automaton per field, rules ordered by risk. It is immutable
// and safe for concurrent use.
type Rules struct {
	// hashSeed seeds the parsers' hashes of text, one for every parser
	// of the rule set: the flood shapes compare the agent hashes of lines
	// that different workers parsed.
	hashSeed maphash.Seed
	rules    []*cRule // by priority: higher category first, then file order
	windows  []cWindow
	dos      cDoS
	// The other shapes of flood.
	burst, cacheBusting, agentCycling, badVersion cShape
	probing                                       cProbing
	scan                                          cPortScan

	siteHosts   []string
	publicPaths []string // lower-case prefixes
	// learnClients: browsing clients that make an answered path the
	// site's own (see siteModel).
	learnClients int

	targetAC, agentAC, messageAC                *acMatcher
	targetEntries, agentEntries, messageEntries []acEntry
	// headerAC matches anywhere_contains in the Referer and the field
	// after the agent (the target and agent automata hold it too).
	headerAC      *acMatcher
	headerEntries []acEntry
	// Verified crawlers, and the agent conditions that declare a crawler.
	crawlers     []cCrawler
	crawlerConds []int32
	nconds       int

	// For each (service, auth, request) combination, word w of two rule
	// sets side by side: at 2w the rules without literal conditions whose
	// enum conditions accept it (always tried), at 2w+1 all rules whose
	// enum conditions accept it (a literal hit is tried only if it is also
	// there). The enum conditions of a candidate need no further check.
	cands [numServices][numAuthKinds][numReqKinds][]uint64
	// Rule sets that a line's status and its target's shapes decide
	// before any rule is tried (see prefilter): statusOK holds, for each
	// status below maxStatus, the rules whose status conditions all
	// include it (words of rules per status, one status after another);
	// unshaped holds the rules without a target-shape condition, the only
	// ones a target without shapes can match; all holds every rule.
	statusOK, unshaped, all []uint64
}

// maxStatus bounds the statuses Rules.statusOK has sets for; a line with
// another status tries the rules without this filter.
const maxStatus = 1000

type cWindow struct {
	name     string
	maxRetry int
	findTime int64 // seconds
	attempts bool  // Mode "attempts": every failure counts until a success
}

type cDoS struct {
	enabled  bool
	name     string
	requests int
	window   int64 // seconds
}

type cRule struct {
	name         string
	description  string
	category     Category
	window       int // index into Rules.windows, −1 for a definite rule
	probe        bool
	login        bool
	reset        uint64 // windows forgiven
	nameFromJail bool
	conds        []cCond
	// check are the conditions ruleMatches evaluates, cheapest and most
	// selective first: conds without those of service, auth and request,
	// which the candidate tables (Rules.cands) decide.
	check []cCond
}

type condKind uint8

const (
	condService condKind = iota
	condAuth
	condRequest
	condMethod
	condStatus
	condLiteral
	condUser
	condJail
	condSource
	condShape
)

type cCond struct {
	kind     condKind
	field    string   // YAML field, for explanations
	values   []string // as written (lists expanded)
	mask     enumSet  // the values allowed, a bit each (service, auth, request)
	bit      int32
	emptyOK  bool // agent_equals "": an empty or "-" agent matches
	set      map[string]struct{}
	statuses []int
	prefixes []netip.Prefix
	gating   bool // a literal condition that must have been hit
	shapes   uint8
}

// Rule names the compiled rules in priority order, for listings.
func (rs *Rules) RuleNames() []string {
	out := make([]string, len(rs.rules))
	for i, r := range rs.rules {
		out[i] = r.name
	}
	return out
}

// Compile checks the rule set and builds the runtime Rules. Errors name the
// file, the rule and the field.
func (set *RuleSet) Compile() (*Rules, error) {
	rs := &Rules{hashSeed: maphash.MakeSeed()}
	c := compiler{set: set, rs: rs}
	if err := c.compile(); err != nil {
		return nil, err
	}
	return rs, nil
}

type compiler struct {
	set *RuleSet
	rs  *Rules
}

func ruleErr(r *Rule, field, format string, a ...any) error {
	where, line := r.file, r.line
	if where == "" {
		where = "rules"
	}
	if line == 0 && where == defaultRulesName {
		line = defaultRuleLine(r.Name)
	}
	if line > 0 {
		where = fmt.Sprintf("%s:%d", where, line)
	}
	msg := fmt.Sprintf(format, a...)
	if field != "" {
		return fmt.Errorf("classify: %s: rule %q: %s: %s", where, r.Name, field, msg)
	}
	return fmt.Errorf("classify: %s: rule %q: %s", where, r.Name, msg)
}

func (c *compiler) compile() error {
	winIndex, err := c.compileWindows()
	if err != nil {
		return err
	}
	if err := c.compileDoS(); err != nil {
		return err
	}
	if err := c.compileProbing(); err != nil {
		return err
	}
	scan, err := compilePortScan(c.set.PortScan)
	if err != nil {
		return err
	}
	c.rs.scan = scan
	if err := c.compileSite(); err != nil {
		return err
	}
	if err := c.compileRules(winIndex); err != nil {
		return err
	}
	c.assignLiterals()
	rs := c.rs
	rs.orderChecks()
	rs.prefilter()
	// The automata are independent: built at once, on every processor.
	acs := []struct {
		m       **acMatcher
		entries []acEntry
	}{{&rs.targetAC, rs.targetEntries}, {&rs.agentAC, rs.agentEntries}, {&rs.messageAC, rs.messageEntries}, {&rs.headerAC, rs.headerEntries}}
	var wg sync.WaitGroup
	for _, ac := range acs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			*ac.m = newACMatcher(ac.entries)
		}()
	}
	wg.Wait()
	rs.collectCrawlerConds()
	return c.compileCrawlers()
}

// compileWindows checks the failure windows; it returns their indexes by
// name, for the rules that feed them.
func (c *compiler) compileWindows() (map[string]int, error) {
	set, rs := c.set, c.rs
	winIndex := map[string]int{}
	for _, w := range set.Windows {
		if w.Name == "" {
			return nil, fmt.Errorf("classify: windows: a window has no name")
		}
		if _, dup := winIndex[w.Name]; dup {
			return nil, fmt.Errorf("classify: windows: window %q defined twice", w.Name)
		}
		if w.MaxRetry < 1 || w.MaxRetry > 100 {
			return nil, fmt.Errorf("classify: windows: window %q: maxretry: %d is not within 1…100", w.Name, w.MaxRetry)
		}
		attempts := false
		switch w.Mode {
		case "", "rate":
			if time.Duration(w.FindTime) < time.Second {
				return nil, fmt.Errorf("classify: windows: window %q: findtime: want at least 1s", w.Name)
			}
		case "attempts":
			attempts = true
		default:
			return nil, fmt.Errorf("classify: windows: window %q: mode: %q is not attempts or rate", w.Name, w.Mode)
		}
		if len(winIndex) == 64 {
			return nil, fmt.Errorf("classify: windows: more than 64 windows")
		}
		winIndex[w.Name] = len(rs.windows)
		rs.windows = append(rs.windows, cWindow{w.Name, w.MaxRetry, int64(time.Duration(w.FindTime) / time.Second), attempts})
	}
	return winIndex, nil
}

// defaultDoS is the default rule set's dos section, decoded once. Merging
// over a copy only assigns its fields.
var defaultDoS = sync.OnceValues(func() (DoSConfig, error) {
	var def struct{ DoS DoSConfig } // the rest is skipped, not built
	err := json.Unmarshal(assets.DefaultRulesJSON, &def)
	return def.DoS, err
})

// compileDoS checks the flood detectors, filling in their defaults.
func (c *compiler) compileDoS() error {
	set, rs := c.set, c.rs
	// The defaults are the default rule set's: a rule set that leaves a
	// field out (one compiled on its own rather than merged over the
	// defaults) gets the value written there, and nowhere else.
	d, err := defaultDoS()
	if err != nil {
		return err
	}
	d.Disabled = nil
	d.merge(set.DoS)
	rs.dos = cDoS{enabled: d.Disabled == nil || !*d.Disabled, name: d.Name, requests: d.Requests, window: int64(time.Duration(d.Window) / time.Second)}
	if rs.dos.name == "" || rs.dos.requests < 1 || rs.dos.window < 1 {
		return fmt.Errorf("classify: dos: name, requests and window must be given, requests and window positive")
	}
	if rs.burst, err = compileShape(d.Burst, "burst"); err != nil {
		return err
	}
	if rs.cacheBusting, err = compileShape(d.CacheBusting, "cache_busting"); err != nil {
		return err
	}
	if rs.agentCycling, err = compileShape(d.AgentCycling, "agent_cycling"); err != nil {
		return err
	}
	if rs.badVersion, err = compileShape(d.BadVersion, "bad_version"); err != nil {
		return err
	}
	if !rs.dos.enabled {
		rs.burst.enabled, rs.cacheBusting.enabled, rs.agentCycling.enabled, rs.badVersion.enabled = false, false, false, false
	}
	return nil
}

// compileSite reads what the rule set says of the site: its host names,
// how many clients make a path its own, its public paths.
func (c *compiler) compileSite() error {
	set, rs := c.set, c.rs
	for _, h := range set.Site.Hosts {
		rs.siteHosts = append(rs.siteHosts, strings.ToLower(h))
	}
	switch n := set.Site.LearnClients; {
	case n == 0:
		rs.learnClients = 3
	case n < 0:
		rs.learnClients = maxPathClients + 1 // never
	case n > maxPathClients:
		return fmt.Errorf("classify: site: learn_clients: %d is more than %d", n, maxPathClients)
	default:
		rs.learnClients = n
	}
	for _, p := range set.Site.PublicPaths {
		if !strings.HasPrefix(p, "/") {
			return fmt.Errorf("classify: site: public_paths: %q does not start with /", p)
		}
		rs.publicPaths = append(rs.publicPaths, strings.ToLower(p))
	}
	return nil
}

// compileRules compiles the enabled rules, highest risk first (the order
// of the file within one category).
func (c *compiler) compileRules(winIndex map[string]int) error {
	set, rs := c.set, c.rs
	names := map[string]bool{}
	var active []*Rule
	for i := range set.Rules {
		r := &set.Rules[i]
		if r.Name == "" {
			return ruleErr(r, "name", "missing")
		}
		if names[r.Name] {
			return ruleErr(r, "name", "defined twice")
		}
		names[r.Name] = true
		if r.Disabled != nil && *r.Disabled {
			continue
		}
		active = append(active, r)
	}
	for _, r := range active {
		cr, err := c.compileRule(r, winIndex)
		if err != nil {
			return err
		}
		rs.rules = append(rs.rules, cr)
	}
	slices.SortStableFunc(rs.rules, func(a, b *cRule) int { return int(b.category) - int(a.category) })
	return nil
}

// assignLiterals gives every literal condition its bit, in priority order
// so that automaton entries can name their rule's bit, and fills the
// per-(service, auth, request) masks of the rules that may match.
func (c *compiler) assignLiterals() {
	rs := c.rs
	// Literal conditions: assign bits in priority order so that entries can
	// name their rule's bit.
	words := (len(rs.rules) + 63) / 64
	for s := range rs.cands {
		for a := range rs.cands[s] {
			for q := range rs.cands[s][a] {
				rs.cands[s][a][q] = make([]uint64, 2*words)
			}
		}
	}
	for ri, cr := range rs.rules {
		gated := false
		for ci := range cr.conds {
			cc := &cr.conds[ci]
			if cc.kind != condLiteral {
				continue
			}
			cc.bit = int32(rs.nconds)
			rs.nconds++
			for _, v := range cc.values {
				if v == "" {
					continue
				}
				e := acEntry{lit: strings.ToLower(v), cond: cc.bit, rule: int32(ri)}
				switch cc.field {
				case "path_prefix":
					e.kind = patPrefix
				case "path_suffix":
					e.kind = patSuffix
				case "path_equals":
					e.kind = patEquals
				case "path_contains":
					e.kind = patPathContains
				case "query_contains":
					e.kind = patQueryContains
				case "agent_prefix":
					e.kind = patPrefix
				case "agent_equals":
					e.kind = patEquals
				}
				switch {
				case cc.field == "anywhere_contains":
					rs.targetEntries = append(rs.targetEntries, e)
					rs.agentEntries = append(rs.agentEntries, e)
					rs.headerEntries = append(rs.headerEntries, e)
				case strings.HasPrefix(cc.field, "agent_"):
					rs.agentEntries = append(rs.agentEntries, e)
				case cc.field == "message_contains":
					rs.messageEntries = append(rs.messageEntries, e)
				default:
					rs.targetEntries = append(rs.targetEntries, e)
				}
			}
			if !cc.emptyOK {
				cc.gating, gated = true, true
			}
		}
		all := enumSet{^uint64(0), ^uint64(0)}
		masks := [3]enumSet{all, all, all}
		for _, cc := range cr.conds {
			switch cc.kind {
			case condService, condAuth, condRequest:
				masks[cc.kind] = cc.mask
			}
		}
		for s := range rs.cands {
			for a := range rs.cands[s] {
				for q := range rs.cands[s][a] {
					if !masks[0].has(s) || !masks[1].has(a) || !masks[2].has(q) {
						continue
					}
					rs.cands[s][a][q][2*(ri>>6)+1] |= 1 << (uint(ri) & 63)
					if !gated {
						rs.cands[s][a][q][2*(ri>>6)] |= 1 << (uint(ri) & 63)
					}
				}
			}
		}
	}
}

func (c *compiler) expand(r *Rule, field string, vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		if isListRef(v) {
			l, ok := c.set.Lists[v[1:]]
			if !ok {
				return nil, ruleErr(r, "match."+field, "unknown list %q", v)
			}
			out = append(out, l...)
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// isListRef reports whether v names a list: "@" and then [a-z0-9_]+. Any
// other value, "@@version" included, is a literal.
func isListRef(v string) bool {
	if len(v) < 2 || v[0] != '@' {
		return false
	}
	for _, c := range v[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func enumMask(r *Rule, field string, vals []string, names []string) (enumSet, error) {
	var m enumSet
	for _, v := range vals {
		i := slices.Index(names, v)
		if i <= 0 {
			return enumSet{}, ruleErr(r, "match."+field, "unknown value %q (want one of %s)", v, strings.Join(names[1:], ", "))
		}
		m.add(i)
	}
	return m, nil
}

func (c *compiler) compileRule(r *Rule, winIndex map[string]int) (*cRule, error) {
	cr := &cRule{name: r.Name, description: r.Description, window: -1, probe: r.Probe, login: r.Login, nameFromJail: r.NameFromJail}
	cat, err := ParseCategory(r.Category)
	if err != nil {
		return nil, ruleErr(r, "category", "unknown category %q (want one of %s)", r.Category, categoryList())
	}
	cr.category = cat
	if r.Window != "" {
		w, ok := winIndex[r.Window]
		if !ok {
			return nil, ruleErr(r, "window", "unknown window %q", r.Window)
		}
		cr.window = w
		if cat == Legit {
			return nil, ruleErr(r, "window", "a window rule needs a category other than legit")
		}
	}
	for _, name := range r.Reset {
		w, ok := winIndex[name]
		if !ok {
			return nil, ruleErr(r, "reset", "unknown window %q", name)
		}
		cr.reset |= 1 << w
	}
	m := &r.Match
	if len(m.SourceFile) > 0 {
		return nil, ruleErr(r, "match.source_file", "%s is read when the rule file is loaded from disk (LoadRules), not from bytes", strings.Join(m.SourceFile, ", "))
	}
	if m.empty() {
		return nil, ruleErr(r, "match", "no conditions: the rule would match every line")
	}
	for _, conds := range []func(*Rule) ([]cCond, error){ruleEnums, c.ruleLiterals, ruleShapes, c.ruleSources} {
		cc, err := conds(r)
		if err != nil {
			return nil, err
		}
		cr.conds = append(cr.conds, cc...)
	}
	// Cheap conditions first.
	slices.SortStableFunc(cr.conds, func(a, b cCond) int { return int(a.kind) - int(b.kind) })
	return cr, nil
}

// orderChecks makes every rule's check list, once its conditions are
// final (assignLiterals gives the literal ones their bits).
func (rs *Rules) orderChecks() {
	for _, cr := range rs.rules {
		cr.check = cr.check[:0]
		for _, cc := range cr.conds {
			if cc.kind != condService && cc.kind != condAuth && cc.kind != condRequest {
				cr.check = append(cr.check, cc)
			}
		}
		slices.SortStableFunc(cr.check, func(a, b cCond) int { return checkCost(&a) - checkCost(&b) })
	}
}

// prefilter makes the rule sets of Rules.statusOK and Rules.unshaped.
func (rs *Rules) prefilter() {
	words := (len(rs.rules) + 63) / 64
	rs.statusOK = make([]uint64, maxStatus*words)
	rs.unshaped = make([]uint64, words)
	rs.all = make([]uint64, words)
	for ri, cr := range rs.rules {
		w, bit := ri>>6, uint64(1)<<(uint(ri)&63)
		rs.all[w] |= bit
		shaped := false
		ok := make([]bool, maxStatus)
		for s := range ok {
			ok[s] = true
		}
		for _, c := range cr.check {
			switch c.kind {
			case condShape:
				shaped = true
			case condStatus:
				for s := range ok {
					ok[s] = ok[s] && slices.Contains(c.statuses, s)
				}
			}
		}
		if !shaped {
			rs.unshaped[w] |= bit
		}
		for s, yes := range ok {
			if yes {
				rs.statusOK[s*words+w] |= bit
			}
		}
	}
}

// checkCost ranks a condition by what testing it costs: integer and bit
// tests, then a length test (a target of a kilobyte or more), then string
// comparisons, then scans.
func checkCost(c *cCond) int {
	switch c.kind {
	case condStatus, condLiteral:
		return 0
	case condShape:
		if c.shapes == 1<<shapeOverlong {
			return 1
		}
		return 4
	case condMethod:
		return 2
	}
	return 3
}

// ruleEnums compiles the conditions on small sets of values: service,
// auth, request, method and status.
func ruleEnums(r *Rule) ([]cCond, error) {
	m := &r.Match
	var out []cCond
	add := func(cc cCond) { out = append(out, cc) }
	type enumField struct {
		name  string
		vals  []string
		kind  condKind
		names []string
	}
	for _, f := range []enumField{
		{"service", m.Service, condService, serviceNames[:]},
		{"auth", m.Auth, condAuth, authNames[:]},
		{"request", m.Request, condRequest, reqNames[:]},
	} {
		if len(f.vals) == 0 {
			continue
		}
		mask, err := enumMask(r, f.name, f.vals, f.names)
		if err != nil {
			return nil, err
		}
		add(cCond{kind: f.kind, field: f.name, values: f.vals, mask: mask})
	}
	if len(m.Method) > 0 {
		add(cCond{kind: condMethod, field: "method", values: m.Method})
	}
	if len(m.Status) > 0 {
		for _, s := range m.Status {
			if s < 100 || s > 599 {
				return nil, ruleErr(r, "match.status", "%d is not an HTTP status", s)
			}
		}
		vals := make([]string, len(m.Status))
		for i, s := range m.Status {
			vals[i] = fmt.Sprint(s)
		}
		add(cCond{kind: condStatus, field: "status", values: vals, statuses: m.Status})
	}
	return out, nil
}

// ruleLiterals compiles the conditions the automata match (paths, target,
// query, agent, message, anywhere) and the user and jail sets.
func (c *compiler) ruleLiterals(r *Rule) ([]cCond, error) {
	m := &r.Match
	var out []cCond
	add := func(cc cCond) { out = append(out, cc) }
	type litField struct {
		name string
		vals []string
	}
	for _, f := range []litField{
		{"path_prefix", m.PathPrefix}, {"path_contains", m.PathContains}, {"path_suffix", m.PathSuffix},
		{"path_equals", m.PathEquals}, {"target_contains", m.TargetContains}, {"query_contains", m.QueryContains},
		{"anywhere_contains", m.AnywhereContains}, {"agent_contains", m.AgentContains}, {"agent_prefix", m.AgentPrefix}, {"agent_equals", m.AgentEquals},
		{"message_contains", m.MessageContains},
	} {
		if len(f.vals) == 0 {
			continue
		}
		vals, err := c.expand(r, f.name, f.vals)
		if err != nil {
			return nil, err
		}
		cc := cCond{kind: condLiteral, field: f.name, values: vals}
		for _, v := range vals {
			if v == "" || v == "-" && f.name == "agent_equals" {
				if f.name != "agent_equals" {
					return nil, ruleErr(r, "match."+f.name, "empty value")
				}
				cc.emptyOK = true
			}
		}
		add(cc)
	}
	for _, f := range []litField{{"user", m.User}, {"jail", m.Jail}} {
		if len(f.vals) == 0 {
			continue
		}
		vals, err := c.expand(r, f.name, f.vals)
		if err != nil {
			return nil, err
		}
		set := make(map[string]struct{}, len(vals))
		for _, v := range vals {
			set[strings.ToLower(v)] = struct{}{}
		}
		kind := condUser
		if f.name == "jail" {
			kind = condJail
		}
		add(cCond{kind: kind, field: f.name, values: vals, set: set})
	}
	return out, nil
}

// ruleShapes compiles target_shape.
func ruleShapes(r *Rule) ([]cCond, error) {
	m := &r.Match
	var out []cCond
	add := func(cc cCond) { out = append(out, cc) }
	if len(m.TargetShape) > 0 {
		cc := cCond{kind: condShape, field: "target_shape", values: m.TargetShape}
		for _, v := range m.TargetShape {
			i := slices.Index(shapeNames[:], v)
			if i < 0 {
				return nil, ruleErr(r, "match.target_shape", "unknown value %q (want one of %s)", v, strings.Join(shapeNames[:], ", "))
			}
			cc.shapes |= 1 << i
		}
		add(cc)
	}
	return out, nil
}

// ruleSources compiles the source addresses and prefixes.
func (c *compiler) ruleSources(r *Rule) ([]cCond, error) {
	m := &r.Match
	var out []cCond
	add := func(cc cCond) { out = append(out, cc) }
	if len(m.Source) > 0 {
		vals, err := c.expand(r, "source", m.Source)
		if err != nil {
			return nil, err
		}
		cc := cCond{kind: condSource, field: "source", values: vals}
		for _, v := range vals {
			p, err := netip.ParsePrefix(v)
			if err != nil {
				a, err2 := netip.ParseAddr(v)
				if err2 != nil {
					return nil, ruleErr(r, "match.source", "%q is not an address or CIDR prefix", v)
				}
				a = a.Unmap()
				p = netip.PrefixFrom(a, a.BitLen())
			}
			if p.Addr().Is4In6() {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			cc.prefixes = append(cc.prefixes, p.Masked())
		}
		add(cc)
	}
	return out, nil
}

func categoryList() string {
	var s []string
	for c := 0; c < NumCategories; c++ {
		s = append(s, Category(c).String())
	}
	return strings.Join(s, ", ")
}
