package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"safeguard/internal/content"
	"safeguard/internal/markdown"
)

// The inline styles. Colours are GOV.UK's text (#0b0c0c, 19:1 on white), link
// (#1d70b8, 5.2:1) and secondary text (#505a5f, 7:1); sizes are in px because
// email clients ignore rem and scale em unpredictably.
const (
	fontStack = "Arial,Helvetica,sans-serif"
	monoStack = "Consolas,'Courier New',monospace"

	styleWrapper = "max-width:600px;margin:0;padding:0;font-family:" + fontStack + ";font-size:16px;line-height:24px;color:#0b0c0c;"
	styleH2      = "margin:0 0 16px 0;font-family:" + fontStack + ";font-size:24px;line-height:30px;font-weight:bold;color:#0b0c0c;"
	styleH3      = "margin:24px 0 12px 0;font-family:" + fontStack + ";font-size:20px;line-height:25px;font-weight:bold;color:#0b0c0c;"
	styleH4      = "margin:20px 0 8px 0;font-family:" + fontStack + ";font-size:18px;line-height:24px;font-weight:bold;color:#0b0c0c;"
	styleLead    = "margin:0 0 16px 0;font-size:19px;line-height:28px;"
	styleP       = "margin:0 0 16px 0;font-size:16px;line-height:24px;"
	styleA       = "color:#1d70b8;text-decoration:underline;"
	styleList    = "margin:0 0 16px 0;padding:0 0 0 24px;font-size:16px;line-height:24px;"
	styleTasks   = "margin:0 0 16px 0;padding:0;list-style-type:none;font-size:16px;line-height:24px;"
	styleDl      = "margin:0 0 16px 0;padding:0;font-size:16px;line-height:24px;"
	styleDt      = "margin:0;padding:0;font-weight:bold;"
	styleDd      = "margin:0 0 8px 0;padding:0 0 0 24px;"
	styleSup     = "font-size:12px;line-height:12px;"
	styleLi      = "margin:0 0 8px 0;"
	styleQuote   = "margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #b1b4b6;"
	stylePre     = "margin:0 0 16px 0;padding:12px;white-space:pre-wrap;word-wrap:break-word;font-family:" + monoStack + ";font-size:16px;line-height:24px;color:#0b0c0c;background-color:#f3f2f1;"
	styleCode    = "font-family:" + monoStack + ";color:#0b0c0c;background-color:#f3f2f1;"
	styleHr      = "margin:24px 0;border:0;border-top:1px solid #b1b4b6;height:0;"
	styleImg     = "display:block;max-width:100%;height:auto;border:0;margin:0 0 16px 0;"
	styleCaption = "margin:0 0 16px 0;font-size:16px;line-height:24px;color:#505a5f;"
	styleTable   = "width:100%;margin:0 0 16px 0;border-collapse:collapse;font-family:" + fontStack + ";font-size:16px;line-height:24px;"
	styleTh      = "padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;font-weight:bold;vertical-align:top;"
	styleTd      = "padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;vertical-align:top;"
	styleRow     = "margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #b1b4b6;font-size:16px;line-height:24px;"
	styleContact = "margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #1d70b8;"
	styleCLine   = "margin:0 0 4px 0;font-size:16px;line-height:24px;"
	styleCNote   = "margin:0 0 4px 0;font-size:16px;line-height:24px;color:#505a5f;"
	// A note or warning (> [!NOTE]) is a one-cell layout table, which every
	// email client draws as a box: a grey border for notes, a thick black one
	// for warnings, each with its label in bold. A border all round reads
	// the same in a right-to-left passage.
	styleAlert      = "width:100%;margin:0 0 16px 0;border-collapse:collapse;"
	styleAlertNote  = "padding:12px 16px 0 16px;border:2px solid #b1b4b6;background-color:#f3f2f1;"
	styleAlertWarn  = "padding:12px 16px 0 16px;border:4px solid #0b0c0c;background-color:#ffffff;"
	styleAlertLabel = "margin:0 0 8px 0;font-size:16px;line-height:24px;font-weight:bold;"
)

