package content

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxDepth is how deeply front matter may nest (lists in lists, groups in
// groups) and how deeply Markdown may nest lists and block quotes. Real pages
// use three or four levels; the parsers' time and memory grow with the
// square of the depth (60,000 nested TOML arrays took 3.7 GB, 100,000
// nested list items 20 s), so the limit is checked by a cheap scan before
// any parser sees the text.
const maxDepth = 50

// maxBrackets is how many [ one paragraph may hold; no real one comes near.
const maxBrackets = 1000

// tomlDepth scans a TOML block for [ and { nested more than maxDepth deep,
// counting the dots of dotted keys on the same line as levels too, outside
// strings and comments, and reports where the limit is passed. It
// reads TOML's lexical rules only (strings, literal strings, their
// multi-line forms, comments), so it is linear and cannot be made to recurse.
func tomlDepth(data []byte, lineOffset int) (treeError, bool) {
	depth, dots := 0, 0
	line, lineStart := 1, 0
	tooDeep := func(i int) treeError {
		return treeError{line: line + lineOffset, col: utf8.RuneCount(data[lineStart:i]) + 1,
			msg: fmt.Sprintf("the front matter is nested more than %d levels deep (write it as simple fields)", maxDepth)}
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
			lineStart = i + 1
			dots = 0
		case '.':
			// A dotted key (a.b.c = 1, [a.b.c]) nests as deeply as brackets
			// do, and costs the TOML library as much (10,000 parts: 25 s).
			dots++
			if depth+dots > maxDepth {
				return tooDeep(i), true
			}
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			triple := i+2 < len(data) && data[i+1] == c && data[i+2] == c
			if triple {
				i += 3
				for i < len(data) {
					if data[i] == '\\' && c == '"' {
						if i+1 < len(data) && data[i+1] == '\n' {
							line++
							lineStart = i + 2
						}
						i += 2
						continue
					}
					if data[i] == c && i+2 < len(data) && data[i+1] == c && data[i+2] == c {
						// Up to two more quotes belong to the string.
						i += 2
						for i+1 < len(data) && data[i+1] == c {
							i++
						}
						break
					}
					if data[i] == '\n' {
						line++
						lineStart = i + 1
					}
					i++
				}
				continue
			}
			for i++; i < len(data) && data[i] != c && data[i] != '\n'; i++ {
				if data[i] == '\\' && c == '"' {
					i++
				}
			}
			if i < len(data) && data[i] == '\n' {
				i-- // the newline is counted by the loop
			}
		case '[', '{':
			depth++
			if depth+dots > maxDepth {
				return tooDeep(i), true
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return treeError{}, false
}

// checkBody refuses what no page body needs and what would cost the Markdown
// parsers dearly: invisible control characters (an escape sequence can
// retitle a terminal or hide text), and lists or block quotes nested more
// than maxDepth deep. body starts at line bodyLine of the file and has only
// \n line endings. Nesting is over-estimated from each line's start (its
// indentation counts one level per two columns, then one level per list
// marker or >), which no real page comes near, so the scan stays linear.
func checkBody(body string, bodyLine int) []posErr {
	// Nearly every body is fine: say so with whole-body scans, and look
	// byte by byte (checkBodySlow) only when one of them finds a suspect.
	if bodyFine(body) {
		return nil
	}
	return checkBodySlow(body, bodyLine)
}

// suspect marks the bytes that can start a character checkBody refuses:
// C0 controls other than tab and line feed, DEL, and 0xC2, the first byte
// of U+0080 to U+009F (and of common letters such as £ and the no-break
// space, so the byte after it decides).
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// bodyFine reports whether checkBodySlow would find nothing in body. It may
// say false for a body that is fine (the slow path then decides), never true
// for one that is not.
func bodyFine(body string) bool {
	// No paragraph can hold more [ than the whole body.
	if strings.Count(body, "[") > maxBrackets {
		return false
	}
	for i := 0; i < len(body); i++ {
		if c := body[i]; suspect[c] && (c != 0xc2 || i+1 < len(body) && body[i+1] >= 0x80 && body[i+1] <= 0x9f) {
			return false
		}
	}
	for s := body; ; {
		if s != "" && markerStart[s[0]] {
			if d, _ := lineDepth(s); d > maxDepth {
				return false
			}
		}
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return true
		}
		s = s[j+1:]
	}
}

// markerStart marks the bytes a line must start with for lineDepth to count
// more than zero: indentation, > or a list marker.
var markerStart = func() (t [256]bool) {
	for _, c := range " \t>-*+0123456789" {
		t[c] = true
	}
	return t
}()

func controlErr(line, col int, r rune) posErr {
	return posErr{Pos{line, col}, fmt.Sprintf("the text contains an invisible control character (U+%04X) (delete it and type the text again)", r)}
}

// lineDepth over-estimates how many lists and block quotes the line starting
// s opens or continues, and where the marker that passes maxDepth is.
func lineDepth(s string) (depth, at int) {
	cols, i := 0, 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		if s[i] == '\t' {
			cols += 4 - cols%4
		} else {
			cols++
		}
		i++
	}
	markers := 0
	defer func() {
		if markers == 0 {
			depth, at = 0, 0
		}
	}()
	depth = cols / 2
	for i < len(s) {
		at = i
		switch c := s[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' && s[i+1] != '\n' {
				return depth + markers, at
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && j-i < 10 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j >= len(s) || s[j] != '.' && s[j] != ')' || j+1 < len(s) && s[j+1] != ' ' && s[j+1] != '\t' && s[j+1] != '\n' {
				return depth + markers, at
			}
			i = j + 1
		default:
			return depth + markers, at
		}
		markers++
		if depth+markers > maxDepth {
			return depth + markers, at
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	return depth + markers, at
}

// controlInTree finds the first key or text in v holding a control character
// other than tab and line feed: written as an escape such as "\u001b" in
// YAML or TOML, it would reach the pages as a raw control byte.
func controlInTree(v *val, errs *[]treeError) bool {
	check := func(s string, at Pos) bool {
		for _, r := range s {
			if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f {
				*errs = append(*errs, treeError{line: at.Line, col: at.Col,
					msg: fmt.Sprintf("this value holds an invisible control character (U+%04X), perhaps written as the escape \\u%04x (remove it)", r, r)})
				return true
			}
		}
		return false
	}
	if v == nil {
		return false
	}
	switch v.kind {
	case mapVal:
		for _, e := range v.keys {
			if check(e.key, e.keyPos) || controlInTree(e.val, errs) {
				return true
			}
		}
	case listVal:
		for _, it := range v.items {
			if controlInTree(it, errs) {
				return true
			}
		}
	default:
		return check(v.text, v.pos)
	}
	return false
}
