// This file is the newsletter package as it was before the build-speed work
// (issue 6), kept as the reference for the differential tests in
// differential_test.go: the package must give exactly its files and
// diagnostics for every input. Only the package clause and the imports differ.

package newsletter_test

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"image"
	_ "image/gif"  // image sizes are read from the files
	_ "image/jpeg" // image sizes are read from the files
	_ "image/png"  // image sizes are read from the files
	"io"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	_ "golang.org/x/image/webp" // image sizes are read from the files
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
)

// ---- newsletter.go ----

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
}

// issueEntry is one issue's combined files, valid while key is unchanged.
type issueEntry struct {
	key   [32]byte
	files []File
	diags diag.List
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
	if len(p.Shortcode) == 0 && strings.Contains(p.Body, "{{") {
		q.usable = false // a Site built by hand without the shortcode list
	}
	for _, name := range p.Contacts {
		q.contacts = append(q.contacts, s.Contacts[name])
	}
	for _, sc := range p.Shortcode {
		for _, a := range sc.Args {
			q.contacts = append(q.contacts, s.Contacts[a])
		}
	}
	return q
}

func (q quickKey) same(o quickKey) bool {
	return q.usable && o.usable && q.page == o.page && q.root == o.root && q.cfg == o.cfg && slices.Equal(q.contacts, o.contacts)
}

// NewGenerator returns an empty Generator.
func NewGenerator() *Generator { return &Generator{cache: map[string]*entry{}} }

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
	URL     string   `json:"url"`
	Source  string   `json:"source"`
	HTML    Artifact `json:"html"`
	Text    Artifact `json:"text"`

	page *content.Page
	html []byte
	text []byte
}

