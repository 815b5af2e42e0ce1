package newsletter

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"safeguard/internal/content"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
)

// ---- plain text ----

func (r *renderer) blocksText(t *textOut, parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		r.blockText(t, n, textWidth)
	}
}

// blockLines renders one block to lines no longer than width (URLs excepted).
func (r *renderer) blockLines(n ast.Node, width int) []string {
	var t textOut
	t.width = width
	r.blockText(&t, n, width)
	return t.lines()
}

// blockText writes one block, then the contacts of shortcodes inside it that
// could not be shown where they stand.
func (r *renderer) blockText(t *textOut, n ast.Node, width int) {
	r.blockTextOnly(t, n, width)
	for _, c := range r.takePending() {
		t.block(contactText(r.contacts[c], width))
	}
}

func (r *renderer) blockTextOnly(t *textOut, n ast.Node, width int) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if i, ok := r.contactMark(n); ok {
			if c := r.take(i); c >= 0 {
				t.block(contactText(r.contacts[c], width))
			}
			return
		}
		r.paraText(t, n, width)
		if img, ok := soleImage(n); ok && caption(img) != "" {
			t.block(wrapText(caption(img), width))
		}
	case *ast.TextBlock:
		r.paraText(t, n, width)
	case *ast.Heading:
		t.headingWidth(r.inlineText(n), headingLevel(n), width)
	case *ast.List:
		var out []string
		num := n.Start
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = fmt.Sprintf("%d. ", num)
				num++
			}
			var inner []string
			for c := li.FirstChild(); c != nil; c = c.NextSibling() {
				if len(inner) > 0 && !n.IsTight {
					inner = append(inner, "")
				}
				inner = append(inner, r.blockLines(c, width-len(marker))...)
			}
			out = append(out, hang(marker, inner)...)
			if !n.IsTight && li.NextSibling() != nil {
				out = append(out, "")
			}
		}
		t.block(out)
	case *east.DefinitionList:
		// The term on its own line, each meaning indented under it.
		var out []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.DefinitionTerm:
				if len(out) > 0 {
					out = append(out, "")
				}
				out = append(out, wrapText(asTyped(r.inlineText(c)), width)...)
			case *east.DefinitionDescription:
				for _, l := range r.itemLines(c, width-4) {
					if l == "" {
						out = append(out, l)
						continue
					}
					out = append(out, "    "+l)
				}
			}
		}
		t.block(out)
	case *east.FootnoteList:
		t.headingWidth("Notes", 3, width)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			fn, ok := c.(*east.Footnote)
			if !ok {
				continue
			}
			marker := fmt.Sprintf("[%d] ", fn.Index)
			t.block(hang(marker, r.itemLines(fn, width-len(marker))))
		}
	case *ast.Blockquote:
		if a, ok := markdown.AlertOf(n, r.src); ok {
			t.block(r.alertLines(n, a, width))
			return
		}
		var out []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if len(out) > 0 {
				out = append(out, ">")
			}
			for _, l := range r.blockLines(c, width-2) {
				out = append(out, strings.TrimRight("> "+l, " "))
			}
		}
		t.block(out)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var out []string
		for _, l := range strings.Split(strings.TrimRight(r.linesText(n), "\n"), "\n") {
			l = strings.TrimRight(l, " \t")
			indent := len(l) - len(strings.TrimLeft(l, " "))
			if runeLen(l)+4 <= width {
				out = append(out, "    "+l)
				continue
			}
			for _, w := range wrapText(l, width-4-indent) {
				out = append(out, "    "+strings.Repeat(" ", indent)+w)
			}
		}
		t.block(out)
	case *ast.ThematicBreak:
		t.block([]string{"* * *"})
	case *east.Table:
		if rows, ok := r.stacked(n); ok {
			for _, row := range rows {
				var out []string
				for _, c := range row {
					line := strings.TrimSpace(r.inlineText(c.cell))
					if c.head != nil {
						line = strings.TrimSpace(r.inlineText(c.head)) + ": " + line
					}
					out = append(out, wrapText(line, width)...)
				}
				t.block(out)
			}
			return
		}
		var out []string
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, strings.TrimSpace(r.inlineText(c)))
			}
			out = append(out, wrapText(asTyped(strings.Join(cells, " | ")), width)...)
			if row.Kind() == east.KindTableHeader {
				out = append(out, strings.Repeat("-", min(width, maxRuneLen(out))))
			}
		}
		t.block(out)
	}
}

// alertLines writes a note or warning as a labelled paragraph: "Warning: "
// before its first line and its other lines indented under it.
func (r *renderer) alertLines(n *ast.Blockquote, a markdown.Alert, width int) []string {
	marker := a.Label() + ": "
	var lines []string
	if a.Title != "" {
		lines = append(lines, wrapText(a.Title, width-len(marker))...)
	}
	prev := r.alert
	r.alert = a
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c == a.First && a.Rest == nil {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, r.blockLines(c, width-len(marker))...)
	}
	r.alert = prev
	if len(lines) == 0 {
		lines = []string{""}
	}
	return hang(marker, lines)
}

