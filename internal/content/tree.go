package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// A val is one front matter value with where it was written. YAML and TOML
// are both turned into this one tree so that the field checks are written once
// and every message can carry a line and column.
type val struct {
	kind valKind
	tag  string // for scalars: "str", "int", "float", "bool", "null", "timestamp", or "invalid" (already reported)
	text string // for scalars: the value as written (unquoted)
	pos  Pos    // of the value
	// asText says the checks read this scalar as text, so the page is
	// served to the website builder with it as text (servedSource).
	asText bool
	keys   []entry
	items  []*val
}

type valKind int

const (
	scalarVal valKind = iota
	mapVal
	listVal
)

type entry struct {
	key    string
	keyPos Pos
	val    *val
}

// itemsOrNil returns a list's items; nil for anything else, nil included.
func (v *val) itemsOrNil() []*val {
	if v == nil || v.kind != listVal {
		return nil
	}
	return v.items
}

func (v *val) describe() string {
	switch v.kind {
	case mapVal:
		return "a group of fields"
	case listVal:
		return "a list"
	}
	if v.tag == "null" {
		return "empty"
	}
	return strconv.Quote(v.text)
}

// treeError is a syntax problem in a front matter block or site.yaml, with
// the line (and column when known) relative to the block.
type treeError struct {
	line, col int
	msg       string
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML turns a YAML document into a val tree. lineOffset is added to
// every line (the lines before the block in the file).
func parseYAML(data []byte, lineOffset int) (*val, []treeError) {
	if e, ok := controlChar(data, lineOffset); ok {
		return nil, []treeError{e}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			// For "did not find expected ..." the YAML library gives the
			// line where the unclosed list or group starts, counted from 0.
			// An unclosed [ or {: the YAML library names the line before
			// it or the line itself, depending on what follows. Point at
			// the bracket when one of the two holds one that is not closed.
			if strings.HasPrefix(msg, "did not find expected") {
				col := 0
				for _, l := range []int{line, line + 1} {
					if c := unclosedBracket(lineOf(data, l)); c > 0 {
						line, col = l, c
						break
					}
				}
				if col > 0 {
					return nil, []treeError{{line: line + lineOffset, col: col, msg: "the [ or { on this line is not closed (add the ] or } after the last item, or put the text in quotes)"}}
				}
			}
			// A problem at the end of the block is on its last line.
			lines := bytes.Count(data, []byte("\n"))
			if len(data) > 0 && data[len(data)-1] != '\n' {
				lines++
			}
			line = max(1, min(line, lines))
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		if line > 0 {
			if l := lineOf(data, line); strings.HasPrefix(l, "\t") {
				return nil, []treeError{{line: line + lineOffset, col: 1, msg: "this line starts with a tab (indent with spaces, not tabs)"}}
			}
			line += lineOffset
		} else {
			// No line given: point at the start of the block.
			line = max(lineOffset, 1)
		}
		return nil, []treeError{{line: line, msg: fmt.Sprintf("the front matter is not valid YAML: %s (check the quotes, colons and indentation on this line)", msg)}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &val{kind: mapVal, pos: Pos{lineOffset + 1, 1}}, nil
	}
	var errs []treeError
	v := fromYAML(doc.Content[0], lineOffset, &errs, 0)
	controlInTree(v, &errs)
	return v, errs
}

func fromYAML(n *yaml.Node, off int, errs *[]treeError, depth int) *val {
	pos := Pos{n.Line + off, n.Column}
	if depth > 50 {
		*errs = append(*errs, treeError{line: pos.Line, col: pos.Col, msg: "the front matter is nested too deeply (write it as simple fields)"})
		return &val{kind: scalarVal, tag: "invalid", pos: pos}
	}
	switch n.Kind {
	case yaml.AliasNode:
		*errs = append(*errs, treeError{line: pos.Line, col: pos.Col, msg: "aliases (*name) are not supported (write the value out in full)"})
		return &val{kind: scalarVal, tag: "invalid", pos: pos}
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &val{kind: scalarVal, tag: "null", pos: pos}
		}
		return fromYAML(n.Content[0], off, errs, depth+1)
	case yaml.MappingNode:
		v := &val{kind: mapVal, pos: pos}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, kv := n.Content[i], n.Content[i+1]
			kp := Pos{k.Line + off, k.Column}
			if k.Kind != yaml.ScalarNode {
				*errs = append(*errs, treeError{line: kp.Line, col: kp.Col, msg: "a field name must be a plain word (write name: value)"})
				continue
			}
			v.keys = append(v.keys, entry{key: k.Value, keyPos: kp, val: fromYAML(kv, off, errs, depth+1)})
		}
		return v
	case yaml.SequenceNode:
		v := &val{kind: listVal, pos: pos}
		for _, c := range n.Content {
			v.items = append(v.items, fromYAML(c, off, errs, depth+1))
		}
		return v
	}
	v := &val{kind: scalarVal, text: n.Value, pos: pos}
	switch t := n.ShortTag(); t {
	case "!!str":
		v.tag = "str"
	case "!!int":
		v.tag = "int"
	case "!!float":
		v.tag = "float"
	case "!!bool":
		v.tag = "bool"
	case "!!null":
		v.tag = "null"
	case "!!timestamp":
		v.tag = "timestamp"
	default:
		*errs = append(*errs, treeError{line: pos.Line, col: pos.Col, msg: fmt.Sprintf("the tag %s is not supported (remove it)", t)})
		v.tag = "invalid"
	}
	return v
}

