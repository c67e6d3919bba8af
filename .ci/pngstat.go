//go:build ignore

// pngstat prints a PNG's width, height, number of distinct colours and the
// last row that is not the background colour, for .ci/browser-test.sh.
package main

import (
	"fmt"
	"image"
	_ "image/png"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	img, _, err := image.Decode(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b := img.Bounds()
	colours := map[uint32]bool{}
	bg := img.At(b.Min.X, b.Max.Y-1)
	br, bgG, bb, _ := bg.RGBA()
	last := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if r != br || g != bgG || bl != bb {
				last = y
			}
		}
	}
	fmt.Println(b.Dx(), b.Dy(), len(colours), last)
}
