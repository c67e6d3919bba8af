package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime/debug"
)

func cmdVersion(_ context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, "Usage: threatmap version\n\nPrints the version threatmap was built from, and the Go version.\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageErrorf("version: %v", err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("version: takes no arguments")
	}
	v, goVersion := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		goVersion = bi.GoVersion
	}
	fmt.Fprintf(env.Stdout, "threatmap %s %s\n", v, goVersion)
	return nil
}
