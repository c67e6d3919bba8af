// Command genworld writes the binary form of the embedded world (decoded
// from its TopoJSON) that assets.LoadWorld copies. Run through go generate
// in assets.
package main

import (
	"fmt"
	"os"

	"github.com/threatmap/threatmap/assets"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genworld OUTPUT")
		os.Exit(2)
	}
	w, err := assets.DecodeWorld(assets.CountriesTopoJSON, assets.LandTopoJSON)
	if err == nil {
		var b []byte
		if b, err = w.MarshalBinary(); err == nil {
			err = os.WriteFile(os.Args[1], b, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genworld:", err)
		os.Exit(1)
	}
}
