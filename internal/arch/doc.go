// Package arch holds no code, only the import policy of the module and the
// test that keeps it true: the policy (in arch_test.go) states the packages
// in layers, as Go's go/build/deps_test.go states the standard library's,
// with negative rules beside them (only internal/site imports Hugo, only
// internal/watch fsnotify, site does not import check, nothing imports a
// command), and says which packages may start goroutines of their own
// rather than use internal/parallel. Checking imports with `go list` is
// cheap and stops the layering from eroding one convenient import at a
// time; the README's package table, which shows what each package imports,
// is checked against `go list` too. As in Go's own table, only what a
// package's own files import is policed: its tests may import what they
// need (the site generator, testscript).
package arch
