package check

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// builtPage is what the rules need from one built HTML file.
type builtPage struct {
	file  string // path in the output, e.g. "articles/x/index.html"
	url   string // site path it is served at, e.g. "/articles/x/"
	ids   idSet  // id (and a name) attributes: link targets
	links []builtLink
	noAlt []string // src of img elements with no alt attribute at all
}

type builtLink struct {
	attr string // href or src
	val  string
}

// Output checks the built site in fsys (the folder Hugo wrote, relative to
// its root): anchors of links in the Markdown against the ids of the built
// pages, links the built pages make (templates included) to places inside
// the site that do not exist, and pages nothing links to.
func Output(s *content.Site, fsys fs.FS, opts Options) diag.List {
	if s == nil || fsys == nil {
		return nil
	}
	return OutputBuilt(s, ReadBuilt(fsys), fsys, opts)
}

// OutputBuilt is Output with the HTML files already scanned (a build fills
// idx as it writes them); fsys is still where other files are looked up.
func OutputBuilt(s *content.Site, idx *Built, fsys fs.FS, opts Options) diag.List {
	if s == nil || idx == nil || fsys == nil {
		return nil
	}
	o := newOutputChecker(s, idx, fsys, opts)
	for _, p := range s.Pages {
		o.checkAnchors(p, o.md[p])
	}
	o.collectArticleTargets()
	for _, b := range o.built {
		where, fromMD := o.origin(b)
		o.checkImageAlt(b, where)
		o.checkBuiltLinks(b, where, fromMD)
	}
	o.reportBuilt()
	for _, p := range s.Pages {
		o.checkOrphan(p)
	}
	return o.suppress(o.out)
}

// outputChecker holds what the output rules of one run share, beside what
// every rule shares (checker): the built pages, the links the Markdown
// makes, and the problems of built pages, which are noted page by page and
// reported once each.
type outputChecker struct {
	*checker
	fsys      fs.FS
	built     []*builtPage          // in file order
	byURL     map[string]*builtPage // built pages by the site path they are served at
	pageByURL map[string]*content.Page
	exists    map[string]bool // files other than pages, by site path: fs.Stat's answers
	// Links from the root mean the same on every page: resolved once.
	resolved     map[string]siteURL
	fromMarkdown map[string]map[string]bool // page URL -> resolved targets
	fromArticles map[string]bool            // the targets of the newsletter's articles
	inbound      map[string]bool            // target URLs some other page links to
	targets      targetCache
	problems     map[string]*builtProblem // by rule and target
	order        []string                 // keys of problems, first noted first
}

// builtProblem is one broken target of the built pages, with every page
// that has it: a broken link in a layout is on every page, and is reported
// once, naming how many pages have it.
type builtProblem struct {
	rule, target string
	where        []string // built URLs, in file order
	wherePath    string   // file the first one is reported against
	attr, val    string
}

func newOutputChecker(s *content.Site, idx *Built, fsys fs.FS, opts Options) *outputChecker {
	o := &outputChecker{checker: newChecker(s, opts, false), fsys: fsys, built: idx.sorted(),
		byURL: map[string]*builtPage{}, pageByURL: map[string]*content.Page{}, exists: map[string]bool{},
		resolved: map[string]siteURL{}, fromMarkdown: map[string]map[string]bool{}, fromArticles: map[string]bool{},
		inbound: map[string]bool{}, problems: map[string]*builtProblem{}}
	for _, b := range o.built {
		o.byURL[b.url] = b
	}
	basePath := "/"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Path != "" {
		basePath = u.Path
	}
	for _, p := range s.Pages {
		o.pageByURL[p.URL] = p
	}
	o.targets = targetCache{baseURL: s.Config.BaseURL, basePath: basePath, m: map[string]cachedTarget{}}
	return o
}

// lookup finds the built file a site path is served from.
func (o *outputChecker) lookup(sitePath string) (*builtPage, bool) {
	if b, ok := o.byURL[sitePath]; ok {
		return b, true
	}
	if !strings.HasSuffix(sitePath, "/") {
		if b, ok := o.byURL[sitePath+"/"]; ok {
			return b, true
		}
	}
	if sitePath == "/" {
		return nil, false
	}
	ok, seen := o.exists[sitePath]
	if !seen {
		_, err := fs.Stat(o.fsys, strings.TrimPrefix(sitePath, "/"))
		ok = err == nil
		o.exists[sitePath] = ok
	}
	return nil, ok
}

// resolveOnce is checker.resolve, remembered for links from the root.
func (o *outputChecker) resolveOnce(p *content.Page, dest string) siteURL {
	if !pageIndependent(dest) {
		return o.resolve(p, dest)
	}
	u, ok := o.resolved[dest]
	if !ok {
		u = o.resolve(p, dest)
		o.resolved[dest] = u
	}
	return u
}

