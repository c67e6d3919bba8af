package threat

import (
	"strconv"
	"strings"
)

// Counts are events (or addresses) per category, indexed by Category.
type Counts [NumCategories]int

// String formats the non-zero counts as "vuln_scanner:12;brute_force:3;legit:1",
// highest risk first: the form of the categories column of actors CSV
// files and reports.
func (c Counts) String() string {
	var b strings.Builder
	for _, cat := range ByRisk() {
		if c[cat] <= 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(';')
		}
		b.WriteString(cat.String())
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(c[cat]))
	}
	return b.String()
}
