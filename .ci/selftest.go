//go:build ignore

// selftest copies an interactive map page with a test script added after
// the page's own, and the script's hash added to the page's
// Content-Security-Policy, for .ci/browser-map-test.sh.
//
//	go run .ci/selftest.go page.html script.js > test.html
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
)

func main() {
	page, err := os.ReadFile(os.Args[1])
	check(err)
	script, err := os.ReadFile(os.Args[2])
	check(err)
	h := sha256.Sum256(script)
	s := strings.Replace(string(page), "script-src ", "script-src 'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"' ", 1)
	i := strings.LastIndex(s, "</body>")
	if i < 0 || s == string(page) {
		check(fmt.Errorf("%s: not an interactive map page", os.Args[1]))
	}
	fmt.Print(s[:i] + "<script>" + string(script) + "</script>\n" + s[i:])
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "selftest:", err)
		os.Exit(1)
	}
}
