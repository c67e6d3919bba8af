package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/threatmap/threatmap/classify"
)

// passedShown is how many passed-over files the summary names; --stats
// lists them all.
const passedShown = 5

// printPassed writes the files of directories and globs that were not
// read, with the reason, under the summary.
func printPassed(w io.Writer, passed []classify.PassedOver) {
	if len(passed) == 0 {
		return
	}
	fmt.Fprintf(w, "  passed over: %s not read (name a file to read it anyway):\n", locPlural(len(passed), "file"))
	for i, p := range passed {
		if i == passedShown {
			fmt.Fprintf(w, "    … and %s more (listed in --stats)\n", formatCount(len(passed)-passedShown))
			break
		}
		fmt.Fprintf(w, "    %s: %s\n", p.Path, p.Reason)
	}
}

// writeStatsJSON writes the run statistics and the files passed over.
func writeStatsJSON(w io.Writer, s *classify.Stats, passed []classify.PassedOver) error {
	if passed == nil {
		passed = []classify.PassedOver{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		*classify.Stats
		PassedOver []classify.PassedOver `json:"passed_over"`
	}{s, passed})
}
