package content

import (
	"io/fs"
	"syscall"
	"time"
)

// fastDisk says readDisk is used for files on disk: os.Open registers every
// file with the network poller (five system calls that fail for regular
// files), which at 10,000 files costs more than parsing them.
const fastDisk = true

// readDisk reads a regular file with open, fstat, read and close, and
// returns the size and modification time of the open file. Errors are
// *fs.PathError, as from os.ReadFile; anything but a regular file (a
// FIFO, socket, device, folder or symbolic link) is errNotRegular, found
// without blocking.
func readDisk(name string) ([]byte, int64, time.Time, error) {
	var fd int
	err := retry(func() (err error) {
		// O_NONBLOCK: opening a FIFO put in place of the file since the
		// walk returns at once instead of waiting for a writer; O_NOFOLLOW:
		// a symbolic link put there is refused, not followed.
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
		return err
	})
	if err != nil {
		if err == syscall.ELOOP {
			err = errNotRegular
		}
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := retry(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, 0, time.Time{}, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	if st.Size > maxFileSize {
		return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: errTooLarge}
	}
	b := make([]byte, 0, st.Size+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		var n int
		err := retry(func() (err error) {
			n, err = syscall.Read(fd, b[len(b):cap(b)])
			return err
		})
		if err != nil {
			return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n <= 0 {
			return b, st.Size, time.Unix(st.Mtim.Unix()), nil
		}
		b = b[:len(b)+n]
		if len(b) > maxFileSize { // it grew while being read
			return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: name, Err: errTooLarge}
		}
	}
}

// retry repeats a system call interrupted by a signal, as package os does.
func retry(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
