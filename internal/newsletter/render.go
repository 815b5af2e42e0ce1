package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
	"safeguard/internal/rules"
)

// textWidth is the longest line of the plain-text twin (fragment rule 12, doc.go).
const textWidth = emailcheck.TextWidth

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

// fileDepOf is the file rel (a slash path from the source folder) as the
// loader's inventory of s saw it.
func fileDepOf(s *content.Site, rel string) fileDep {
	f := s.Files.Lookup(rel)
	if f == nil || !f.Regular() {
		return fileDep{Path: rel}
	}
	return fileDep{Path: rel, Size: f.Size, ModTime: f.ModTime.UnixNano(), Exists: true}
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
	// The rules the page switched off (rules.Switches), and those of them
	// that were met: the email rule checker's findings of the same rules
	// are those constructs again (lintDiags).
	switches rules.Switches
	switched map[string]bool
	rawSeen  bool // raw HTML was reported
	deps     []fileDep
	imgs     map[string]imageInfo
	links    map[string]string // resolveLink's addresses, by trimmed destination
}

// output is what rendering one article produces.
type output struct {
	html, text []byte
	diags      diag.List
	deps       []fileDep
	switched   map[string]bool // rules met and switched off by the page
}

// Switches are the rules a page switched off, for its fragment and text
// twin as for its web page.
func Switches(p *content.Page) rules.Switches {
	return rules.Switches{Page: p.Ignore, Lines: rules.LineIgnores(p.Body), BodyLine: p.BodyLine}
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
	return content.DefaultLanguage
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
	r, ok := newRenderer(s, p, canonicalURL(s, p), docs)
	if !ok {
		return output{diags: r.diags}
	}
	doc := r.doc.Root
	r.checkFootnoteRefs(doc)

	var h bytes.Buffer
	h.Grow(2*len(r.src) + 2048) // the HTML is about twice the Markdown: grown once, not copied on
	r.openWrapper(&h)
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

	// Text CommonMark shows as typed (\<br/>) stays as typed in the twin,
	// quoted as code so no reader or checker takes it for markup.
	text := emailcheck.QuoteMarkup(t.bytes())
	return output{html: asciiHTML(h.Bytes()), text: text, diags: r.diags.Sort(), deps: r.deps, switched: r.switched}
}

// newRenderer parses p's body (from docs, shared with the checks; nil:
// parsed here) for rendering, links resolved against canonical. It returns
// false, with the reasons in r.diags, when no link could be made absolute or
// the text holds what email cannot carry: the page cannot be rendered then.
func newRenderer(s *content.Site, p *content.Page, canonical string, docs *markdown.Docs) (*renderer, bool) {
	r := &renderer{site: s, page: p, canonical: canonical, used: map[string]bool{}, imgs: map[string]imageInfo{},
		switches: Switches(p), switched: map[string]bool{}}
	var err error
	r.base, err = url.Parse(s.Config.BaseURL)
	if err != nil || r.base.Scheme != "https" || r.base.Host == "" {
		r.diags.Errorf(s.Config.Path, 0, 0, "newsletter-base-url", "base URL %q is not an https:// address, so newsletter links cannot be made absolute (set base_url in site.yaml or pass --base-url)", s.Config.BaseURL)
		docs.Skip(p)
		return r, false
	}
	if !r.checkCharacters() {
		docs.Skip(p)
		return r, false
	}
	// The website's dialect (internal/markdown): ids from {#id} are dropped
	// here, as an email needs none; lang and dir are kept.
	r.doc = docs.Get(p, p.Body, p.ShortcodeSpans)
	r.src = r.doc.Src
	r.prepareShortcodes()
	lang := pageLanguage(s, p)
	r.dir = markdown.Direction(lang)
	if lang != language(s) {
		// The words safeguard adds ("Notes", "Useful contacts", the link to
		// the site) are in the site's language, inside a page that is not.
		r.chrome = fmt.Sprintf(` lang="%s" dir="%s"`, html.EscapeString(language(s)), markdown.Direction(language(s)))
	}
	return r, true
}

// openWrapper writes the fragment's one wrapper, in the page's language.
func (r *renderer) openWrapper(h *bytes.Buffer) {
	lang := pageLanguage(r.site, r.page)
	fmt.Fprintf(h, `<div lang="%s" dir="%s" style="%s">`+"\n", html.EscapeString(lang), markdown.Direction(lang), styleWrapper)
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
	check := func(v string, at pos, what string) {
		for i, c := range v {
			bad := c == utf8.RuneError && !strings.HasPrefix(v[i:], "\uFFFD")
			if !bad && (c == '\n' || c == '\t' || !unicode.IsControl(c)) {
				continue
			}
			if what == "" {
				at = r.at(i)
			}
			r.errorf(at, "newsletter-characters", "the %stext has a character that is not allowed in email (U+%04X or a byte that is not UTF-8; save the file as UTF-8 and retype the text around it)", what, c)
			ok = false
			return
		}
	}
	check(r.page.Title, r.fieldPos("title"), "title ")
	check(r.page.Summary, r.fieldPos("summary"), "summary ")
	check(r.page.Body, pos{}, "")
	long := func(v string, at pos, what string) {
		if w, off := longestWord(v); w > maxWord {
			if what == "" {
				at = r.at(off)
			}
			r.errorf(at, "newsletter-long-word", "the %stext has a word of %d characters without a space; an email's plain text cannot hold a line that long (break it up, or use a shorter web address)", what, w)
			ok = false
		}
	}
	long(r.page.Title, r.fieldPos("title"), "title ")
	long(r.page.Summary, r.fieldPos("summary"), "summary ")
	long(r.page.Body, pos{}, "")
	return ok
}

