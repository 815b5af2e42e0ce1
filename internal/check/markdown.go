package check

import (
	"bytes"
	"cmp"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"safeguard/internal/content"
	"safeguard/internal/markdown"
	"safeguard/internal/rules"
)

// bodySummary is what the rules need from one page body, taken from its
// parsed Markdown: its links, images, headings and blocks of prose, each
// with its position in the file. The tree itself is not kept.
type bodySummary struct {
	page     *content.Page
	doc      *markdown.Doc // nil once shrunk
	src      []byte        // doc.Src: the body with its shortcodes as placeholders, same length
	lineOffs []int         // byte offset where each body line starts

	links    []mdLink
	images   []mdImage
	headings []mdHeading
	blocks   []mdBlock
	ignores  []rules.LineIgnore
	attrs    []mdAttrs        // Markdown attributes (attrs.go)
	alerts   []mdAlert        // quotes starting [!TYPE] of a type no output knows
	headIdx  map[ast.Node]int // heading node -> index in headings, while parsing
	trimmed  bool             // by shrink: no src, lineOffs, blocks or headings; links carry their positions
}

type mdLink struct {
	line  int // set by shrink
	col   int
	dest  string
	text  string
	off   int // byte offset in the body of "[" or "<" or the bare URL
	auto  bool
	block int // index into blocks of the paragraph or list item holding it, -1 if none
}

// mdAlert is a quote that starts with [!TYPE] (markdown.AlertOf) of an
// unknown type: it is shown as a note, which the writer may not mean.
type mdAlert struct {
	typ string // as typed
	off int    // of the "["
}

type mdImage struct {
	dest, alt, title string
	off              int
}

type mdHeading struct {
	level int
	text  string
	off   int
}

// mdBlock is one paragraph, list item paragraph or table cell of prose: its
// text with shortcodes (and escaped ones) blanked out, and where each piece
// of the text came from in the body.
type mdBlock struct {
	text   string
	segs   []textSeg // in text order
	links  int       // links in the same list item or paragraph
	isItem bool
	lang   string // from {lang="…"} on the block or a block around it; "" for the page's
}

// textSeg says that the block text from byte text on was copied from body
// offset src on.
type textSeg struct{ text, src int }

// srcOffset maps a byte offset of the block text back to the body.
func (b *mdBlock) srcOffset(i int) int {
	j, _ := slices.BinarySearchFunc(b.segs, i, func(s textSeg, i int) int { return cmp.Compare(s.text, i) })
	if j == len(b.segs) || b.segs[j].text > i {
		j--
	}
	if j < 0 {
		return 0
	}
	return b.segs[j].src + i - b.segs[j].text
}

// parseMarkdown reads one page's body, parsed by docs (shared with the
// newsletter) or, when docs is nil, here.
func parseMarkdown(p *content.Page, docs *markdown.Docs) *bodySummary {
	doc := docs.Get(p, p.Body, p.ShortcodeSpans)
	m := &bodySummary{page: p, doc: doc, src: doc.Src}
	m.lineOffs = append(m.lineOffs, 0)
	for i := 0; i < len(p.Body); i++ {
		if p.Body[i] == '\n' {
			m.lineOffs = append(m.lineOffs, i+1)
		}
	}
	m.ignores = rules.LineIgnores(p.Body)
	m.walk(doc.Root)
	m.addAttrLines(doc.Root)
	m.headIdx = nil
	m.doc = nil // the tree may be kept by docs for the newsletter; the summary needs no more of it
	return m
}

