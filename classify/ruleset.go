package classify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/threatmap/threatmap/assets"
	"go.yaml.in/yaml/v3"
)

// RuleSet is a rule set as written in YAML. It is data: load it with
// ParseRules or LoadRules, combine sets with Merge, and turn the result into
// a runtime Rules value with Compile. Unknown fields are errors.
type RuleSet struct {
	// Site describes the protected site, so that its own paths and host
	// names are not mistaken for probes.
	Site Site `yaml:"site,omitempty"`
	// DoS is the flood threshold.
	DoS DoSConfig `yaml:"dos,omitempty"`
	// Crawlers verifies declared crawlers by their published ranges.
	Crawlers CrawlerConfig `yaml:"crawlers,omitempty"`
	// Probing is the behavioural scanner detector.
	Probing ProbingConfig `yaml:"probing,omitempty"`
	// PortScan is the port-scan threshold over firewall logs.
	PortScan PortScanConfig `yaml:"port_scan,omitempty"`
	// Windows are fail2ban-style failure counters that rules feed.
	Windows []Window `yaml:"windows,omitempty"`
	// Lists are named literal lists; a rule value "@name" expands to a list.
	Lists map[string][]string `yaml:"lists,omitempty"`
	// Rules map a parsed line to a category; the highest-risk matching rule
	// wins, ties going to the rule listed first.
	Rules []Rule `yaml:"rules,omitempty"`
}

// Site is what a user says about their own site.
type Site struct {
	// Hosts are the site's host names: an absolute-URI request for one of
	// them is not a proxy probe.
	Hosts []string `yaml:"hosts,omitempty"`
	// PublicPaths are path prefixes the site really serves (e.g.
	// /wp-login.php on a WordPress site): rules marked probe never fire on
	// them.
	PublicPaths []string `yaml:"public_paths,omitempty"`
	// LearnClients is how many distinct clients who also fetch ordinary
	// pages the site must answer (2xx/3xx) on a path for the path to count
	// as the site's own, where probe rules do not fire (default 3; −1 turns
	// learning off).
	LearnClients int `yaml:"learn_clients,omitempty"`
}

// DoSConfig is the flood detector: more than Requests HTTP requests from one
// address within Window makes every further request a dos event while the
// rate stays above the threshold. The window slides over fixed 60 s
// histogram bins (aligned to the Unix epoch): the current bin's count plus
// the previous bin's, weighted by the share of it the window still covers,
// so a flood that straddles two bins is not missed. Burst, CacheBusting and
// AgentCycling are the other shapes of flood (see FloodShape).
//
// The whole flood is dos: when a detector fires, the address's requests of
// the detector's window that were legit before it are emitted again as dos
// events (their times are kept, two bytes a request of the last two
// minutes) and leave the legit counts, so actors, stats and the events CSV
// agree (Stats.Restated counts them; a CSV that includes legit lines holds
// them under both). Requests claimed by a higher-risk rule keep their
// category.
type DoSConfig struct {
	Name         string     `yaml:"name,omitempty"`          // rule name of flood events; default "dos-flood"
	Requests     int        `yaml:"requests,omitempty"`      // threshold per window; default 1000
	Window       Duration   `yaml:"window,omitempty"`        // default 60s
	Burst        FloodShape `yaml:"burst,omitempty"`         // default 300 requests in 10s
	CacheBusting FloodShape `yaml:"cache_busting,omitempty"` // default 100 query strings in 60s
	AgentCycling FloodShape `yaml:"agent_cycling,omitempty"` // default 30 agents in 60s
	BadVersion   FloodShape `yaml:"bad_version,omitempty"`   // default 50 requests in 60s
	Disabled     *bool      `yaml:"disabled,omitempty"`
}

// merge applies the non-zero fields of over on top of d.
func (d *DoSConfig) merge(over DoSConfig) {
	if over.Name != "" {
		d.Name = over.Name
	}
	if over.Requests != 0 {
		d.Requests = over.Requests
	}
	if over.Window != 0 {
		d.Window = over.Window
	}
	if over.Disabled != nil {
		d.Disabled = over.Disabled
	}
	d.Burst.merge(over.Burst)
	d.CacheBusting.merge(over.CacheBusting)
	d.AgentCycling.merge(over.AgentCycling)
	d.BadVersion.merge(over.BadVersion)
}

