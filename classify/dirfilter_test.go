package classify

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

const mssqlLine = "2026-11-27 10:00:17.52 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 198.51.100.50]\r\n"

// TestExpandDirectoryLogsOnly: a directory yields its log files, by name or
// by content, and lists the rest with a reason; a file named explicitly is
// always read.
func TestExpandDirectoryLogsOnly(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"access.log":      `203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"` + "\n",
		"access_log.1":    `203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"` + "\n",
		"secure-20240101": "Jan  1 00:00:01 h sshd[1]: Invalid user a from 203.0.113.9 port 22\n",
		"maillog":         "",
		"messages":        "Jan  1 00:00:01 h kernel: hello\n",
		"web-frontend":    `203.0.113.8 - - [10/Oct/2024:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"` + "\n",
		"README.md":       "# notes\n",
		"site.yaml":       "rules: []\n",
		"tor-exits.txt":   "203.0.113.1\n203.0.113.2\n",
		"expected.csv":    "ip,category\n203.0.113.7,legit\n",
		"notes":           "just some words\nand more\n",
		"blob":            "\x00\x01\x02binary\x00\n",
		"empty":           "",
		// SQL Server's log is UTF-16: read by its name, and by its content
		// under another.
		"ERRORLOG.1": string(encodeUTF16(mssqlLine, false, true)),
		"sql-old":    string(encodeUTF16(mssqlLine, false, true)),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A compressed rotation with a name that says nothing: sniffed after
	// decompression.
	f, _ := os.Create(filepath.Join(dir, "frontend-old.gz"))
	zw := gzip.NewWriter(f)
	zw.Write([]byte(files["web-frontend"]))
	zw.Close()
	f.Close()

	in, err := Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, p := range in.Paths {
		read = append(read, filepath.Base(p))
	}
	slices.Sort(read)
	want := []string{"ERRORLOG.1", "access.log", "access_log.1", "frontend-old.gz", "maillog", "messages", "secure-20240101", "sql-old", "web-frontend"}
	if !slices.Equal(read, want) {
		t.Errorf("read %v\nwant %v", read, want)
	}
	reasons := map[string]string{}
	for _, p := range in.Passed {
		reasons[filepath.Base(p.Path)] = p.Reason
	}
	wantPassed := map[string]string{
		"README.md": ReasonDocument, "site.yaml": ReasonDocument, "tor-exits.txt": ReasonDocument,
		"expected.csv": ReasonDocument, "notes": ReasonNotLog, "blob": ReasonBinary, "empty": ReasonEmpty,
	}
	for name, why := range wantPassed {
		if reasons[name] != why {
			t.Errorf("%s: passed over as %q; want %q", name, reasons[name], why)
		}
	}
	if len(reasons) != len(wantPassed) {
		t.Errorf("passed over %v; want exactly %v", reasons, wantPassed)
	}

	// Named explicitly, any file is read.
	in, err = Expand([]string{filepath.Join(dir, "expected.csv"), filepath.Join(dir, "notes")})
	if err != nil || len(in.Paths) != 2 || len(in.Passed) != 0 {
		t.Errorf("explicit files: %+v, %v", in, err)
	}
	// A glob filters like a directory; one that matches only documents is
	// not an error, it says what it passed over.
	in, err = Expand([]string{filepath.Join(dir, "*.md")})
	if err != nil || len(in.Paths) != 0 || len(in.Passed) != 1 {
		t.Errorf("glob of documents: %+v, %v", in, err)
	}
}
