package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"image"
	_ "image/gif"  // image sizes are read from the files
	_ "image/jpeg" // image sizes are read from the files
	_ "image/png"  // image sizes are read from the files
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	_ "golang.org/x/image/webp" // image sizes are read from the files

	"safeguard/internal/content"
	"safeguard/internal/diag"
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
	styleTable   = "width:100%;margin:0 0 16px 0;border-collapse:collapse;font-family:" + fontStack + ";font-size:16px;line-height:24px;"
	styleTh      = "padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;font-weight:bold;vertical-align:top;"
	styleTd      = "padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;vertical-align:top;"
	styleContact = "margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #1d70b8;"
	styleCLine   = "margin:0 0 4px 0;font-size:16px;line-height:24px;"
	styleCNote   = "margin:0 0 4px 0;font-size:16px;line-height:24px;color:#505a5f;"
)

// textWidth is the longest line of the plain-text twin (fragment rule 12, doc.go).
const textWidth = 78

// maxImageWidth is the email width; wider images are scaled down to it.
const maxImageWidth = 600

// markOpen and markClose surround the number of an expanded contact shortcode in
// the Markdown; private-use characters never appear in real text.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// fileDep is a file an article's output depends on besides the article (an
// image): its size and modification time invalidate the cache.
type fileDep struct {
	Path    string
	Size    int64
	ModTime int64
	Exists  bool
}

func statDep(abs, rel string) fileDep {
	fi, err := os.Stat(abs)
	if err != nil {
		return fileDep{Path: rel}
	}
	return fileDep{Path: rel, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Exists: true}
}

// renderer renders one article to HTML and text from one syntax tree.
type renderer struct {
	site      *content.Site
	page      *content.Page
	base      *url.URL
	canonical string

	src      []byte
	fakeNL   []int // offsets in src of newlines added around expanded shortcodes
	contacts []*content.Contact
	used     map[string]bool // contacts shown in the body

	chrome string // lang and dir of the site's language, when the page is in another

	quiet bool // true during the text pass: problems were reported by the HTML pass
	diags diag.List
	deps  []fileDep
	imgs  map[string]imageInfo
	links map[string]string // resolveLink's addresses, by trimmed destination
}

type imageInfo struct {
	src           string
	width, height int
	ok            bool
}

// output is what rendering one article produces.
type output struct {
	html, text []byte
	diags      diag.List
	deps       []fileDep
}

// canonicalURL is the article's address on the website.
func canonicalURL(s *content.Site, p *content.Page) string {
	return strings.TrimSuffix(s.Config.BaseURL, "/") + "/" + strings.TrimPrefix(p.URL, "/")
}

// siteName is what the closing link calls the website.
func siteName(s *content.Site) string {
	// "Safer City: Prevent and safeguarding" is called "the Safer City website".
	name, _, _ := strings.Cut(s.Config.Title, ":")
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	return "our"
}

func language(s *content.Site) string {
	if s.Config.Language != "" {
		return s.Config.Language
	}
	return "en-GB"
}

// pageLanguage is the language of an article: its own front matter language,
// or the site's.
func pageLanguage(s *content.Site, p *content.Page) string {
	if p.Language != "" {
		return p.Language
	}
	return language(s)
}

