package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/adrg/frontmatter"
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
// change afterwards.
//
// Two steps, one reading: gate refuses every ambiguous boundary with its
// position, then github.com/adrg/frontmatter cuts front matter and body. Once
// the gate has passed, the two agree by construction (TestSplitAgrees and
// FuzzSplit hold them to it); splitFile still checks that they did, so a
// future change to either refuses the file instead of reading it twice.
func splitFile(b []byte) split {
	bd, e := gate(b)
	if e != nil {
		return split{opener: bd.opener, errs: []treeError{*e}}
	}
	// adrg is given the file up to the end of the closing line only: it
	// copies what it reads, and a copy of every body would cost the loader
	// about half as much memory again. What it leaves after the closing
	// line must then be nothing.
	fm, rest, err := cut(b[:bd.bodyStart], bd.delim)
	if err != nil || !bytes.Equal(fm, b[bd.fmStart:bd.fmEnd]) || len(rest) != 0 {
		return split{opener: bd.opener, errs: []treeError{{line: bd.opener, col: 1, msg: "the front matter starting here could not be read the same way by every program (write --- alone on the first line and on the line after the last field)"}}}
	}
	s := split{opener: bd.opener, bodyLine: bd.bodyLine}
	if bd.delim == "+++" {
		s.fm, s.errs = parseTOML(fm, bd.opener)
	} else {
		s.fm, s.errs = parseYAML(fm, bd.opener)
	}
	// The body shares b, which must not change afterwards (see above).
	body := b[bd.bodyStart:]
	s.body = unsafe.String(unsafe.SliceData(body), len(body))
	return s
}

// fmFormats are the only front matter formats the project reads: YAML
// between --- lines and TOML between +++ lines. adrg's other defaults
// (---yaml, ---toml, ;;;, JSON) are left out; the gate refuses them anyway.
var fmFormats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", captureRaw),
	frontmatter.NewFormat("+++", "+++", captureRaw),
}

// captureRaw is the formats' unmarshaler: it keeps the front matter bytes
// as they are, so the position-aware tree decoding (parseYAML, parseTOML)
// reads them and every field keeps its line and column.
func captureRaw(data []byte, v any) error {
	*v.(*[]byte) = data
	return nil
}

// cut lets adrg/frontmatter split b, for a file the gate has accepted with
// delim. It returns the front matter bytes (between the delimiter lines) and
// the rest (after the closing line), both in adrg's copy of b.
func cut(b []byte, delim string) (fm, rest []byte, err error) {
	f := fmFormats[0]
	if delim == "+++" {
		f = fmFormats[1]
	}
	rest, err = frontmatter.MustParse(bytes.NewReader(b), &fm, f)
	return fm, rest, err
}

// boundary is where the gate found the front matter of a file it accepts:
// byte offsets into the file and 1-based lines.
type boundary struct {
	delim     string // --- or +++
	opener    int    // line of the opening delimiter
	fmStart   int    // first byte after the opening line
	fmEnd     int    // first byte of the closing line
	bodyStart int    // first byte after the closing line
	bodyLine  int    // line the body starts on
}

// gate is the strict boundary rule, deliberately narrower than any one
// reader's: the front matter opens with a line holding exactly --- (YAML) or
// +++ (TOML), after blank lines only, and closes at the next line holding
// exactly the same. Any line that one reader or another could take for a
// boundary and that is not exactly one (spaces, tabs or other white space
// around it, text after it such as ---yaml, "--- " or ----, YAML's ...
// document end, a second --- document, JSON front matter) is refused with
// its position. Readers disagree on exactly these lines (adrg/frontmatter
// trims white space; Hugo's page lexer closes at any line starting with
// ---), and a disagreement would let one of them see fields the other did
// not check. The boundary is returned with opener set even on error when
// the front matter had opened.
func gate(b []byte) (boundary, *treeError) {
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
	var bd boundary
	fail := func(line, col int, msg string) (boundary, *treeError) {
		return bd, &treeError{line: line, col: col, msg: msg}
	}
	for ; ; line++ {
		l, ok := next()
		if !ok {
			return fail(1, 0, "the file has no front matter (add front matter between --- lines at the top)")
		}
		if strings.Trim(l, " \t") == "" {
			continue
		}
		t := strings.TrimFunc(l, unicode.IsSpace)
		col := indentCol(l)
		switch {
		case l == "---" || l == "+++":
			bd.delim = l
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
	bd.opener = line
	bd.fmStart = len(b) - len(rest)
	delim := bd.delim
	for line++; ; line++ {
		lineStart := len(b) - len(rest)
		l, ok := next()
		if !ok {
			return fail(bd.opener, 1, "the front matter starting here is not closed (add a "+delim+" line after the last field)")
		}
		if l == delim {
			bd.fmEnd = lineStart
			bd.bodyStart = len(b) - len(rest)
			bd.bodyLine = line + 1
			return bd, nil
		}
		t := strings.TrimLeftFunc(l, unicode.IsSpace)
		col := indentCol(l)
		switch {
		case strings.HasPrefix(t, "---") || strings.HasPrefix(t, "+++"):
			d := t[:3]
			if strings.TrimFunc(t, unicode.IsSpace) == d {
				return fail(line, col, fmt.Sprintf("this %s has spaces or tabs around it, so some programs end the front matter here and others do not (write %s alone at the start of the line)", d, d))
			}
			return fail(line, col, fmt.Sprintf("a line in the front matter starts with %s, which some programs take for its end (write %s alone on a line to end the front matter, or remove this line)", d, d))
		case delim == "---" && (t == "..." || strings.HasPrefix(t, "... ") || strings.HasPrefix(t, "...\t")):
			return fail(line, col, "... ends the YAML early, so the fields after it would be lost (remove this line)")
		}
	}
}

// indentCol is the 1-based column (in characters) of the first character
// of l that is not white space.
func indentCol(l string) int {
	return utf8.RuneCountInString(l[:len(l)-len(strings.TrimLeftFunc(l, unicode.IsSpace))]) + 1
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
