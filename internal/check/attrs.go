package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/language"

	"safeguard"
	"safeguard/internal/content"
	"safeguard/internal/markdown"
)

// Markdown attributes ({#id}, {lang="ar" dir="rtl"}) reach the page as HTML
// attributes. Only those with a purpose the docs name are allowed: an id on
// a heading (a link target), and lang and dir on a block written in another
// language. Anything else (style, class, on*, a second id="main") could
// cover the quick exit or break the page's landmarks.

// ruleAttribute is the rule name of a Markdown attribute that is not allowed.
// Like ruleUnsafeLink it cannot be switched off.
const ruleAttribute = "attribute"

// mdAttrs is one set of attributes in a page body: those at the end of a
// heading, or a block attribute line such as {lang="cy"} under a paragraph.
type mdAttrs struct {
	off    int        // byte offset of the "{"
	target string     // what they apply to: "heading", "paragraph", "list", ...; "" for nothing
	attrs  []attrPair // in the order written
	head   int        // index into headings when target is "heading", else -1
}

type attrPair struct{ name, value string }

func pairs(attrs []ast.Attribute) []attrPair {
	out := make([]attrPair, 0, len(attrs))
	for _, a := range attrs {
		v := ""
		switch x := a.Value.(type) {
		case []byte:
			v = string(x)
		case string:
			v = x
		default:
			v = fmt.Sprint(x)
		}
		out = append(out, attrPair{string(a.Name), v})
	}
	return out
}

// blockTarget names the kind of block attributes apply to, or "".
func blockTarget(n ast.Node) string {
	switch n.(type) {
	case *ast.Paragraph:
		return "paragraph"
	case *ast.Heading:
		return "heading"
	case *ast.List:
		return "list"
	case *ast.Blockquote:
		return "blockquote"
	}
	if n.Kind().String() == "Table" {
		return "table"
	}
	return ""
}

// addAttrLines records the block attribute lines of the website's
// dialect (internal/markdown), which has already given their attributes to
// the block above.
func (m *bodySummary) addAttrLines(doc ast.Node) {
	for _, l := range markdown.AttributeLines(doc) {
		a := mdAttrs{off: m.brace(l.Start), attrs: pairs(l.Attrs), head: -1}
		if l.Target != nil {
			a.target = blockTarget(l.Target)
			if a.target == "" {
				a.target = "block"
			}
			if h, ok := m.headIdx[l.Target]; ok {
				a.head = h
			}
		}
		m.attrs = append(m.attrs, a)
	}
}

// addHeadingAttrs records the {...} written at the end of a heading (not
// those an attribute line under it gave it: addAttrLines has those).
func (m *bodySummary) addHeadingAttrs(n *ast.Heading, lineOff int) {
	if n.Attributes() == nil {
		return
	}
	end := len(m.src)
	if i := bytes.IndexByte(m.src[lineOff:], '\n'); i >= 0 {
		end = lineOff + i
	}
	i := bytes.LastIndexByte(m.src[lineOff:end], '{')
	if i < 0 {
		return
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(m.src[lineOff+i : end]))
	if !ok {
		return
	}
	a := mdAttrs{off: lineOff + i, target: "heading", head: len(m.headings)}
	for _, at := range attrs {
		a.attrs = append(a.attrs, pairs([]ast.Attribute{{Name: at.Name, Value: at.Value}})...)
	}
	m.attrs = append(m.attrs, a)
}

// addFenceAttrs records the {...} after a code fence's language
// (```go {linenos=true}): Hugo reads them too.
func (m *bodySummary) addFenceAttrs(n *ast.FencedCodeBlock) {
	if n.Info == nil {
		return
	}
	info := n.Info.Segment.Value(m.src)
	i := bytes.IndexByte(info, '{')
	if i < 0 {
		return
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(info[i:]))
	if !ok {
		return
	}
	a := mdAttrs{off: n.Info.Segment.Start + i, target: "code block", head: -1}
	for _, at := range attrs {
		a.attrs = append(a.attrs, pairs([]ast.Attribute{{Name: at.Name, Value: at.Value}})...)
	}
	m.attrs = append(m.attrs, a)
}

