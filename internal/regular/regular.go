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
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Open opens the regular file name for reading, for a reader that needs
// only part of it (an image's header). Errors are as ReadFile's.
func Open(name string) (*os.File, error) {
	f, err := os.OpenFile(name, openFlags, 0)
	if err != nil {
		if notRegularOpen(err) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return f, nil
}