// ---- HTML ----

func (r *renderer) blocksHTML(w *bytes.Buffer, parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		r.blockHTML(w, n)
	}
}

func headingLevel(n *ast.Heading) int {
	// The title is the fragment's h2, so the article's own headings sit below it:
	// # and ## become h3, ### h4 and so on (h6 at most).
	return min(max(n.Level, 2)+1, 6)
}

func headingStyle(level int) string {
	switch level {
	case 2:
		return styleH2
	case 3:
		return styleH3
	}
	return styleH4
}

// blockHTML writes one block, then the contacts of shortcodes inside it that
// could not be shown where they stand.
func (r *renderer) blockHTML(w *bytes.Buffer, n ast.Node) {
	r.blockHTMLOnly(w, n)
	for _, c := range r.takePending() {
		r.contactHTML(w, r.contacts[c])
	}
}

func (r *renderer) blockHTMLOnly(w *bytes.Buffer, n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if i, ok := r.contactMark(n); ok {
			if c := r.take(i); c >= 0 {
				r.contactHTML(w, r.contacts[c])
			}
			return
		}
		if img, ok := soleImage(n); ok {
			r.imageHTML(w, img)
			if c := caption(img); c != "" && r.image(img).ok {
				w.WriteString(`<p style="` + styleCaption + `">` + html.EscapeString(c) + "</p>\n")
			}
			return
		}
		r.paraHTML(w, n, `<p`+langAttrs(n)+` style="`+styleP+`">`, "</p>\n")
	case *ast.TextBlock:
		r.paraHTML(w, n, "", "")
	case *ast.Heading:
		l := headingLevel(n)
		w.WriteString("<h" + strconv.Itoa(l) + langAttrs(n) + ` style="` + headingStyle(l) + `">`)
		r.inlinesHTML(w, n)
		w.WriteString("</h" + strconv.Itoa(l) + ">\n")
	case *ast.List:
		tag := "ul"
		start := ""
		if n.IsOrdered() {
			tag = "ol"
			if n.Start != 1 {
				start = fmt.Sprintf(` start="%d"`, n.Start)
			}
		}
		style := styleList
		if isTaskList(n) {
			style = styleTasks // the words "Done" and "To do" replace the bullets
		}
		w.WriteString("<" + tag + start + langAttrs(n) + ` style="` + style + `">` + "\n")
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			w.WriteString(`<li` + langAttrs(li) + ` style="` + styleLi + `">`)
			r.blocksHTML(w, li)
			w.WriteString("</li>\n")
		}
		w.WriteString("</" + tag + ">\n")
	case *ast.Blockquote:
		if a, ok := markdown.AlertOf(n, r.src); ok {
			r.alertHTML(w, n, a)
			return
		}
		fmt.Fprintf(w, `<blockquote%s style="%s">`+"\n", langAttrs(n), styleQuote)
		r.blocksHTML(w, n)
		w.WriteString("</blockquote>\n")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		fmt.Fprintf(w, `<pre%s style="%s">`, langAttrs(n), stylePre)
		w.WriteString(html.EscapeString(strings.TrimRight(r.linesText(n), "\n")))
		w.WriteString("</pre>\n")
	case *ast.ThematicBreak:
		fmt.Fprintf(w, `<hr style="%s">`+"\n", styleHr)
	case *ast.HTMLBlock:
		if n.HTMLBlockType != ast.HTMLBlockType2 { // a comment shows nothing anywhere
			r.rawHTML(n)
		}
	case *east.Table:
		r.tableHTML(w, n)
	case *east.DefinitionList:
		fmt.Fprintf(w, `<dl%s style="%s">`+"\n", langAttrs(n), styleDl)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.DefinitionTerm:
				fmt.Fprintf(w, `<dt%s style="%s">`, langAttrs(c), styleDt)
				r.inlinesHTML(w, c)
				w.WriteString("</dt>\n")
			case *east.DefinitionDescription:
				fmt.Fprintf(w, `<dd%s style="%s">`, langAttrs(c), styleDd)
				r.itemHTML(w, c)
				w.WriteString("</dd>\n")
			}
		}
		w.WriteString("</dl>\n")
	case *east.FootnoteList:
		r.notesHTML(w, n)
	case *east.FootnoteBacklink:
		// goldmark adds it after a note's last block when that is not a
		// paragraph; the notes have no links back.
	case *ast.LinkReferenceDefinition:
	default:
		r.errorf(r.lineOf(n), "newsletter-unsupported", "%s cannot be shown in the newsletter (write it as plain Markdown)", n.Kind())
	}
}