func renderArticle(s *content.Site, p *content.Page) output {
	r := &renderer{site: s, page: p, canonical: canonicalURL(s, p), used: map[string]bool{}, imgs: map[string]imageInfo{}}
	var err error
	r.base, err = url.Parse(s.Config.BaseURL)
	if err != nil || r.base.Scheme != "https" || r.base.Host == "" {
		r.diags.Errorf(s.Config.Path, 0, 0, "newsletter-base-url", "base URL %q is not an https:// address, so newsletter links cannot be made absolute (set base_url in site.yaml or pass --base-url)", s.Config.BaseURL)
		return output{diags: r.diags}
	}
	if !r.checkCharacters() {
		return output{diags: r.diags}
	}
	r.expandShortcodes()
	// The website's dialect (internal/markdown): ids from {#id} are dropped
	// here, as an email needs none; lang and dir are kept.
	doc := markdown.Parse(r.src)
	r.checkFootnoteRefs(doc)

	var h bytes.Buffer
	h.Grow(2*len(r.src) + 2048) // the HTML is about twice the Markdown: grown once, not copied on
	lang := pageLanguage(s, p)
	if lang != language(s) {
		// The words safeguard adds ("Notes", "Useful contacts", the link to
		// the site) are in the site's language, inside a page that is not.
		r.chrome = fmt.Sprintf(` lang="%s" dir="%s"`, html.EscapeString(language(s)), markdown.Direction(language(s)))
	}
	fmt.Fprintf(&h, `<div lang="%s" dir="%s" style="%s">`+"\n", html.EscapeString(lang), markdown.Direction(lang), styleWrapper)
	fmt.Fprintf(&h, `<h2 style="%s">%s</h2>`+"\n", styleH2, html.EscapeString(p.Title))
	if p.Summary != "" {
		fmt.Fprintf(&h, `<p style="%s">%s</p>`+"\n", styleLead, html.EscapeString(p.Summary))
	}
	r.blocksHTML(&h, doc)
	extra := r.frontMatterContacts()
	if len(extra) > 0 {
		fmt.Fprintf(&h, `<h3%s style="%s">Useful contacts</h3>`+"\n", r.chrome, styleH3)
		for _, c := range extra {
			r.contactHTML(&h, c)
		}
	}
	fmt.Fprintf(&h, `<p%s style="%s"><a href="%s" style="%s">%s</a></p>`+"\n", r.chrome, styleP, html.EscapeString(r.canonical), styleA, html.EscapeString(r.closingText()))
	h.WriteString("</div>\n")

	r.quiet = true
	var t textOut
	t.heading(p.Title, 2)
	if p.Summary != "" {
		t.para(p.Summary)
	}
	r.blocksText(&t, doc)
	if len(extra) > 0 {
		t.heading("Useful contacts", 3)
		for _, c := range extra {
			t.block(contactText(c, textWidth))
		}
	}
	t.para(r.closingText() + ": " + r.canonical)

	return output{html: asciiHTML(h.Bytes()), text: t.bytes(), diags: r.diags.Sort(), deps: r.deps}
}

// asciiHTML writes every character outside ASCII as a numeric character
// reference (’ becomes &#8217;). A fragment has no <meta charset> of its own,
// and email tools, clipboards and web servers that send no charset read bytes
// as Windows-1252 ("youâ€™re"); plain ASCII reads the same under every charset.
func asciiHTML(b []byte) []byte {
	n := 0
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	if n == 0 {
		return b
	}
	out := make([]byte, 0, len(b)+n*6)
	for len(b) > 0 {
		c, size := utf8.DecodeRune(b)
		if c < utf8.RuneSelf {
			out = append(out, b[0])
		} else {
			out = fmt.Appendf(out, "&#%d;", c)
		}
		b = b[size:]
	}
	return out
}

// checkCharacters reports text an email cannot carry: bytes that are not UTF-8
// and control characters (rule 11).
func (r *renderer) checkCharacters() bool {
	ok := true
	check := func(v string, line int, what string) {
		for i, c := range v {
			bad := c == utf8.RuneError && !strings.HasPrefix(v[i:], "\uFFFD")
			if !bad && (c == '\n' || c == '\t' || !unicode.IsControl(c)) {
				continue
			}
			if line > 0 && what == "" {
				line += strings.Count(v[:i], "\n")
			}
			r.errorf(line, "newsletter-characters", "the %stext has a character that is not allowed in email (U+%04X or a byte that is not UTF-8; save the file as UTF-8 and retype the text around it)", what, c)
			ok = false
			return
		}
	}
	check(r.page.Title, r.fieldLine("title"), "title ")
	check(r.page.Summary, r.fieldLine("summary"), "summary ")
	check(r.page.Body, r.page.BodyLine, "")
	long := func(v string, line int, what string) {
		if w, at := longestWord(v); w > maxWord {
			if line > 0 && what == "" {
				line += strings.Count(v[:at], "\n")
			}
			r.errorf(line, "newsletter-long-word", "the %stext has a word of %d characters without a space; an email's plain text cannot hold a line that long (break it up, or use a shorter web address)", what, w)
			ok = false
		}
	}
	long(r.page.Title, r.fieldLine("title"), "title ")
	long(r.page.Summary, r.fieldLine("summary"), "summary ")
	long(r.page.Body, r.page.BodyLine, "")
	return ok
}

// maxWord is the longest word a fragment's text twin can hold: a line may not
// pass textHardWidth, and a word in a nested list or quote is indented.
const maxWord = textHardWidth - 98

// longestWord returns the length in characters of the longest run without
// white space in v, and the byte offset where it starts.
func longestWord(v string) (n, at int) {
	cur, start := 0, 0
	for i, c := range v {
		if unicode.IsSpace(c) {
			cur = 0
			continue
		}
		if cur == 0 {
			start = i
		}
		cur++
		if cur > n {
			n, at = cur, start
		}
	}
	return n, at
}