// Window counts one address's authentication failures. Its Mode says when
// the failures take the rule's category:
//
//   - "attempts": every failure from an address that never logs in
//     successfully is brute force, however few and however slow
//     (classification is not banning). Failures wait for the address's
//     next successful login (which forgives them: an admin who mistyped)
//     or the end of the input (brute force). MaxRetry failures since the
//     last success decide at once; a success after that many marks the
//     address as likely compromised. FindTime is not used.
//   - "rate" (the default): like a fail2ban jail, the address is a
//     brute-force actor once MaxRetry failures fall within FindTime;
//     failures that never reach the threshold, or that a success forgives,
//     stay what they would otherwise be (usually legit). For signals a
//     legitimate client also sends (an HTTP 401 before the browser asks
//     for a password).
type Window struct {
	Name     string   `yaml:"name"`
	MaxRetry int      `yaml:"maxretry"`
	FindTime Duration `yaml:"findtime,omitempty"`
	Mode     string   `yaml:"mode,omitempty"` // attempts or rate (default)
}

// Rule is one detection rule. All conditions in Match must hold; within a
// condition any listed value may match. Literal matches are case-insensitive
// and run against the percent-decoded request target.
type Rule struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description,omitempty"`
	Category    string `yaml:"category,omitempty"`
	// Window, when set, makes the rule a failure counter: its category
	// applies only once the window's threshold is reached, and only to lines
	// that no other rule claimed.
	Window string `yaml:"window,omitempty"`
	// Probe rules look for paths a site does not have; they never fire on
	// the site's public paths.
	Probe bool `yaml:"probe,omitempty"`
	// Login rules recognise a login attempt or a successful login; probe
	// rules yield to them on the same line (a flood of POSTs to
	// wp-login.php is brute force, not scanning).
	Login bool `yaml:"login,omitempty"`
	// Reset forgives the pending failures of these windows (a successful
	// login after a mistyped password).
	Reset []string `yaml:"reset,omitempty"`
	// NameFromJail names events after the fail2ban jail instead of the rule.
	NameFromJail bool  `yaml:"name_from_jail,omitempty"`
	Disabled     *bool `yaml:"disabled,omitempty"`
	Match        Match `yaml:"match,omitempty"`

	file string // where the rule was defined, for errors
	line int
}

// Match holds a rule's conditions.
type Match struct {
	// Service: http, sshd, postfix, dovecot, fail2ban, csv.
	Service []string `yaml:"service,omitempty"`
	// Auth: failure, invalid_user, success, preauth, disconnect, too_many,
	// probe, pam_failure, found, ban.
	Auth []string `yaml:"auth,omitempty"`
	// Request: normal, empty, non_http, absolute_uri, connect.
	Request []string `yaml:"request,omitempty"`
	Method  []string `yaml:"method,omitempty"` // exact, e.g. POST
	Status  []int    `yaml:"status,omitempty"`

	PathPrefix     []string `yaml:"path_prefix,omitempty"`
	PathContains   []string `yaml:"path_contains,omitempty"`
	PathSuffix     []string `yaml:"path_suffix,omitempty"`
	PathEquals     []string `yaml:"path_equals,omitempty"`
	TargetContains []string `yaml:"target_contains,omitempty"` // path and query
	QueryContains  []string `yaml:"query_contains,omitempty"`
	// AnywhereContains matches the request target (decoded), the
	// User-Agent, the Referer and the field after the agent
	// (X-Forwarded-For): payloads such as Log4Shell and Shellshock travel in
	// any header a server logs.
	AnywhereContains []string `yaml:"anywhere_contains,omitempty"`
	// TargetShape: rfi (a query parameter that is a URL ending in "?", a
	// remote file inclusion), overlong (a target of 1024 bytes or more,
	// as WebDAV overflows send).
	TargetShape []string `yaml:"target_shape,omitempty"`

	AgentContains []string `yaml:"agent_contains,omitempty"`
	AgentPrefix   []string `yaml:"agent_prefix,omitempty"`
	AgentEquals   []string `yaml:"agent_equals,omitempty"` // "" matches an empty or "-" agent

	MessageContains []string `yaml:"message_contains,omitempty"` // error-log and syslog message

	User   []string `yaml:"user,omitempty"`   // exact, case-insensitive
	Jail   []string `yaml:"jail,omitempty"`   // fail2ban jail
	Source []string `yaml:"source,omitempty"` // addresses or CIDR prefixes
	// SourceFile names files of addresses or CIDR prefixes, one a line (a
	// Tor exit list, a VPN provider's ranges), relative to the rule file.
	// LoadRules reads them into Source; see ReadSourceList for the format.
	SourceFile []string `yaml:"source_file,omitempty"`
}

