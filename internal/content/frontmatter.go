package content

import (
	"bytes"
	"fmt"
	"strings"
	"unsafe"
)

// split is a file cut into its front matter tree and its body.
type split struct {
	fm       *val
	opener   int // line of the opening --- or +++
	body     string
	bodyLine int
	errs     []treeError
}

// splitFile separates front matter from body. b has no BOM, only \n line
// endings (normalizeEOL), is valid UTF-8 without NUL bytes, and must not
// change afterwards: the body shares it.
//
// The rule is deliberately narrower than any one reader's: the front matter
// opens with a line holding exactly --- (YAML) or +++ (TOML), after blank
// lines only, and closes at the next line holding exactly the same. Any line
// that one reader or another could take for a boundary and that is not
// exactly one (spaces or tabs around it, text after it such as ---yaml,
// "--- " or ----, YAML's ... document end, a second --- document, JSON
// front matter) is refused with its position. Readers disagree on exactly
// these lines (adrg/frontmatter trims spaces; Hugo's page lexer closes at
// any line starting with ---), and a disagreement would let one of them see
// fields the other did not check.
func splitFile(b []byte) split {
	line := 1
	rest := b
	next := func() (string, bool) {
		if len(rest) == 0 {
			return "", false
		}
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		return string(l), true
	}
	fail := func(line, col int, msg string) split {
		return split{errs: []treeError{{line: line, col: col, msg: msg}}}
	}
	var delim string
	for ; ; line++ {
		l, ok := next()
		if !ok {
			return fail(1, 0, "the file has no front matter (add front matter between --- lines at the top)")
		}
		t := strings.Trim(l, " \t")
		if t == "" {
			continue
		}
		col := indentCol(l)
		switch {
		case l == "---" || l == "+++":
			delim = l
		case t == "---" || t == "+++":
			return fail(line, col, fmt.Sprintf("the %s that opens the front matter has spaces or tabs around it (write %s alone at the start of the line)", t, t))
		case strings.HasPrefix(t, "---") || strings.HasPrefix(t, "+++"):
			return fail(line, col, fmt.Sprintf("the front matter must open with a line holding only %s, not %q (write %s alone on this line)", t[:3], t, t[:3]))
		case strings.HasPrefix(t, "{"):
			return fail(line, col, "JSON front matter is not supported (write the fields between --- lines, one name: value a line)")
		default:
			return fail(1, 0, "the file has no front matter (add front matter between --- lines at the top)")
		}
		break
	}
	opener := line
	start := len(b) - len(rest) // of the block
	name := "YAML"
	if delim == "+++" {
		name = "TOML"
	}
	for line++; ; line++ {
		lineStart := len(b) - len(rest)
		l, ok := next()
		if !ok {
			return split{opener: opener, errs: []treeError{{line: opener, col: 1, msg: "the front matter starting here is not closed (add a " + delim + " line after the last field)"}}}
		}
		if l == delim {
			data := b[start:lineStart]
			s := split{opener: opener, bodyLine: line + 1}
			if delim == "+++" {
				s.fm, s.errs = parseTOML(data, opener)
			} else {
				s.fm, s.errs = parseYAML(data, opener)
			}
			// The body shares b's memory instead of copying it (a tenth of a
			// cold load's allocations): b is never written again.
			body := b[len(b)-len(rest):]
			s.body = unsafe.String(unsafe.SliceData(body), len(body))
			return s
		}
		t := strings.TrimLeft(l, " \t")
		col := indentCol(l)
		switch {
		case strings.HasPrefix(t, "---") || strings.HasPrefix(t, "+++"):
			d := t[:3]
			if strings.Trim(t, " \t") == d {
				return split{opener: opener, errs: []treeError{{line: line, col: col, msg: fmt.Sprintf("this %s has spaces or tabs around it, so some programs end the front matter here and others do not (write %s alone at the start of the line)", d, d)}}}
			}
			return split{opener: opener, errs: []treeError{{line: line, col: col, msg: fmt.Sprintf("a line in the front matter starts with %s, which some programs take for its end (write %s alone on a line to end the front matter, or remove this line)", d, d)}}}
		case name == "YAML" && (t == "..." || strings.HasPrefix(t, "... ") || strings.HasPrefix(t, "...\t")):
			return split{opener: opener, errs: []treeError{{line: line, col: col, msg: "... ends the YAML early, so the fields after it would be lost (remove this line)"}}}
		}
	}
}

// indentCol is the 1-based column of the first character of l that is not a
// space or tab.
func indentCol(l string) int {
	return len(l) - len(strings.TrimLeft(l, " \t")) + 1
}

// normalizeEOL turns Windows (\r\n) and old Mac (\r) line endings into \n, so
// that every reader counts the same lines: Hugo ends a line at a lone \r,
// most other programs do not. It returns b itself when there is no \r.
func normalizeEOL(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			if i+1 < len(b) && b[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}