func (r *renderer) closingText() string {
	return fmt.Sprintf("Read '%s' on the %s website", r.page.Title, siteName(r.site))
}

// frontMatterContacts are the contacts listed in front matter that the body has
// not already shown.
func (r *renderer) frontMatterContacts() []*content.Contact {
	var out []*content.Contact
	for _, name := range r.page.Contacts {
		if r.used[name] {
			continue
		}
		c, ok := r.site.Contacts[name]
		if !ok {
			if !r.quiet {
				r.errorf(r.fieldLine("contacts"), "newsletter-contact", "contact %q does not exist, so it cannot be shown in the newsletter (add content/contacts/%s.md or correct the name)", name, name)
			}
			continue
		}
		r.used[name] = true
		out = append(out, c)
	}
	return out
}

func (r *renderer) fieldLine(field string) int {
	if pos, ok := r.page.Fields[field]; ok {
		return pos.Line
	}
	return 0
}

func (r *renderer) errorf(line int, rule, format string, args ...any) {
	if r.quiet {
		return
	}
	r.diags.Errorf(r.page.Path, line, 0, rule, format, args...)
}

// expandShortcodes replaces each {{< contact "name" >}} in the body with a marker
// paragraph the renderers turn into a contact block. Other shortcodes cannot be
// shown in an email: they are removed with an error.
func (r *renderer) expandShortcodes() {
	body := r.page.Body
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(body[i:], "{{")
		if j < 0 {
			break
		}
		start := i + j
		if start+2 >= len(body) || (body[start+2] != '<' && body[start+2] != '%') {
			b.WriteString(body[i : start+2])
			i = start + 2
			continue
		}
		closer := ">}}"
		if body[start+2] == '%' {
			closer = "%}}"
		}
		k := strings.Index(body[start:], closer)
		if k < 0 {
			break
		}
		end := start + k + len(closer)
		inner := strings.TrimSpace(body[start+3 : start+k])
		b.WriteString(body[i:start])
		line := r.page.BodyLine + strings.Count(body[:start], "\n")
		i = end
		if strings.HasPrefix(inner, "/*") { // {{</* x */>}} is Hugo's way to show a shortcode literally
			b.WriteString("{{<" + strings.TrimSuffix(strings.TrimPrefix(inner, "/*"), "*/") + ">}}")
			continue
		}
		name, args := splitShortcode(inner)
		if name != "contact" {
			r.errorf(line, "newsletter-shortcode", "shortcode %q cannot be shown in the newsletter and was left out of it (write the text in Markdown)", name)
			continue
		}
		if len(args) != 1 {
			r.errorf(line, "newsletter-shortcode", "the contact shortcode needs exactly one contact name, as in {{< contact \"act-early-support-line\" >}}")
			continue
		}
		c, ok := r.site.Contacts[args[0]]
		if !ok {
			r.errorf(line, "newsletter-contact", "contact %q does not exist, so it cannot be shown in the newsletter (add content/contacts/%s.md or correct the name)", args[0], args[0])
			continue
		}
		r.used[c.Name] = true
		// Blank lines make the marker a paragraph of its own; they are recorded so
		// that line numbers in messages still match the file.
		for range 2 {
			r.fakeNL = append(r.fakeNL, b.Len())
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%d%s", markOpen, len(r.contacts), markClose)
		for range 2 {
			r.fakeNL = append(r.fakeNL, b.Len())
			b.WriteByte('\n')
		}
		r.contacts = append(r.contacts, c)
	}
	b.WriteString(body[i:])
	r.src = []byte(b.String())
}

// splitShortcode splits `contact "name"` into its name and arguments.
func splitShortcode(s string) (string, []string) {
	var fields []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			q := s[0]
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				fields = append(fields, s[1:])
				break
			}
			fields = append(fields, s[1:1+end])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t\n")
		if end < 0 {
			end = len(s)
		}
		fields = append(fields, s[:end])
		s = s[end:]
	}
	if len(fields) == 0 {
		return "", nil
	}
	return fields[0], fields[1:]
}

// line maps an offset in the expanded source to a line of the article file.
func (r *renderer) line(off int) int {
	if off < 0 {
		return r.page.BodyLine
	}
	off = min(off, len(r.src))
	n := bytes.Count(r.src[:off], []byte("\n"))
	fake, _ := slices.BinarySearch(r.fakeNL, off)
	return r.page.BodyLine + n - fake
}

