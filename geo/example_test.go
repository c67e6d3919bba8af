package geo_test

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo"
)

// The default chain of `threatmap map`: whatever databases the user gave,
// then the embedded country database, behind a per-run memo that also
// counts what could not be located and why.
func Example() {
	w, err := assets.LoadWorld()
	if err != nil {
		panic(err)
	}
	embedded, err := geo.NewEmbedded(w)
	if err != nil {
		panic(err)
	}
	defer embedded.Close()
	memo := geo.NewMemo(geo.Chain{embedded})

	for _, s := range []string{"8.8.8.8", "::ffff:8.8.8.8", "192.168.1.20", "2001:db8::1"} {
		loc, err := memo.Locate(netip.MustParseAddr(s))
		var bogon *geo.BogonError
		switch {
		case errors.As(err, &bogon):
			fmt.Printf("%-15s not located: %s\n", s, bogon.Reason)
		case err != nil:
			fmt.Printf("%-15s lookup failed: %v\n", s, err)
		default:
			fmt.Printf("%-15s %s, %s precision, from %s\n", s, loc.Country, loc.Precision, loc.Source)
		}
	}
	sum := memo.Summary()
	fmt.Printf("%d distinct addresses, %d located, %d failed\n", sum.Addresses, sum.Located, sum.Failed)
	for _, c := range sum.Reasons() {
		fmt.Printf("  %s: %d\n", c.Name, c.N)
	}
	// Output:
	// 8.8.8.8         US, country precision, from geo-whois-asn-country
	// ::ffff:8.8.8.8  US, country precision, from geo-whois-asn-country
	// 192.168.1.20    not located: private
	// 2001:db8::1     not located: documentation
	// 3 distinct addresses, 1 located, 0 failed
	//   bogon: documentation: 1
	//   bogon: private: 1
}

func ExampleBogon() {
	for _, s := range []string{"100.64.0.1", "fe80::1%eth0", "2002:c0a8:101::1", "203.0.113.5", "1.1.1.1"} {
		reason, ok := geo.Bogon(netip.MustParseAddr(s))
		fmt.Println(s, ok, reason)
	}
	// Output:
	// 100.64.0.1 true cgnat
	// fe80::1%eth0 true link-local
	// 2002:c0a8:101::1 true private
	// 203.0.113.5 true documentation
	// 1.1.1.1 false
}
