//go:build !unix

package site

import "os"

// openFlags: elsewhere there are no named pipes to wait on; files are
// checked with Lstat before they are opened.
const openFlags = os.O_RDONLY
