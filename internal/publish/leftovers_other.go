//go:build !unix

package publish

// running cannot tell on this system, so every folder counts as in use and
// leftovers are never removed.
func running(int) bool { return true }
