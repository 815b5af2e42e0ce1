package content

import "unicode/utf8"

// The slow path of firstBad, written plainly as it was before it was made
// faster: the tests and FuzzSlowPaths hold firstBad to it on every input, as
// math/big's tests hold its assembly to addVV_g. Only they call it, so it is
// built with the tests alone. A change of behaviour must be made in both.

// firstBadSlow is firstBad looking at every byte, without the shortcut
// for the files that are fine.
func firstBadSlow(b []byte) (line, column int, nul, bad bool) {
	line, start := 1, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == '\n':
			line++
			start = i + size
		case r == 0:
			return line, utf8.RuneCount(b[start:i]) + 1, true, false
		case r == utf8.RuneError && size <= 1:
			return line, utf8.RuneCount(b[start:i]) + 1, false, true
		}
		i += size
	}
	return 0, 0, false, false
}
