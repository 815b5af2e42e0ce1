package newsletter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textOut collects the blocks of a plain-text twin, separated by blank lines.
type textOut struct {
	width  int
	blocks [][]string
}

func (t *textOut) w() int {
	if t.width > 0 {
		return t.width
	}
	return textWidth
}

func (t *textOut) block(lines []string) {
	if len(lines) > 0 {
		t.blocks = append(t.blocks, lines)
	}
}

func (t *textOut) para(s string) { t.block(wrapText(s, t.w())) }

func (t *textOut) heading(s string, level int) { t.headingWidth(s, level, t.w()) }

// headingWidth marks headings the way plain-text mail does: the title underlined
// with =, sections with -, deeper levels with a leading ###.
func (t *textOut) headingWidth(s string, level, width int) {
	s = asTyped(strings.Join(strings.Fields(s), " "))
	switch level {
	case 2, 3:
		lines := wrapText(s, width)
		ch := "="
		if level == 3 {
			ch = "-"
		}
		t.block(append(lines, strings.Repeat(ch, min(width, maxRuneLen(lines)))))
	default:
		t.block(wrapText(strings.Repeat("#", level-1)+" "+s, width))
	}
}

func (t *textOut) lines() []string {
	var out []string
	for i, b := range t.blocks {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

// bytes is the lines joined by newlines, with a newline at the end.
func (t *textOut) bytes() []byte {
	n := 1
	for _, b := range t.blocks {
		n++
		for _, l := range b {
			n += len(l) + 1
		}
	}
	out := make([]byte, 0, n)
	for i, b := range t.blocks {
		for j, l := range b {
			if i > 0 && j == 0 {
				out = append(out, '\n')
			}
			if i > 0 || j > 0 {
				out = append(out, '\n')
			}
			out = append(out, l...)
		}
	}
	return append(out, '\n')
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func maxRuneLen(lines []string) int {
	n := 0
	for _, l := range lines {
		n = max(n, runeLen(l))
	}
	return n
}

// wrapText fills words into lines of at most width characters. Hard line
// breaks ("\n") are kept. A word is never broken, so an address longer than the
// line goes on a line of its own rather than being cut.
func wrapText(s string, width int) []string {
	width = max(width, 20)
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		// The line is para[from:to] while its words are one space apart there,
		// as they nearly always are; otherwise it is built in b.
		var b strings.Builder
		from, to, inPlace := 0, 0, true
		n := 0
		for i := 0; i < len(para); {
			if size := spaceAt(para, i); size > 0 {
				i += size
				continue
			}
			ws := i
			for i < len(para) && spaceAt(para, i) == 0 {
				_, size := utf8.DecodeRuneInString(para[i:])
				i += size
			}
			word := para[ws:i]
			wl := runeLen(word)
			if n > 0 && n+1+wl > width {
				out = append(out, line(para, from, to, inPlace, &b))
				n = 0
			}
			switch {
			case n == 0:
				from, to, inPlace = ws, i, true
			case inPlace && ws == to+1 && para[to] == ' ':
				to = i
				n++
			default:
				if inPlace {
					b.Reset()
					b.WriteString(para[from:to])
					inPlace = false
				}
				b.WriteByte(' ')
				b.WriteString(word)
				n++
			}
			n += wl
		}
		if n > 0 {
			out = append(out, line(para, from, to, inPlace, &b))
		}
	}
	return out
}

// line is a line of wrapText: para[from:to] or what was built in b.
func line(para string, from, to int, inPlace bool, b *strings.Builder) string {
	if inPlace {
		return para[from:to]
	}
	return b.String()
}

// spaceAt is the size of the white space (as strings.Fields sees it) at
// s[i], or 0.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		switch c {
		case '\t', '\n', '\v', '\f', '\r', ' ':
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}