// Artifact is one generated file with what an email tool needs to trust it.
type Artifact struct {
	Path   string `json:"path"`
	URL    string `json:"url"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Issue is one @Home issue: its fragments in order.
type Issue struct {
	ID        string      `json:"issue"` // YYYY-MM
	Title     string      `json:"title"` // "@Home December 2020"
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
		if p.Article == nil || p.Article.Newsletter == nil || p.Article.Newsletter.Issue == "" {
			continue
		}
		seen[p.Path] = true
		pages = append(pages, p)
	}
	entries := make([]*entry, len(pages))
	var todo []int
	for i, p := range pages {
		if entries[i] = g.cached(s, p); entries[i] == nil {
			todo = append(todo, i)
		}
	}
	// Render what changed on every core: a first call on a big site renders
	// thousands of articles, and each is independent of the others.
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := range work {
				entries[i] = build(s, pages[i])
			}
		})
	}
	for _, i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
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
			page: p, html: e.html, text: e.text,
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
			if a.Order == b.Order {
				pos := b.page.Fields["newsletter.order"]
				diags.Warnf(b.page.Path, pos.Line, pos.Col, "newsletter-order", "newsletter order %d in issue %s is also used by %s, so their order is by slug (give each article its own number)", b.Order, b.Issue, a.Source)
			}
		}
		diags.Append(slugClashes(iss))
		issues = append(issues, iss)
	}
	slices.SortFunc(issues, func(a, b *Issue) int { return cmp.Compare(b.ID, a.ID) })
	return issues, diags
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
	if !ok || !depsUnchanged(s.Root, e.deps) {
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
func build(s *content.Site, p *content.Page) *entry {
	out := renderArticle(s, p)
	e := &entry{key: articleKey(s, p), quick: quickOf(s, p), deps: out.deps, html: out.html, text: out.text, diags: out.diags, htmlSum: sha(out.html), textSum: sha(out.text)}
	if !out.diags.HasErrors() {
		e.diags.Append(lintDiags(p, out.html, out.text))
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
	for _, sc := range p.Shortcode {
		names = append(names, sc.Args...)
	}
	if len(p.Shortcode) == 0 && strings.Contains(p.Body, "{{") {
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

func depsUnchanged(root string, deps []fileDep) bool {
	for _, d := range deps {
		if statDep(filepath.Join(root, filepath.FromSlash(d.Path)), d.Path) != d {
			return false
		}
	}
	return true
}

// lintDiags runs the rule checker on an article's output: a generated fragment
// that breaks a rule is never published silently.
func lintDiags(p *content.Page, htmlSrc, txt []byte) diag.List {
	var d diag.List
	add := func(kind string, vs []Violation) {
		for _, v := range vs {
			msg := fmt.Sprintf("the newsletter %s breaks %s (%s)", kind, v.Message, "shorten or simplify the article; if the Markdown is ordinary, this is a bug in safeguard")
			if v.Warning {
				d.Warnf(p.Path, 0, 0, "newsletter-"+v.Rule, "%s", msg)
			} else {
				d.Errorf(p.Path, 0, 0, "newsletter-"+v.Rule, "%s", msg)
			}
		}
	}
	vs, nodes := lintHTML(htmlSrc)
	add("HTML", vs)
	add("plain text", LintText(txt))
	add("plain text", lintTwin(nodes, txt))
	return d
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
	return "@Home"
}

func issueTitle(s *content.Site, id string) string {
	return newsletterName(s) + " " + issueName(id)
}

// IssueHTML is a whole issue as one fragment: the articles in order, separated
// by a rule, inside one wrapper.
func IssueHTML(s *content.Site, iss *Issue) []byte {
	var b bytes.Buffer
	n := 0
	for _, f := range iss.Fragments {
		n += len(f.html) + 100
	}
	b.Grow(n + 300)
	fmt.Fprintf(&b, `<div lang="%s" dir="ltr" style="%s">`+"\n", html.EscapeString(language(s)), styleWrapper)
	for i, f := range iss.Fragments {
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
	for i, f := range iss.Fragments {
		if i > 0 {
			b.WriteString("\n" + strings.Repeat("*", 20) + "\n\n")
		}
		b.Write(f.text)
	}
	return b.Bytes()
}

// issueFiles returns an issue's files and editors' page from the cache when
// none of its fragments changed.
func (g *Generator) issueFiles(s *content.Site, iss *Issue) ([]File, [32]byte, diag.List) {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %q %q %q\n", renderVersion, iss.ID, s.Config.BaseURL, s.Config.Language, s.Config.Title, s.Config.NewsletterName)
	for _, f := range iss.Fragments {
		fmt.Fprintf(h, "%q %d %q %q %q %q %s %s\n", f.Slug, f.Order, f.Title, f.Summary, f.Source, f.URL, f.HTML.SHA256, f.Text.SHA256)
	}
	var key [32]byte
	h.Sum(key[:0])
	g.mu.Lock()
	e, ok := g.issues[iss.ID]
	g.mu.Unlock()
	if ok && e.key == key {
		return e.files, key, e.diags
	}
	files := IssueFiles(s, iss)
	issueHTML, issueText := files[len(files)-2].Data, files[len(files)-1].Data
	files = append(files, File{"newsletter/" + iss.ID + "/index.html", issuePage(s, iss, len(issueHTML))})
	// The whole issue is checked too: it is pasted as one piece. Its size is
	// reported by Files; each article's own size was checked with the article.
	var d diag.List
	if len(iss.Fragments) > 0 {
		src := iss.Fragments[0].Source
		vs, nodes := lintHTML(issueHTML)
		vs = append(vs, LintText(issueText)...)
		vs = append(vs, lintTwin(nodes, issueText)...)
		for _, v := range vs {
			if v.Rule != "size" {
				d.Errorf(src, 0, 0, "newsletter-"+v.Rule, "the newsletter file for the whole issue %s breaks %s (this is a bug in safeguard)", iss.ID, v.Message)
			}
		}
	}
	g.mu.Lock()
	if g.issues == nil {
		g.issues = map[string]*issueEntry{}
	}
	g.issues[iss.ID] = &issueEntry{key: key, files: files, diags: d}
	g.mu.Unlock()
	return files, key, d
}

// IssueFiles are the files of one issue: each fragment's HTML and text, and the
// whole issue as issue.html and issue.txt. Paths start with "newsletter/<issue>/".
func IssueFiles(s *content.Site, iss *Issue) []File {
	dir := "newsletter/" + iss.ID + "/"
	var files []File
	for _, f := range iss.Fragments {
		files = append(files, File{f.HTML.Path, f.html}, File{f.Text.Path, f.text})
	}
	files = append(files,
		File{dir + "issue.html", IssueHTML(s, iss)},
		File{dir + "issue.txt", IssueText(iss)})
	return files
}

// Files returns every newsletter output for the site: per issue the fragments,
// issue.html and issue.txt and the editors' page; the list of issues; the
// manifest; the editors' script and stylesheet.
func (g *Generator) Files(s *content.Site) ([]File, diag.List) {
	issues, diags := g.Issues(s)
	if len(issues) == 0 {
		return nil, diags
	}
	var files []File
	m := Manifest{Newsletter: newsletterName(s), Site: s.Config.Title, BaseURL: s.Config.BaseURL, Fragments: []*Fragment{}}
	mh := sha256.New()
	// Each issue is assembled and checked as one piece: on every core, as a
	// big site has hundreds of issues.
	type issueOut struct {
		files []File
		key   [32]byte
		diags diag.List
	}
	outs := make([]issueOut, len(issues))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(issues)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(issues) {
					return
				}
				o := &outs[i]
				o.files, o.key, o.diags = g.issueFiles(s, issues[i])
			}
		})
	}
	wg.Wait()
	for i, iss := range issues {
		fs, key, d := outs[i].files, outs[i].key, outs[i].diags
		diags.Append(d)
		mh.Write(key[:])
		files = append(files, fs...)
		issueHTML := files[len(files)-3].Data
		if len(issueHTML) > sizeClip && len(iss.Fragments) > 0 {
			diags.Warnf(iss.Fragments[0].Source, 0, 0, "newsletter-size", "issue %s is %d KB as one piece, over Gmail's 102 KB clipping limit (paste the articles one by one, or move some to another issue)", iss.ID, len(issueHTML)/1024)
		}
		m.Issues = append(m.Issues, iss.ID)
		m.Fragments = append(m.Fragments, iss.Fragments...)
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

// ---- lint.go ----

// Violation is one broken rule of docs/newsletter.md in a generated file.
type Violation struct {
	Rule    string // e.g. "forbidden-element"; the rule's number is in the message
	Message string
	Warning bool // only a "should" (for example over the 20 KB aim)
}

func (v Violation) String() string { return v.Rule + ": " + v.Message }

// Size limits: Gmail clips a message at 102 KB; the aim is 20 KB per fragment.
const (
	sizeClip = 102 * 1024
	sizeAim  = 20 * 1024
)

type linter struct {
	out []Violation
}

func (l *linter) add(rule, format string, args ...any) {
	l.out = append(l.out, Violation{Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Lint checks an HTML fragment against every "Must" rule of docs/newsletter.md,
// with an HTML parser and a CSS declaration parser.
func Lint(src []byte) []Violation {
	vs, _ := lintHTML(src)
	return vs
}

// lintHTML is Lint that also returns the parsed fragment for further checks.
func lintHTML(src []byte) ([]Violation, []*xhtml.Node) {
	l := &linter{}
	l.encoding(src)
	if len(src) > sizeClip {
		l.add("size", "rule 11: %d bytes is over Gmail's 102 KB clipping limit", len(src))
	} else if len(src) > sizeAim {
		l.out = append(l.out, Violation{Rule: "size", Message: fmt.Sprintf("rule 11: %d bytes is over the 20 KB aim", len(src)), Warning: true})
	}
	l.fragmentOnly(src)

	ctx := &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := xhtml.ParseFragment(bytes.NewReader(src), ctx)
	if err != nil {
		l.add("parse", "the fragment cannot be parsed as HTML: %v", err)
		return l.out, nil
	}
	l.wrapper(nodes)
	for _, n := range nodes {
		l.walk(n, style{color: rgb{0, 0, 0}, bg: rgb{255, 255, 255}, size: 16})
	}
	return l.out, nodes
}

func (l *linter) encoding(src []byte) {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		l.add("encoding", "rule 11: the file starts with a byte order mark")
	}
	if !utf8.Valid(src) {
		l.add("encoding", "rule 11: the file is not valid UTF-8")
		return
	}
	for i, r := range string(src) {
		if r == '\n' || r == '\r' || r == '\t' || r == '\ufeff' && i == 0 {
			continue
		}
		if unicode.IsControl(r) || r == '\ufeff' {
			l.add("encoding", "rule 11: control character U+%04X at byte %d", r, i)
			return
		}
	}
}

// fragmentOnly tokenizes the source: a fragment parser would silently drop
// doctype, html, head and body, so they are found before parsing.
func (l *linter) fragmentOnly(src []byte) {
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if z.Err() != io.EOF {
				l.add("parse", "the fragment cannot be tokenized: %v", z.Err())
			}
			return
		case xhtml.DoctypeToken:
			l.add("fragment-only", "rule 1: a fragment has no doctype")
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "html", "head", "body":
				l.add("fragment-only", "rule 1: a fragment has no <%s> element", name)
			}
		}
	}
}

func (l *linter) wrapper(nodes []*xhtml.Node) {
	var elems []*xhtml.Node
	for _, n := range nodes {
		switch n.Type {
		case xhtml.ElementNode:
			elems = append(elems, n)
		case xhtml.TextNode:
			if strings.TrimFunc(n.Data, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }) != "" {
				l.add("wrapper", "rule 2: text %q is outside the wrapper div", clip(n.Data))
			}
		case xhtml.CommentNode:
		}
	}
	if len(elems) != 1 || elems[0].DataAtom != atom.Div {
		l.add("wrapper", "rule 2: the fragment must be exactly one <div> (found %d top-level elements)", len(elems))
		return
	}
	w := elems[0]
	if strings.TrimSpace(attr(w, "lang")) == "" {
		l.add("wrapper", "rule 2: the wrapper div has no lang")
	}
	switch attr(w, "dir") {
	case "ltr", "rtl", "auto":
	default:
		l.add("wrapper", "rule 2: the wrapper div has no dir (ltr or rtl)")
	}
	decls := l.declarations(w)
	mw, ok := decls["max-width"]
	if px, isPx := pxValue(mw); !ok || !isPx || px > 600 {
		l.add("width", "rule 7: the wrapper div must set max-width of 600px or less")
	}
}

// forbidden are elements email clients strip or that need a stylesheet or script.
var forbidden = map[string]bool{
	"script": true, "form": true, "iframe": true, "svg": true, "video": true, "audio": true,
	"picture": true, "details": true, "nav": true, "main": true, "style": true, "link": true,
	"object": true, "embed": true, "input": true, "button": true, "select": true, "textarea": true,
	"canvas": true, "noscript": true, "meta": true, "base": true, "template": true, "frame": true,
	"frameset": true, "source": true, "track": true, "math": true, "dialog": true, "slot": true,
}

// style is what an element inherits: text colour, background, size and weight.
type style struct {
	color, bg  rgb
	setColours bool // the fragment set a colour on this element or an ancestor
	size       float64
	bold       bool
}

func (l *linter) walk(n *xhtml.Node, inh style) {
	if n.Type == xhtml.TextNode {
		if strings.TrimSpace(n.Data) != "" && inh.setColours {
			l.contrast(n, inh)
		}
		return
	}
	if n.Type != xhtml.ElementNode {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			l.walk(c, inh)
		}
		return
	}
	name := n.Data
	if forbidden[name] {
		switch name {
		case "style", "link":
			l.add("inline-styles", "rule 3: <%s> is not allowed; styles must be inline", name)
		default:
			l.add("forbidden-element", "rule 4: <%s> is not allowed in an email fragment", name)
		}
	}
	if attr(n, "class") != "" || hasAttr(n, "class") {
		l.add("inline-styles", "rule 3: class=%q needs a stylesheet the email will not have", attr(n, "class"))
	}
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "on") {
			l.add("forbidden-element", "rule 4: event handler %s= is script", a.Key)
		}
		if a.Key == "background" {
			l.add("css", "rule 6: background images are not allowed (background=%q)", a.Val)
		}
	}
	decls := l.declarations(n)
	s := inh
	switch n.DataAtom {
	case atom.H1:
		s.size, s.bold = 32, true
	case atom.H2:
		s.size, s.bold = 24, true
	case atom.H3:
		s.size, s.bold = 18.72, true
	case atom.H4, atom.H5, atom.H6, atom.Th, atom.Strong, atom.B:
		s.bold = true
	}
	if v, ok := decls["font-size"]; ok {
		if px, isPx := pxValue(v); isPx {
			s.size = px
		}
	}
	if v, ok := decls["font-weight"]; ok {
		w := tokensString(v)
		s.bold = w == "bold" || w == "bolder" || w >= "600" && len(w) == 3
	}
	if v, ok := decls["color"]; ok {
		if c, ok := parseColour(v); ok {
			s.color, s.setColours = c, true
		}
	}
	for _, p := range []string{"background-color", "background"} {
		if v, ok := decls[p]; ok {
			if c, ok := firstColour(v); ok {
				s.bg, s.setColours = c, true
			}
		}
	}
	switch n.DataAtom {
	case atom.Table:
		l.table(n)
	case atom.A:
		l.link(n)
	case atom.Img:
		l.image(n)
	}
	if w := attr(n, "width"); w != "" && n.DataAtom != atom.Img {
		if v, err := strconv.Atoi(strings.TrimSuffix(w, "px")); err == nil && v > 600 {
			l.add("width", "rule 7: <%s width=%q> is wider than 600px", name, w)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c, s)
	}
}

func (l *linter) table(n *xhtml.Node) {
	hasTh := false
	var find func(*xhtml.Node)
	find = func(m *xhtml.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Table {
				continue // a nested table is checked on its own
			}
			if c.DataAtom == atom.Th {
				hasTh = true
			}
			find(c)
		}
	}
	find(n)
	role := attr(n, "role")
	switch {
	case !hasTh && role != "presentation" && role != "none":
		l.add("layout-table", "rule 5: a table without header cells is a layout table and needs role=\"presentation\"")
	case hasTh && (role == "presentation" || role == "none"):
		l.add("layout-table", "rule 5: a table with header cells is a data table and must not have role=\"presentation\"")
	}
}

// vague link texts, see isVague.
func (l *linter) link(n *xhtml.Node) {
	href, ok := attrOK(n, "href")
	if !ok {
		l.add("link", "rule 8: <a> without href")
		return
	}
	u, err := url.Parse(strings.TrimSpace(href))
	switch {
	case err != nil:
		l.add("link", "rule 8: link %q cannot be parsed", href)
	case u.Scheme == "https" && u.Host != "":
	case (u.Scheme == "mailto" || u.Scheme == "tel") && u.Opaque != "":
	default:
		l.add("link", "rule 8: link %q is not an absolute https:, mailto: or tel: address", href)
	}
	if text := textContent(n); isVague(text) {
		l.add("link-text", "rule 8: link text %q does not make sense on its own", strings.TrimSpace(text))
	}
}

func (l *linter) image(n *xhtml.Node) {
	src := attr(n, "src")
	u, err := url.Parse(strings.TrimSpace(src))
	switch {
	case strings.HasPrefix(strings.ToLower(strings.TrimSpace(src)), "data:"):
		l.add("image", "rule 9: data: images are not allowed")
	case err != nil || u.Scheme != "https" || u.Host == "":
		l.add("image", "rule 9: image %q is not an absolute https: address", src)
	}
	if !hasAttr(n, "alt") {
		l.add("image", "rule 9: image %q has no alt", src)
	}
	for _, a := range []string{"width", "height"} {
		v, err := strconv.Atoi(attr(n, a))
		if err != nil || v <= 0 {
			l.add("image", "rule 9: image %q needs an integer %s (found %q)", src, a, attr(n, a))
		} else if a == "width" && v > 600 {
			l.add("width", "rule 7: image %q is %dpx wide, over 600px", src, v)
		}
	}
	if srcset := attr(n, "srcset"); srcset != "" {
		l.add("image", "rule 9: srcset is not supported by email clients")
	}
}

func (l *linter) contrast(n *xhtml.Node, s style) {
	ratio := contrastRatio(s.color, s.bg)
	need := 4.5
	large := s.size >= 24 || s.bold && s.size >= 18.66
	if large {
		need = 3
	}
	if ratio+1e-9 < need {
		l.add("contrast", "rule 10: text %q is %s on %s, contrast %.2f:1 (needs %.1f:1)", clip(n.Data), s.color, s.bg, ratio, need)
	}
}

// declarations parses an element's style attribute with a CSS parser and
// checks each declaration; it returns the values by property.
// The map is shared by every element with the same style: read it only.
func (l *linter) declarations(n *xhtml.Node) map[string][]css.Token {
	st, ok := attrOK(n, "style")
	if !ok {
		return nil
	}
	ps := parseStyle(st)
	for _, e := range ps.errs {
		l.add("css", "%s", e)
	}
	for _, d := range ps.decls {
		l.declaration(n.Data, d.prop, d.vals)
	}
	return ps.byProp
}

// parsedStyle is one style attribute, parsed once: a fragment repeats the same
// few style attributes on every paragraph and link.
type parsedStyle struct {
	decls  []declaration
	byProp map[string][]css.Token // the last value of each property
	errs   []string
}

type declaration struct {
	prop string
	vals []css.Token
}

var (
	styleCache sync.Map // style attribute -> *parsedStyle
	styleCount atomic.Int64
)

func parseStyle(st string) *parsedStyle {
	if v, ok := styleCache.Load(st); ok {
		return v.(*parsedStyle)
	}
	ps := &parsedStyle{}
	p := css.NewParser(parse.NewInputString(st), true)
	for {
		gt, _, data := p.Next()
		if gt == css.ErrorGrammar {
			if err := p.Err(); err != nil && err != io.EOF {
				ps.errs = append(ps.errs, fmt.Sprintf("rule 6: style %q cannot be parsed: %v", clip(st), err))
			}
			break
		}
		switch gt {
		case css.CustomPropertyGrammar:
			ps.errs = append(ps.errs, fmt.Sprintf("rule 6: CSS variables (%s) are not supported by email clients", data))
			continue
		case css.DeclarationGrammar:
		default:
			continue
		}
		vals := make([]css.Token, len(p.Values()))
		for i, t := range p.Values() {
			vals[i] = css.Token{TokenType: t.TokenType, Data: bytes.Clone(t.Data)}
		}
		ps.decls = append(ps.decls, declaration{strings.ToLower(string(data)), vals})
	}
	ps.byProp = make(map[string][]css.Token, len(ps.decls))
	for _, d := range ps.decls {
		ps.byProp[d.prop] = d.vals
	}
	if styleCount.Add(1) < 10000 { // bounded: generated fragments use a few dozen
		styleCache.Store(st, ps)
	}
	return ps
}

var noLayout = map[string]string{
	"float": "float", "position": "position", "flex": "flex", "flex-direction": "flex",
	"flex-wrap": "flex", "flex-flow": "flex", "flex-grow": "flex", "flex-shrink": "flex",
	"flex-basis": "flex", "grid": "grid", "grid-template": "grid", "grid-template-columns": "grid",
	"grid-template-rows": "grid", "grid-area": "grid", "grid-column": "grid", "grid-row": "grid",
	"grid-gap": "grid", "gap": "grid", "justify-content": "flex", "align-items": "flex",
	"background-image": "background images", "inset": "position", "top": "position", "left": "position",
	"right": "position", "bottom": "position", "z-index": "position",
}

var genericFamilies = map[string]bool{
	"serif": true, "sans-serif": true, "monospace": true, "cursive": true, "fantasy": true, "system-ui": true,
}

var colourProps = map[string]bool{
	"color": true, "background-color": true, "background": true, "border": true, "border-color": true,
	"border-top": true, "border-right": true, "border-bottom": true, "border-left": true,
	"border-top-color": true, "border-right-color": true, "border-bottom-color": true,
	"border-left-color": true, "outline": true, "outline-color": true, "text-decoration-color": true,
}

func (l *linter) declaration(elem, prop string, vals []css.Token) {
	if what, bad := noLayout[prop]; bad {
		l.add("css", "rule 6: %s is not allowed (%s: %s on <%s>)", what, prop, tokensString(vals), elem)
	}
	if prop == "display" {
		switch v := tokensString(vals); {
		case strings.Contains(v, "flex"), strings.Contains(v, "grid"):
			l.add("css", "rule 6: display:%s is not allowed on <%s>", v, elem)
		}
	}
	for _, t := range vals {
		switch t.TokenType {
		case css.URLToken:
			l.add("css", "rule 6: url() is not allowed (%s on <%s>)", prop, elem)
		case css.FunctionToken:
			fn := strings.ToLower(string(t.Data))
			switch fn {
			case "var(":
				l.add("css", "rule 6: CSS variables are not allowed (%s on <%s>)", prop, elem)
			case "calc(":
				l.add("css", "rule 6: calc() is not allowed (%s on <%s>)", prop, elem)
			case "url(":
				l.add("css", "rule 6: url() is not allowed (%s on <%s>)", prop, elem)
			case "rgb(":
			default:
				if colourProps[prop] {
					l.add("css", "rule 6: colour %s...) is not hex or rgb(r,g,b) (%s on <%s>)", fn, prop, elem)
				}
			}
		case css.DimensionToken:
			_, unit := splitDimension(t.Data)
			switch strings.ToLower(unit) {
			case "rem", "vw", "vh", "vmin", "vmax":
				l.add("css", "rule 6: %s units are not allowed (%s: %s on <%s>)", unit, prop, tokensString(vals), elem)
			}
		case css.IdentToken:
			if colourProps[prop] && namedColour(strings.ToLower(string(t.Data))) {
				l.add("css", "rule 6: colour %q is a name, not hex or rgb(r,g,b) (%s on <%s>)", t.Data, prop, elem)
			}
		}
	}
	if strings.HasPrefix(prop, "margin") {
		for _, t := range vals {
			if (t.TokenType == css.DimensionToken || t.TokenType == css.NumberToken || t.TokenType == css.PercentageToken) && bytes.HasPrefix(t.Data, []byte("-")) {
				l.add("css", "rule 6: negative margin %s on <%s>", tokensString(vals), elem)
				break
			}
		}
	}
	if prop == "width" || prop == "max-width" || prop == "min-width" {
		if px, ok := pxValue(vals); ok && px > 600 {
			l.add("width", "rule 7: %s: %s on <%s> is wider than 600px", prop, tokensString(vals), elem)
		}
	}
	if prop == "font-family" || prop == "font" {
		last := vals
		for i := len(vals) - 1; i >= 0; i-- {
			if vals[i].TokenType == css.CommaToken {
				last = vals[i+1:]
				break
			}
		}
		fam := strings.ToLower(strings.TrimSpace(tokensString(last)))
		if prop == "font" {
			if f := strings.Fields(fam); len(f) > 0 {
				fam = f[len(f)-1]
			}
		}
		if !genericFamilies[fam] {
			l.add("font-stack", "rule 7: font stack %q on <%s> does not end in a generic family such as sans-serif", tokensString(vals), elem)
		}
	}
}

// ---- plain text ----

// LintText checks a plain-text twin (rule 12, and rule 11's encoding).
func LintText(src []byte) []Violation {
	l := &linter{}
	l.encoding(src)
	z := xhtml.NewTokenizer(strings.NewReader(proseOnly(string(src))))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		leaked := false
		switch tt {
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			leaked = atom.Lookup(name) != 0 // a real element, not "a <3 b"
		case xhtml.CommentToken:
			leaked = bytes.HasPrefix(z.Raw(), []byte("<!--"))
		case xhtml.DoctypeToken:
			leaked = true
		}
		if leaked {
			l.add("text-html", "rule 12: the plain text contains HTML (%s)", clip(string(z.Raw())))
		}
		if len(l.out) > 5 {
			break
		}
	}
	lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	marked := false
	for i, line := range lines {
		// Mirrors the later rule: a line that is one unbreakable word may
		// be longer (FuzzArticle found long words without a colon).
		if n := runeLen(line); n > textWidth && (n > newsletter.TextHardWidth || !newsletter.Unbreakable([]byte(line))) {
			l.add("text-width", "rule 12: line %d is %d characters long (78 at most)", i+1, n)
		}
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" && isUnderline(line) {
			marked = true
		}
		if strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### ") {
			marked = true
		}
	}
	if !marked {
		l.add("text-heading", "rule 12: the plain text has no marked heading (underline it with = or -)")
	}
	return l.out
}

// proseOnly leaves out what the twin shows as code, where markup is the
// writer's text rather than leaked HTML: lines indented by four spaces (code
// blocks) and `backtick` spans.
func proseOnly(src string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " -0123456789."), "    ") || strings.HasPrefix(line, "    ") {
			b.WriteByte('\n')
			continue
		}
		for {
			i := strings.IndexByte(line, '`')
			if i < 0 {
				break
			}
			j := strings.IndexByte(line[i+1:], '`')
			if j < 0 {
				break
			}
			line = line[:i] + line[i+1+j+1:]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func isUnderline(s string) bool {
	return len(s) >= 3 && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

// LintTwin checks that every link of the HTML is written out in the text: web
// addresses in full, e-mail addresses and phone numbers as shown.
func LintTwin(htmlSrc, txt []byte) []Violation {
	nodes, err := xhtml.ParseFragment(bytes.NewReader(htmlSrc), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	return lintTwin(nodes, txt)
}

func lintTwin(nodes []*xhtml.Node, txt []byte) []Violation {
	l := &linter{}
	txtS := string(txt)
	flat := strings.Join(strings.Fields(txtS), " ")
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.DataAtom == atom.A {
			href := attr(n, "href")
			want := href
			switch {
			case strings.HasPrefix(href, "mailto:"):
				want = strings.TrimPrefix(href, "mailto:")
			case strings.HasPrefix(href, "tel:"):
				want = strings.Join(strings.Fields(textContent(n)), " ")
			}
			if !strings.Contains(txtS, want) && !strings.Contains(flat, want) {
				l.add("text-links", "rule 12: link %q is not written out in the plain text", href)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return l.out
}

// ---- helpers ----

func attr(n *xhtml.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *xhtml.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func textContent(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch {
		case n.Type == xhtml.TextNode:
			b.WriteString(n.Data)
		case n.DataAtom == atom.Img:
			b.WriteString(attr(n, "alt"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if runeLen(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

func tokensString(ts []css.Token) string {
	var b strings.Builder
	for _, t := range ts {
		b.Write(t.Data)
	}
	return strings.ToLower(b.String())
}

func splitDimension(b []byte) (string, string) {
	i := 0
	for i < len(b) && (b[i] == '-' || b[i] == '+' || b[i] == '.' || b[i] >= '0' && b[i] <= '9' || (b[i] == 'e' || b[i] == 'E') && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9') {
		i++
	}
	return string(b[:i]), string(b[i:])
}

// pxValue reads a single length in px (0 counts as 0px).
func pxValue(vals []css.Token) (float64, bool) {
	if len(vals) != 1 {
		return 0, false
	}
	t := vals[0]
	switch t.TokenType {
	case css.DimensionToken:
		num, unit := splitDimension(t.Data)
		if strings.ToLower(unit) != "px" {
			return 0, false
		}
		f, err := strconv.ParseFloat(num, 64)
		return f, err == nil
	case css.NumberToken:
		f, err := strconv.ParseFloat(string(t.Data), 64)
		return f, err == nil && f == 0
	}
	return 0, false
}

// ---- colour ----

type rgb struct{ r, g, b uint8 }

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// luminance is WCAG 2's relative luminance.
func (c rgb) luminance() float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
}

func contrastRatio(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// parseColour reads a value that is exactly one colour.
func parseColour(vals []css.Token) (rgb, bool) {
	if len(vals) == 0 {
		return rgb{}, false
	}
	c, n, ok := colourAt(vals)
	return c, ok && n == len(vals)
}

// firstColour finds a colour anywhere in a shorthand such as background.
func firstColour(vals []css.Token) (rgb, bool) {
	for i := range vals {
		if c, _, ok := colourAt(vals[i:]); ok {
			return c, true
		}
	}
	return rgb{}, false
}

// colourAt reads a hex or rgb() colour at the start of vals and says how many
// tokens it took.
func colourAt(vals []css.Token) (rgb, int, bool) {
	t := vals[0]
	switch t.TokenType {
	case css.HashToken:
		h := strings.TrimPrefix(string(t.Data), "#")
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) != 6 {
			return rgb{}, 0, false
		}
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return rgb{}, 0, false
		}
		return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)}, 1, true
	case css.FunctionToken:
		if strings.ToLower(string(t.Data)) != "rgb(" {
			return rgb{}, 0, false
		}
		var nums []uint8
		i := 1
		for ; i < len(vals) && vals[i].TokenType != css.RightParenthesisToken; i++ {
			switch vals[i].TokenType {
			case css.NumberToken:
				f, err := strconv.ParseFloat(string(vals[i].Data), 64)
				if err != nil {
					return rgb{}, 0, false
				}
				nums = append(nums, uint8(max(0, min(255, math.Round(f)))))
			case css.CommaToken, css.WhitespaceToken:
			default:
				return rgb{}, 0, false
			}
		}
		if len(nums) != 3 || i >= len(vals) {
			return rgb{}, 0, false
		}
		return rgb{nums[0], nums[1], nums[2]}, i + 1, true
	}
	return rgb{}, 0, false
}

// namedColour reports CSS colour keywords (the basic and extended names most
// often written); hex or rgb() is required instead.
func namedColour(s string) bool {
	switch s {
	case "black", "white", "red", "green", "blue", "yellow", "orange", "purple", "grey", "gray",
		"silver", "maroon", "navy", "teal", "olive", "lime", "aqua", "fuchsia", "pink", "brown",
		"darkblue", "darkred", "darkgreen", "darkgrey", "darkgray", "lightgrey", "lightgray",
		"lightblue", "gold", "indigo", "violet", "cyan", "magenta", "beige", "coral", "crimson",
		"khaki", "salmon", "tan", "tomato", "turquoise", "whitesmoke", "dimgray", "dimgrey",
		"slategray", "slategrey", "steelblue", "royalblue", "skyblue", "hotpink", "ivory",
		"lavender", "linen", "orchid", "plum", "sienna", "snow", "wheat", "chocolate", "firebrick":
		return true
	}
	return false
}

// ---- render.go ----

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

// textWidth is the longest line of the plain-text twin (newsletter.md rule 12).
const textWidth = 78

// maxImageWidth is the email width; wider images are scaled down to it.
const maxImageWidth = 600

// markOpen and markClose surround the number of an expanded contact shortcode in
// the Markdown; private-use characters never appear in real text.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// md parses like the website's Markdown (Hugo's goldmark defaults): tables,
// strikethrough, bare addresses as links, typographic quotes, and heading
// attributes such as {#id}, which are dropped here as an email needs no ids.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Typographer),
	goldmark.WithParserOptions(parser.WithAttribute()),
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

	quiet bool // true during the text pass: problems were reported by the HTML pass
	diags diag.List
	deps  []fileDep
	imgs  map[string]imageInfo
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
	doc := md.Parser().Parse(text.NewReader(r.src))

	var h bytes.Buffer
	fmt.Fprintf(&h, `<div lang="%s" dir="ltr" style="%s">`+"\n", html.EscapeString(language(s)), styleWrapper)
	fmt.Fprintf(&h, `<h2 style="%s">%s</h2>`+"\n", styleH2, html.EscapeString(p.Title))
	if p.Summary != "" {
		fmt.Fprintf(&h, `<p style="%s">%s</p>`+"\n", styleLead, html.EscapeString(p.Summary))
	}
	r.blocksHTML(&h, doc)
	extra := r.frontMatterContacts()
	if len(extra) > 0 {
		fmt.Fprintf(&h, `<h3 style="%s">Useful contacts</h3>`+"\n", styleH3)
		for _, c := range extra {
			r.contactHTML(&h, c)
		}
	}
	fmt.Fprintf(&h, `<p style="%s"><a href="%s" style="%s">%s</a></p>`+"\n", styleP, html.EscapeString(r.canonical), styleA, html.EscapeString(r.closingText()))
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
	return ok
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
		fmt.Fprintf(w, `<p style="%s">`, styleP)
		r.inlinesHTML(w, n)
		w.WriteString("</p>\n")
	case *ast.TextBlock:
		r.inlinesHTML(w, n)
	case *ast.Heading:
		l := headingLevel(n)
		fmt.Fprintf(w, `<h%d style="%s">`, l, headingStyle(l))
		r.inlinesHTML(w, n)
		fmt.Fprintf(w, "</h%d>\n", l)
	case *ast.List:
		tag := "ul"
		start := ""
		if n.IsOrdered() {
			tag = "ol"
			if n.Start != 1 {
				start = fmt.Sprintf(` start="%d"`, n.Start)
			}
		}
		fmt.Fprintf(w, `<%s%s style="%s">`+"\n", tag, start, styleList)
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			fmt.Fprintf(w, `<li style="%s">`, styleLi)
			r.blocksHTML(w, li)
			w.WriteString("</li>\n")
		}
		fmt.Fprintf(w, "</%s>\n", tag)
	case *ast.Blockquote:
		fmt.Fprintf(w, `<blockquote style="%s">`+"\n", styleQuote)
		r.blocksHTML(w, n)
		w.WriteString("</blockquote>\n")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		fmt.Fprintf(w, `<pre style="%s">`, stylePre)
		w.WriteString(html.EscapeString(strings.TrimRight(r.linesText(n), "\n")))
		w.WriteString("</pre>\n")
	case *ast.ThematicBreak:
		fmt.Fprintf(w, `<hr style="%s">`+"\n", styleHr)
	case *ast.HTMLBlock:
		r.errorf(r.lineOf(n), "newsletter-raw-html", "raw HTML is never published, so it is missing from the newsletter (write it in Markdown instead)")
	case *east.Table:
		r.tableHTML(w, n)
	case *ast.LinkReferenceDefinition:
	default:
		r.errorf(r.lineOf(n), "newsletter-unsupported", "%s cannot be shown in the newsletter (write it as plain Markdown)", n.Kind())
	}
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
	fmt.Fprintf(w, `<table style="%s">`+"\n", styleTable)
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
		fmt.Fprintf(w, `<code style="%s">`, styleCode)
		w.WriteString(html.EscapeString(r.plain(n)))
		w.WriteString("</code>")
	case *ast.Emphasis:
		tag := "em"
		if n.Level >= 2 {
			tag = "strong"
		}
		fmt.Fprintf(w, "<%s>", tag)
		r.inlinesHTML(w, n)
		fmt.Fprintf(w, "</%s>", tag)
	case *east.Strikethrough:
		w.WriteString("<s>")
		r.inlinesHTML(w, n)
		w.WriteString("</s>")
	case *ast.Link:
		href, ok := r.resolveLink(string(n.Destination), n)
		r.checkLinkText(r.plain(n), n)
		if !ok {
			r.inlinesHTML(w, n)
			return
		}
		fmt.Fprintf(w, `<a href="%s" style="%s">`, html.EscapeString(href), styleA)
		r.inlinesHTML(w, n)
		w.WriteString("</a>")
	case *ast.AutoLink:
		href, label, ok := r.autoLink(n)
		if !ok {
			w.WriteString(html.EscapeString(label))
			return
		}
		fmt.Fprintf(w, `<a href="%s" style="%s">%s</a>`, html.EscapeString(href), styleA, html.EscapeString(label))
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
	_ = format
	w, h := cfg.Width, cfg.Height
	if w > maxImageWidth {
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
	fmt.Fprintf(w, `<div style="%s">`+"\n", styleContact)
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

// ---- text.go ----

// textOut collects the blocks of a plain-text twin, separated by blank lines.
type textOut struct {
	width  int
	blocks [][]string
}

func (t *textOut) w() int {
	if t.width > 0 {
		return t.width
	}
	return textWidth
}

func (t *textOut) block(lines []string) {
	if len(lines) > 0 {
		t.blocks = append(t.blocks, lines)
	}
}

func (t *textOut) para(s string) { t.block(wrapText(s, t.w())) }

func (t *textOut) heading(s string, level int) { t.headingWidth(s, level, t.w()) }

// headingWidth marks headings the way plain-text mail does: the title underlined
// with =, sections with -, deeper levels with a leading ###.
func (t *textOut) headingWidth(s string, level, width int) {
	s = strings.Join(strings.Fields(s), " ")
	switch level {
	case 2, 3:
		lines := wrapText(s, width)
		ch := "="
		if level == 3 {
			ch = "-"
		}
		t.block(append(lines, strings.Repeat(ch, min(width, maxRuneLen(lines)))))
	default:
		t.block(wrapText(strings.Repeat("#", level-1)+" "+s, width))
	}
}

func (t *textOut) lines() []string {
	var out []string
	for i, b := range t.blocks {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

func (t *textOut) bytes() []byte {
	return []byte(strings.Join(t.lines(), "\n") + "\n")
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func maxRuneLen(lines []string) int {
	n := 0
	for _, l := range lines {
		n = max(n, runeLen(l))
	}
	return n
}

// wrapText fills words into lines of at most width characters. Hard line
// breaks ("\n") are kept. A word is never broken, so an address longer than the
// line goes on a line of its own rather than being cut.
func wrapText(s string, width int) []string {
	width = max(width, 20)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			wl := runeLen(word)
			if n > 0 && n+1+wl > width {
				out = append(out, line.String())
				line.Reset()
				n = 0
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += wl
		}
		if n > 0 {
			out = append(out, line.String())
		}
	}
	return out
}

// ---- editor.go ----

// The editors' pages are ordinary web pages (not email): they preview each
// fragment at email width and offer its files. They load only their own script
// and stylesheet, because the site's Content-Security-Policy is default-src 'self'.

func pageStart(b *bytes.Buffer, s *content.Site, title, up string) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>%s</title>
<link rel="stylesheet" href="%seditor.css">
<script src="%scopy.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top"><p>%s: newsletter fragments for editors</p></header>
<main id="main">
`, html.EscapeString(language(s)), html.EscapeString(title), up, up, html.EscapeString(s.Config.Title))
}

func pageEnd(b *bytes.Buffer) {
	b.WriteString("</main>\n</body>\n</html>\n")
}

func kb(n int) string {
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

// issuePage is newsletter/<issue>/index.html.
func issuePage(s *content.Site, iss *Issue, issueBytes int) []byte {
	var b bytes.Buffer
	e := html.EscapeString
	pageStart(&b, s, iss.Title+": fragments for editors – "+s.Config.Title, "../")
	fmt.Fprintf(&b, `<p class="back"><a href="../">All %s issues</a></p>
<h1>%s</h1>
<p>Each article below is ready for the newsletter. Paste the HTML into your email tool’s HTML or code block, or the plain text into a text-only email. Every link already points to the full address.</p>
<p>The whole issue in one piece: <a href="issue.html">HTML of the whole %s issue</a> (%s) and <a href="issue.txt">plain text of the whole %s issue</a>.</p>
`, e(newsletterName(s)), e(iss.Title), e(iss.Title), kb(issueBytes), e(iss.Title))
	for i, f := range iss.Fragments {
		id := fmt.Sprintf("f%d", i+1)
		fmt.Fprintf(&b, `<section class="fragment" aria-labelledby="%[1]s-h">
<h2 id="%[1]s-h">%[2]d. %[3]s</h2>
<p>%[4]s</p>
<p class="meta">From <code>%[5]s</code>. On the website: <a href="%[6]s">‘%[3]s’ on the website</a>.</p>
<iframe src="%[7]s.html" title="Email preview of ‘%[3]s’" width="600" height="480" loading="lazy"></iframe>
<ul class="files">
<li><a href="%[7]s.html">HTML of ‘%[3]s’</a> (%[8]s)</li>
<li><a href="%[7]s.txt">Plain text of ‘%[3]s’</a> (%[9]s)</li>
</ul>
<div class="copy" data-copy-panel hidden>
<button type="button" data-copy="%[7]s.html" data-type="html" data-status="%[1]s-s" data-done="HTML of ‘%[3]s’ copied">Copy HTML<span class="visually-hidden"> of ‘%[3]s’</span></button>
<button type="button" data-copy="%[7]s.txt" data-type="text" data-status="%[1]s-s" data-done="Plain text of ‘%[3]s’ copied">Copy plain text<span class="visually-hidden"> of ‘%[3]s’</span></button>
<p class="status" id="%[1]s-s" role="status"></p>
</div>
</section>
`, id, i+1, e(f.Title), e(f.Summary), e(f.Source), e(f.URL), e(f.Slug), kb(f.HTML.Bytes), kb(f.Text.Bytes))
	}
	pageEnd(&b)
	return b.Bytes()
}

// issuesPage is newsletter/index.html: the issues, newest first.
func issuesPage(s *content.Site, issues []*Issue) []byte {
	var b bytes.Buffer
	e := html.EscapeString
	pageStart(&b, s, newsletterName(s)+" newsletter fragments – "+s.Config.Title, "")
	fmt.Fprintf(&b, "<h1>%s newsletter fragments</h1>\n<p>Articles written for the %s newsletter, ready to paste into an email. Newest issue first.</p>\n<ul class=\"issues\">\n", e(newsletterName(s)), e(newsletterName(s)))
	for _, iss := range issues {
		n := len(iss.Fragments)
		word := "articles"
		if n == 1 {
			word = "article"
		}
		fmt.Fprintf(&b, "<li><a href=\"%s/\">%s</a> (%d %s)</li>\n", e(iss.ID), e(iss.Title), n, word)
	}
	b.WriteString("</ul>\n<p>For email tools and scripts: <a href=\"index.json\">list of every fragment with its checksum (JSON)</a>.</p>\n")
	pageEnd(&b)
	return b.Bytes()
}

const copyJS = `// Copy buttons for the newsletter editors' pages. A file of its own because the
// site's Content-Security-Policy allows no inline script; without JavaScript the
// buttons stay hidden and the links to each file do the job.
(function () {
  'use strict';
  if (!window.fetch || !navigator.clipboard) { return; }
  document.querySelectorAll('[data-copy-panel]').forEach(function (el) { el.hidden = false; });
  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('button[data-copy]');
    if (!btn) { return; }
    var status = document.getElementById(btn.getAttribute('data-status'));
    var asHTML = btn.getAttribute('data-type') === 'html';
    status.textContent = '';
    fetch(btn.getAttribute('data-copy'), { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.text();
    }).then(function (text) {
      // HTML goes on the clipboard both as HTML (pasting into a rich editor shows
      // the article) and as text (pasting into a code block gives the source).
      if (asHTML && window.ClipboardItem && navigator.clipboard.write) {
        return navigator.clipboard.write([new ClipboardItem({
          'text/html': new Blob([text], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' })
        })]);
      }
      return navigator.clipboard.writeText(text);
    }).then(function () {
      status.textContent = btn.getAttribute('data-done') + '.';
    }, function () {
      status.textContent = 'Copying did not work here. Open the file with the link above and copy it from there.';
    });
  });
})();
`

const editorCSS = `/* Newsletter editors' pages. Colours are GOV.UK's; every pair meets WCAG AA. */
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; color: #0b0c0c; background: #ffffff; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #ffdd00; color: #0b0c0c; }
.skip:focus { left: 0; }
.top { background: #0b0c0c; color: #ffffff; padding: 0.75rem 1rem; }
.top p { margin: 0; font-weight: bold; }
main { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 2rem; line-height: 1.25; margin: 1rem 0; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.5rem; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus, button:focus { outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; }
code { font-family: Consolas, "Courier New", monospace; }
.meta { color: #505a5f; }
.fragment { border-top: 1px solid #b1b4b6; padding-top: 1rem; margin-top: 2rem; }
iframe { display: block; width: 600px; max-width: 100%; height: 30rem; border: 1px solid #b1b4b6; background: #ffffff; }
.files { padding-left: 1.25rem; }
button { font: inherit; padding: 0.5rem 1rem; margin: 0 0.5rem 0.5rem 0; border: 2px solid #00703c; background: #00703c; color: #ffffff; cursor: pointer; }
button:hover { background: #005a30; border-color: #005a30; }
.status { min-height: 1.5rem; margin: 0; color: #00703c; font-weight: bold; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
`
