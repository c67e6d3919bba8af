// Command threatmap turns server logs into a map of who is attacking a server
// and from where. See `threatmap help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/threatmap/threatmap/geo"
)

func main() {
	// An interrupt, a termination (how CI cancels a job) or a hang-up
	// cancels the run: it stops reading, removes its temporary files and
	// leaves no output behind.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go exitAfterSignal(ctx, signalGrace)
	stopProfile, err := startCPUProfile(os.Getenv("THREATMAP_CPUPROFILE"))
	if err == nil {
		err = run(ctx, os.Args[1:], &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
		if perr := stopProfile(); err == nil {
			err = perr
		}
	}
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// startCPUProfile starts profiling the process's CPU time into the file
// named by THREATMAP_CPUPROFILE (pprof's format, as `go tool pprof` reads
// and `make pgo` merges into the build's profile); with no name it does
// nothing. The returned function stops the profile and closes the file.
func startCPUProfile(name string) (stop func() error, err error) {
	if name == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("THREATMAP_CPUPROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		os.Remove(name)
		return nil, fmt.Errorf("THREATMAP_CPUPROFILE: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("THREATMAP_CPUPROFILE: %w", err)
		}
		return nil
	}, nil
}

// signalGrace is how long a cancelled run has to stop by itself before the
// process removes its temporary files and exits.
const signalGrace = 2 * time.Second

// exitAfterSignal ends a run that a signal cancelled but that does not
// return (blocked reading a pipe that stays open): after grace it removes
// the temporary output files and exits 1. A run that ends first exits
// before.
func exitAfterSignal(ctx context.Context, grace time.Duration) {
	<-ctx.Done()
	time.Sleep(grace)
	temps.removeAll()
	fmt.Fprintln(os.Stderr, interruptedMessage)
	os.Exit(1)
}

const interruptedMessage = "threatmap: interrupted; no output file was written"

// Env is what a subcommand may touch of the outside world. Tests pass their
// own buffers and environment.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Resolver answers the reverse DNS lookups of --rdns; nil means the
	// system's resolver. Tests set a fake.
	Resolver geo.Resolver
}

// isTerminal reports whether stdin, stdout or stderr (or any other
// stream) is a character device (a terminal), so that progress is drawn
// only for a person watching.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// commands is the command table: every subcommand, in the order help
// lists them.
func commands() []*command {
	return []*command{mapCommand(), classifyCommand(), locateCommand(), renderCommand(), reportCommand(), rulesCommand(), blockCommand(), mergeCommand(), completionCommand(), versionCommand()}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "threatmap turns server logs into a map of who attacks a server and from where.\n\nUsage:\n  threatmap <command> [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Examples:
  threatmap map -o attacks.png /var/log/nginx/access.log* /var/log/auth.log*
  threatmap report -o report.html /var/log/
  threatmap classify --actors actors.csv access.log > events.csv
  threatmap locate --mmdb GeoLite2-City.mmdb events.csv | threatmap render -o map.svg

Run 'threatmap help <command>' for a command's flags and examples.

%s
`, exitCodesHelp)
}

// lookup finds a command by name.
func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func run(ctx context.Context, args []string, env *Env) error {
	if len(args) == 0 {
		usage(env.Stderr)
		return usageErrorf("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		return help(env, args[1:])
	}
	if c := lookup(name); c != nil {
		return c.exec(ctx, env, name, args[1:])
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usageErrorf("unknown command %q%s (see 'threatmap help')", name, suggestion(name, names, ""))
}

// help is "threatmap help [COMMAND [SUBCOMMAND]]": the command's help on
// stdout.
func help(env *Env, args []string) error {
	if len(args) == 0 {
		usage(env.Stdout)
		return nil
	}
	c := lookup(args[0])
	if c == nil {
		return usageErrorf("help: unknown command %q", args[0])
	}
	path := c.name
	if len(args) > 1 && c.subs != nil {
		for _, s := range c.subs {
			if s.name == args[1] {
				c, path = s, path+" "+s.name
			}
		}
	}
	var g *flagGroups
	if c.flags != nil {
		g, _ = c.flagSet(path)
	}
	c.help(env.Stdout, path, g)
	return nil
}

// exitError carries a process exit code with its cause.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErrorf is an error of the command line or the input: exit 1.
func usageErrorf(format string, a ...any) error {
	return &exitError{code: 1, err: fmt.Errorf(format, a...)}
}

// partialError marks a run that wrote its output but lost some of its input
// or could not locate some addresses: exit 2. err says what was lost.
func partialError(err error) error {
	return &exitError{code: 2, err: err}
}

// errHelp is returned when the user asked for -h; it exits 0.
var errHelp = errors.New("help requested")

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, interruptedMessage)
		return 1
	}
	fmt.Fprintf(stderr, "threatmap: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}