// checkAnchors reports anchors written in the Markdown that the built page
// they point at does not have, where they are written, and records the
// page's link targets, which checkBuiltLinks leaves to Source and to this.
func (o *outputChecker) checkAnchors(p *content.Page, m *bodySummary) {
	seen := map[string]bool{}
	o.fromMarkdown[p.URL] = seen
	for _, im := range m.images {
		if u := o.resolveOnce(p, im.dest); u.internal && !u.bad {
			seen[u.path] = true // a missing image is Source's broken-image
		}
	}
	for _, l := range m.links {
		u := o.resolveOnce(p, l.dest)
		if !u.internal || u.bad {
			// As written: while base_url is the placeholder, a link
			// to its host is someone else's page (resolve), not ours.
			seen[strings.TrimSpace(l.dest)] = true
			continue
		}
		seen[u.path] = true
		seen[u.path+"#"+u.fragment] = true
		if u.fragment == "" {
			continue
		}
		b, ok := o.lookup(u.path)
		if !ok || b == nil {
			continue // a missing page is Source's broken-link
		}
		if !b.ids.has(u.fragment) {
			line, col := m.linkAt(l)
			o.out.Errorf(p.Path, line, col, "broken-anchor", "%s: there is no heading or element with the id %q on %s (%s)", short(l.dest, 60), u.fragment, u.path, idHint(b, u.fragment))
		}
	}
}

// collectArticleTargets gathers the link targets of the newsletter's
// articles. A newsletter file holds its articles' links: those are reported
// (or switched off) at the article's line, by Source, not again here.
func (o *outputChecker) collectArticleTargets() {
	for _, p := range o.s.Pages {
		if p.Article != nil && p.Article.Newsletter != nil && p.Article.Newsletter.Issue != "" {
			for k := range o.fromMarkdown[p.URL] {
				o.fromArticles[k] = true
			}
		}
	}
}

// origin names the file a built page's problems are reported against, and
// the link targets its Markdown already answers for.
func (o *outputChecker) origin(b *builtPage) (where string, fromMD map[string]bool) {
	// A built file with no page of its own (the 404 page, a generated
	// list) is named as it would be in the default output folder.
	where = "public/" + b.file
	if src := o.pageByURL[b.url]; src != nil {
		where = src.Path
	}
	fromMD = o.fromMarkdown[b.url]
	if strings.HasPrefix(b.file, "newsletter/") {
		fromMD = o.fromArticles
	}
	return where, fromMD
}

// checkImageAlt notes images with no alt attribute at all. Markdown images
// always get one, so such an image comes from a layout.
func (o *outputChecker) checkImageAlt(b *builtPage, where string) {
	for _, img := range b.noAlt {
		o.note("image-alt", img, b, where, builtLink{"src", img})
	}
}

// checkBuiltLinks notes the links a built page makes, whatever made them,
// to places inside the site that do not exist, and records which pages are
// linked to (for checkOrphan).
func (o *outputChecker) checkBuiltLinks(b *builtPage, where string, fromMD map[string]bool) {
	src := o.pageByURL[b.url]
	isSiteMap := src != nil && src.Layout == "site-map"
	for _, l := range b.links {
		if fromMD[strings.TrimSpace(l.val)] {
			continue // a link of the Markdown to another site, as written
		}
		u, ok := o.targets.resolve(b.url, l.val)
		if !ok {
			continue
		}
		if !isSiteMap && u.path != b.url {
			o.inbound[u.path] = true
		}
		if fromMD[u.path] || fromMD[u.path+"#"+u.fragment] {
			continue // reported against the Markdown by Source or checkAnchors
		}
		t, ok := o.lookup(u.path)
		if !ok {
			o.note("broken-link", u.path, b, where, l)
		} else if u.fragment != "" && t != nil && !t.ids.has(u.fragment) {
			o.note("broken-anchor", u.path+"#"+u.fragment, b, where, l)
		}
	}
}

// note adds a built page to the problem of a rule and target.
func (o *outputChecker) note(rule, target string, b *builtPage, where string, l builtLink) {
	key := rule + " " + target
	pr := o.problems[key]
	if pr == nil {
		pr = &builtProblem{rule: rule, target: target, wherePath: where, attr: l.attr, val: l.val}
		o.problems[key] = pr
		o.order = append(o.order, key)
	}
	if strings.HasPrefix(pr.wherePath, "public/") && !strings.HasPrefix(where, "public/") {
		// name a content file rather than a generated one when there is one
		pr.wherePath = where
		pr.where = append([]string{b.url}, pr.where...)
	} else if !slices.Contains(pr.where, b.url) {
		pr.where = append(pr.where, b.url)
	}
}