// parseTOML turns a TOML block into a val tree. The TOML library gives no
// positions for keys, so they are found by reading the lines (tomlPositions).
func parseTOML(data []byte, lineOffset int) (*val, []treeError) {
	if e, ok := controlChar(data, lineOffset); ok {
		return nil, []treeError{e}
	}
	if e, ok := tomlDepth(data, lineOffset); ok {
		return nil, []treeError{e}
	}
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if line > 0 {
				line += lineOffset
			}
			return nil, []treeError{{line: line, col: 0, msg: fmt.Sprintf("the front matter is not valid TOML: %s (check the quotes and = signs on this line)", pe.Message)}}
		}
		return nil, []treeError{{line: lineOffset + 1, msg: fmt.Sprintf("the front matter is not valid TOML: %v (check the quotes and = signs)", err)}}
	}
	keyPos, valPos := tomlPositions(data, lineOffset)
	order := map[string]int{}
	for i, k := range md.Keys() {
		s := strings.Join(k, ".")
		if _, ok := order[s]; !ok {
			order[s] = i
		}
	}
	root := Pos{lineOffset + 1, 1}
	v := fromTOML(m, "", root, keyPos, valPos, order)
	var errs []treeError
	controlInTree(v, &errs)
	return v, errs
}

func fromTOML(x any, path string, at Pos, keyPos, valPos map[string]Pos, order map[string]int) *val {
	if p, ok := valPos[path]; ok && path != "" {
		at = p
	}
	switch t := x.(type) {
	case map[string]any:
		v := &val{kind: mapVal, pos: at}
		for k, c := range t {
			cp := join(path, k)
			kp, ok := keyPos[cp]
			if !ok {
				kp = at
			}
			v.keys = append(v.keys, entry{key: k, keyPos: kp, val: fromTOML(c, cp, kp, keyPos, valPos, order)})
		}
		// Map order is random: put the keys back in the order they were written.
		sortEntries(v.keys, path, order)
		return v
	case []map[string]any:
		v := &val{kind: listVal, pos: at}
		for i, c := range t {
			v.items = append(v.items, fromTOML(c, join(path, strconv.Itoa(i)), at, keyPos, valPos, order))
		}
		return v
	case []any:
		v := &val{kind: listVal, pos: at}
		for i, c := range t {
			v.items = append(v.items, fromTOML(c, join(path, strconv.Itoa(i)), at, keyPos, valPos, order))
		}
		return v
	case string:
		return &val{kind: scalarVal, tag: "str", text: t, pos: at}
	case int64:
		return &val{kind: scalarVal, tag: "int", text: strconv.FormatInt(t, 10), pos: at}
	case float64:
		return &val{kind: scalarVal, tag: "float", text: strconv.FormatFloat(t, 'g', -1, 64), pos: at}
	case bool:
		return &val{kind: scalarVal, tag: "bool", text: strconv.FormatBool(t), pos: at}
	case time.Time:
		var s string
		switch t.Location().String() {
		case "date-local":
			s = t.Format("2006-01-02")
		case "datetime-local":
			if t.Second() == 0 && t.Nanosecond() == 0 {
				s = t.Format("2006-01-02T15:04")
			} else {
				s = t.Format("2006-01-02T15:04:05")
			}
		case "time-local":
			s = t.Format("15:04:05")
		default:
			s = t.Format(time.RFC3339)
		}
		return &val{kind: scalarVal, tag: "timestamp", text: s, pos: at}
	}
	return &val{kind: scalarVal, tag: "null", pos: at}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func sortEntries(es []entry, path string, order map[string]int) {
	rank := func(e entry) int {
		if r, ok := order[join(path, e.key)]; ok {
			return r
		}
		return 1 << 30
	}
	// Insertion sort: front matter maps are small.
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && (rank(es[j]) < rank(es[j-1]) || rank(es[j]) == rank(es[j-1]) && es[j].key < es[j-1].key); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// tomlPositions finds where keys were written by reading the lines: table
// headers ([a], [[a]]) set the current table, "key = value" lines name a key
// in it, and inline tables on one line ({k = v}) name keys inside. It returns
// key and value positions by dotted path ("phones.0.number").
func tomlPositions(data []byte, lineOffset int) (keys, vals map[string]Pos) {
	keys, vals = map[string]Pos{}, map[string]Pos{}
	table := ""
	arrays := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		ln := lineOffset + 1 + i
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := utf8.RuneCountInString(line[:len(line)-len(strings.TrimLeft(line, " \t"))])
		if strings.HasPrefix(trimmed, "[[") {
			name := tomlKey(strings.TrimSpace(strings.Trim(trimmed[2:], "] \t")))
			n := arrays[name]
			arrays[name] = n + 1
			table = join(name, strconv.Itoa(n))
			if n == 0 {
				keys[name] = Pos{ln, indent + 1}
			}
			keys[table] = Pos{ln, indent + 1}
			vals[table] = Pos{ln, indent + 1}
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				continue
			}
			table = tomlKey(strings.TrimSpace(trimmed[1:end]))
			keys[table] = Pos{ln, indent + 1}
			vals[table] = Pos{ln, indent + 1}
			continue
		}
		inlineKeys(line, ln, 0, table, keys, vals)
	}
	return keys, vals
}

