package newsletter

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"sync"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
	"safeguard/internal/parallel"
)

// File is one output file, Path relative to the published folder
// (for example "newsletter/2020-12/safeguarding-through-prevent.html").
type File struct {
	Path string
	Data []byte
}

// Generator makes the newsletter outputs; it remembers work between calls so a
// preview server can call Files after every edit cheaply.
type Generator struct {
	mu    sync.Mutex
	cache map[string]*entry // by page path

	issues map[string]*issueEntry // by issue id

	manifestKey [32]byte
	manifest    []byte

	renders int // articles rendered (not taken from the cache), for tests

	lint *emailcheck.Checker // its cache of parsed styles lives as long as the generator
}

// checker is the generator's email rule checker; a Generator made without
// NewGenerator gets one on first use.
func (g *Generator) checker() *emailcheck.Checker {
	if g.lint == nil {
		g.lint = emailcheck.New()
	}
	return g.lint
}

// issueEntry is one issue's output, valid while key is unchanged: its files
// in the order they are published, and the whole issue as HTML and as text
// (issue.html and issue.txt, also among the files) by name, for the checks
// that need them.
type issueEntry struct {
	key        [32]byte
	files      []File
	html, text []byte
	diags      diag.List
}

// entry is one article's rendered and checked output, valid while key and the
// files in deps are unchanged.
type entry struct {
	key   [32]byte
	deps  []fileDep
	html  []byte
	text  []byte
	diags diag.List

	htmlSum, textSum string // hex SHA-256, computed once
	quick            quickKey
}

// quickKey lets a repeated call skip hashing: content.Loader hands back the
// same *Page and *Contact values for files that did not change, and they are
// never modified, so the same pointers mean the same input.
type quickKey struct {
	usable   bool
	page     *content.Page
	root     string
	cfg      content.Config
	contacts []*content.Contact
}

func quickOf(s *content.Site, p *content.Page) quickKey {
	q := quickKey{usable: true, page: p, root: s.Root, cfg: s.Config}
	if len(p.ContactShortcodes) == 0 && strings.Contains(p.Body, "{{") {
		q.usable = false // a Site built by hand without the shortcode list
	}
	for _, name := range p.Contacts {
		q.contacts = append(q.contacts, s.Contacts[name])
	}
	for _, sc := range p.ContactShortcodes {
		for _, a := range sc.Args {
			q.contacts = append(q.contacts, s.Contacts[a])
		}
	}
	return q
}

func (q quickKey) same(o quickKey) bool {
	return q.usable && o.usable && q.page == o.page && q.root == o.root && q.cfg == o.cfg && slices.Equal(q.contacts, o.contacts)
}

// inNewsletter reports whether an article is in an issue: the pages Issues
// renders.
func inNewsletter(p *content.Page) bool {
	// A translation (x.cy.md) is not in the issue: the newsletter is in the
	// issue's language, unless an article is written in another (language:).
	return p.Article != nil && p.Article.Newsletter != nil && p.Article.Newsletter.Issue != "" && p.Translation == ""
}

// NewDocs returns the parsed-body store a build shares between the checks
// (check.Options.Docs) and Generator.FilesShared: it keeps the body of
// each article in an issue until both have read it, and holds no other.
func NewDocs(s *content.Site) *markdown.Docs {
	d := markdown.NewDocs()
	for _, p := range s.Pages {
		if inNewsletter(p) {
			d.Keep(p, 2)
		}
	}
	return d
}

// NewGenerator returns an empty Generator.
func NewGenerator() *Generator {
	return &Generator{cache: map[string]*entry{}, lint: emailcheck.New()}
}

// renderVersion changes whenever the output format changes, so cached output
// from an older format is never reused.
const renderVersion = "newsletter-1"

// Fragment is one article of an issue, as listed in the manifest.
type Fragment struct {
	Issue   string   `json:"issue"`
	Order   int      `json:"order"`
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	URL     string   `json:"url,omitempty"`  // an alert has no page
	Kind    string   `json:"kind,omitempty"` // "alert" for an urgent notice (alerts.go)
	Source  string   `json:"source"`
	HTML    Artifact `json:"html"`
	Text    Artifact `json:"text"`

	page   *content.Page
	html   []byte
	text   []byte
	linted bool // made by Issues from an article that passed every rule
}

