package classify

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// PassedOver is a file found in a directory (or by a glob) that is not
// read, because neither its name nor its first lines look like a log.
type PassedOver struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// The reasons a file in a directory is passed over.
const (
	ReasonNotLog   = "not a log: no line of a known format among its first lines"
	ReasonBinary   = "not a log: binary content"
	ReasonDocument = "not a log: a document, configuration or data file by its name"
	ReasonEmpty    = "empty file"
	ReasonUnread   = "unreadable"
)

// logName matches the names log files have on real hosts: *.log and its
// rotations (*.log.1, *.log.2.gz, *.log-20240101), the syslog family
// (syslog, messages, secure, maillog, mail.err, …) and the Apache habit of
// access_log / error_log, and SQL Server's ERRORLOG, each with rotation
// suffixes.
var logName = regexp.MustCompile(`(?i)(\.log|_log|^syslog|^messages|^secure|^maillog|^mail\.(log|err|warn|info)|^auth\.log|^kern\.log|^daemon\.log|^cron|^fail2ban\.log|^access|^error|^errorlog)` +
	`(\.\d{1,4}|-\d{8,10})?(\.gz)?$`)

// documentExt are extensions of files that sit beside logs without being
// logs: rule sets, lists, READMEs, exported CSVs, pictures.
var documentExt = map[string]bool{
	".md": true, ".txt": true, ".yaml": true, ".yml": true, ".toml": true, ".ini": true,
	".conf": true, ".cfg": true, ".csv": true, ".tsv": true, ".parquet": true,
	".html": true, ".htm": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true,
	".svg": true, ".pdf": true, ".go": true, ".py": true, ".sh": true, ".mmdb": true,
	".zip": true, ".tar": true, ".pid": true, ".lock": true, ".sock": true,
}

// sniffLines is how many non-empty lines content sniffing looks at.
const sniffLines = 16

// lookLikeLog decides whether a file met while expanding a directory or a
// glob is read: a log-like name is read; a document-like name is passed
// over; anything else is read when one of its first lines parses as a
// known log format other than the events CSV (which is read only when named
// explicitly). It returns "" to read the file, or the reason to pass it over.
func lookLikeLog(path string) string {
	base := filepath.Base(path)
	if logName.MatchString(base) {
		return ""
	}
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(base, ".gz")))
	if documentExt[ext] {
		return ReasonDocument
	}
	return sniffLog(path)
}

// sniffLog reads the first lines of a file (decompressed when gzip) and
// returns "" when one of them is a line of a known log format.
func sniffLog(path string) string {
	rc, _, err := OpenInput(path, nil)
	if err != nil {
		return ReasonUnread
	}
	defer rc.Close()
	br := decodeInput(bufio.NewReaderSize(rc, 64<<10))
	seen := 0
	for seen < sniffLines {
		line, err := br.ReadSlice('\n')
		if len(line) == 0 && err != nil {
			break
		}
		line = trimSpace(trimEOL(line))
		if len(line) == 0 {
			continue
		}
		seen++
		if hasControl(line) {
			return ReasonBinary
		}
		if f := detectLine(line); f != FormatAuto && f != FormatCSV {
			return ""
		}
		if err != nil {
			break
		}
	}
	if seen == 0 {
		return ReasonEmpty
	}
	return ReasonNotLog
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// isRegularFile reports whether path names a regular file (following
// symbolic links).
func isRegularFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
