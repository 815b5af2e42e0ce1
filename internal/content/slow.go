package content

// The slow paths: firstBad written plainly, as it was
// before it was made faster. It is kept beside the fast code, as
// math/big keeps addVV_g beside its assembly, so that the tests and the
// fuzz target FuzzSlowPaths can show the two agree on every input. Nothing
// else calls them. A change of behaviour must be made in both.

import "unicode/utf8"

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
