package block

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/classify"
)

// Format is a block-list syntax.
type Format string

// The formats Write knows.
const (
	Plain     Format = "plain"            // one address a line
	CIDR      Format = "cidr"             // one prefix a line
	NFTables  Format = "nftables"         // an nft -f script: a table with IPv4 and IPv6 sets and drop rules
	IPSet     Format = "ipset"            // ipset restore input: one hash:net set per family
	IPTables  Format = "iptables-restore" // iptables-restore --noflush input (IPv4)
	IP6Tables Format = "ip6tables-restore"
	Fail2ban  Format = "fail2ban" // fail2ban-client set JAIL banip … commands
	CrowdSec  Format = "crowdsec" // a CSV that cscli decisions import accepts
	CSV       Format = "csv"      // address,category,risk,score,country,asn,reason,first_seen,last_seen
)

// Formats lists every format, in the order help texts show them.
var Formats = []Format{Plain, CIDR, NFTables, IPSet, IPTables, IP6Tables, Fail2ban, CrowdSec, CSV}

// ParseFormat returns the format named s; "iptables" and "ip6tables" name
// the restore formats.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case "iptables":
		return IPTables, nil
	case "ip6tables":
		return IP6Tables, nil
	default:
		for _, k := range Formats {
			if f == k {
				return f, nil
			}
		}
	}
	return "", fmt.Errorf("block: unknown format %q (want one of %s)", s, formatNames())
}

func formatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// ListsAddresses reports whether the format writes single addresses (plain,
// fail2ban, csv) rather than networks; such a format cannot carry a country
// block.
func (f Format) ListsAddresses() bool { return f == Plain || f == Fail2ban || f == CSV }

// DefaultName names the table, sets, chain and jail a List writes when its
// Name is empty.
const DefaultName = "threatmap"

// List is what Write writes.
type List struct {
	// Entries are the listed addresses, in address order (Selection.Listed).
	Entries []Entry
	// Prefixes are the networks to block (Selection.Prefixes or a country
	// block). When nil, the network formats block each entry's address.
	Prefixes []netip.Prefix
	// Expire is how long a block lasts, where the format supports it
	// (nftables, ipset, crowdsec); 0 is forever, or the tool's default.
	Expire time.Duration
	// Name is the nftables table, the ipset set prefix (NAME-v4, NAME-v6),
	// the iptables chain, or the fail2ban jail; letters, digits, '_' and '-',
	// at most 24 bytes. Empty means DefaultName.
	Name string
	// Reason is the CrowdSec reason of a prefix that holds no entry (a
	// country block); empty means "threatmap".
	Reason string
}