// nextLine is the offset of the line after the one holding off.
func (m *bodySummary) nextLine(off int) int {
	if i := bytes.IndexByte(m.src[min(off, len(m.src)):], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(m.src)
}

// brace moves off forward to the "{" of its line, if there is one.
func (m *bodySummary) brace(off int) int {
	off = min(off, len(m.src))
	end := m.nextLine(off)
	if i := bytes.IndexByte(m.src[off:end], '{'); i >= 0 {
		return off + i
	}
	return off
}

var idRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// reservedIDs are the ids the built-in templates give elements (the main
// landmark the skip link goes to, section headings, the quick exit), read
// from the theme itself so the list cannot fall behind it. Contacts shown on
// a page get "contact-" and their file name.
var reservedIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{"main": true, "main-content": true}
	re := regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_-]*)"`)
	_ = fs.WalkDir(safeguard.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(safeguard.Theme, p)
		if err != nil {
			return nil
		}
		for _, sm := range re.FindAllSubmatch(data, -1) {
			ids[string(sm[1])] = true
		}
		return nil
	})
	return ids
})

// reservedID reports whether the templates may use id on a page.
func reservedID(id string) bool {
	return reservedIDs()[id] || strings.HasPrefix(id, "contact-")
}

// autoID is the id Hugo gives a heading without one (its "github" style):
// letters, digits and _ lowercased, spaces and - as -, the rest left out.
func autoID(text string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(text) {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// checkAttributes reports every Markdown attribute that is not allowed, an
// invalid lang or dir, and ids that clash with each other, with a heading's
// own id or with the templates' ids.
func (c *checker) checkAttributes(p *content.Page, m *bodySummary) {
	explicit := map[int]string{} // heading index -> id written
	for _, a := range m.attrs {
		line, col := m.at(a.off)
		if a.target == "" {
			c.out.Errorf(p.Path, line, col, ruleAttribute, "these attributes apply to nothing (put the {...} line straight under the paragraph, list, quote or table it is for, with no empty line between)")
			continue
		}
		for _, at := range a.attrs {
			switch at.name {
			case "id":
				if a.head >= 0 {
					explicit[a.head] = at.value // Hugo uses it, valid or not
				}
				if a.target != "heading" {
					c.out.Errorf(p.Path, line, col, ruleAttribute, "id is allowed only on headings, not on a %s (remove id=%q; to link here, put a heading above it: ## Title {#%s})", a.target, at.value, at.value)
					continue
				}
				if !idRE.MatchString(at.value) {
					c.out.Errorf(p.Path, line, col, ruleAttribute, "the heading id %q is not a usable link target (use letters, digits and -, starting with a letter, e.g. {#how-to-get-help})", short(at.value, 40))
					continue
				}
				if reservedID(at.value) {
					c.out.Errorf(p.Path, line, col, ruleAttribute, "the heading id %q is used by the site's own page layout (the main content, the quick exit or a contact), and two elements with one id break the skip link and screen readers (choose another, e.g. {#%s-section})", at.value, at.value)
					continue
				}
			case "lang":
				if _, err := language.Parse(at.value); err != nil || at.value == "" {
					c.out.Errorf(p.Path, line, col, ruleAttribute, "lang=%q is not a language tag (use a BCP 47 tag such as cy, ar, pl or pa-Arab)", short(at.value, 40))
				}
			case "dir":
				if at.value != "ltr" && at.value != "rtl" && at.value != "auto" {
					c.out.Errorf(p.Path, line, col, ruleAttribute, "dir=%q is not a text direction (use dir=\"rtl\" for right-to-left languages such as Arabic or Urdu, dir=\"ltr\", or dir=\"auto\")", short(at.value, 20))
				}
			default:
				name, fix := at.name, at.name+"=..."
				if name == "class" {
					name, fix = "a class (."+at.value+")", "."+at.value
				}
				c.out.Errorf(p.Path, line, col, ruleAttribute, "%s is not allowed in the text: only {#id} on a heading and lang and dir on a block are published (remove %s from the {...})", name, fix)
			}
		}
	}
	// Duplicate ids: every heading's id, written or made by Hugo.
	type use struct {
		off  int
		auto bool
	}
	seen := map[string]use{}
	for i, h := range m.headings {
		id, ok := explicit[i]
		auto := !ok
		if auto {
			id = autoID(h.text)
			if id == "" {
				continue
			}
		}
		if prev, dup := seen[id]; dup {
			if auto {
				continue // Hugo numbers an automatic id that is taken: id-1
			}
			line, col := m.at(h.off)
			pl, _ := m.at(prev.off)
			c.out.Errorf(p.Path, line, col, ruleAttribute, "the id %q is already used by the heading on line %d, and links to it would go to the first (give this heading another id, e.g. {#%s-2})", id, pl, id)
			continue
		}
		if auto && reservedID(id) {
			line, col := m.at(h.off)
			c.out.Errorf(p.Path, line, col, ruleAttribute, "this heading would get the id %q, which the site's own page layout uses (give it another: %s {#%s-section})", id, strings.Repeat("#", h.level)+" "+short(h.text, 30), id)
		}
		seen[id] = use{h.off, auto}
	}
}
