package content

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// servedSource is the page file as the website builder is given it: front
// matter written again from the tree the loader checked, between --- lines,
// then the body exactly as the model holds it.
//
// The writer's own front matter never reaches the builder. Another YAML or
// TOML reader could read the same bytes differently (yes as true, a merge
// key, a duplicate field, a boundary line with spaces around it); written
// from the checked tree, in one form every YAML reader reads alike (every
// key and text in double quotes, one field a line, no anchors, no tags), it
// can only hold the fields and values the loader validated.
func servedSource(fm *val, body string) []byte {
	var b strings.Builder
	b.Grow(len(body) + 512)
	b.WriteString("---\n")
	for _, e := range fm.keys {
		writeQuoted(&b, e.key)
		b.WriteString(": ")
		writeVal(&b, e.val)
		b.WriteByte('\n')
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return []byte(b.String())
}

// plainTimestamp is a date, or a date and time, that every YAML reader takes
// as the same timestamp; other timestamps are written as text.
var plainTimestamp = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$`)

var decimalRE = regexp.MustCompile(`^[+-]?[0-9]+$`)

// writeVal writes v in YAML flow style (JSON with YAML's scalars). A value
// the checks read as text is written as text whatever it looks like (a
// title of yes, 0x10 or 2020-01-01 stays those characters); numbers, true
// and false and dates are written in the one form every reader agrees on.
func writeVal(b *strings.Builder, v *val) {
	switch v.kind {
	case mapVal:
		b.WriteByte('{')
		for i, e := range v.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeQuoted(b, e.key)
			b.WriteString(": ")
			writeVal(b, e.val)
		}
		b.WriteByte('}')
		return
	case listVal:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeVal(b, it)
		}
		b.WriteByte(']')
		return
	}
	switch {
	case v.asText:
	case v.tag == "null":
		b.WriteString("null")
		return
	case v.tag == "bool":
		if t, err := strconv.ParseBool(v.text); err == nil {
			b.WriteString(strconv.FormatBool(t))
			return
		}
	case v.tag == "int" && decimalRE.MatchString(v.text):
		if n, err := strconv.ParseInt(v.text, 10, 64); err == nil {
			b.WriteString(strconv.FormatInt(n, 10))
			return
		}
	case v.tag == "timestamp" && plainTimestamp.MatchString(v.text):
		b.WriteString(v.text)
		return
	}
	writeQuoted(b, v.text)
}

// writeQuoted writes s as a YAML double-quoted scalar that is also a JSON
// string: only ", \ and control characters are escaped.
func writeQuoted(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == utf8.RuneError:
			b.WriteString(`\u`)
			for sh := 12; sh >= 0; sh -= 4 {
				b.WriteByte(hex[r>>sh&0xf])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
