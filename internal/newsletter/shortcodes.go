package newsletter

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"safeguard/internal/markdown"
)

// The body is parsed with each shortcode as a placeholder word
// (markdown.ParseBody). A paragraph that is only a placeholder becomes the
// contact block, as Hugo drops the <p> around a shortcode alone in its
// paragraph. A placeholder inside other text splits its paragraph: the
// renderers mark the place with markOpen, the shortcode's number and
// markClose (private-use characters; the writer's own are left out of the
// text), and write the text before it, the contact block and the text after
// it. Anywhere else (a heading, a link, a table, code) the contact block
// follows the block that holds it.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// prepareShortcodes finds the contact each shortcode shows. The loader
// accepts only {{< contact "name" >}} with a contact that exists, so any
// other is an internal error.
func (r *renderer) prepareShortcodes() {
	r.spanContact = make([]int, len(r.doc.Shortcodes))
	r.shown = make([]bool, len(r.doc.Shortcodes))
	for i, sc := range r.doc.Shortcodes {
		r.spanContact[i] = -1
		if sc.Escaped {
			continue
		}
		ok := sc.Form == '<' && sc.Problem == markdown.OK && sc.Name == "contact" && len(sc.Args) == 1 && sc.Args[0].Quoted
		if ok {
			if c, found := r.site.Contacts[sc.Args[0].Value]; found {
				r.used[c.Name] = true
				r.spanContact[i] = len(r.contacts)
				r.contacts = append(r.contacts, c)
				continue
			}
		}
		r.errorf(r.at(sc.Start), "newsletter-shortcode", "shortcode %q cannot be shown in the newsletter (only {{< contact \"name\" >}} with a contact that exists can; the loader should have said so: this is an internal error)", sc.Name)
	}
}

// segText is the text of r.src[start:stop] as a reader sees it: shortcodes
// left out (and the "/*" and "*/" of escaped ones). A contact shortcode that
// starts here is marked in the text when the text is part of the paragraph
// being split (top), or else kept for after the block.
func (r *renderer) segText(start, stop int, top bool) []byte {
	scs := r.doc.Shortcodes
	var out []byte
	text := func(b []byte) { out = append(out, dropMarks(b)...) }
	r.doc.Walk(start, stop, text, func(i, at int) int {
		sc := scs[i]
		if !top {
			// The text around a shortcode shown after the block closes up,
			// "Call {{< contact "x" >}} now" becoming "Call now".
			switch {
			case sc.End >= stop:
				out = bytes.TrimRight(out, " \t")
			case sc.Start < start || len(out) > 0 && (out[len(out)-1] == ' ' || out[len(out)-1] == '\t'):
				next := at
				for next < stop && (r.src[next] == ' ' || r.src[next] == '\t') {
					next++
				}
				if next < stop {
					at = next
				}
			}
		}
		if sc.Start < start || r.spanContact[i] < 0 || r.shown[i] {
			return at
		}
		if top {
			r.shown[i] = true
			out = append(out, markOpen+strconv.Itoa(i)+markClose...)
		} else if !slices.Contains(r.pending, i) {
			r.pending = append(r.pending, i)
		}
		return at
	})
	if out == nil {
		return []byte{}
	}
	return out
}

// dropMarks leaves out the private-use characters the renderers mark
// contacts with, should the writer have typed them.
func dropMarks(v []byte) []byte {
	if !bytes.Contains(v, []byte(markOpen)) && !bytes.Contains(v, []byte(markClose)) {
		return v
	}
	v = bytes.ReplaceAll(v, []byte(markOpen), nil)
	return bytes.ReplaceAll(v, []byte(markClose), nil)
}

// contactMark reports whether a paragraph is only a shortcode, and which.
func (r *renderer) contactMark(n ast.Node) (int, bool) {
	if _, ok := n.(*ast.Paragraph); !ok || len(r.doc.Shortcodes) == 0 {
		return -1, false
	}
	idx := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return -1, false
		}
		seg := t.Segment
		if seg.Len() == 0 {
			continue
		}
		i, in := r.doc.In(seg.Start)
		if !in || r.doc.Shortcodes[i].Escaped || seg.Stop > r.doc.Shortcodes[i].End || idx >= 0 && i != idx {
			return -1, false
		}
		idx = i
	}
	return idx, idx >= 0
}

// take returns the contact a shortcode shows the first time it is asked,
// and nil after or when it shows none (a blank line inside a shortcode
// leaves it in two paragraphs: the block is shown once).
func (r *renderer) take(i int) int {
	if i < 0 || r.shown[i] || r.spanContact[i] < 0 {
		return -1
	}
	r.shown[i] = true
	return r.spanContact[i]
}

// takePending returns the contacts kept for after the current block.
func (r *renderer) takePending() []int {
	var out []int
	for _, i := range r.pending {
		if c := r.take(i); c >= 0 {
			out = append(out, c)
		}
	}
	r.pending = r.pending[:0]
	return out
}

// piece is a part of a split paragraph: text, or a contact (index into
// r.contacts) when contact >= 0.
type piece struct {
	text    string
	contact int
}

// splitMarks cuts rendered paragraph text at the contact marks.
func (r *renderer) splitMarks(s string) []piece {
	var out []piece
	for {
		i := strings.Index(s, markOpen)
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], markClose)
		if j < 0 {
			break
		}
		k, err := strconv.Atoi(s[i+len(markOpen) : i+j])
		if err != nil {
			break
		}
		out = append(out, piece{text: s[:i], contact: -1}, piece{contact: r.spanContact[k]})
		s = s[i+j+len(markClose):]
	}
	return append(out, piece{text: s, contact: -1})
}

// unshown returns the contacts of shortcodes the body did not show (one in
// a table cell beyond the header's columns, which goldmark leaves out): they
// follow the body rather than vanish.
func (r *renderer) unshown() []int {
	var out []int
	for i := range r.doc.Shortcodes {
		if c := r.take(i); c >= 0 {
			out = append(out, c)
		}
	}
	return out
}
