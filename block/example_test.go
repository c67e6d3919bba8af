package block_test

import (
	"net/netip"
	"os"
	"time"

	"github.com/threatmap/threatmap/block"
	"github.com/threatmap/threatmap/classify"
)

func Example() {
	seen := []block.Entry{
		{Addr: netip.MustParseAddr("45.33.1.8"), Category: classify.VulnScanner, Risk: 5, Score: 62.3},
		{Addr: netip.MustParseAddr("45.33.1.9"), Category: classify.BruteForce, Risk: 4, Score: 37.5},
		{Addr: netip.MustParseAddr("45.33.1.10"), Category: classify.Legit},                  // a customer: never covered
		{Addr: netip.MustParseAddr("192.168.1.20"), Category: classify.VulnScanner, Risk: 5}, // private: never listed
	}
	policy := block.Policy{Expire: 24 * time.Hour}
	sel := policy.Select(seen)
	list := &block.List{Entries: sel.Listed, Prefixes: sel.Prefixes(block.DefaultAggregation), Expire: policy.Expire}
	block.Write(os.Stdout, block.CrowdSec, list)
	// Output:
	// duration,reason,scope,type,value
	// 24h,threatmap/vuln_scanner+brute_force,Range,ban,45.33.1.8/31
}