// alertHTML writes a note or warning (> [!WARNING]) as a box with its label
// (in the site's words, r.chrome) and the rest of the quote inside.
func (r *renderer) alertHTML(w *bytes.Buffer, n *ast.Blockquote, a markdown.Alert) {
	box := styleAlertNote
	if a.Warns() {
		box = styleAlertWarn
	}
	fmt.Fprintf(w, `<table role="presentation"%s style="%s">`+"\n"+`<tr><td style="%s">`+"\n", langAttrs(n), styleAlert, box)
	label := html.EscapeString(a.Label())
	if r.chrome != "" {
		label = "<span" + r.chrome + ">" + label + "</span>"
	}
	fmt.Fprintf(w, `<p style="%s">%s`, styleAlertLabel, label)
	if a.Title != "" {
		w.WriteString(": " + html.EscapeString(a.Title))
	}
	w.WriteString("</p>\n")
	prev := r.alert
	r.alert = a
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c == a.First && a.Rest == nil {
			continue // only the marker line
		}
		r.blockHTML(w, c)
	}
	r.alert = prev
	w.WriteString("</td></tr>\n</table>\n")
}

// firstInline is a block's first inline node, after the [!NOTE] line in the
// first paragraph of an alert.
func (r *renderer) firstInline(parent ast.Node) ast.Node {
	if r.alert.First != nil && parent == r.alert.First {
		return r.alert.Rest
	}
	return parent.FirstChild()
}

// langAttrs are the lang and dir a writer gave a block with {lang="…"}; a
// right-to-left language gets dir="rtl" without asking. Other attributes
// (ids, classes) mean nothing in an email and are dropped.
func langAttrs(n ast.Node) string {
	lang, okL := markdown.Attr(n, "lang")
	dir, okD := markdown.Attr(n, "dir")
	if !okL && !okD {
		return ""
	}
	if dir != "ltr" && dir != "rtl" && dir != "auto" {
		dir = ""
		if okL {
			dir = markdown.Direction(lang)
		}
	}
	var b strings.Builder
	if lang = strings.TrimSpace(lang); lang != "" {
		b.WriteString(` lang="` + html.EscapeString(lang) + `"`)
	}
	if dir != "" {
		b.WriteString(` dir="` + dir + `"`)
	}
	return b.String()
}

// isTaskList reports whether every item of a list starts with a checkbox.
func isTaskList(l *ast.List) bool {
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		if taskBox(li) == nil {
			return false
		}
	}
	return l.FirstChild() != nil
}

// taskBox is the checkbox a list item starts with, if any.
func taskBox(li ast.Node) *east.TaskCheckBox {
	if first := li.FirstChild(); first != nil {
		if box, ok := first.FirstChild().(*east.TaskCheckBox); ok {
			return box
		}
	}
	return nil
}

// taskMark is what a checkbox of a task list becomes, in both outputs.
func taskMark(checked bool) string {
	if checked {
		return "\u2611 Done: "
	}
	return "\u2610 To do: "
}

// itemHTML writes a list item's or a note's blocks; one paragraph alone is
// written without its margins, as in a tight list.
func (r *renderer) itemHTML(w *bytes.Buffer, n ast.Node) {
	if p, ok := n.FirstChild().(*ast.Paragraph); ok && n.ChildCount() == 1 && langAttrs(p) == "" {
		if _, contact := r.contactMark(p); !contact && !r.holdsContact(p) {
			r.inlinesHTML(w, p)
			return
		}
	}
	r.blocksHTML(w, n)
}

