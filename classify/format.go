package classify

import (
	"bytes"
	"fmt"
	"strings"
)

// Format is a log format. The zero value, FormatAuto, detects the format of
// each file from its first lines, and of any line that does not parse as its
// file's format (so a file that mixes formats still classifies).
type Format uint8

// The supported formats.
const (
	FormatAuto        Format = iota
	FormatAccess             // Apache/nginx combined, common, vhost_combined; optional trailing X-Forwarded-For
	FormatApacheError        // Apache 2.2/2.4 error log
	FormatNginxError         // nginx error log
	FormatSyslog             // RFC 3164, RFC 5424, ISO and journalctl -o short-iso lines from sshd, postfix, dovecot
	FormatFail2ban           // fail2ban.log (Found / Ban lines)
	FormatCSV                // the events CSV (time,ip,threat[,risk,rule,source])
	numFormats
)

var formatNames = [numFormats]string{
	FormatAuto:        "auto",
	FormatAccess:      "access",
	FormatApacheError: "apache_error",
	FormatNginxError:  "nginx_error",
	FormatSyslog:      "syslog",
	FormatFail2ban:    "fail2ban",
	FormatCSV:         "csv",
}

// formatAliases are the other names ParseFormat accepts.
var formatAliases = map[string]Format{
	"combined": FormatAccess, "common": FormatAccess, "vhost_combined": FormatAccess,
	"apache": FormatAccess, "nginx": FormatAccess, "clf": FormatAccess,
	"error": FormatApacheError, "apache-error": FormatApacheError, "nginx-error": FormatNginxError,
	"auth": FormatSyslog, "journal": FormatSyslog, "journald": FormatSyslog, "sshd": FormatSyslog,
	"postfix": FormatSyslog, "dovecot": FormatSyslog, "rfc3164": FormatSyslog, "rfc5424": FormatSyslog,
	"events": FormatCSV,
}

// String returns the format's name as accepted by ParseFormat.
func (f Format) String() string {
	if f < numFormats {
		return formatNames[f]
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat returns the format named s: one of auto, access, apache_error,
// nginx_error, syslog, fail2ban, csv, or an alias such as combined, common,
// vhost_combined, auth, journal.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range formatNames {
		if n == s {
			return Format(i), nil
		}
	}
	if f, ok := formatAliases[s]; ok {
		return f, nil
	}
	return FormatAuto, fmt.Errorf("classify: unknown format %q (want auto, access, apache_error, nginx_error, syslog, fail2ban or csv)", s)
}

// Formats returns the names of every format, auto first.
func Formats() []string { return append([]string(nil), formatNames[:]...) }

// detectLine guesses the format of one line from its shape alone. It is
// cheap: a few byte comparisons and at most one address parse.
func detectLine(line []byte) Format {
	line = trimSpace(line)
	if len(line) == 0 {
		return FormatAuto
	}
	switch {
	case line[0] == '[' && len(line) > 25 && isAlpha(line[1]):
		return FormatApacheError
	case line[0] == '<':
		return FormatSyslog
	case isDigit4(line) && len(line) > 19 && line[4] == '/' && line[7] == '/' && line[10] == ' ':
		return FormatNginxError
	case isDigit4(line) && len(line) > 23 && line[4] == '-' && line[10] == ' ' && line[19] == ',' && bytes.Contains(line[:min(len(line), 80)], []byte(" fail2ban.")):
		return FormatFail2ban
	case isCSVHeader(line):
		return FormatCSV
	case isDigit4(line) && len(line) > 19 && line[4] == '-' && (line[10] == 'T' || line[10] == ' '):
		// ISO timestamp: syslog/journal, or a CSV row starting with a time.
		if c := indexByte(line, ','); c > 0 && c < 40 {
			if sp := indexByte(line[11:], ' '); sp < 0 || c < sp+11 {
				return FormatCSV
			}
		}
		return FormatSyslog
	case len(line) > 15 && isMonth(line[:3]) && line[3] == ' ':
		return FormatSyslog
	case line[0] == '-' && bytes.HasPrefix(line, []byte("-- ")):
		return FormatSyslog // journalctl banner
	}
	// Access logs: an address (optionally after a vhost) then " - " … "[".
	if indexByte(line, '[') > 0 && indexByte(line, '"') > 0 {
		tok, rest := nextToken(line)
		if _, ok := parseAddrPort(tok); ok {
			return FormatAccess
		}
		tok, _ = nextToken(rest)
		if _, ok := parseAddrPort(tok); ok {
			return FormatAccess
		}
	}
	return FormatAuto
}

func isCSVHeader(line []byte) bool {
	if len(line) < 7 {
		return false
	}
	l := bytes.ToLower(line[:min(len(line), 64)])
	return bytes.HasPrefix(l, []byte("time,")) || bytes.HasPrefix(l, []byte("timestamp,")) ||
		bytes.HasPrefix(l, []byte("ip,")) || bytes.HasPrefix(l, []byte("date,"))
}

func isDigit4(b []byte) bool {
	return len(b) >= 4 && isDigit(b[0]) && isDigit(b[1]) && isDigit(b[2]) && isDigit(b[3])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isMonth(b []byte) bool { return monthIndex(b) > 0 }

// monthIndex returns 1–12 for an English month abbreviation, 0 otherwise.
func monthIndex(b []byte) int {
	if len(b) != 3 {
		return 0
	}
	switch string(b) {
	case "Jan":
		return 1
	case "Feb":
		return 2
	case "Mar":
		return 3
	case "Apr":
		return 4
	case "May":
		return 5
	case "Jun":
		return 6
	case "Jul":
		return 7
	case "Aug":
		return 8
	case "Sep":
		return 9
	case "Oct":
		return 10
	case "Nov":
		return 11
	case "Dec":
		return 12
	}
	return 0
}

// nextToken splits off the first space-separated token of b.
func nextToken(b []byte) (tok, rest []byte) {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	b = b[i:]
	j := indexByte(b, ' ')
	if j < 0 {
		return b, nil
	}
	return b[:j], b[j+1:]
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