// reportBuilt reports each noted problem once, in the order first noted.
func (o *outputChecker) reportBuilt() {
	for _, key := range o.order {
		pr := o.problems[key]
		pages, link, show := "the built page "+pr.where[0], "links", "shows"
		if n := len(pr.where); n > 1 {
			pages = fmt.Sprintf("%d built pages (%s and %s)", n, pr.where[0], plural(n-1, "other"))
			link, show = "link", "show"
		}
		switch pr.rule {
		case "image-alt":
			o.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s the image %s with no alt attribute, so screen readers may read out its file name (add alt=\"what it shows\" in the layout, or alt=\"\" if it is decorative)", pages, show, short(pr.val, 60))
		case "broken-link":
			o.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s to %s (%s=%q), which is not on the site (%s, or fix the link in the layout or content that makes it)", pages, link, pr.target, pr.attr, short(pr.val, 60), suggestFile(pr.target))
		default:
			o.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s to %s, but there is no element with that id there (fix the link in the layout or content that makes it)", pages, link, pr.target)
		}
	}
}

// checkOrphan warns about a plain page nothing links to. Articles, events
// and campaign pages are reached from their section lists; section pages
// from the menu.
func (o *outputChecker) checkOrphan(p *content.Page) {
	if p.Kind != content.KindPage || p.IsIndex || p.Layout == "site-map" || p.URL == "/" {
		return
	}
	if _, ok := o.byURL[p.URL]; !ok {
		return // not built as a page of its own
	}
	if !o.inbound[p.URL] {
		line, col := fieldPos(p, "title")
		o.out.Warnf(p.Path, line, col, "orphan-page", "no other page or menu links to %s, so residents can only find it by searching (link to it from a related page or section page)", p.URL)
	}
}

// suggestFile names the Markdown file that would make a page at a site path.
func suggestFile(sitePath string) string {
	p := strings.Trim(sitePath, "/")
	if p == "" || path.Ext(p) != "" {
		return "add the file to static/"
	}
	return "add a page at content/" + p + ".md"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// idHint suggests the id a writer probably meant, or lists the page's ids.
func idHint(b *builtPage, fragment string) string {
	var ids, close []string
	for _, id := range b.ids {
		ids = append(ids, "#"+id)
		if len(id) > 3 && (strings.Contains(id, fragment) || strings.Contains(fragment, id)) {
			close = append(close, "#"+id)
		}
	}
	slices.Sort(ids)
	slices.Sort(close)
	if len(close) > 0 {
		return "did you mean " + strings.Join(close, " or ") + "?"
	}
	if len(ids) == 0 {
		return "that page has no ids to link to; link to the page itself"
	}
	if len(ids) > 8 {
		ids = append(ids[:8], "…")
	}
	return "use one of the ids on that page: " + strings.Join(ids, ", ")
}

// targetCache remembers builtTarget's answers for links that mean the same
// on every page (a layout makes the same ones on each): parsing and
// resolving them again was most of the output check's time.
type targetCache struct {
	baseURL, basePath string
	m                 map[string]cachedTarget
}

type cachedTarget struct {
	u  siteURL
	ok bool
}

func (t *targetCache) resolve(pageURL, val string) (siteURL, bool) {
	if !pageIndependent(val) {
		return builtTarget(pageURL, val, t.baseURL, t.basePath)
	}
	if r, ok := t.m[val]; ok {
		return r.u, r.ok
	}
	u, ok := builtTarget(pageURL, val, t.baseURL, t.basePath)
	t.m[val] = cachedTarget{u, ok}
	return u, ok
}

// pageIndependent reports whether builtTarget's (or checker.resolve's)
// answer for a link does not depend on the page it is on: one with a path
// from the root ("/x/", and "//host/x/") or a scheme, which
// url.URL.ResolveReference takes whole.
func pageIndependent(val string) bool {
	val = strings.TrimSpace(val)
	if strings.HasPrefix(val, "/") {
		return true
	}
	// a scheme, as url.Parse reads one
	for i := 0; i < len(val); i++ {
		switch c := val[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// builtTarget resolves a link in a built page; ok is false for links that
// leave the site (other hosts, mailto:, tel:).
func builtTarget(pageURL, val, baseURL, basePath string) (siteURL, bool) {
	val = strings.TrimSpace(val)
	if val == "" {
		return siteURL{}, false
	}
	u, err := url.Parse(val)
	if err != nil {
		return siteURL{}, false
	}
	if u.Scheme != "" || u.Host != "" {
		base, err := url.Parse(baseURL)
		if err != nil || !strings.EqualFold(u.Host, base.Host) || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
			return siteURL{}, false
		}
	}
	base := &url.URL{Scheme: "https", Host: "site.invalid", Path: strings.TrimSuffix(basePath, "/") + pageURL}
	r := base.ResolveReference(u)
	p := r.Path
	if bp := strings.TrimSuffix(basePath, "/"); bp != "" {
		if !strings.HasPrefix(p, bp+"/") && p != bp {
			return siteURL{internal: true, path: p, fragment: r.Fragment}, true
		}
		p = strings.TrimPrefix(p, bp)
	}
	if p == "" {
		p = "/"
	}
	return siteURL{internal: true, path: p, fragment: r.Fragment}, true
}