func (m *bodySummary) walk(doc ast.Node) {
	blockOf := map[ast.Node]int{}
	enclosing := func(n ast.Node) int {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if i, ok := blockOf[p]; ok {
				return i
			}
		}
		return -1
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			off := n.Pos()
			if n.Lines().Len() > 0 {
				off = m.lineStart(n.Lines().At(0).Start)
			}
			for off < len(m.src) && (m.src[off] == ' ' || m.src[off] == '\t') {
				off++
			}
			m.addHeadingAttrs(n, off)
			if m.headIdx == nil {
				m.headIdx = map[ast.Node]int{}
			}
			m.headIdx[n] = len(m.headings)
			m.headings = append(m.headings, mdHeading{level: n.Level, text: m.plain(n), off: off})
		case *ast.FencedCodeBlock:
			m.addFenceAttrs(n)
		case *ast.Blockquote:
			if a, ok := markdown.AlertOf(n, m.src); ok && !a.Known {
				typ := string(m.src[a.Start+2:])
				typ = typ[:strings.IndexByte(typ, ']')]
				m.alerts = append(m.alerts, mdAlert{typ: typ, off: a.Start})
			}
		case *ast.Paragraph, *ast.TextBlock:
			blockOf[n] = len(m.blocks)
			m.block(n)
		case *ast.Link:
			m.links = append(m.links, mdLink{dest: string(n.Destination), text: m.plain(n), off: m.pos(n), block: enclosing(n)})
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkEmail {
				return ast.WalkSkipChildren, nil // an address as its own link text is clear
			}
			// The label, not URL(): goldmark adds "http://" to a bare "www." link.
			label := n.Label(m.src)
			off := m.pos(n)
			if i := bytes.Index(m.src[off:], label); i >= 0 {
				off += i // the inline parser may start at the space before a bare link
			}
			dest := string(label)
			if len(dest) > 4 && strings.EqualFold(dest[:4], "www.") {
				dest = "https://" + dest // what the page links to: Hugo's linkify adds https://
			}
			m.links = append(m.links, mdLink{dest: dest, text: string(label), off: off, auto: true, block: enclosing(n)})
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			m.images = append(m.images, mdImage{dest: string(n.Destination), alt: m.plain(n), title: string(n.Title), off: m.pos(n)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, l := range m.links {
		if l.block >= 0 {
			m.blocks[l.block].links++
		}
	}
}

// block records the text of one paragraph of prose.
func (m *bodySummary) block(n ast.Node) {
	b := mdBlock{}
	if _, ok := n.Parent().(*ast.ListItem); ok {
		b.isItem = true
	}
	b.lang, _ = markdown.Language(n)
	var sb strings.Builder
	end := -1 // body offset just after the last text added
	add := func(s []byte, off int) {
		b.segs = append(b.segs, textSeg{text: sb.Len(), src: off})
		sb.Write(s)
		end = off + len(s)
	}
	// Shortcodes are not prose: their text is blanked, keeping its length.
	blank := func(s []byte, off int) []byte {
		if len(m.doc.Shortcodes) == 0 {
			return s
		}
		var out []byte
		scs := m.doc.Shortcodes
		for k := m.doc.Overlapping(off); k < len(scs) && scs[k].Start < off+len(s); k++ {
			if out == nil {
				out = slices.Clone(s)
			}
			for i := max(scs[k].Start, off); i < min(scs[k].End, off+len(s)); i++ {
				out[i-off] = ' '
			}
		}
		if out == nil {
			return s
		}
		return out
	}
	space := []byte{' '}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			add(blank(seg.Value(m.src), seg.Start), seg.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(space, seg.Stop)
			}
		case *ast.String:
			// The typographer's curly quotes and dashes (&rsquo;) have no
			// position of their own: they stand where the text before ends.
			off := end
			if off < 0 {
				off = m.pos(c)
			}
			v := []byte(stringText(c))
			if _, in := m.doc.In(off); in {
				v = bytes.Repeat(space, len(v)) // a curly quote inside an escaped shortcode
			}
			add(v, off)
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image:
			add(space, m.pos(c))
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			add(c.Label(m.src), m.pos(c))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	b.text = sb.String()
	m.blocks = append(m.blocks, b)
}

// stringText is the text of a String node: the typographer writes its
// characters as HTML entities (&rsquo;).
func stringText(s *ast.String) string {
	if bytes.IndexByte(s.Value, '&') < 0 {
		return string(s.Value)
	}
	return html.UnescapeString(string(s.Value))
}

// pos is a node's byte offset in the body, or the offset of its first text.
func (m *bodySummary) pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

// plain is the text of a node's inline children.
func (m *bodySummary) plain(n ast.Node) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(m.doc.Text(c.Segment.Start, c.Segment.Stop))
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.WriteString(stringText(c))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					sb.Write(m.doc.Text(tt.Segment.Start, tt.Segment.Stop))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			sb.Write(c.Label(m.src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(sb.String())
}

func (m *bodySummary) lineStart(off int) int {
	for off > 0 && m.src[off-1] != '\n' {
		off--
	}
	return off
}

// shrink returns a copy with only what Output needs.
func (m *bodySummary) shrink() *bodySummary {
	out := &bodySummary{page: m.page, images: slices.Clip(m.images), ignores: slices.Clip(m.ignores), trimmed: true}
	out.links = make([]mdLink, len(m.links))
	for i, l := range m.links {
		l.line, l.col = m.at(l.off)
		l.text = ""
		out.links[i] = l
	}
	return out
}

// linkAt is where a link is in the file.
func (m *bodySummary) linkAt(l mdLink) (line, col int) {
	if m.trimmed {
		return l.line, l.col
	}
	return m.at(l.off)
}

// at turns a body byte offset into a file line and column (1-based; the
// column counts characters).
func (m *bodySummary) at(off int) (line, col int) {
	off = max(0, min(off, len(m.page.Body)))
	i := 0
	lo, hi := 0, len(m.lineOffs)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		if m.lineOffs[mid] <= off {
			i, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	return m.page.BodyLine + i, utf8.RuneCountInString(m.page.Body[m.lineOffs[i]:off]) + 1
}

// words counts the words of prose in the page (headings left out).
func (m *bodySummary) words(skip func(b *mdBlock) bool) int {
	n := 0
	for i := range m.blocks {
		if skip != nil && skip(&m.blocks[i]) {
			continue
		}
		n += countFields(m.blocks[i].text)
	}
	return n
}

// countFields is len(strings.Fields(s)) without making the slice: word
// counts run over every block of every page.
func countFields(s string) int {
	n := 0
	inField := false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
