package block

import (
	"bufio"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"time"
)

// sortedPrefixes returns the valid prefixes of ps normalised, sorted and
// without duplicates; ps is not modified.
func sortedPrefixes(ps []netip.Prefix) []netip.Prefix {
	out := make([]netip.Prefix, 0, len(ps))
	for _, p := range ps {
		if p.IsValid() {
			out = append(out, normPrefix(p))
		}
	}
	slices.SortFunc(out, comparePrefix)
	return slices.Compact(out)
}

// nftDuration writes d as nftables time ("7d", "1d12h", "90s").
func nftDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s < 1 {
		s = 1
	}
	var b []byte
	for _, u := range []struct {
		sec  int64
		unit byte
	}{{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}} {
		if n := s / u.sec; n > 0 {
			b = strconv.AppendInt(b, n, 10)
			b = append(b, u.unit)
			s -= n * u.sec
		}
	}
	return string(b)
}

// writeNFTables writes an nft -f script that (re)creates table inet NAME
// with two interval sets, NAME's v4 and v6, and an input chain that drops
// packets from them. The table is declared and deleted first, so loading the
// script again replaces the list instead of failing or adding to it.
func writeNFTables(w *bufio.Writer, l *List, name string) error {
	v4, v6 := split(l.prefixes())
	fmt.Fprintf(w, "#!/usr/sbin/nft -f\n# Block list written by threatmap (IPv4 networks: %d, IPv6 networks: %d).\n", len(v4), len(v6))
	fmt.Fprintf(w, "# Load with: nft -f FILE\n\ntable inet %s\ndelete table inet %s\n\ntable inet %s {\n", name, name, name)
	flags, timeout := "interval", ""
	if l.Expire > 0 {
		flags, timeout = "interval, timeout", nftDuration(l.Expire)
	}
	for _, set := range []struct {
		name, typ string
		ps        []netip.Prefix
	}{{"blocked_v4", "ipv4_addr", v4}, {"blocked_v6", "ipv6_addr", v6}} {
		fmt.Fprintf(w, "\tset %s {\n\t\ttype %s\n\t\tflags %s\n", set.name, set.typ, flags)
		if timeout != "" {
			fmt.Fprintf(w, "\t\ttimeout %s\n", timeout)
		}
		if len(set.ps) > 0 {
			w.WriteString("\t\telements = {")
			for i, p := range set.ps {
				if i > 0 {
					w.WriteByte(',')
				}
				w.WriteString("\n\t\t\t" + prefixString(p))
			}
			w.WriteString("\n\t\t}\n")
		}
		w.WriteString("\t}\n\n")
	}
	w.WriteString("\tchain input {\n\t\ttype filter hook input priority filter - 10; policy accept;\n")
	w.WriteString("\t\tip saddr @blocked_v4 drop\n\t\tip6 saddr @blocked_v6 drop\n\t}\n}\n")
	return nil
}

// maxIPSetTimeout is the longest timeout ipset accepts, in seconds.
const maxIPSetTimeout = 2147483

// writeIPSet writes "ipset restore" input: a hash:net set per family,
// NAME-v4 (family inet) and NAME-v6 (family inet6), with the Expire as the
// sets' timeout. Restore it with "ipset -exist restore" to load it over an
// earlier list, and match the sets from iptables with
// "-m set --match-set NAME-v4 src -j DROP".
func writeIPSet(w *bufio.Writer, l *List, name string) error {
	timeout := ""
	if l.Expire > 0 {
		s := int64(l.Expire.Round(time.Second) / time.Second)
		if s > maxIPSetTimeout {
			return fmt.Errorf("block: ipset: expiry %s is longer than ipset's limit of %ds", l.Expire, maxIPSetTimeout)
		}
		timeout = " timeout " + strconv.FormatInt(max(s, 1), 10)
	}
	v4, v6 := split(l.prefixes())
	fmt.Fprintf(w, "# Block list written by threatmap (IPv4 networks: %d, IPv6 networks: %d).\n# Load with: ipset -exist restore < FILE\n", len(v4), len(v6))
	for _, set := range []struct {
		name, family string
		ps           []netip.Prefix
	}{{name + "-v4", "inet", v4}, {name + "-v6", "inet6", v6}} {
		fmt.Fprintf(w, "create %s hash:net family %s maxelem %d%s\n", set.name, set.family, max(65536, len(set.ps)), timeout)
		for _, p := range set.ps {
			fmt.Fprintf(w, "add %s %s\n", set.name, prefixString(p))
		}
	}
	return nil
}

// writeIPTables writes iptables-restore (or, for v6, ip6tables-restore)
// input: a chain NAME in the filter table that drops the family's networks.
// Load it with "--noflush" so that the rest of the table stays, and jump to
// the chain once: "iptables -I INPUT -j NAME". Declaring the chain empties
// it, so loading the file again replaces the list.
func writeIPTables(w *bufio.Writer, l *List, name string, v6 bool) error {
	v4s, v6s := split(l.prefixes())
	ps, tool := v4s, "iptables"
	if v6 {
		ps, tool = v6s, "ip6tables"
	}
	fmt.Fprintf(w, "# Block list written by threatmap (networks: %d).\n", len(ps))
	fmt.Fprintf(w, "# Load with: %s-restore --noflush < FILE\n# then, once: %s -I INPUT -j %s\n", tool, tool, name)
	fmt.Fprintf(w, "*filter\n:%s - [0:0]\n", name)
	for _, p := range ps {
		fmt.Fprintf(w, "-A %s -s %s -j DROP\n", name, p)
	}
	w.WriteString("COMMIT\n")
	return nil
}
