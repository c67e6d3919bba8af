// Package block turns classified addresses into block lists for firewalls
// and ban tools.
//
// A caller describes each address it saw as an Entry (usually from a
// classify.Actor), chooses what to block with a Policy, and gets a
// Selection: the entries to list and every other address that was seen. A
// Selection can be aggregated into CIDR prefixes that never cover an address
// that was seen and not listed, nor a private, reserved, excluded or
// trusted-proxy range. Write renders a List in the syntax of a tool: plain
// addresses, CIDRs, an nftables table, ipset restore input, iptables-restore
// and ip6tables-restore input, fail2ban-client commands, a CrowdSec decisions
// file, or a CSV. ByCountry ranks countries by their share of listed
// addresses, and Policy.CountryBlock lists a country's networks from the
// geolocation database in use.
//
// The package does no I/O of its own beyond the writer and reader it is
// given; outputs are deterministic (sorted, no timestamps).
package block