var validName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,23}$`)

// ErrNoAddresses is returned when an address format is asked to write a
// List that holds only networks (a country block).
var ErrNoAddresses = errors.New("block: this format lists single addresses; a list of networks needs cidr, nftables, ipset, iptables-restore, ip6tables-restore or crowdsec")

// Write writes l to w in format f. The output depends only on l: entries and
// prefixes come out sorted, and no time stamp is written.
func Write(w io.Writer, f Format, l *List) error {
	name := l.Name
	if name == "" {
		name = DefaultName
	}
	if !validName.MatchString(name) {
		return fmt.Errorf("block: name %q: want a letter, then letters, digits, '_' or '-', at most 24 in all", name)
	}
	if f.ListsAddresses() && len(l.Entries) == 0 && len(l.Prefixes) > 0 {
		return ErrNoAddresses
	}
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case Plain:
		err = writePlain(bw, l)
	case CIDR:
		err = writeCIDR(bw, l)
	case NFTables:
		err = writeNFTables(bw, l, name)
	case IPSet:
		err = writeIPSet(bw, l, name)
	case IPTables:
		err = writeIPTables(bw, l, name, false)
	case IP6Tables:
		err = writeIPTables(bw, l, name, true)
	case Fail2ban:
		err = writeFail2ban(bw, l, name)
	case CrowdSec:
		err = writeCrowdSec(bw, l)
	case CSV:
		err = writeCSV(bw, l)
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// prefixes returns l's networks, sorted; one per entry when l has none.
func (l *List) prefixes() []netip.Prefix {
	if l.Prefixes != nil {
		return sortedPrefixes(l.Prefixes)
	}
	out := make([]netip.Prefix, 0, len(l.Entries))
	for _, e := range l.Entries {
		a := normAddr(e.Addr)
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return sortedPrefixes(out)
}

// split returns the IPv4 and the IPv6 prefixes of ps, in order.
func split(ps []netip.Prefix) (v4, v6 []netip.Prefix) {
	for _, p := range ps {
		if p.Addr().Is4() {
			v4 = append(v4, p)
		} else {
			v6 = append(v6, p)
		}
	}
	return v4, v6
}

// prefixString writes a single-address prefix as the bare address, as the
// firewall tools themselves print it.
func prefixString(p netip.Prefix) string {
	if p.IsSingleIP() {
		return p.Addr().String()
	}
	return p.String()
}

func writePlain(w *bufio.Writer, l *List) error {
	for _, e := range sortedEntries(l.Entries) {
		w.WriteString(e.Addr.String())
		w.WriteByte('\n')
	}
	return nil
}

func writeCIDR(w *bufio.Writer, l *List) error {
	for _, p := range l.prefixes() {
		w.WriteString(p.String())
		w.WriteByte('\n')
	}
	return nil
}

// fail2banBatch is how many addresses one fail2ban-client command bans.
const fail2banBatch = 50

// writeFail2ban writes one "fail2ban-client set JAIL banip IP…" command per
// batch of addresses; the jail's bantime sets how long the bans last.
func writeFail2ban(w *bufio.Writer, l *List, jail string) error {
	es := sortedEntries(l.Entries)
	for i := 0; i < len(es); i += fail2banBatch {
		w.WriteString("fail2ban-client set " + jail + " banip")
		for _, e := range es[i:min(i+fail2banBatch, len(es))] {
			w.WriteByte(' ')
			w.WriteString(e.Addr.String())
		}
		w.WriteByte('\n')
	}
	return nil
}

// CSVHeader is the header of the csv format.
var CSVHeader = []string{"address", "category", "risk", "score", "country", "asn", "reason", "first_seen", "last_seen"}

func writeCSV(w *bufio.Writer, l *List) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, e := range sortedEntries(l.Entries) {
		asn := ""
		if e.ASN != 0 {
			asn = strconv.FormatUint(uint64(e.ASN), 10)
		}
		cw.Write([]string{
			e.Addr.String(), e.Category.String(), strconv.Itoa(e.Risk),
			strconv.FormatFloat(e.Score, 'f', 1, 64), e.Country, asn, e.Reason,
			csvTime(e.First), csvTime(e.Last),
		})
	}
	cw.Flush()
	return cw.Error()
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// writeCrowdSec writes the CSV that "cscli decisions import -i FILE.csv"
// reads: a header naming the columns, then one ban decision per network,
// scope "Ip" for a single address and "Range" for a prefix (CrowdSec's own
// spelling, which its allowlist check and bouncers match exactly). Without
// an Expire the duration column is left out, so cscli's --duration (4h by
// default) applies. cscli sets the origin of imported decisions itself.
func writeCrowdSec(w *bufio.Writer, l *List) error {
	entries := sortedEntries(l.Entries)
	dflt := l.Reason
	if dflt == "" {
		dflt = DefaultName
	}
	cw := csv.NewWriter(w)
	header := []string{"duration", "reason", "scope", "type", "value"}
	if l.Expire <= 0 {
		header = header[1:]
	}
	cw.Write(header)
	for _, p := range l.prefixes() {
		scope, reason := "Range", dflt
		if p.IsSingleIP() {
			scope = "Ip"
		}
		if r := prefixReason(p, entries); r != "" {
			reason = DefaultName + "/" + r
		}
		rec := []string{reason, scope, "ban", prefixString(p)}
		if l.Expire > 0 {
			rec = append([]string{goDuration(l.Expire)}, rec...)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// prefixReason names the categories of the entries p covers, riskiest
// first, joined by '+'; "" when p covers none. entries are in address order.
func prefixReason(p netip.Prefix, entries []Entry) string {
	i, _ := slices.BinarySearchFunc(entries, p.Addr(), func(e Entry, a netip.Addr) int { return e.Addr.Compare(a) })
	var cats []classify.Category
	for ; i < len(entries) && p.Contains(entries[i].Addr); i++ {
		cats = append(cats, entries[i].Category)
	}
	slices.Sort(cats)
	cats = slices.Compact(cats)
	names := make([]string, len(cats))
	for j, c := range cats {
		names[len(cats)-1-j] = c.String()
	}
	return strings.Join(names, "+")
}

// goDuration writes d in whole hours when it is a whole number of hours
// ("168h"), else in seconds ("90s"): forms that Go's time.ParseDuration,
// and so cscli, reads.
func goDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s < 1 {
		s = 1
	}
	if s%3600 == 0 {
		return strconv.FormatInt(s/3600, 10) + "h"
	}
	return strconv.FormatInt(s, 10) + "s"
}