// lineOf finds the line of a node: its own position, a descendant's, or an
// ancestor's.
func (r *renderer) lineOf(n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		if off := nodeOffset(m); off >= 0 {
			return r.line(off)
		}
	}
	return r.page.BodyLine
}

func nodeOffset(n ast.Node) int {
	switch v := n.(type) {
	case *ast.Text:
		return v.Segment.Start
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start
		}
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := nodeOffset(c); o >= 0 {
			return o
		}
	}
	return -1
}

// contactMark returns the contact a marker paragraph stands for.
func (r *renderer) contactMark(n ast.Node) (*content.Contact, bool) {
	if _, ok := n.(*ast.Paragraph); !ok {
		return nil, false
	}
	var s strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return nil, false
		}
		s.Write(t.Segment.Value(r.src))
	}
	v := strings.TrimSpace(s.String())
	if !strings.HasPrefix(v, markOpen) || !strings.HasSuffix(v, markClose) {
		return nil, false
	}
	i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(v, markOpen), markClose))
	if err != nil || i < 0 || i >= len(r.contacts) {
		return nil, false
	}
	return r.contacts[i], true
}

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

func (r *renderer) blockHTML(w *bytes.Buffer, n ast.Node) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if c, ok := r.contactMark(n); ok {
			r.contactHTML(w, c)
			return
		}
		if img, ok := soleImage(n); ok {
			r.imageHTML(w, img)
			return
		}
		w.WriteString(`<p` + langAttrs(n) + ` style="` + styleP + `">`)
		r.inlinesHTML(w, n)
		w.WriteString("</p>\n")
	case *ast.TextBlock:
		r.inlinesHTML(w, n)
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
		r.errorf(r.lineOf(n), "newsletter-raw-html", "raw HTML is never published, so it is missing from the newsletter (write it in Markdown instead)")
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
		if _, contact := r.contactMark(p); !contact {
			r.inlinesHTML(w, p)
			return
		}
	}
	r.blocksHTML(w, n)
}

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
			line, col := r.lineOf(n), 0
			if off >= 0 {
				line, col = r.line(off), r.column(off)
			}
			if !r.quiet {
				r.diags.Errorf(r.page.Path, line, col, "newsletter-footnote", "footnote [^%s] has no note, so it would show as typed (add a line \"[^%s]: the note\" after the paragraph, or remove the marker)", name, name)
			}
			break
		}
		return ast.WalkContinue, nil
	})
}

// textSeg says that text from byte at on was copied from r.src offset src on.
type textSeg struct{ at, src int }

// column is the 1-based column, in characters, of an offset in the expanded
// source; 0 when expanding a shortcode changed the line before it.
func (r *renderer) column(off int) int {
	start := bytes.LastIndexByte(r.src[:off], '\n') + 1
	prefix := r.src[start:off]
	// The same line of the file, as written.
	n := r.line(off) - r.page.BodyLine
	body := r.page.Body
	for ; n > 0; n-- {
		i := strings.IndexByte(body, '\n')
		if i < 0 {
			return 0
		}
		body = body[i+1:]
	}
	if !strings.HasPrefix(body, string(prefix)) {
		return 0
	}
	return utf8.RuneCount(prefix) + 1
}

// soleImage reports whether a paragraph holds only an image.
func soleImage(p ast.Node) (*ast.Image, bool) {
	if p.ChildCount() != 1 {
		return nil, false
	}
	img, ok := p.FirstChild().(*ast.Image)
	return img, ok
}

func (r *renderer) linesText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(r.src))
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), markOpen, ""), markClose, "")
}

func (r *renderer) tableHTML(w *bytes.Buffer, t *east.Table) {
	cols := 0
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		cols = max(cols, row.ChildCount())
	}
	if cols > 3 {
		r.errorf(r.lineOf(t), "newsletter-wide-table", "this table has %d columns; email on a phone can show 3 at most, so it was left out of the newsletter (split it or write it as a list)", cols)
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
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		r.inlineHTML(w, n)
	}
}

// textValue is a text node's characters with Markdown escapes and character
// references resolved.
func (r *renderer) textValue(t *ast.Text) string {
	v := t.Segment.Value(r.src)
	if !t.IsRaw() && bytes.ContainsAny(v, "\\&") {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		v = bytes.Map(dropControl, v) // "&#1;" is no character an email can carry
	}
	s := string(v)
	if strings.Contains(s, markOpen) {
		s = strings.ReplaceAll(strings.ReplaceAll(s, markOpen, ""), markClose, "")
	}
	return s
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
		r.errorf(r.lineOf(n), "newsletter-raw-html", "raw HTML is never published, so it is missing from the newsletter (write it in Markdown instead)")
	default:
		r.inlinesHTML(w, n)
	}
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