// caption is the title of an image alone in its paragraph
// (![alt](file "title")), shown under it as the website's <figcaption> is.
func caption(img *ast.Image) string { return strings.TrimSpace(string(img.Title)) }

// soleImage reports whether a paragraph holds only an image.
func soleImage(p ast.Node) (*ast.Image, bool) {
	if p.ChildCount() != 1 {
		return nil, false
	}
	img, ok := p.FirstChild().(*ast.Image)
	return img, ok
}

func (r *renderer) tableHTML(w *bytes.Buffer, t *east.Table) {
	if rows, ok := r.stacked(t); ok {
		// One block per row, each cell a "Column: value" line.
		for _, row := range rows {
			fmt.Fprintf(w, `<p%s style="%s">`, langAttrs(t), styleRow)
			for i, c := range row {
				if i > 0 {
					w.WriteString("<br>\n")
				}
				if c.head != nil {
					w.WriteString("<strong>")
					r.inlinesHTML(w, c.head)
					w.WriteString(":</strong> ")
				}
				r.inlinesHTML(w, c.cell)
			}
			w.WriteString("</p>\n")
		}
		return
	}
	fmt.Fprintf(w, `<table%s style="%s">`+"\n", langAttrs(t), styleTable)
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		header := row.Kind() == east.KindTableHeader
		if header {
			w.WriteString("<thead>\n")
		}
		w.WriteString("<tr>")
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cell := c.(*east.TableCell)
			align := ""
			switch cell.Alignment {
			case east.AlignRight:
				align = "text-align:right;"
			case east.AlignCenter:
				align = "text-align:center;"
			default:
				align = "text-align:left;"
			}
			if header {
				fmt.Fprintf(w, `<th scope="col" style="%s%s">`, styleTh, align)
				r.inlinesHTML(w, cell)
				w.WriteString("</th>")
			} else {
				fmt.Fprintf(w, `<td style="%s%s">`, styleTd, align)
				r.inlinesHTML(w, cell)
				w.WriteString("</td>")
			}
		}
		w.WriteString("</tr>\n")
		if header {
			w.WriteString("</thead>\n<tbody>\n")
		}
	}
	if t.FirstChild() != nil && t.FirstChild().Kind() == east.KindTableHeader {
		w.WriteString("</tbody>\n")
	}
	w.WriteString("</table>\n")
}

func (r *renderer) inlinesHTML(w *bytes.Buffer, parent ast.Node) {
	for n := r.firstInline(parent); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && markdown.RightToLeft(t, r.dir) {
			v, last := r.textRun(t)
			isolateHTML(w, v)
			if last.HardLineBreak() {
				w.WriteString("<br>\n")
			} else if last.SoftLineBreak() {
				w.WriteString("\n")
			}
			n = last
			continue
		}
		r.inlineHTML(w, n)
	}
}

// textValue is a text node's characters with Markdown escapes and character
// references resolved.
func (r *renderer) textValue(t *ast.Text) string {
	v := r.segText(t.Segment.Start, t.Segment.Stop, r.splitting != nil && t.Parent() == r.splitting)
	if !t.IsRaw() && bytes.ContainsAny(v, "\\&") {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		v = bytes.Map(dropControl, v) // "&#1;" is no character an email can carry
	}
	return string(v)
}

func dropControl(c rune) rune {
	if c != '\n' && c != '\t' && unicode.IsControl(c) {
		return -1
	}
	return c
}

func stringValue(s *ast.String) string {
	if s.IsCode() || s.IsRaw() {
		return html.UnescapeString(string(s.Value))
	}
	return html.UnescapeString(string(s.Value))
}

