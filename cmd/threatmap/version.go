package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

func cmdVersion(_ context.Context, env *Env, _ []string) error {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	fmt.Fprintf(env.Stdout, "threatmap %s\n", v)
	return nil
}