// Artifact is one generated file with what an email tool needs to trust it.
type Artifact struct {
	Path   string `json:"path"`
	URL    string `json:"url"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Issue is one @Home issue: its fragments in order, after the urgent
// notices at its top (issueAlerts).
type Issue struct {
	ID        string      `json:"issue"` // YYYY-MM
	Title     string      `json:"title"` // "@Home December 2020"
	Alerts    []*Fragment `json:"-"`     // at newsletter/ISSUE/alerts/NAME.html and .txt
	Fragments []*Fragment `json:"-"`
}

// Manifest is newsletter/index.json.
type Manifest struct {
	Newsletter string      `json:"newsletter"`
	Site       string      `json:"site"`
	BaseURL    string      `json:"base_url"`
	Issues     []string    `json:"issues"` // newest first
	Fragments  []*Fragment `json:"fragments"`
}

// Issues returns the site's issues, newest first, each with its fragments in
// order, rendering what changed since the last call. Articles whose fragment
// has errors are left out (the errors are in the list).
func (g *Generator) Issues(s *content.Site) ([]*Issue, diag.List) {
	return g.issuesWith(s, nil)
}

// issuesWith is Issues, reading the bodies from docs.
func (g *Generator) issuesWith(s *content.Site, docs *markdown.Docs) ([]*Issue, diag.List) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.cache == nil {
		g.cache = map[string]*entry{}
	}
	var diags diag.List
	byIssue := map[string]*Issue{}
	seen := map[string]bool{}
	var pages []*content.Page
	for _, p := range s.Pages {
		if !inNewsletter(p) {
			continue
		}
		seen[p.Path] = true
		pages = append(pages, p)
	}
	entries := make([]*entry, len(pages))
	var todo []int
	lint := g.checker() // under g.mu, before the workers share it
	for i, p := range pages {
		if entries[i] = g.cached(s, p); entries[i] == nil {
			todo = append(todo, i)
		} else {
			docs.Skip(p) // the checks alone read it now
		}
	}
	// Render what changed on every core: a first call on a big site renders
	// thousands of articles, and each is independent of the others.
	parallel.Each(len(todo), func(k int) {
		i := todo[k]
		entries[i] = build(lint, s, pages[i], docs)
	})
	g.renders += len(todo)
	for _, i := range todo {
		g.cache[pages[i].Path] = entries[i]
	}
	for i, p := range pages {
		e := entries[i]
		diags.Append(e.diags)
		if e.diags.HasErrors() {
			continue
		}
		n := p.Article.Newsletter
		iss := byIssue[n.Issue]
		if iss == nil {
			iss = &Issue{ID: n.Issue, Title: issueTitle(s, n.Issue)}
			byIssue[n.Issue] = iss
		}
		dir := "newsletter/" + n.Issue + "/"
		iss.Fragments = append(iss.Fragments, &Fragment{
			Issue: n.Issue, Order: n.Order, Slug: p.Slug, Title: p.Title, Summary: p.Summary,
			URL: canonicalURL(s, p), Source: p.Path,
			HTML: artifact(s, dir+p.Slug+".html", e.html, e.htmlSum),
			Text: artifact(s, dir+p.Slug+".txt", e.text, e.textSum),
			page: p, html: e.html, text: e.text, linted: true,
		})
	}
	for path := range g.cache {
		if !seen[path] {
			delete(g.cache, path) // the article left every issue or was deleted
		}
	}
	var issues []*Issue
	for _, iss := range byIssue {
		slices.SortFunc(iss.Fragments, func(a, b *Fragment) int {
			return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Slug, b.Slug))
		})
		for i := 1; i < len(iss.Fragments); i++ {
			a, b := iss.Fragments[i-1], iss.Fragments[i]
			if a.Order == b.Order && !Switches(b.page).Off(diag.Diagnostic{Path: b.page.Path, Rule: "newsletter-order"}) {
				pos := b.page.Fields["newsletter.order"]
				diags.Warnf(b.page.Path, pos.Line, pos.Col, "newsletter-order", "newsletter order %d in issue %s is also used by %s, so their order is by slug (give each article its own number)", b.Order, b.Issue, a.Source)
			}
		}
		diags.Append(slugClashes(iss))
		issues = append(issues, iss)
	}
	slices.SortFunc(issues, func(a, b *Issue) int { return cmp.Compare(b.ID, a.ID) })
	diags.Append(addAlerts(lint, s, issues))
	return issues, diags
}

// addAlerts puts the alerts of each issue (issueAlerts) at its top, each
// rendered and checked once however many issues show it. An alert whose
// fragment has errors is left out (the errors are in the list). They are
// few and short, so they are not cached.
func addAlerts(lint *emailcheck.Checker, s *content.Site, issues []*Issue) diag.List {
	var diags diag.List
	done := map[*content.Page]*entry{}
	for _, iss := range issues {
		for _, p := range issueAlerts(s, iss.ID) {
			e, ok := done[p]
			if !ok {
				out := renderAlert(s, p)
				e = checked(lint, p, out)
				done[p] = e
				diags.Append(e.diags)
			}
			if e.diags.HasErrors() {
				continue
			}
			dir := "newsletter/" + iss.ID + "/alerts/"
			iss.Alerts = append(iss.Alerts, &Fragment{
				Issue: iss.ID, Kind: "alert", Slug: "alerts/" + p.Slug, Title: p.Title, Source: p.Path,
				HTML: artifact(s, dir+p.Slug+".html", e.html, e.htmlSum),
				Text: artifact(s, dir+p.Slug+".txt", e.text, e.textSum),
				page: p, html: e.html, text: e.text, linted: true,
			})
		}
	}
	return diags
}

// reservedSlugs are the names of the files an issue writes beside its
// fragments (issue.html, issue.txt, index.html: see issueFiles): an
// article with one of them as its slug would be overwritten by them.
var reservedSlugs = []string{"issue", "index"}

// slugClashes reports every article of an issue whose fragment would be
// overwritten: a slug the issue's own files use, or one that another article
// of the issue has (anywhere in the order, and in any case: some disks do
// not tell Help.html from help.html). Each error names both files.
func slugClashes(iss *Issue) diag.List {
	var diags diag.List
	at := func(f *Fragment) (int, int) {
		if pos, ok := f.page.Fields["slug"]; ok {
			return pos.Line, pos.Col
		}
		return 0, 0
	}
	first := map[string]*Fragment{}
	for _, f := range iss.Fragments {
		key := strings.ToLower(f.Slug)
		line, col := at(f)
		if slices.Contains(reservedSlugs, key) {
			diags.Errorf(f.page.Path, line, col, "newsletter-slug", "the slug %q is the name of the whole issue's own file (newsletter/%s/%s.html), which would overwrite this article's fragment (set a different slug:, e.g. slug: %s-article)", f.Slug, iss.ID, key, key)
			continue
		}
		if o := first[key]; o != nil {
			diags.Errorf(f.page.Path, line, col, "newsletter-slug", "issue %s has two articles with the slug %q: this one and %s, so one fragment would overwrite the other (give one of them a different slug:)", iss.ID, f.Slug, o.Source)
			continue
		}
		first[key] = f
	}
	return diags
}

func artifact(s *content.Site, path string, data []byte, sum string) Artifact {
	return Artifact{Path: path, URL: strings.TrimSuffix(s.Config.BaseURL, "/") + "/" + path, Bytes: len(data), SHA256: sum}
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// cached returns the cached output of one article, or nil when something it
// depends on changed.
func (g *Generator) cached(s *content.Site, p *content.Page) *entry {
	q := quickOf(s, p)
	e, ok := g.cache[p.Path]
	if !ok || !depsUnchanged(s, e.deps) {
		return nil
	}
	if q.usable && e.quick.same(q) {
		return e // the loader handed back the very same page and contacts
	}
	if e.key == articleKey(s, p) {
		e.quick = q
		return e
	}
	return nil
}

// build renders and checks one article; it only reads its arguments, so
// articles can be built in parallel.
func build(lint *emailcheck.Checker, s *content.Site, p *content.Page, docs *markdown.Docs) *entry {
	e := checked(lint, p, renderArticle(s, p, docs))
	e.key, e.quick = articleKey(s, p), quickOf(s, p)
	return e
}

// checked is p's rendered output, run through the rule checker when
// rendering found no error.
func checked(lint *emailcheck.Checker, p *content.Page, out output) *entry {
	e := &entry{deps: out.deps, html: out.html, text: out.text, diags: out.diags, htmlSum: sha(out.html), textSum: sha(out.text)}
	if !out.diags.HasErrors() {
		e.diags.Append(lintDiags(lint, p, out.html, out.text, out.switched))
	}
	return e
}

// articleKey hashes everything an article's fragment depends on: its text and
// the front matter shown, the contacts it can show, the site's address,
// language and name. Images are checked separately by their file stamps.
func articleKey(s *content.Site, p *content.Page) [32]byte {
	h := sha256.New()
	var n [8]byte
	field := func(v string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
		h.Write(n[:])
		io.WriteString(h, v)
	}
	num := func(v int) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	for _, v := range []string{renderVersion, s.Root, s.Config.BaseURL, s.Config.Language, s.Config.Title, s.Config.Path,
		p.Path, p.URL, p.Slug, p.Title, p.Summary, p.Body} {
		field(v)
	}
	num(p.BodyLine)
	num(len(p.Contacts))
	for _, c := range p.Contacts {
		field(c)
	}
	pos := p.Fields["contacts"]
	num(pos.Line)
	// The contacts the article can show: from front matter and shortcodes.
	names := slices.Clone(p.Contacts)
	for _, sc := range p.ContactShortcodes {
		names = append(names, sc.Args...)
	}
	if len(p.ContactShortcodes) == 0 && strings.Contains(p.Body, "{{") {
		for name := range s.Contacts { // a Site built without the shortcode list
			if strings.Contains(p.Body, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		field(name)
		c, ok := s.Contacts[name]
		if !ok {
			field("<missing>")
			continue
		}
		for _, v := range []string{c.Title, c.Summary, c.Email, c.URL, c.Hours} {
			field(v)
		}
		num(len(c.Phones))
		for _, ph := range c.Phones {
			field(ph.Number)
			field(ph.Tel)
			field(ph.Label)
			if ph.Textphone {
				num(1)
			} else {
				num(0)
			}
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func depsUnchanged(s *content.Site, deps []fileDep) bool {
	for _, d := range deps {
		if fileDepOf(s, d.Path) != d {
			return false
		}
	}
	return true
}

// lintDiags runs the rule checker on an article's output: a generated fragment
// that breaks a rule is never published silently. What the checker finds
// that the writer can cause has its rulebook name, at the article's title:
// a fragment over the size limits, and the constructs the page switched off
// (switched: those are not reported again). Anything else is safeguard's own
// mistake, not the writer's.
func lintDiags(lint *emailcheck.Checker, p *content.Page, htmlSrc, txt []byte, switched map[string]bool) diag.List {
	var d diag.List
	line, col := 1, 1
	if pos, ok := p.Fields["title"]; ok && pos.Line > 0 {
		line, col = pos.Line, pos.Col
	}
	sw := Switches(p)
	add := func(kind string, vs []emailcheck.Violation) {
		for _, v := range vs {
			rule := bookRule(v)
			switch {
			case switched[rule], sw.Off(diag.Diagnostic{Path: p.Path, Line: line, Col: col, Rule: rule}):
			case rule == "newsletter-size" && v.Warning:
				d.Warnf(p.Path, line, col, rule, "the newsletter %s breaks %s (shorten the article, or split it in two)", kind, v.Message)
			case rule == "newsletter-size":
				d.Errorf(p.Path, line, col, rule, "the newsletter %s breaks %s (shorten the article, or split it in two)", kind, v.Message)
			default:
				d.Errorf(p.Path, line, col, "newsletter-"+v.Rule, "the newsletter %s breaks %s (this is a bug in safeguard: please report it with this article)", kind, v.Message)
			}
		}
	}
	vs, nodes := lint.HTML(htmlSrc)
	add("HTML", vs)
	add("plain text", lint.Text(txt))
	add("plain text", lint.Twin(nodes, txt))
	return d
}

// bookRule is the rulebook's name (internal/rules) for what the email rule
// checker found, where the writer's Markdown can be its cause.
func bookRule(v emailcheck.Violation) string {
	switch v.Rule {
	case "size":
		return "newsletter-size"
	case "link-text":
		return "link-text"
	case "link":
		if strings.Contains(v.Message, `"http:`) {
			return "http-link"
		}
		return "email-link"
	}
	return "newsletter-" + v.Rule
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// issueName turns "2020-12" into "December 2020".
func issueName(id string) string {
	var y, m int
	if _, err := fmt.Sscanf(id, "%d-%d", &y, &m); err != nil || m < 1 || m > 12 {
		return id
	}
	return fmt.Sprintf("%s %d", monthNames[m-1], y)
}

