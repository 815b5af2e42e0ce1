package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/markdown"
)

// textWidth is the longest line of the plain-text twin (fragment rule 12, doc.go).
const textWidth = 78

// maxImageWidth is the email width; wider images are scaled down to it.
const maxImageWidth = 600

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

	doc      *markdown.Doc // the body parsed, shared with the checks: read only
	src      []byte        // doc.Src
	contacts []*content.Contact
	used     map[string]bool // contacts shown in the body

	// For the shortcodes of doc (shortcodes.go): the index in contacts of
	// the contact each shows (-1 for none), whether it was shown in this
	// pass, those to show after the current block, and the paragraph whose
	// text is being split around its contacts.
	spanContact []int
	shown       []bool
	pending     []int
	splitting   ast.Node

	chrome string // lang and dir of the site's language, when the page is in another
	dir    string // the page's direction, "ltr" or "rtl"

	alert markdown.Alert // the note or warning being written, whose marker line is left out

	quiet bool // true during the text pass: problems were reported by the HTML pass
	diags diag.List
	deps  []fileDep
	imgs  map[string]imageInfo
	links map[string]string // resolveLink's addresses, by trimmed destination
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

// otherLanguage is the lang and dir attributes of an article's title and
// summary where they stand among the site's own words (the editors' issue
// page), when the article is written in another language; "" otherwise.
func otherLanguage(s *content.Site, p *content.Page) string {
	if p == nil || p.Language == "" || strings.EqualFold(p.Language, language(s)) {
		return ""
	}
	return fmt.Sprintf(` lang="%s" dir="%s"`, html.EscapeString(p.Language), markdown.Direction(p.Language))
}

// renderArticle renders one article from its parsed body, which docs shares
// with the checks (nil: parsed here).
func renderArticle(s *content.Site, p *content.Page, docs *markdown.Docs) output {
	r := &renderer{site: s, page: p, canonical: canonicalURL(s, p), used: map[string]bool{}, imgs: map[string]imageInfo{}}
	var err error
	r.base, err = url.Parse(s.Config.BaseURL)
	if err != nil || r.base.Scheme != "https" || r.base.Host == "" {
		r.diags.Errorf(s.Config.Path, 0, 0, "newsletter-base-url", "base URL %q is not an https:// address, so newsletter links cannot be made absolute (set base_url in site.yaml or pass --base-url)", s.Config.BaseURL)
		docs.Skip(p)
		return output{diags: r.diags}
	}
	if !r.checkCharacters() {
		docs.Skip(p)
		return output{diags: r.diags}
	}
	// The website's dialect (internal/markdown): ids from {#id} are dropped
	// here, as an email needs none; lang and dir are kept.
	r.doc = docs.Get(p, p.Body, p.Spans)
	r.src = r.doc.Src
	r.prepareShortcodes()
	doc := r.doc.Root
	r.checkFootnoteRefs(doc)

	var h bytes.Buffer
	h.Grow(2*len(r.src) + 2048) // the HTML is about twice the Markdown: grown once, not copied on
	lang := pageLanguage(s, p)
	r.dir = markdown.Direction(lang)
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
	for _, c := range r.unshown() {
		r.contactHTML(&h, r.contacts[c])
	}
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
	clear(r.shown)
	r.pending = r.pending[:0]
	var t textOut
	t.heading(p.Title, 2)
	if p.Summary != "" {
		t.para(p.Summary)
	}
	r.blocksText(&t, doc)
	for _, c := range r.unshown() {
		t.block(contactText(r.contacts[c], textWidth))
	}
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

// line maps an offset in the body to a line of the article file.
func (r *renderer) line(off int) int {
	if off < 0 {
		return r.page.BodyLine
	}
	off = min(off, len(r.src))
	return r.page.BodyLine + bytes.Count(r.src[:off], []byte("\n"))
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

// column is the 1-based column, in characters, of an offset in the body.
func (r *renderer) column(off int) int {
	off = min(off, len(r.page.Body))
	start := strings.LastIndexByte(r.page.Body[:off], '\n') + 1
	return utf8.RuneCountInString(r.page.Body[start:off]) + 1
}

// linesText is the text of a code block; a contact shortcode in it is shown
// after the block.
func (r *renderer) linesText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(r.segText(seg.Start, seg.Stop, false))
	}
	return b.String()
}