// inlineKeys records "k = v" pairs in s (a line, or the inside of an inline
// table starting at byte start) under the table prefix.
func inlineKeys(line string, ln, start int, prefix string, keys, vals map[string]Pos) {
	i := start
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == ',') {
			i++
		}
		if i >= len(line) || line[i] == '}' || line[i] == '#' {
			return
		}
		eq := indexUnquoted(line[i:], '=')
		if eq < 0 {
			return
		}
		key := tomlKey(strings.TrimSpace(line[i : i+eq]))
		path := join(prefix, key)
		keys[path] = Pos{ln, col(line, i)}
		j := i + eq + 1
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		vals[path] = Pos{ln, col(line, j)}
		if j < len(line) && line[j] == '{' {
			inlineKeys(line, ln, j+1, path, keys, vals)
		}
		if start == 0 {
			return
		}
		// Skip to the next comma at this depth.
		k := skipValue(line, j)
		if k <= i {
			return
		}
		i = k
	}
}

// skipValue returns the index just after the value starting at i, stopping at
// a top-level comma or closing brace.
func skipValue(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch c := s[i]; c {
		case '"', '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
		case ',':
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return i
}

func indexUnquoted(s string, c byte) int {
	var q byte
	for i := 0; i < len(s); i++ {
		switch {
		case q != 0 && s[i] == q:
			q = 0
		case q != 0:
		case s[i] == '"' || s[i] == '\'':
			q = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

func tomlKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// col turns a byte index in line into a 1-based column counted in characters.
func col(line string, i int) int {
	if i > len(line) {
		i = len(line)
	}
	return utf8.RuneCountInString(line[:i]) + 1
}

// firstBad finds the first NUL or non-UTF-8 byte: its 1-based line and column
// (in characters) and which problem it is.
func firstBad(b []byte) (line, column int, nul, bad bool) {
	// Nearly every file is fine: say so at the speed of utf8.Valid.
	if bytes.IndexByte(b, 0) < 0 && utf8.Valid(b) {
		return 0, 0, false, false
	}
	line, start := 1, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\n' {
			line++
			i++
			start = i
			continue
		}
		if c == 0 {
			return line, utf8.RuneCount(b[start:i]) + 1, true, false
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, utf8.RuneCount(b[start:i]) + 1, false, true
		}
		i += size
	}
	return 0, 0, false, false
}

var bom = []byte("\xef\xbb\xbf")

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }

// controlChar finds an invisible control character (other than tab and line
// endings), which YAML and TOML refuse with a message that names no column.
func controlChar(data []byte, lineOffset int) (treeError, bool) {
	line, start := 1, 0
	for i, c := range data {
		switch {
		case c == '\n':
			line++
			start = i + 1
		case c < 0x20 && c != '\t' && c != '\r' || c == 0x7f || c == 0xc2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9f:
			r := rune(c)
			if c == 0xc2 {
				r = rune(data[i+1])
			}
			return treeError{line: line + lineOffset, col: utf8.RuneCount(data[start:i]) + 1,
				msg: fmt.Sprintf("the front matter contains an invisible control character (U+%04X) (delete it and type the text again)", r)}, true
		}
	}
	return treeError{}, false
}

// unclosedBracket returns the column of the first [ or { in l, outside
// quotes, that is not closed on the line; 0 when there is none.
func unclosedBracket(l string) int {
	var open []int
	var q rune
	col := 0
	for _, r := range l {
		col++
		switch {
		case q != 0:
			if r == q {
				q = 0
			}
		case r == '"' || r == '\'':
			q = r
		case r == '[' || r == '{':
			open = append(open, col)
		case (r == ']' || r == '}') && len(open) > 0:
			open = open[:len(open)-1]
		case r == '#' && (col == 1 || strings.ContainsRune(" \t", rune(l[col-2]))):
			return firstOr0(open)
		}
	}
	return firstOr0(open)
}

func firstOr0(s []int) int {
	if len(s) == 0 {
		return 0
	}
	return s[0]
}

// lineOf returns line n (1-based) of data.
func lineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}
