package threat

import "fmt"

// Category is a threat category. The zero value is Legit. Categories are
// ordered so that a larger value never has a lower risk than a smaller one,
// which lets callers pick "the worst" category with a plain comparison.
//
// A Category is also the key of its colour and marker: tables indexed by
// category, [NumCategories]T, give each one its style.
type Category uint8

// The categories of the threat taxonomy, lowest risk first.
const (
	Legit        Category = iota // risk 0: everything else
	Noise                        // risk 1: non-HTTP bytes, empty requests
	GoodBot                      // risk 1: declared crawlers
	VPN                          // risk 1: user-listed VPN ranges
	ProxyScanner                 // risk 2: CONNECT, absolute-URI probes, Tor exits
	DoS                          // risk 3: request floods from one address
	PortScanner                  // risk 4: many destination ports or hosts in a firewall log
	BruteForce                   // risk 4: authentication failures, dictionary users
	VulnScanner                  // risk 5: exploit probes, scanner user agents

	// NumCategories is the number of categories; valid values are below it.
	NumCategories = int(VulnScanner) + 1
)

var categoryNames = [NumCategories]string{
	Legit:        "legit",
	Noise:        "noise",
	GoodBot:      "good_bot",
	VPN:          "vpn",
	ProxyScanner: "proxy_scanner",
	DoS:          "dos",
	PortScanner:  "port_scanner",
	BruteForce:   "brute_force",
	VulnScanner:  "vuln_scanner",
}

var categoryRisk = [NumCategories]int{
	Legit: 0, Noise: 1, GoodBot: 1, VPN: 1,
	ProxyScanner: 2, DoS: 3, PortScanner: 4, BruteForce: 4, VulnScanner: 5,
}

// String returns the category's name as written in CSV files and rule sets,
// e.g. "vuln_scanner".
func (c Category) String() string {
	if int(c) < NumCategories {
		return categoryNames[c]
	}
	return fmt.Sprintf("category(%d)", uint8(c))
}

// Risk returns the category's risk level, 0 (legit) to 5 (vulnerability scanner).
func (c Category) Risk() int {
	if int(c) < NumCategories {
		return categoryRisk[c]
	}
	return 0
}

// Valid reports whether c is one of the defined categories.
func (c Category) Valid() bool { return int(c) < NumCategories }

// ParseCategory returns the category named s ("brute_force", …).
func ParseCategory(s string) (Category, error) {
	for i, name := range categoryNames {
		if name == s {
			return Category(i), nil
		}
	}
	return Legit, fmt.Errorf("threat: unknown category %q", s)
}

// MarshalText implements encoding.TextMarshaler.
func (c Category) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("threat: invalid category %d", uint8(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Category) UnmarshalText(b []byte) error {
	v, err := ParseCategory(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ByRisk returns every category, highest risk first. Ties put the later
// category of the taxonomy table first (brute_force, port_scanner) but keep
// the table's order at risk 1 (noise, good_bot, vpn).
func ByRisk() []Category {
	return []Category{VulnScanner, BruteForce, PortScanner, DoS, ProxyScanner, Noise, GoodBot, VPN, Legit}
}

// Scope is the set of categories a map of malicious activity draws and
// counts as threats: those of risk 2 and above, and the ones of include
// (noise, good bots, VPN users) a user asked for; never legit.
type Scope [NumCategories]bool

// ThreatScope returns the scope of the threat categories plus include.
func ThreatScope(include []Category) Scope {
	var sc Scope
	for c := range sc {
		sc[c] = Category(c).Risk() >= 2
	}
	for _, c := range include {
		if c.Valid() && c != Legit {
			sc[c] = true
		}
	}
	return sc
}
