package main

import (
	"github.com/rogpeppe/go-internal/testscript"
)

// scriptSetup prepares each script's environment. Commands that need the
// repository's real content or theme find the module root in $REPO.
func scriptSetup(env *testscript.Env) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	env.Setenv("REPO", root)
	return nil
}

// scriptCmds are extra testscript commands shared by all scripts.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// serve: serve_script_test.go
		"waitfile": cmdWaitfile,
		"envfile":  cmdEnvfile,
		"httpget":  cmdHttpget,
		"edit":     cmdEdit,
		"mkfifo":   cmdMkfifo,
	}
}
