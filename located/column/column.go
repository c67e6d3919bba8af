// Package column is the one table of the columns the located stage reads and
// writes (events, actors and located CSVs): their names, the other names
// tools and people give them, and where a header puts them. It imports
// nothing of the project, so that classify's CSV log format and the located
// reader share it.
package column

import "strings"

// Name is a column the located stage knows.
type Name uint8

// The known columns, in the order of the files that write them.
const (
	None Name = iota // a column of no known meaning, carried through
	Time
	IP
	Threat
	Risk
	Rule
	Source
	Score
	Events
	FirstSeen
	LastSeen
	Categories
	Lat
	Lon
	Country
	City
	Precision
	Weight
	Compromised // actors: many failed logins, then a successful one
	Services    // actors: the programs it failed to log in to, ';'-joined
	Users       // actors: the user names it tried most, ';'-joined
	AccuracyKm  // located: the database's accuracy radius in km, empty when it gives none
	count
)

var names = [count]string{"", "time", "ip", "threat", "risk", "rule", "source", "score", "events",
	"first_seen", "last_seen", "categories", "lat", "lon", "country", "city", "precision", "weight",
	"compromised", "services", "users", "accuracy_km"}

// String is the name a writer gives the column.
func (n Name) String() string {
	if n >= count {
		return ""
	}
	return names[n]
}

// aliases are the other names a header may give a column (lower case).
var aliases = map[string]Name{
	"timestamp": Time, "date": Time, "datetime": Time,
	"addr": IP, "address": IP, "ip_address": IP, "src": IP, "src_ip": IP, "source_ip": IP, "client": IP,
	"threattype": Threat, "threat_type": Threat, "category": Threat, "type": Threat,
	"file": Source, "count": Events,
	"first": FirstSeen, "last": LastSeen,
	"latitude": Lat, "lng": Lon, "long": Lon, "longitude": Lon,
}

// Parse returns the column a header cell names: its case, surrounding
// spaces and a leading UTF-8 byte order mark are ignored. An unknown name
// is None.
func Parse(h string) Name {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	for n := Time; n < count; n++ {
		if names[n] == h {
			return n
		}
	}
	return aliases[h]
}

// Index is where a header puts each known column: a 0-based field position,
// or -1 when the header lacks it.
type Index [count]int

// Find reads a header row. When a column is named twice, the first wins.
func Find(header []string) Index {
	var ix Index
	for i := range ix {
		ix[i] = -1
	}
	for i, h := range header {
		if n := Parse(h); n != None && ix[n] < 0 {
			ix[n] = i
		}
	}
	return ix
}

// Has reports whether the header has column n.
func (ix *Index) Has(n Name) bool { return n != None && ix[n] >= 0 }

// Field returns rec's value of column n with surrounding spaces trimmed, or
// "" when the header or the record lacks it.
func (ix *Index) Field(rec []string, n Name) string {
	if n == None {
		return ""
	}
	i := ix[n]
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// EventHeader is the events CSV's header, the interchange format between
// classify, locate and render; a file without a header has these columns in
// this order.
var EventHeader = []string{"time", "ip", "threat", "risk", "rule", "source"}

// ActorHeader is the actors CSV's header: one row per source address.
// compromised is "true" for many failed logins then a successful one;
// services and users (the names tried most, most first) are joined by ';'.
var ActorHeader = []string{"ip", "category", "risk", "score", "events", "first_seen", "last_seen", "categories",
	"compromised", "services", "users"}

// LocatedHeader are the columns locate adds to (or overwrites in) a row.
var LocatedHeader = []string{"lat", "lon", "country", "city", "precision", "accuracy_km"}
