package main

import (
	"context"
	"runtime/debug"

	"fmt"
)

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version",
		about:   "Prints the version threatmap was built from, and the Go version.",
		flags: func(*flagGroups) runFunc {
			return runVersion
		},
	}
}

func runVersion(_ context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("takes no arguments")
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
