package classify

import "github.com/threatmap/threatmap/threat"

// Category is a threat category; see threat.Category.
type Category = threat.Category

// The categories of the threat taxonomy, lowest risk first.
const (
	Legit        = threat.Legit
	Noise        = threat.Noise
	GoodBot      = threat.GoodBot
	VPN          = threat.VPN
	ProxyScanner = threat.ProxyScanner
	DoS          = threat.DoS
	PortScanner  = threat.PortScanner
	BruteForce   = threat.BruteForce
	VulnScanner  = threat.VulnScanner

	// NumCategories is the number of categories; valid values are below it.
	NumCategories = threat.NumCategories
)

// ParseCategory returns the category named s ("brute_force", …).
func ParseCategory(s string) (Category, error) { return threat.ParseCategory(s) }

// ByRisk returns every category, highest risk first.
func ByRisk() []Category { return threat.ByRisk() }
