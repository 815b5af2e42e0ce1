package regular

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is the error for anything but a regular file: a named pipe,
// a socket, a device, a folder or a symbolic link.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads the regular file name. Errors are *fs.PathError; one for a
// file of another kind wraps ErrNotRegular, found without blocking.
func ReadFile(name string) ([]byte, error) {
	f, err := os.OpenFile(name, openFlags, 0)
	if err != nil {
		if notRegularOpen(err) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return io.ReadAll(f)
}
