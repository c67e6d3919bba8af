package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/threatmap/threatmap/classify"
)

// allowEmptyUsage is the --allow-empty flag's help.
const allowEmptyUsage = "write the outputs and exit 0 even when nothing was found (no line understood, an empty time window); by default such a run writes nothing and exits 3"

func registerAllowEmpty(fs *flag.FlagSet, allow *bool) {
	fs.BoolVar(allow, "allow-empty", false, allowEmptyUsage)
}

// emptyError is the exit-3 error of a run that read its inputs and
// found nothing to show.
func emptyError(why string) error {
	return &exitError{code: exitNothingFound, err: fmt.Errorf("nothing found: %s; nothing was written (--allow-empty writes an empty result)", why)}
}

// emptyRun returns the exit-3 error of a classification that gave nothing:
// no line was read, none was understood, or none was in the time window.
// It says which and how to fix it. A run with at least one classified line
// (legit included: a clean log is a result) returns nil, as does any run
// when allow is set. A run that read no line because its inputs could not
// be read (unread of them) is an input error: exit 1.
func emptyRun(s *classify.Stats, passed []classify.PassedOver, unread int, windowed, allow bool) error {
	if allow || s.Classified > 0 {
		return nil
	}
	switch {
	case s.Lines == 0 && unread > 0:
		return usageErrorf("no line was read: %s could not be read (named above; check the path); nothing was written", locPlural(unread, "input"))
	case s.Lines == 0 && len(passed) > 0:
		return emptyError(fmt.Sprintf("no log line was read; %s passed over as not logs (%s; name a file to read it anyway)",
			locPlural(len(passed), "file"), passedExamples(passed)))
	case s.Lines == 0:
		return emptyError("no line was read: the inputs are empty (check the path)")
	case s.Ignored == 0:
		return emptyError(fmt.Sprintf("no line was understood: %s skipped (%s); name the log format with --format (%s), or see 'threatmap rules test'",
			locPlural(int(s.Lines), "line"), skipReasons(s), strings.Join(classify.Formats()[1:], ", ")))
	case windowed:
		return emptyError(fmt.Sprintf("no line in the time window: %s read, none classified between --since and --until (widen the window)", locPlural(int(s.Lines), "line")))
	default:
		return emptyError(fmt.Sprintf("no line named an address to classify: %s read, %s ignored as irrelevant (check --format and the path)",
			locPlural(int(s.Lines), "line"), formatCount(s.Ignored)))
	}
}

// emptyRows returns the exit-3 error of a CSV stage that kept no row of
// input (kept, bad and outside rows counted), or nil.
func emptyRows(input string, kept, bad, outside int, allow bool) error {
	switch {
	case allow || kept > 0:
		return nil
	case outside > 0:
		return emptyError(fmt.Sprintf("no row of %s in the time window: %s outside --since/--until (widen the window)", input, locPlural(outside, "row")))
	case bad > 0:
		return emptyError(fmt.Sprintf("no row of %s could be read: %s unreadable (check that it is a located CSV or a lat,lon CSV)", input, locPlural(bad, "row")))
	}
	return emptyError(fmt.Sprintf("%s holds no row (check the path, or the stage that wrote it)", input))
}

// passedExamples names up to three passed-over files with their reasons.
func passedExamples(passed []classify.PassedOver) string {
	var parts []string
	for i, p := range passed {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, p.Path+": "+p.Reason)
	}
	return strings.Join(parts, ", ")
}

// skipReasons is "malformed 11,721, binary 3".
func skipReasons(s *classify.Stats) string {
	var reasons []string
	for _, r := range classify.SkipReasons {
		if n := s.Skipped[r]; n > 0 {
			reasons = append(reasons, r+" "+formatCount(n))
		}
	}
	return strings.Join(reasons, ", ")
}