func newsletterName(s *content.Site) string {
	if s.Config.NewsletterName != "" {
		return s.Config.NewsletterName
	}
	return content.DefaultNewsletterName
}

func issueTitle(s *content.Site, id string) string {
	return newsletterName(s) + " " + issueName(id)
}

// all is the issue's alerts, then its articles: the whole issue in order.
func (iss *Issue) all() []*Fragment {
	if len(iss.Alerts) == 0 {
		return iss.Fragments
	}
	return append(slices.Clip(iss.Alerts), iss.Fragments...)
}

// IssueHTML is a whole issue as one fragment: the alerts, then the articles in
// order, separated by a rule, inside one wrapper.
func IssueHTML(s *content.Site, iss *Issue) []byte {
	var b bytes.Buffer
	n := 0
	for _, f := range iss.Fragments {
		n += len(f.html) + 100
	}
	b.Grow(n + 300)
	fmt.Fprintf(&b, `<div lang="%s" dir="ltr" style="%s">`+"\n", html.EscapeString(language(s)), styleWrapper)
	for i, f := range iss.all() {
		if i > 0 {
			fmt.Fprintf(&b, `<hr style="%s">`+"\n", styleHr)
		}
		b.Write(f.html)
	}
	b.WriteString("</div>\n")
	return b.Bytes()
}