func (r *renderer) inlineHTML(w *bytes.Buffer, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		w.WriteString(html.EscapeString(r.textValue(n)))
		if n.HardLineBreak() {
			w.WriteString("<br>\n")
		} else if n.SoftLineBreak() {
			w.WriteString("\n")
		}
	case *ast.String:
		w.WriteString(html.EscapeString(stringValue(n)))
	case *ast.CodeSpan:
		w.WriteString(`<code style="` + styleCode + `">`)
		w.WriteString(html.EscapeString(r.plain(n)))
		w.WriteString("</code>")
	case *ast.Emphasis:
		tag := "em"
		if n.Level >= 2 {
			tag = "strong"
		}
		w.WriteString("<" + tag + ">")
		r.inlinesHTML(w, n)
		w.WriteString("</" + tag + ">")
	case *east.Strikethrough:
		w.WriteString("<s>")
		r.inlinesHTML(w, n)
		w.WriteString("</s>")
	case *east.FootnoteLink:
		// A plain number: links inside an email are unreliable, so the notes
		// are simply listed, numbered, at the end.
		fmt.Fprintf(w, `<sup style="%s">%d</sup>`, styleSup, n.Index)
	case *east.FootnoteBacklink:
	case *east.TaskCheckBox:
		// No form controls in email: a symbol, and the state in words for
		// everyone, screen reader users included.
		w.WriteString(taskMark(n.IsChecked))
	case *ast.Link:
		href, ok := r.resolveLink(string(n.Destination), n)
		r.checkLinkText(r.plain(n), n)
		if !ok {
			r.inlinesHTML(w, n)
			return
		}
		w.WriteString(`<a href="`)
		w.WriteString(html.EscapeString(href))
		w.WriteString(`" style="` + styleA + `">`)
		r.inlinesHTML(w, n)
		w.WriteString("</a>")
	case *ast.AutoLink:
		href, label, ok := r.autoLink(n)
		if !ok {
			w.WriteString(html.EscapeString(label))
			return
		}
		w.WriteString(`<a href="`)
		w.WriteString(html.EscapeString(href))
		w.WriteString(`" style="` + styleA + `">`)
		w.WriteString(html.EscapeString(label))
		w.WriteString("</a>")
	case *ast.Image:
		r.imageHTML(w, n)
	case *ast.RawHTML:
		if !bytes.HasPrefix(n.Segments.Value(r.src), []byte("<!--")) {
			r.rawHTML(n)
		}
	default:
		r.inlinesHTML(w, n)
	}
}

// textRun is the text of t and the text nodes straight after it on the same
// line, and the last of them: goldmark splits a line's text where an
// extension looked for syntax (at each space, for bare links), and a phone
// number must be seen whole.
func (r *renderer) textRun(t *ast.Text) (string, *ast.Text) {
	v := r.textValue(t)
	for !t.SoftLineBreak() && !t.HardLineBreak() {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok {
			break
		}
		t = next
		v += r.textValue(t)
	}
	return v, t
}

// isolateHTML writes right-to-left text with each left-to-right run of
// digits (a phone number, a postcode) in <span dir="ltr">, so it keeps its
// order ("0800 011 3764", not "3764 011 0800"); the website does the same
// (markdown.IsolateRuns).
func isolateHTML(w *bytes.Buffer, v string) {
	prev := 0
	for _, run := range markdown.LTRRuns([]byte(v)) {
		w.WriteString(html.EscapeString(v[prev:run[0]]))
		w.WriteString(`<span dir="ltr">` + html.EscapeString(v[run[0]:run[1]]) + `</span>`)
		prev = run[1]
	}
	w.WriteString(html.EscapeString(v[prev:]))
}

// plain is the text of a node's inline content, as a reader would hear it.
func (r *renderer) plain(n ast.Node) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.WriteString(r.textValue(c))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.WriteString(stringValue(c))
			case *ast.AutoLink:
				b.Write(c.Label(r.src))
			case *ast.Image:
				b.WriteString(r.plain(c))
			case *ast.RawHTML:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func (r *renderer) imageHTML(w *bytes.Buffer, n *ast.Image) {
	info := r.image(n)
	if !info.ok {
		return
	}
	fmt.Fprintf(w, `<img src="%s" alt="%s" width="%d" height="%d" style="%s">`,
		html.EscapeString(info.src), html.EscapeString(strings.TrimSpace(r.plain(n))), info.width, info.height, styleImg)
	if n.Parent() != nil && n.Parent().ChildCount() == 1 {
		w.WriteString("\n")
	}
}

