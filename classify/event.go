package classify

import (
	"net/netip"
	"time"
)

// Event is one classified log line: who did what, when, and which rule said so.
type Event struct {
	Time     time.Time  // when the line says it happened, UTC
	IP       netip.Addr // the source address (after trusted-proxy resolution), unmapped
	Category Category
	Rule     string // name of the rule that decided; empty when none matched
	Source   string // the input the line came from (file path, or "-" for stdin)
	// Service is the program that wrote the line, as rules name it in
	// match.service: "http", "sshd", "postfix", "dovecot", "fail2ban", or
	// "" (the events CSV). Like User, it is not written to the events CSV.
	Service string
	// User is the user name an authentication line tried (sshd invalid
	// user or failed password, postfix sasl_username, dovecot user=<…>);
	// empty for other lines. It is not part of the events CSV.
	User string
}