// IssueText is a whole issue's plain text.
func IssueText(iss *Issue) []byte {
	var b bytes.Buffer
	n := 0
	for _, f := range iss.Fragments {
		n += len(f.text) + 23
	}
	b.Grow(n) // an issue is hundreds of KB: grown once, not copied on
	for i, f := range iss.all() {
		if i > 0 {
			b.WriteString("\n" + strings.Repeat("*", 20) + "\n\n")
		}
		b.Write(f.text)
	}
	// Each twin quoted what it shows as typed; a '<' left open at the end
	// of one (in a title) could still run on into the next.
	return emailcheck.QuoteMarkup(b.Bytes())
}

// issueFiles returns an issue's files and editors' page, from the cache when
// none of its fragments changed.
func (g *Generator) issueFiles(s *content.Site, iss *Issue) *issueEntry {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %q %q %q\n", renderVersion, iss.ID, s.Config.BaseURL, s.Config.Language, s.Config.Title, s.Config.NewsletterName)
	for _, f := range iss.all() {
		fmt.Fprintf(h, "%q %q %d %q %q %q %q %s %s\n", f.Kind, f.Slug, f.Order, f.Title, f.Summary, f.Source, f.URL, f.HTML.SHA256, f.Text.SHA256)
	}
	var key [32]byte
	h.Sum(key[:0])
	g.mu.Lock()
	e, ok := g.issues[iss.ID]
	g.mu.Unlock()
	if ok && e.key == key {
		return e
	}
	issueHTML, issueText := IssueHTML(s, iss), IssueText(iss)
	files := issueFileList(iss, issueHTML, issueText)
	files = append(files, File{"newsletter/" + iss.ID + "/index.html", issuePage(s, iss, len(issueHTML))})
	// The whole issue is checked too: it is pasted as one piece. Its size is
	// reported by Files; each article's own size was checked with the article.
	var d diag.List
	if len(iss.Fragments) > 0 && !wholeIssueClean(s, iss) {
		src := iss.Fragments[0].Source
		lint := g.lint // made by issuesWith, before the issues
		vs, nodes := lint.HTML(issueHTML)
		vs = append(vs, lint.Text(issueText)...)
		vs = append(vs, lint.Twin(nodes, issueText)...)
		for _, v := range vs {
			// The size is Files', and what the writer can cause was
			// judged article by article (lintDiags).
			if v.Rule != "size" && bookRule(v) == "newsletter-"+v.Rule {
				d.Errorf(src, 0, 0, "newsletter-"+v.Rule, "the newsletter file for the whole issue %s breaks %s (this is a bug in safeguard)", iss.ID, v.Message)
			}
		}
	}
	g.mu.Lock()
	if g.issues == nil {
		g.issues = map[string]*issueEntry{}
	}
	e = &issueEntry{key: key, files: files, html: issueHTML, text: issueText, diags: d}
	g.issues[iss.ID] = e
	g.mu.Unlock()
	return e
}

