package check

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"safeguard/internal/content"
)

// checkPlaceholders reports each content.Placeholder left in a page (safeguard
// new writes them where the writer has still to write), by the field it is
// in or as the text, so a half-written page is never published.
func (c *checker) checkPlaceholders(p *content.Page) {
	src := p.Source
	if !bytes.Contains(src, []byte(content.Placeholder)) {
		return
	}
	line := 1
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if i := bytes.Index(l, []byte(content.Placeholder)); i >= 0 {
			col := utf8.RuneCount(bytes.TrimPrefix(l[:i], []byte("\ufeff"))) + 1
			if line >= p.BodyLine {
				c.out.Errorf(p.Path, line, col, "placeholder", "the text still has the placeholder %s (write the page's text in its place)", content.Placeholder)
			} else {
				f := fieldAt(p, line)
				last := f[strings.LastIndexByte(f, '.')+1:]
				c.out.Errorf(p.Path, line, col, "placeholder", "%s still has the placeholder %s (write the %s in its place)", f, content.Placeholder, strings.ReplaceAll(last, "_", " "))
			}
		}
		line++
	}
}

// fieldAt names the front matter field written on or above line, the
// innermost when several start there.
func fieldAt(p *content.Page, line int) string {
	best, bestLine := "a field", 0
	for name, pos := range p.Fields {
		if pos.Line <= line && (pos.Line > bestLine || pos.Line == bestLine && len(name) > len(best)) {
			best, bestLine = name, pos.Line
		}
	}
	return best
}