// maxWord is the longest word a fragment's text twin can hold: a line may not
// pass emailcheck.TextHardWidth, and a word in a nested list or quote is indented.
const maxWord = emailcheck.TextHardWidth - 98

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
				r.errorf(r.fieldPos("contacts"), "newsletter-contact", "contact %q does not exist, so it cannot be shown in the newsletter (add content/contacts/%s.md or correct the name)", name, name)
			}
			continue
		}
		r.used[name] = true
		out = append(out, c)
	}
	return out
}

// pos is a place in the article's file: line and column, 1-based.
type pos struct{ line, col int }

// fieldPos is where a front matter field was written (the title's line
// when it was not).
func (r *renderer) fieldPos(field string) pos {
	if p, ok := r.page.Fields[field]; ok && p.Line > 0 {
		return pos{p.Line, p.Col}
	}
	if p, ok := r.page.Fields["title"]; ok && p.Line > 0 {
		return pos{p.Line, p.Col}
	}
	return pos{1, 1}
}

// errorf reports an error at a place of the article, unless the page
// switched its rule off there, which is noted in r.switched; it returns
// whether the error stands.
func (r *renderer) errorf(at pos, rule, format string, args ...any) bool {
	return r.report(diag.Error, at, rule, format, args...)
}

// warnf is errorf for a warning.
func (r *renderer) warnf(at pos, rule, format string, args ...any) bool {
	return r.report(diag.Warning, at, rule, format, args...)
}

func (r *renderer) report(sev diag.Severity, at pos, rule, format string, args ...any) bool {
	d := diag.Diagnostic{Path: r.page.Path, Line: at.line, Col: at.col, Severity: sev, Rule: rule}
	if r.switches.Off(d) {
		r.switched[rule] = true
		return false
	}
	if !r.quiet {
		d.Message = fmt.Sprintf(format, args...)
		r.diags = append(r.diags, d)
	}
	return true
}

// line maps an offset in the body to a line of the article file.
func (r *renderer) line(off int) int {
	if off < 0 {
		return r.page.BodyLine
	}
	off = min(off, len(r.page.Body))
	return r.page.BodyLine + strings.Count(r.page.Body[:off], "\n")
}

// at is the line and column of an offset in the body.
func (r *renderer) at(off int) pos {
	if off < 0 {
		return pos{r.page.BodyLine, 1}
	}
	return pos{r.line(off), r.column(off)}
}

// lineOf finds the place of a node: its own position, a descendant's, or an
// ancestor's.
func (r *renderer) lineOf(n ast.Node) pos {
	for m := n; m != nil; m = m.Parent() {
		if off := nodeOffset(m); off >= 0 {
			return r.at(off)
		}
	}
	return pos{r.page.BodyLine, 1}
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

// maxEmailColumns is the widest table an email shows as a table: a phone's
// screen holds about 3 columns of words. A wider table is shown as one
// block per row (stacked), with a warning, unless the page switches the
// rule off (ignore: {newsletter-wide-table: reason}).
const maxEmailColumns = 3

// ruleWideTable is the warning about a table stacked in the email.
const ruleWideTable = "newsletter-wide-table"

// stackedCell is one cell of a stacked table, with its column's header
// cell (nil when the table has none or the header cell is empty).
type stackedCell struct{ head, cell ast.Node }

// stacked returns a table's body rows as "Column: value" cells, with a
// warning, when the table is wider than maxEmailColumns and the page has not
// switched the rule off; ok is false when the table is shown as a table.
// Empty cells are left out.
func (r *renderer) stacked(t *east.Table) (rows [][]stackedCell, ok bool) {
	var head []ast.Node
	cols := 0
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		cols = max(cols, row.ChildCount())
		if row.Kind() == east.KindTableHeader {
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				head = append(head, c)
			}
		}
	}
	if cols <= maxEmailColumns {
		return nil, false
	}
	if _, off := r.page.Ignore[ruleWideTable]; off {
		return nil, false
	}
	r.warnf(r.lineOf(t), ruleWideTable, "this table has %d columns; email on a phone shows %d at most, so the newsletter shows each row as a block of \"Column: value\" lines (that is fine; to keep it a table, give it %d columns or fewer)", cols, maxEmailColumns, maxEmailColumns)
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if row.Kind() == east.KindTableHeader {
			continue
		}
		var cells []stackedCell
		i := 0
		for c := row.FirstChild(); c != nil; c, i = c.NextSibling(), i+1 {
			if strings.TrimSpace(r.plain(c)) == "" {
				continue
			}
			sc := stackedCell{cell: c}
			if i < len(head) && strings.TrimSpace(r.plain(head[i])) != "" {
				sc.head = head[i]
			}
			cells = append(cells, sc)
		}
		if len(cells) > 0 {
			rows = append(rows, cells)
		}
	}
	return rows, true
}
