package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// The Unicode isolates that mark a left-to-right run inside right-to-left
// text: LRI opens it, PDI closes it. The text twin carries them as they are;
// the web page and the fragment turn each pair into <span dir="ltr">.
const (
	LRI = "\u2066"
	PDI = "\u2069"
)

// ltrRunRe is a left-to-right run that a right-to-left paragraph would lay
// out in the wrong order: groups of Latin letters and digits joined by
// spaces or the punctuation of numbers and postcodes ("0800 011 3764",
// "+44 20 7332 3808", "EC2V 7HH", "call 101"). In a right-to-left paragraph
// the spaces between digit groups take the paragraph's direction, so
// "0800 011 3764" shows as "3764 011 0800"; isolated, the run keeps its
// order. A single group ("999") needs nothing.
var ltrRunRe = regexp.MustCompile(`[+(]?[0-9A-Za-z]+(?:[ .\-/()]+[0-9A-Za-z]+)+\)?`)

// LTRRuns returns the byte ranges of text to isolate: the runs of ltrRunRe
// that hold a digit (words alone keep their order: their letters are
// strongly left to right).
func LTRRuns(text []byte) [][2]int {
	var out [][2]int
	for _, m := range ltrRunRe.FindAllIndex(text, -1) {
		for _, c := range text[m[0]:m[1]] {
			if c >= '0' && c <= '9' {
				out = append(out, [2]int{m[0], m[1]})
				break
			}
		}
	}
	return out
}

// RightToLeft reports whether the text of n reads right to left: the dir
// or lang of the nearest block around it that has either ({lang="ar"}), or
// else the page's own direction (pageDir, from Direction of its language).
func RightToLeft(n ast.Node, pageDir string) bool {
	lang, dir := Language(n)
	switch {
	case dir == "rtl" || dir == "ltr":
		return dir == "rtl"
	case lang != "":
		return Direction(lang) == "rtl"
	}
	return pageDir == "rtl"
}

// MayNeedIsolates is a cheap test that a body could hold right-to-left text
// with numbers, before it is parsed for IsolateRuns: a page in a
// right-to-left language, or one whose attributes name a language or a
// direction ({lang="ar"}), with digits. Most pages are neither, and are not
// parsed again.
func MayNeedIsolates(body string, pageDir string) bool {
	if !strings.ContainsAny(body, "0123456789") {
		return false
	}
	return pageDir == "rtl" || strings.Contains(body, "lang=") || strings.Contains(body, "dir=")
}

// IsolateRuns returns body with LRI and PDI around every left-to-right run
// of digits (LTRRuns) in the text of right-to-left blocks; the text inside
// code, links' addresses and shortcodes is left alone. The website is built
// from the result (its templates turn each pair into <span dir="ltr">), so
// it reads the run as the newsletter does.
func IsolateRuns(body string, scs []Shortcode, pageDir string) string {
	if !MayNeedIsolates(body, pageDir) {
		return body
	}
	d := ParseBody(body, scs)
	var at [][2]int
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink, *ast.Image:
			// An image's text is its alt attribute, where no element can go.
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !RightToLeft(n, pageDir) || isText(n.PreviousSibling()) {
				return ast.WalkContinue, nil
			}
			// The text nodes of one line together: goldmark splits text
			// where an extension looked for syntax (at spaces, for bare
			// links), and a phone number must be seen whole.
			seg := n.Segment
			for t := n; !t.SoftLineBreak() && !t.HardLineBreak(); {
				next, ok := t.NextSibling().(*ast.Text)
				if !ok || next.Segment.Start != t.Segment.Stop {
					break
				}
				t = next
				seg.Stop = t.Segment.Stop
			}
			for _, r := range LTRRuns(d.Src[seg.Start:seg.Stop]) {
				// A run touching a shortcode's placeholder is not text.
				if i := d.Overlapping(seg.Start + r[0]); i < len(d.Shortcodes) && d.Shortcodes[i].Start < seg.Start+r[1] {
					continue
				}
				at = append(at, [2]int{seg.Start + r[0], seg.Start + r[1]})
			}
		}
		return ast.WalkContinue, nil
	})
	if len(at) == 0 {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + len(at)*(len(LRI)+len(PDI)))
	prev := 0
	for _, r := range at {
		b.WriteString(body[prev:r[0]])
		b.WriteString(LRI)
		b.WriteString(body[r[0]:r[1]])
		b.WriteString(PDI)
		prev = r[1]
	}
	b.WriteString(body[prev:])
	return b.String()
}

// isText reports whether n is a text node that follows on the same line from
// the one before it (IsolateRuns read it with that one).
func isText(n ast.Node) bool {
	t, ok := n.(*ast.Text)
	if !ok || t.SoftLineBreak() || t.HardLineBreak() {
		return false
	}
	next, ok := t.NextSibling().(*ast.Text)
	return ok && next.Segment.Start == t.Segment.Stop
}

// Isolate writes text with LRI and PDI around its runs (LTRRuns), for the
// text twin.
func Isolate(text string) string {
	runs := LTRRuns([]byte(text))
	if len(runs) == 0 {
		return text
	}
	var b strings.Builder
	prev := 0
	for _, r := range runs {
		b.WriteString(text[prev:r[0]] + LRI + text[r[0]:r[1]] + PDI)
		prev = r[1]
	}
	b.WriteString(text[prev:])
	return b.String()
}