func (r *renderer) autoLink(n *ast.AutoLink) (href, label string, ok bool) {
	label = string(n.Label(r.src))
	if n.AutoLinkType == ast.AutoLinkEmail {
		return "mailto:" + label, label, true
	}
	u := string(n.URL(r.src))
	if strings.HasPrefix(label, "www.") && strings.HasPrefix(u, "http://") {
		u = "https://" + label // a bare www. address: the site is reached over https
	}
	href, ok = r.resolveLink(u, n)
	return href, label, ok
}

// resolveLink makes a link destination absolute: https:, mailto: and tel: stay,
// site paths (/contacts/) and #fragments are resolved against the base URL;
// anything else is an error.
func (r *renderer) resolveLink(dest string, n ast.Node) (string, bool) {
	dest = strings.TrimSpace(dest)
	// Both passes resolve every link; the text pass takes what the HTML pass
	// found, and a link that failed is looked at again for its message.
	if href, ok := r.links[dest]; ok {
		return href, true
	}
	href, ok := r.resolve(dest, n)
	if ok {
		if r.links == nil {
			r.links = map[string]string{}
		}
		r.links[dest] = href
	}
	return href, ok
}

func (r *renderer) resolve(dest string, n ast.Node) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil {
		r.errorf(r.lineOf(n), "newsletter-link", "link %q is not a valid address (check it for spaces or typing mistakes)", dest)
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		if u.Host == "" {
			break
		}
		return dest, true
	case "mailto", "tel":
		if u.Opaque == "" {
			break
		}
		return dest, true
	case "http":
		r.errorf(r.lineOf(n), "newsletter-link", "link %q uses http:, which email clients flag as unsafe (use https://)", dest)
		return "", false
	case "":
		if strings.HasPrefix(dest, "//") {
			break
		}
		if strings.HasPrefix(dest, "/") {
			return r.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment}).String(), true
		}
		if strings.HasPrefix(dest, "#") {
			return r.canonical + dest, true
		}
		r.errorf(r.lineOf(n), "newsletter-link", "link %q is relative, so it cannot work in an email (start it with / for a page of this site, or https://)", dest)
		return "", false
	}
	r.errorf(r.lineOf(n), "newsletter-link", "link %q cannot be used in an email (links start with https://, mailto:, tel: or / for a page of this site)", dest)
	return "", false
}

// vagueLinkText are link texts that mean nothing out of context (WCAG 2.4.4).
var vagueLinkText = map[string]bool{
	"click here": true, "here": true, "click": true, "read more": true, "more": true,
	"more info": true, "more information": true, "learn more": true, "find out more": true,
	"this link": true, "link": true, "this": true, "this page": true, "page": true,
	"website": true, "continue": true, "go": true, "details": true, "click this link": true,
}

func isVague(text string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	t = strings.Trim(t, " .,:;!?()[]\"'‘’“”…-")
	return t == "" || vagueLinkText[t]
}

func (r *renderer) checkLinkText(text string, n ast.Node) {
	if isVague(text) {
		r.errorf(r.lineOf(n), "newsletter-link-text", "link text %q does not say where the link goes when read on its own (name the page, as in \"ACT Early: how to get help\")", strings.TrimSpace(text))
	}
}

// image resolves an image to its absolute URL and size, read from the file.
func (r *renderer) image(n *ast.Image) imageInfo {
	dest := strings.TrimSpace(string(n.Destination))
	if info, ok := r.imgs[dest]; ok {
		return info
	}
	info := r.loadImage(dest, n)
	r.imgs[dest] = info
	return info
}

