//go:build unix

package regular

import (
	"errors"
	"os"
	"syscall"
)

// openFlags open a file without following a final symbolic link and
// without waiting: opening a named pipe for reading would otherwise block
// until something writes to it, deaf to signals.
const openFlags = os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// notRegularOpen reports whether open failed because the name is a
// symbolic link (O_NOFOLLOW).
func notRegularOpen(err error) bool { return errors.Is(err, syscall.ELOOP) }