// wholeIssueClean reports whether checking the whole issue is sure to find
// nothing, so it need not be parsed again after its fragments (that was a
// third of the newsletter's CPU). It holds when every fragment passed every
// rule on its own (Issues keeps no other) and the issue adds only what breaks
// none: a wrapper like each fragment's with a plain language code, the rules
// between articles, and plain text that leaves the HTML tokenizer between
// tokens. Inside the issue a fragment parses as it did alone: the renderer
// writes its elements balanced, and anything left open would have been
// reopened for its trailing newline outside its wrapper, failing rule 2. Its
// own wrapper sets the colour and size, so what it inherits changes nothing.
// Its links are written out in the issue's text as they were in its own, and
// the sizes of the whole issue are reported by Files. Anything else, such as a
// language that needs escaping, is checked in full.
func wholeIssueClean(s *content.Site, iss *Issue) bool {
	lang := language(s)
	if lang == "" {
		return false
	}
	for _, c := range []byte(lang) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	open := `<div lang="` + lang + `" dir="ltr" style="` + styleWrapper + "\">\n"
	all := iss.all()
	for i, f := range all {
		if !f.linted || !bytes.HasPrefix(f.html, []byte(open)) || !bytes.HasSuffix(f.html, []byte("</div>\n")) {
			return false
		}
		// A '<' could start a tag that runs on into the next article's text.
		if i < len(all)-1 && bytes.IndexByte(f.text, '<') >= 0 {
			return false
		}
	}
	return true
}

