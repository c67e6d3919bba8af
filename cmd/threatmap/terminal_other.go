//go:build !unix && !windows

package main

import "os"

// terminalColumns is unknown here: the width comes from $COLUMNS.
func terminalColumns(*os.File) (int, bool) { return 0, false }