// itemLines renders a note's or a meaning's blocks, separated by blank lines.
func (r *renderer) itemLines(n ast.Node, width int) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.blockLines(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// inlineText is a block's inline content as plain text: links are written as
// "text (https://...)" so every address survives without HTML.
func (r *renderer) inlineText(parent ast.Node) string {
	var b strings.Builder
	for n := r.firstInline(parent); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && markdown.RightToLeft(t, r.dir) {
			v, last := r.textRun(t)
			b.WriteString(markdown.Isolate(v)) // Unicode isolates, as isolateHTML
			if last.HardLineBreak() {
				b.WriteByte('\n')
			} else if last.SoftLineBreak() {
				b.WriteByte(' ')
			}
			n = last
			continue
		}
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(r.textValue(n))
			if n.HardLineBreak() {
				b.WriteByte('\n')
			} else if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(stringValue(n))
		case *ast.CodeSpan:
			b.WriteString("`" + r.plain(n) + "`")
		case *ast.Link:
			label := r.inlineText(n)
			href, ok := r.resolveLink(string(n.Destination), n)
			b.WriteString(linkText(label, href, ok))
		case *ast.AutoLink:
			href, label, ok := r.autoLink(n)
			b.WriteString(linkText(label, href, ok))
		case *ast.Image:
			if alt := strings.TrimSpace(r.plain(n)); alt != "" {
				b.WriteString("[Image: " + alt + "]")
			}
		case *ast.RawHTML:
		case *east.FootnoteLink:
			fmt.Fprintf(&b, "[%d]", n.Index)
		case *east.FootnoteBacklink:
		case *east.TaskCheckBox:
			b.WriteString(taskMark(n.IsChecked))
		case *east.Strikethrough:
			// Plain text cannot strike a word through; saying so keeps
			// "Tuesday Wednesday" from reading as both days.
			b.WriteString("[crossed out: " + r.inlineText(n) + "]")
		default:
			b.WriteString(r.inlineText(n))
		}
	}
	return b.String()
}

func linkText(label, href string, ok bool) string {
	if !ok {
		return label
	}
	switch {
	case strings.HasPrefix(href, "mailto:"), strings.HasPrefix(href, "tel:"):
		addr := href[strings.IndexByte(href, ':')+1:]
		if strings.Contains(label, addr) {
			return label
		}
		return label + " (" + addr + ")"
	case label == href || "https://"+label == href || "https://"+label+"/" == href:
		return href
	}
	return label + " (" + href + ")"
}

func contactText(c *content.Contact, width int) []string {
	var out []string
	add := func(s string) { out = append(out, wrapText(s, width)...) }
	add(c.Title)
	if c.Summary != "" {
		add(c.Summary)
	}
	for _, p := range c.Phones {
		line := p.Name() + ": " + p.Number
		if n := p.Note(); n != "" {
			line += " (" + n + ")"
		}
		add(line)
	}
	if c.Email != "" {
		add("Email: " + c.Email)
	}
	if c.URL != "" {
		add("Website: " + c.URL)
	}
	if c.Hours != "" {
		add("Open: " + c.Hours)
	}
	return out
}

// paraText writes a paragraph's text; where a contact shortcode stands inside
// the text, the paragraph is split around its block.
func (r *renderer) paraText(t *textOut, n ast.Node, width int) {
	prev := r.splitting
	r.splitting = n
	s := asTyped(r.inlineText(n))
	r.splitting = prev
	if !strings.Contains(s, markOpen) {
		t.block(wrapText(s, width))
		return
	}
	for _, pc := range r.splitMarks(s) {
		if pc.contact >= 0 {
			t.block(contactText(r.contacts[pc.contact], width))
			continue
		}
		if v := strings.TrimSpace(pc.text); v != "" {
			t.block(wrapText(v, width))
		}
	}
}

// asTyped quotes what the text shows as typed that looks like markup
// (emailcheck.QuoteMarkup), before the text is wrapped: the quotes take room
// on the line. The whole twin is quoted again after, for what is not wrapped.
func asTyped(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return string(emailcheck.QuoteMarkup([]byte(s)))
}

// hang puts marker before the first line and indents the others under it,
// as a list item or a numbered note is laid out; blank lines stay blank.
func hang(marker string, lines []string) []string {
	pad := strings.Repeat(" ", len(marker))
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		switch {
		case i == 0:
			out = append(out, marker+l)
		case l == "":
			out = append(out, "")
		default:
			out = append(out, pad+l)
		}
	}
	return out
}
