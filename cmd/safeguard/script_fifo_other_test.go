//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

// cmdMkfifo fails: this system has no named pipes. The scripts that use it
// begin with "[windows] skip".
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("mkfifo: this system has no named pipes")
}