func (r *renderer) loadImage(dest string, n *ast.Image) imageInfo {
	line := r.lineOf(n)
	if strings.TrimSpace(r.plain(n)) == "" {
		r.errorf(line, "newsletter-image-alt", "image %q has no alt text, which email readers need (write what it shows between the brackets: ![what it shows](%s))", dest, dest)
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		if strings.HasPrefix(strings.ToLower(dest), "data:") {
			r.errorf(line, "newsletter-image", "images written into the text (data:) are blocked by email clients (save the image as a file beside the article)")
		} else {
			r.errorf(line, "newsletter-image", "image %q is not a file of this site, so its size cannot be checked and it would be loaded from another host (save it beside the article or under static/)", dest)
		}
		return imageInfo{}
	}
	var rel, publicPath string
	clean := path.Clean("/" + u.Path)
	switch {
	case strings.HasPrefix(u.Path, "/"):
		rel = "static" + clean
		publicPath = strings.TrimPrefix(clean, "/")
	case path.Base(r.page.Path) == "index.md":
		rel = path.Join(path.Dir(r.page.Path), path.Clean(u.Path))
		publicPath = strings.TrimPrefix(path.Clean(r.page.URL+u.Path), "/")
	default:
		publicPath = strings.TrimPrefix(path.Clean(r.page.URL+u.Path), "/")
		rel = "static/" + publicPath
	}
	if strings.Contains(rel, "..") {
		r.errorf(line, "newsletter-image", "image %q points outside the site folder (put it beside the article or under static/)", dest)
		return imageInfo{}
	}
	abs := filepath.Join(r.site.Root, filepath.FromSlash(rel))
	r.deps = append(r.deps, statDep(abs, rel))
	f, err := os.Open(abs)
	if err != nil {
		r.errorf(line, "newsletter-image", "image %q was not found at %s (check the file name)", dest, rel)
		return imageInfo{}
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		r.errorf(line, "newsletter-image", "image %s is not a PNG, JPEG, GIF or WebP file whose size can be read (save it in one of those formats)", rel)
		return imageInfo{}
	}
	w, h := cfg.Width, cfg.Height
	if d, ok := NewsletterImage(r.page, rel, format, w, h); ok {
		// A photo: the 1200 px copy the website's build makes (images.go).
		publicPath = d.Path
		w, h = d.Show[0], d.Show[1]
	} else if w > maxImageWidth {
		h = (h*maxImageWidth + w/2) / w
		w = maxImageWidth
	}
	src := strings.TrimSuffix(r.site.Config.BaseURL, "/") + "/" + (&url.URL{Path: publicPath}).EscapedPath()
	return imageInfo{src: src, width: w, height: max(h, 1), ok: true}
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
	for _, p := range c.Phones {
		label := "Phone"
		if p.Label != "" {
			label = p.Label
		} else if p.Textphone {
			label = "Textphone"
		}
		fmt.Fprintf(w, `<p style="%s">%s: <a href="tel:%s" style="%s">%s</a></p>`+"\n",
			styleCLine, html.EscapeString(label), html.EscapeString(p.Tel), styleA, html.EscapeString(p.Number))
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

func (r *renderer) blockText(t *textOut, n ast.Node, width int) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if c, ok := r.contactMark(n); ok {
			t.block(contactText(c, width))
			return
		}
		t.block(wrapText(r.inlineText(n), width))
	case *ast.TextBlock:
		t.block(wrapText(r.inlineText(n), width))
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
			pad := strings.Repeat(" ", len(marker))
			var inner []string
			for c := li.FirstChild(); c != nil; c = c.NextSibling() {
				if len(inner) > 0 && !n.IsTight {
					inner = append(inner, "")
				}
				inner = append(inner, r.blockLines(c, width-len(marker))...)
			}
			for i, l := range inner {
				switch {
				case i == 0:
					out = append(out, marker+l)
				case l == "":
					out = append(out, "")
				default:
					out = append(out, pad+l)
				}
			}
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
				out = append(out, wrapText(r.inlineText(c), width)...)
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
			pad := strings.Repeat(" ", len(marker))
			var out []string
			for i, l := range r.itemLines(fn, width-len(marker)) {
				switch {
				case i == 0:
					out = append(out, marker+l)
				case l == "":
					out = append(out, "")
				default:
					out = append(out, pad+l)
				}
			}
			t.block(out)
		}
	case *ast.Blockquote:
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
		cols := 0
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			cols = max(cols, row.ChildCount())
		}
		if cols > 3 {
			return
		}
		var out []string
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, strings.TrimSpace(r.inlineText(c)))
			}
			out = append(out, wrapText(strings.Join(cells, " | "), width)...)
			if row.Kind() == east.KindTableHeader {
				out = append(out, strings.Repeat("-", min(width, maxRuneLen(out))))
			}
		}
		t.block(out)
	}
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
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
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
		label := "Phone"
		if p.Label != "" {
			label = p.Label
		} else if p.Textphone {
			label = "Textphone"
		}
		add(label + ": " + p.Number)
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