func (r *renderer) contactHTML(w *bytes.Buffer, c *content.Contact) {
	fmt.Fprintf(w, `<div%s style="%s">`+"\n", r.chrome, styleContact)
	fmt.Fprintf(w, `<p style="%s"><strong>%s</strong></p>`+"\n", styleCLine, html.EscapeString(c.Title))
	if c.Summary != "" {
		fmt.Fprintf(w, `<p style="%s">%s</p>`+"\n", styleCLine, html.EscapeString(c.Summary))
	}
	for _, p := range c.Phones { // named as on the web page (content.Phone)
		note := ""
		if n := p.Note(); n != "" {
			note = " (" + html.EscapeString(n) + ")"
		}
		fmt.Fprintf(w, `<p style="%s">%s: <a href="tel:%s" style="%s">%s</a>%s</p>`+"\n",
			styleCLine, html.EscapeString(p.Name()), html.EscapeString(p.Tel), styleA, html.EscapeString(p.Number), note)
	}
	if c.Email != "" {
		fmt.Fprintf(w, `<p style="%s">Email: <a href="mailto:%s" style="%s">%s</a></p>`+"\n",
			styleCLine, html.EscapeString(c.Email), styleA, html.EscapeString(c.Email))
	}
	if c.URL != "" {
		fmt.Fprintf(w, `<p style="%s">Website: <a href="%s" style="%s">%s</a></p>`+"\n",
			styleCLine, html.EscapeString(c.URL), styleA, html.EscapeString(displayURL(c.URL)))
	}
	if c.Hours != "" {
		fmt.Fprintf(w, `<p style="%s">Open: %s</p>`+"\n", styleCNote, html.EscapeString(c.Hours))
	}
	w.WriteString("</div>\n")
}

// displayURL is an address as people read it aloud: without https:// and a
// trailing slash.
func displayURL(u string) string {
	return strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/")
}

// paraHTML writes a paragraph's text between open and close; where a contact
// shortcode stands inside the text, the paragraph is split around its block.
func (r *renderer) paraHTML(w *bytes.Buffer, n ast.Node, open, close string) {
	prev := r.splitting
	r.splitting = n
	start := w.Len()
	w.WriteString(open)
	r.inlinesHTML(w, n)
	r.splitting = prev
	if !bytes.Contains(w.Bytes()[start:], []byte(markOpen)) {
		w.WriteString(close)
		return
	}
	s := string(w.Bytes()[start+len(open):])
	w.Truncate(start)
	for _, pc := range r.splitMarks(s) {
		if pc.contact >= 0 {
			r.contactHTML(w, r.contacts[pc.contact])
			continue
		}
		if t := trimPiece(pc.text, "<br>"); t != "" {
			w.WriteString(open + t + close)
		}
	}
}

// trimPiece trims white space and line breaks from both ends of a piece of
// a split paragraph, as the paragraph's own ends are trimmed.
func trimPiece(s, br string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, br), br))
		if t == s {
			return t
		}
		s = t
	}
}

// holdsContact reports whether a contact shortcode starts in the paragraph's
// own text (so the paragraph is split around it).
func (r *renderer) holdsContact(p ast.Node) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		for i, sc := range r.doc.Shortcodes {
			if r.spanContact[i] >= 0 && sc.Start >= t.Segment.Start && sc.Start < t.Segment.Stop {
				return true
			}
		}
	}
	return false
}

// rawHTML warns of the first raw HTML of an article, as the web page's
// warning names the first of a page: one warning for one habit.
func (r *renderer) rawHTML(n ast.Node) {
	if r.rawSeen {
		return
	}
	r.rawSeen = !r.quiet
	r.warnf(r.lineOf(n), "raw-html", "raw HTML is never published, so it is left out of the page and the newsletter (write it in Markdown instead, or delete it)")
}
