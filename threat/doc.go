// Package threat is the vocabulary of threatmap: the threat categories,
// their risk levels and names, and the services that log authentication
// attempts.
//
// Every other package speaks of threats in these words: the classifier
// assigns a Category to each event, the renderer keys its colours and
// marker glyphs by Category, and the report groups user names by Service.
// The package imports nothing of threatmap, so any of them can depend on
// it without depending on each other.
package threat
