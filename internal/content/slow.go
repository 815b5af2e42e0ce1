package content

// The slow paths: splitFile and firstBad written plainly, as they were
// before they were made faster. They are kept beside the fast code, as
// math/big keeps addVV_g beside its assembly, so that the tests and the
// fuzz target FuzzSlowPaths can show the two agree on every input. Nothing
// else calls them. A change of behaviour must be made in both.

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
)

// splitFileSlow is splitFile reading the whole file through
// adrg/frontmatter, with no pooled reader and a copy of the body.
func splitFileSlow(b []byte) split {
	opener, delim := 0, ""
	line := 1
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if t := strings.TrimSpace(l); t != "" {
			if t == "---" || t == "+++" {
				opener, delim = line, t
			}
			break
		}
		line++
	}
	if opener == 0 {
		return split{errs: []treeError{{line: 1, msg: "the file has no front matter (add front matter between --- lines at the top)"}}}
	}
	s := split{opener: opener}
	called := false
	var data []byte
	unmarshal := func(parse func([]byte, int) (*val, []treeError)) frontmatter.UnmarshalFunc {
		return func(d []byte, _ any) error {
			called = true
			data = d
			s.fm, s.errs = parse(d, opener)
			return nil
		}
	}
	body, err := frontmatter.Parse(bytes.NewReader(b), nil,
		frontmatter.NewFormat("---", "---", unmarshal(parseYAML)),
		frontmatter.NewFormat("+++", "+++", unmarshal(parseTOML)))
	if err != nil || !called {
		return split{opener: opener, errs: []treeError{{line: opener, col: 1, msg: "the front matter starting here is not closed (add a " + delim + " line after the last field)"}}}
	}
	s.bodyLine = opener + bytes.Count(data, []byte("\n")) + 2
	s.body = strings.ReplaceAll(string(body), "\r\n", "\n")
	return s
}

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
