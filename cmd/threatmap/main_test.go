package main

import (
	"os"
	"os/exec"
	"testing"
)

// childEnv makes the test binary run main instead of the tests, so that a
// test can run threatmap as a real child process.
const childEnv = "THREATMAP_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// threatmapChild is threatmap as a child process with args.
func threatmapChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}
