//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// running reports whether a process with this id exists on this machine.
// Signal 0 checks without sending anything; EPERM means it exists but
// belongs to someone else.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