// Duration is a time.Duration written as "90s", "30m", "1h" or a number of
// seconds.
type Duration time.Duration

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: want a duration such as 30m", n.Line)
	}
	if s, err := strconv.Atoi(n.Value); err == nil {
		*d = Duration(time.Duration(s) * time.Second)
		return nil
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration (want e.g. 60s, 30m)", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML implements yaml.Marshaler.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// DefaultRuleSet returns the embedded default rule set, freshly decoded (the
// caller may change it). It is read from its JSON form
// (assets.DefaultRulesJSON, generated from the YAML), which decodes several
// times faster than the YAML; where its rules start, for errors, is found in
// the YAML only when an error names one (defaultRuleLine).
//
//go:generate go run ./internal/genrules ../assets/rules/default.json
func DefaultRuleSet() (*RuleSet, error) {
	rs := new(RuleSet)
	if err := json.Unmarshal(assets.DefaultRulesJSON, rs); err != nil {
		return nil, fmt.Errorf("classify: %s: %w", defaultRulesName, err)
	}
	for i := range rs.Rules {
		rs.Rules[i].file = defaultRulesName
	}
	return rs, nil
}

// defaultRulesName names the default rule set in errors.
const defaultRulesName = "default.yaml"

// defaultRuleLine returns the line where the default rule set defines the
// named rule; 0 when it does not.
func defaultRuleLine(name string) int {
	for _, l := range defaultRuleLines() {
		if l.name == name {
			return l.line
		}
	}
	return 0
}

var defaultRuleLines = sync.OnceValue(func() []ruleLine {
	var doc yaml.Node
	_ = yaml.Unmarshal(assets.DefaultRules, &doc)
	return ruleLines(&doc)
})

// ParseRules decodes a YAML rule set strictly. name is used in errors.
func ParseRules(data []byte, name string) (*RuleSet, error) {
	rs := new(RuleSet)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(rs)
	if errors.Is(err, io.EOF) {
		err = nil // an empty file is an empty set
	}
	var doc yaml.Node
	_ = yaml.Unmarshal(data, &doc)
	lines := ruleLines(&doc)
	if err != nil {
		return nil, explainYAMLError(err, name, lines)
	}
	for i := range rs.Rules {
		rs.Rules[i].file = name
		if i < len(lines) {
			rs.Rules[i].line = lines[i].line
		}
	}
	return rs, nil
}

type ruleLine struct {
	line int
	name string
}

// ruleLines finds where each rule starts, for error messages.
func ruleLines(doc *yaml.Node) []ruleLine {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "rules" || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		var out []ruleLine
		for _, r := range m.Content[i+1].Content {
			rl := ruleLine{line: r.Line}
			for j := 0; r.Kind == yaml.MappingNode && j+1 < len(r.Content); j += 2 {
				if r.Content[j].Value == "name" {
					rl.name = r.Content[j+1].Value
				}
			}
			out = append(out, rl)
		}
		return out
	}
	return nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)
var yamlFieldRE = regexp.MustCompile(`field (\S+) not found in type \S+`)

// explainYAMLError rewrites yaml's errors to name the file, the rule (found
// from the line) and the field.
func explainYAMLError(err error, name string, lines []ruleLine) error {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var out []string
	for _, m := range msgs {
		sub := yamlLineRE.FindStringSubmatch(m)
		if sub == nil {
			out = append(out, fmt.Sprintf("%s: %s", name, m))
			continue
		}
		ln, _ := strconv.Atoi(sub[1])
		msg := yamlFieldRE.ReplaceAllString(sub[2], "unknown field \"$1\"")
		where := fmt.Sprintf("%s:%d", name, ln)
		for i := len(lines) - 1; i >= 0; i-- {
			if lines[i].line <= ln {
				where += fmt.Sprintf(": rule %q", lines[i].name)
				break
			}
		}
		out = append(out, where+": "+msg)
	}
	return fmt.Errorf("classify: %s", strings.Join(out, "; "))
}

