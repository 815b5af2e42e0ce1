// Package testenv is for tests that need a program Go does not provide
// (Chromium, Java, an npm package in e2e/, git, zip): as Go's own
// internal/testenv, such a test skips with a message naming what is missing
// and how to install it, so `go test ./...` on a bare machine says what it
// did not test instead of failing. Where the tools were promised, a missing
// one fails the test instead: scripts/test installs them and sets
// SAFEGUARD_REQUIRE_TOOLS=1, and CI services set CI=true, so a test that
// silently stopped running cannot pass there.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Required reports whether a missing tool fails a test rather than skipping it.
func Required() bool {
	return os.Getenv("SAFEGUARD_REQUIRE_TOOLS") == "1" || os.Getenv("CI") == "true"
}

// Missing skips t because of a missing tool, or fails it when the tools are
// required. The message names the tool and how to install it.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("%s (a missing tool fails the test under scripts/test and CI: SAFEGUARD_REQUIRE_TOOLS=1 or CI=true)", msg)
	}
	t.Skipf("skipped: %s", msg)
}

// LookPath returns the path of program, or calls Missing with install, which
// says how to install it.
func LookPath(t testing.TB, program, install string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err != nil {
		Missing(t, "%s is not installed (%s)", program, install)
	}
	return path
}
