package classify

import (
	"bufio"
	"bytes"
	"fmt"
	"net/netip"
	"strings"

	"github.com/threatmap/threatmap/assets"
)

// CrawlerConfig verifies declared crawlers by address. A user agent that
// claims a crawler listed in Verify is good_bot (rule verified-crawler) only
// from inside the crawler's published ranges (embedded, see
// assets/crawlers, plus Ranges); from anywhere else it is a fake crawler
// (vuln_scanner, rule fake-crawler). Crawlers not listed stay good_bot on
// their user agent alone (rule good-bot: unverified).
//
// A declared crawler (verified, or one without published ranges) follows
// links it did not write: its first request that a vuln_scanner rule
// claims stays good_bot (rule crawler-stray-request); only a second makes
// it a scanner.
type CrawlerConfig struct {
	// Verify names the crawlers to verify; each name is also the
	// (case-insensitive) token its user agent carries.
	Verify []string `yaml:"verify,omitempty"`
	// Ranges adds prefixes per crawler to the embedded ones.
	Ranges map[string][]string `yaml:"ranges,omitempty"`
}

func (c *CrawlerConfig) merge(over CrawlerConfig) {
	if over.Verify != nil {
		c.Verify = over.Verify
	}
	for k, v := range over.Ranges {
		if c.Ranges == nil {
			c.Ranges = map[string][]string{}
		}
		c.Ranges[k] = append(c.Ranges[k], v...)
	}
}

type cCrawler struct {
	token    []byte // lower case
	prefixes []netip.Prefix
}

// parseCrawlerRanges reads "crawler prefix" lines.
func parseCrawlerRanges(data []byte) (map[string][]netip.Prefix, error) {
	out := map[string][]netip.Prefix{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 2 {
			return nil, fmt.Errorf("line %d: want \"crawler prefix\"", n)
		}
		p, err := netip.ParsePrefix(f[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		out[strings.ToLower(f[0])] = append(out[strings.ToLower(f[0])], p.Masked())
	}
	return out, sc.Err()
}

func (c *compiler) compileCrawlers() error {
	cfg := c.set.Crawlers
	if len(cfg.Verify) == 0 {
		return nil
	}
	embedded, err := parseCrawlerRanges(assets.CrawlerRanges)
	if err != nil {
		return fmt.Errorf("classify: crawler ranges: %v", err)
	}
	for _, name := range cfg.Verify {
		name = strings.ToLower(name)
		cc := cCrawler{token: []byte(name), prefixes: embedded[name]}
		for _, s := range cfg.Ranges[name] {
			p, err := netip.ParsePrefix(s)
			if err != nil {
				return fmt.Errorf("classify: crawlers: ranges: %s: %q is not a CIDR prefix", name, s)
			}
			cc.prefixes = append(cc.prefixes, p.Masked())
		}
		if len(cc.prefixes) == 0 {
			return fmt.Errorf("classify: crawlers: verify: %s has no ranges (add them under crawlers.ranges)", name)
		}
		c.rs.crawlers = append(c.rs.crawlers, cc)
	}
	return nil
}

// crawlerConds collects the agent conditions of good_bot rules: a hit on
// one means the user agent declares a crawler.
func (rs *Rules) collectCrawlerConds() {
	for _, cr := range rs.rules {
		if cr.category != GoodBot {
			continue
		}
		for _, cc := range cr.conds {
			if cc.kind == condLiteral && strings.HasPrefix(cc.field, "agent_") {
				rs.crawlerConds = append(rs.crawlerConds, cc.bit)
			}
		}
	}
}

// checkCrawler verifies a declared crawler's address; base is the rule
// that decided the line so far (nil: none).
func (p *lineParser) checkCrawler(r *record, v *verdict) {
	rs := p.rules
	declared := false
	for _, b := range rs.crawlerConds {
		if p.hits.has(b) {
			declared = true
			break
		}
	}
	if !declared {
		return
	}
	i := p.crawlerOf(r.agent)
	if i >= 0 {
		cc := &rs.crawlers[i]
		for _, pr := range cc.prefixes {
			if pr.Contains(r.src) {
				v.crawler = true
				if v.category == GoodBot {
					v.rule = "verified-crawler"
				}
				return
			}
		}
		if v.category < VulnScanner {
			v.category, v.rule, v.window, v.reset = VulnScanner, "fake-crawler", -1, 0
		}
		return
	}
	v.crawler = true // a crawler without published ranges
}

// crawlerOf returns the index of the verified crawler the agent claims, −1
// for none; answers are cached by the agent's hash (a log has few agents).
func (p *lineParser) crawlerOf(agent []byte) int {
	if i, ok := p.crawlerIdx[p.agentKey]; ok && p.agentKey != 0 {
		return int(i)
	}
	p.low = append(p.low[:0], agent...)
	for i, ch := range p.low {
		p.low[i] = lower(ch)
	}
	found := -1
	for i := range p.rules.crawlers {
		if bytes.Contains(p.low, p.rules.crawlers[i].token) {
			found = i
			break
		}
	}
	if p.crawlerIdx == nil || len(p.crawlerIdx) >= 1024 {
		p.crawlerIdx = map[uint32]int8{}
	}
	p.crawlerIdx[p.agentKey] = int8(found)
	return found
}

// strayRequest lets a declared crawler's first vuln_scanner request stay
// good_bot (a link it followed, such as a mangled file:// URL).
func (c *Classifier) strayRequest(st *ipState, v *verdict, ev *Event) {
	if !v.crawler || ev.Category != VulnScanner || st.more != nil && st.more.strayUsed {
		return
	}
	st.needMore().strayUsed = true
	v.probe = false
	ev.Category, ev.Rule = GoodBot, "crawler-stray-request"
}