// IssueFiles are the files of one issue: each fragment's HTML and text, and the
// whole issue as issue.html and issue.txt. Paths start with "newsletter/<issue>/".
func IssueFiles(s *content.Site, iss *Issue) []File {
	return issueFileList(iss, IssueHTML(s, iss), IssueText(iss))
}

// issueFileList is IssueFiles with the whole issue already made.
func issueFileList(iss *Issue, issueHTML, issueText []byte) []File {
	dir := "newsletter/" + iss.ID + "/"
	files := make([]File, 0, 2*len(iss.Alerts)+2*len(iss.Fragments)+3) // and the editors' page
	for _, f := range iss.all() {
		files = append(files, File{f.HTML.Path, f.html}, File{f.Text.Path, f.text})
	}
	return append(files, File{dir + "issue.html", issueHTML}, File{dir + "issue.txt", issueText})
}

// Files returns every newsletter output for the site: per issue the fragments,
// issue.html and issue.txt and the editors' page; the list of issues; the
// manifest; the editors' script and stylesheet.
func (g *Generator) Files(s *content.Site) ([]File, diag.List) {
	return g.FilesShared(s, nil)
}

// FilesShared is Files reading each article's parsed body from docs, which
// the checks of the same build share (see NewDocs), so that each body is
// parsed once; nil docs parses here.
func (g *Generator) FilesShared(s *content.Site, docs *markdown.Docs) ([]File, diag.List) {
	issues, diags := g.issuesWith(s, docs)
	if len(issues) == 0 {
		return nil, diags
	}
	var files []File
	m := Manifest{Newsletter: newsletterName(s), Site: s.Config.Title, BaseURL: s.Config.BaseURL, Fragments: []*Fragment{}}
	mh := sha256.New()
	// Each issue is assembled and checked as one piece: on every core, as a
	// big site has hundreds of issues.
	outs := make([]*issueEntry, len(issues))
	parallel.Each(len(issues), func(i int) {
		outs[i] = g.issueFiles(s, issues[i])
	})
	for i, iss := range issues {
		o := outs[i]
		diags.Append(o.diags)
		mh.Write(o.key[:])
		files = append(files, o.files...)
		if len(o.html) > emailcheck.SizeClip && len(iss.Fragments) > 0 {
			diags.Warnf(iss.Fragments[0].Source, 0, 0, "newsletter-size", "issue %s is %d KB as one piece, over Gmail's 102 KB clipping limit (paste the articles one by one, or move some to another issue)", iss.ID, len(o.html)/1024)
		}
		m.Issues = append(m.Issues, iss.ID)
		m.Fragments = append(m.Fragments, iss.all()...)
	}
	g.mu.Lock()
	for id := range g.issues {
		if !slices.ContainsFunc(issues, func(x *Issue) bool { return x.ID == id }) {
			delete(g.issues, id)
		}
	}
	g.mu.Unlock()
	files = append(files, File{"newsletter/index.html", issuesPage(s, issues)})
	var mkey [32]byte
	mh.Sum(mkey[:0])
	g.mu.Lock()
	if g.manifest == nil || g.manifestKey != mkey {
		js, _ := json.MarshalIndent(m, "", "  ")
		g.manifest, g.manifestKey = append(js, '\n'), mkey
	}
	js := g.manifest
	g.mu.Unlock()
	files = append(files,
		File{"newsletter/index.json", js},
		File{"newsletter/copy.js", []byte(copyJS)},
		File{"newsletter/editor.css", []byte(editorCSS)})
	return files, diags
}
