package newsletter

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// notesHTML writes the footnotes as a numbered list under "Notes"; the
// numbers match the superscripts in the text, a note used twice keeps one
// number.
func (r *renderer) notesHTML(w *bytes.Buffer, list *east.FootnoteList) {
	fmt.Fprintf(w, `<h3%s style="%s">Notes</h3>`+"\n", r.chrome, styleH3)
	fmt.Fprintf(w, `<ol style="%s">`+"\n", styleList)
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		fn, ok := c.(*east.Footnote)
		if !ok {
			continue
		}
		fmt.Fprintf(w, `<li value="%d" style="%s">`, fn.Index, styleLi)
		r.itemHTML(w, fn)
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n")
}

// checkFootnoteRefs reports footnote markers with no note: goldmark leaves
// them as text, which would reach the email as a literal [^name]. Code and
// an escaped \[^name] are what the writer meant to show.
func (r *renderer) checkFootnoteRefs(doc ast.Node) {
	var b strings.Builder
	var segs []textSeg // where each piece of b came from in r.src
	var collect func(n ast.Node)
	collect = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				segs = append(segs, textSeg{at: b.Len(), src: c.Segment.Start})
				b.Write(c.Segment.Value(r.src))
			case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
				b.WriteByte(' ')
			default:
				if c.Type() == ast.TypeInline {
					collect(c)
				}
			}
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		b.Reset()
		segs = segs[:0]
		collect(n)
		v := b.String()
		for i := 0; i < len(v); i++ {
			j := strings.Index(v[i:], "[^")
			if j < 0 {
				break
			}
			i += j
			if i > 0 && v[i-1] == '\\' {
				continue
			}
			end := strings.IndexByte(v[i:], ']')
			if end < 0 || strings.ContainsAny(v[i:i+end], " \t\n") {
				continue
			}
			name := v[i+2 : i+end]
			off := -1
			for _, sg := range segs {
				if sg.at <= i {
					off = sg.src + i - sg.at
				}
			}
			at := r.lineOf(n)
			if off >= 0 {
				at = r.at(off)
			}
			r.errorf(at, "newsletter-footnote", "footnote [^%s] has no note, so it would show as typed (add a line \"[^%s]: the note\" after the paragraph, or remove the marker)", name, name)
			break
		}
		return ast.WalkContinue, nil
	})
}

// textSeg says that text from byte at on was copied from r.src offset src on.
type textSeg struct{ at, src int }
