// Package arch holds no code, only the import policy of the module and the
// test that keeps it true: one table (policy in arch_test.go) says, for every
// package, what of this module and which outside modules it may import, and
// whether it may start goroutines of its own rather than use
// internal/parallel. Hugo stays behind internal/site, fsnotify behind
// internal/watch, and the content model knows nothing of either. Checking
// imports with `go list` is cheap and stops the layering from eroding one
// convenient import at a time; the README's package table is checked
// against the same rows. As in Go's own table, only what a package's own
// files import is policed: its tests may import what they need (the site
// generator, testscript).
package arch
