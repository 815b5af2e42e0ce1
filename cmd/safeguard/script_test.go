package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run this binary as the `safeguard` command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"safeguard": func() {
			os.Exit(run(os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
		},
	})
}

// TestScript runs every testdata/script/*.txtar: one behaviour of one command each.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: false,
		Setup:               scriptSetup,
		Cmds:                scriptCmds(),
	})
}
