package newsletter

import (
	"strings"
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
	s = strings.Join(strings.Fields(s), " ")
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

func (t *textOut) bytes() []byte {
	return []byte(strings.Join(t.lines(), "\n") + "\n")
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
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			wl := runeLen(word)
			if n > 0 && n+1+wl > width {
				out = append(out, line.String())
				line.Reset()
				n = 0
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += wl
		}
		if n > 0 {
			out = append(out, line.String())
		}
	}
	return out
}
