//go:build !unix

package regular

import "os"

// openFlags: elsewhere there are no named pipes to wait on; the type is
// checked on the open file.
const openFlags = os.O_RDONLY

func notRegularOpen(error) bool { return false }
