package check

import (
	"strings"

	"safeguard/internal/content"
)

// ruleUnsafeLink is the rule name of a link or image whose address runs
// script or opens something other than a web page. It cannot be switched
// off: such a link is never what a writer means on a safeguarding site.
const ruleUnsafeLink = "unsafe-link"

// unsafeWhy says what a scheme does, for the message.
func unsafeWhy(scheme string) string {
	switch scheme {
	case "data":
		return "a data: address holds a whole file or page inside the link, which can run script"
	case "file":
		return "a file: address points at a file on the reader's own computer"
	}
	return "a " + scheme + ": address runs a program in the reader's browser"
}

// checkUnsafeLinks reports links, images and link-like text whose address
// uses an unsafe scheme, in any of Markdown's forms: inline, reference,
// autolink (<javascript:…>) and angle brackets with spaces (< javascript:…>).
func (c *checker) checkUnsafeLinks(p *content.Page, m *bodySummary) {
	for _, l := range m.links {
		if s := content.UnsafeScheme(l.dest); s != "" {
			line, col := m.at(l.off)
			c.out.Errorf(p.Path, line, col, ruleUnsafeLink, "the link %s is not allowed: %s (link to a page with https:// or /section/page/, or remove the link)", short(l.dest, 50), unsafeWhy(s))
		}
	}
	for _, im := range m.images {
		if s := content.UnsafeScheme(im.dest); s != "" {
			line, col := m.at(im.off)
			c.out.Errorf(p.Path, line, col, ruleUnsafeLink, "the image address %s is not allowed: %s (put the image file in the page's folder and use its file name)", short(im.dest, 50), unsafeWhy(s))
		}
	}
	// "< javascript:…>" is not an autolink for Markdown, but reads as one.
	for i := range m.blocks {
		b := &m.blocks[i]
		for j := 0; ; {
			k := strings.IndexByte(b.text[j:], '<')
			if k < 0 {
				break
			}
			j += k + 1
			end := min(len(b.text), j+40)
			gt := strings.IndexByte(b.text[j:], '>')
			if s := content.UnsafeScheme(b.text[j:end]); s != "" && gt >= 0 {
				line, col := m.at(b.srcOffset(j - 1))
				c.out.Errorf(p.Path, line, col, ruleUnsafeLink, "%s looks like a link, and is not allowed: %s (link to a page with https:// or /section/page/, or remove it)", short(b.text[j-1:j+gt+1], 40), unsafeWhy(s))
			}
		}
	}
}
