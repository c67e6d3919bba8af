// Package classify turns server log lines into threat events and per-IP actors.
//
// It owns the log formats (Apache/nginx access and error logs, sshd, postfix and
// dovecot in syslog or journald form, fail2ban's own log, the events CSV), the
// rule set that maps a parsed line to a Category, the per-IP windows that detect
// floods and brute force, and the composite score that ranks actors. It knows
// nothing about maps or geolocation: its output is Events and Actors keyed by
// netip.Addr.
package classify