// LoadRules returns the default rule set with each file merged over it in
// order. Errors name the file.
func LoadRules(paths ...string) (*RuleSet, error) {
	rs, err := DefaultRuleSet()
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("classify: rules: %w", err)
		}
		over, err := ParseRules(data, filepath.Base(p))
		if err != nil {
			return nil, err
		}
		if err := over.readSourceFiles(filepath.Dir(p)); err != nil {
			return nil, err
		}
		rs.Merge(over)
	}
	return rs, nil
}

// Merge applies over on top of rs (modifying rs):
//   - site hosts and public paths are added;
//   - non-zero dos fields replace the default's;
//   - a window or list with an existing name replaces it, a new one is added;
//   - a rule with an existing name replaces it, except that a rule giving
//     only a name and disabled just switches the existing rule off (or on);
//     a new rule is added after the existing ones.
func (rs *RuleSet) Merge(over *RuleSet) {
	rs.Site.Hosts = append(rs.Site.Hosts, over.Site.Hosts...)
	rs.Site.PublicPaths = append(rs.Site.PublicPaths, over.Site.PublicPaths...)
	if over.Site.LearnClients != 0 {
		rs.Site.LearnClients = over.Site.LearnClients
	}
	rs.DoS.merge(over.DoS)
	rs.Crawlers.merge(over.Crawlers)
	if over.Probing.Name != "" {
		rs.Probing.Name = over.Probing.Name
	}
	if over.Probing.Paths != 0 {
		rs.Probing.Paths = over.Probing.Paths
	}
	if over.Probing.Window != 0 {
		rs.Probing.Window = over.Probing.Window
	}
	if over.Probing.Disabled != nil {
		rs.Probing.Disabled = over.Probing.Disabled
	}
	rs.mergePortScan(over)
	for _, w := range over.Windows {
		replaced := false
		for i := range rs.Windows {
			if rs.Windows[i].Name == w.Name {
				rs.Windows[i], replaced = w, true
			}
		}
		if !replaced {
			rs.Windows = append(rs.Windows, w)
		}
	}
	if len(over.Lists) > 0 && rs.Lists == nil {
		rs.Lists = map[string][]string{}
	}
	for k, v := range over.Lists {
		rs.Lists[k] = v
	}
	for _, r := range over.Rules {
		i := rs.ruleIndex(r.Name)
		switch {
		case i < 0:
			rs.Rules = append(rs.Rules, r)
		case r.onlyToggles():
			rs.Rules[i].Disabled = r.Disabled
		default:
			rs.Rules[i] = r
		}
	}
}

func (rs *RuleSet) ruleIndex(name string) int {
	for i := range rs.Rules {
		if rs.Rules[i].Name == name {
			return i
		}
	}
	return -1
}

func (r *Rule) onlyToggles() bool {
	z := Rule{Name: r.Name, Disabled: r.Disabled, file: r.file, line: r.line}
	return r.Disabled != nil && r.Category == "" && r.Window == "" && len(r.Reset) == 0 &&
		!r.Probe && !r.Login && !r.NameFromJail && r.Description == "" && r.Match.empty() && z.Name == r.Name
}

func (m *Match) empty() bool {
	return len(m.Service)+len(m.Auth)+len(m.Request)+len(m.Method)+len(m.Status)+len(m.PathPrefix)+
		len(m.PathContains)+len(m.PathSuffix)+len(m.PathEquals)+len(m.TargetContains)+len(m.QueryContains)+len(m.AnywhereContains)+len(m.TargetShape)+
		len(m.AgentContains)+len(m.AgentPrefix)+len(m.AgentEquals)+len(m.MessageContains)+len(m.User)+
		len(m.Jail)+len(m.Source) == 0
}

// YAML writes the rule set back as YAML (what `rules print` shows).
func (rs *RuleSet) YAML() ([]byte, error) {
	type plain RuleSet
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode((*plain)(rs)); err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	enc.Close()
	return buf.Bytes(), nil
}
