// Package arch holds no code, only a test that keeps the architecture true:
// Hugo behind one package, fsnotify behind one package, a content model that
// knows nothing of either. Checking imports with `go list` is cheap and stops
// the layering from eroding one convenient import at a time.
package arch
