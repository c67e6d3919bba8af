// Command genrules writes the default rule set, decoded from its YAML, as
// the JSON the classifier reads at start (assets.DefaultRulesJSON). Run
// through go generate in classify.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/classify"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genrules OUTPUT")
		os.Exit(2)
	}
	rs, err := classify.ParseRules(assets.DefaultRules, "default.yaml")
	if err == nil {
		var b []byte
		if b, err = json.Marshal(rs); err == nil {
			err = os.WriteFile(os.Args[1], append(b, '\n'), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genrules:", err)
		os.Exit(1)
	}
}
