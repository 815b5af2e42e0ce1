package check

// The index and output check as they were before they were made faster
// (commit 85a054f), kept as the reference the differential tests compare
// the current code with. Do not change them.

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// refBuilt is what the output rules need from the HTML files of a built site:
// per file its ids and the links it makes, nothing else. A build fills it
// while the files are written (Add is safe for concurrent use), so the output
// check never reads the site back; refReadBuilt fills one from a folder.
type refBuilt struct {
	mu      sync.Mutex
	pages   map[string]*refPage // by file
	strings map[string]string   // one copy of each link and id: layouts repeat them on every page
}

// newRefBuilt returns an empty index.
func newRefBuilt() *refBuilt {
	return &refBuilt{pages: map[string]*refPage{}, strings: map[string]string{}}
}

// refIDSet is a sorted list of ids: far smaller than a map for the few dozen
// ids of a page.
type refIDSet []string

func (s refIDSet) has(id string) bool {
	_, ok := slices.BinarySearch(s, id)
	return ok
}

// Add scans one written file (a slash path relative to the site root); files
// other than .html are ignored. Adding a file again replaces it.
func (b *refBuilt) Add(file string, data []byte) {
	if !strings.HasSuffix(file, ".html") {
		return
	}
	p := refScanHTML(file, data)
	b.mu.Lock()
	intern := func(s string) string {
		if v, ok := b.strings[s]; ok {
			return v
		}
		b.strings[s] = s
		return s
	}
	for i := range p.ids {
		p.ids[i] = intern(p.ids[i])
	}
	for i := range p.links {
		p.links[i].val = intern(p.links[i].val)
	}
	b.pages[file] = p
	b.mu.Unlock()
}

// sorted returns the pages in file order, so reports do not depend on the
// order files were written in.
func (b *refBuilt) sorted() []*refPage {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]*refPage, 0, len(b.pages))
	for _, p := range b.pages {
		out = append(out, p)
	}
	// fs.WalkDir order: lexical by path element.
	slices.SortFunc(out, func(x, y *refPage) int { return refCompareWalk(x.file, y.file) })
	return out
}

// refCompareWalk orders slash paths as fs.WalkDir visits them: element by
// element, each folder's entries sorted by name.
func refCompareWalk(a, b string) int {
	for {
		ea, ra, _ := strings.Cut(a, "/")
		eb, rb, _ := strings.Cut(b, "/")
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		if ra == "" || rb == "" {
			return strings.Compare(ra, rb)
		}
		a, b = ra, rb
	}
}

// refScanHTML reads the ids, links and images without alt of one HTML file with
// the tokenizer: no tree is built, as every element is looked at on its own.
func refScanHTML(file string, data []byte) *refPage {
	b := &refPage{file: file}
	switch {
	case file == "index.html":
		b.url = "/"
	case path.Base(file) == "index.html":
		b.url = "/" + path.Dir(file) + "/"
	default:
		b.url = "/" + file
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			slices.Sort(b.ids)
			b.ids = slices.Clip(slices.Compact(b.ids))
			b.links = slices.Clip(b.links)
			return b
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		if !more {
			if string(name) == "img" || string(name) == "image" {
				b.noAlt = append(b.noAlt, "")
			}
			continue
		}
		refScanTag(b, z, name)
	}
}

// refScanTag reads one tag's attributes, copying only the values kept. Like the
// HTML parser, it keeps the first of repeated attributes.
func refScanTag(b *refPage, z *html.Tokenizer, name []byte) {
	tag := string(name) // no allocation for the few names compared below
	switch tag {
	case "image":
		tag = "img" // as the HTML parser does
	case "a", "area", "link", "img", "script", "source":
	default:
		tag = "" // only its id matters
	}
	var seen uint8 // attributes met: id, name, href, src, alt, rel
	const (
		sID = 1 << iota
		sName
		sHref
		sSrc
		sAlt
		sRel
	)
	var href, src string
	var canonical bool
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "id":
			if seen&sID == 0 {
				seen |= sID
				b.ids = append(b.ids, string(v))
			}
		case "name":
			if seen&sName == 0 && tag == "a" {
				seen |= sName
				b.ids = append(b.ids, string(v))
			}
		case "href":
			if seen&sHref == 0 && (tag == "a" || tag == "area" || tag == "link") {
				seen |= sHref
				href = string(v)
			}
		case "src":
			if seen&sSrc == 0 && (tag == "img" || tag == "script" || tag == "source") {
				seen |= sSrc
				src = string(v)
			}
		case "alt":
			seen |= sAlt
		case "rel":
			if seen&sRel == 0 && tag == "link" {
				seen |= sRel
				canonical = refHasRel(string(v), "canonical", "alternate")
			}
		}
	}
	if tag == "img" && seen&sAlt == 0 {
		b.noAlt = append(b.noAlt, src)
	}
	if seen&sHref != 0 && !canonical {
		// a canonical or alternate link may name the published address,
		// checked as a page elsewhere
		b.links = append(b.links, refLink{"href", href})
	}
	if seen&sSrc != 0 {
		b.links = append(b.links, refLink{"src", src})
	}
}

func refHasRel(val string, rels ...string) bool {
	for _, r := range strings.Fields(val) {
		if slices.Contains(rels, strings.ToLower(r)) {
			return true
		}
	}
	return false
}

// refPage is what the rules need from one built HTML file.
type refPage struct {
	file  string   // path in the output, e.g. "articles/x/index.html"
	url   string   // site path it is served at, e.g. "/articles/x/"
	ids   refIDSet // id (and a name) attributes: link targets
	links []refLink
	noAlt []string // src of img elements with no alt attribute at all
}

type refLink struct {
	attr string // href or src
	val  string
}

// refOutputBuilt is Output with the HTML files already scanned (a build fills
// idx as it writes them); fsys is still where other files are looked up.
func refOutputBuilt(s *content.Site, idx *refBuilt, fsys fs.FS, opts Options) diag.List {
	if s == nil || idx == nil || fsys == nil {
		return nil
	}
	c := newChecker(s, opts, false)
	built := idx.sorted()
	byURL := map[string]*refPage{}
	for _, b := range built {
		byURL[b.url] = b
	}
	basePath := "/"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Path != "" {
		basePath = u.Path
	}
	pageByURL := map[string]*content.Page{}
	for _, p := range s.Pages {
		pageByURL[p.URL] = p
	}
	// lookup finds the built file a site path is served from.
	exists := map[string]bool{}
	lookup := func(sitePath string) (*refPage, bool) {
		if b, ok := byURL[sitePath]; ok {
			return b, true
		}
		if !strings.HasSuffix(sitePath, "/") {
			if b, ok := byURL[sitePath+"/"]; ok {
				return b, true
			}
		}
		if sitePath == "/" {
			return nil, false
		}
		ok, seen := exists[sitePath]
		if !seen {
			_, err := fs.Stat(fsys, strings.TrimPrefix(sitePath, "/"))
			ok = err == nil
			exists[sitePath] = ok
		}
		return nil, ok
	}

	// Anchors written in the Markdown, reported where they are written.
	fromMarkdown := map[string]map[string]bool{} // page URL -> resolved targets
	for _, p := range s.Pages {
		m := c.md[p]
		seen := map[string]bool{}
		fromMarkdown[p.URL] = seen
		for _, im := range m.images {
			if u := c.resolve(p, im.dest); u.internal && !u.bad {
				seen[u.path] = true // a missing image is Source's broken-image
			}
		}
		for _, l := range m.links {
			u := c.resolve(p, l.dest)
			if !u.internal || u.bad {
				continue
			}
			seen[u.path] = true
			seen[u.path+"#"+u.fragment] = true
			if u.fragment == "" {
				continue
			}
			b, ok := lookup(u.path)
			if !ok || b == nil {
				continue // a missing page is Source's broken-link
			}
			if !b.ids.has(u.fragment) {
				line, col := m.linkAt(l)
				c.out.Errorf(p.Path, line, col, "broken-anchor", "%s: there is no heading or element with the id %q on %s (%s)", short(l.dest, 60), u.fragment, u.path, refIDHint(b, u.fragment))
			}
		}
	}

	// Links the built pages make, whatever made them. A broken link in a
	// layout is on every page: report it once, naming how many pages have it.
	type problem struct {
		rule, target string
		where        []string // built URLs, in file order
		wherePath    string   // file the first one is reported against
		attr, val    string
	}
	problems := map[string]*problem{}
	var order []string
	note := func(rule, target string, b *refPage, where string, l refLink) {
		key := rule + " " + target
		pr := problems[key]
		if pr == nil {
			pr = &problem{rule: rule, target: target, wherePath: where, attr: l.attr, val: l.val}
			problems[key] = pr
			order = append(order, key)
		}
		if strings.HasPrefix(pr.wherePath, "public/") && !strings.HasPrefix(where, "public/") {
			// name a content file rather than a generated one when there is one
			pr.wherePath = where
			pr.where = append([]string{b.url}, pr.where...)
		} else if !slices.Contains(pr.where, b.url) {
			pr.where = append(pr.where, b.url)
		}
	}
	inbound := map[string]map[string]bool{} // target URL -> linking URLs
	for _, b := range built {
		src := pageByURL[b.url]
		// A built file with no page of its own (the 404 page, a generated
		// list) is named as it would be in the default output folder.
		where := "public/" + b.file
		if src != nil {
			where = src.Path
		}
		isSiteMap := src != nil && src.Layout == "site-map"
		for _, img := range b.noAlt {
			// Markdown images always get an alt attribute, so this one comes
			// from a layout.
			note("image-alt", img, b, where, refLink{"src", img})
		}
		for _, l := range b.links {
			u, ok := refBuiltTarget(b.url, l.val, s.Config.BaseURL, basePath)
			if !ok {
				continue
			}
			if !isSiteMap && u.path != b.url {
				if inbound[u.path] == nil {
					inbound[u.path] = map[string]bool{}
				}
				inbound[u.path][b.url] = true
			}
			if fromMarkdown[b.url][u.path] || fromMarkdown[b.url][u.path+"#"+u.fragment] {
				continue // reported against the Markdown by Source or above
			}
			t, ok := lookup(u.path)
			if !ok {
				note("broken-link", u.path, b, where, l)
			} else if u.fragment != "" && t != nil && !t.ids.has(u.fragment) {
				note("broken-anchor", u.path+"#"+u.fragment, b, where, l)
			}
		}
	}
	for _, key := range order {
		pr := problems[key]
		pages, link, show := "the built page "+pr.where[0], "links", "shows"
		if n := len(pr.where); n > 1 {
			pages = fmt.Sprintf("%d built pages (%s and %s)", n, pr.where[0], refPlural(n-1, "other"))
			link, show = "link", "show"
		}
		switch pr.rule {
		case "image-alt":
			c.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s the image %s with no alt attribute, so screen readers may read out its file name (add alt=\"what it shows\" in the layout, or alt=\"\" if it is decorative)", pages, show, short(pr.val, 60))
		case "broken-link":
			c.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s to %s (%s=%q), which is not on the site (%s, or fix the link in the layout or content that makes it)", pages, link, pr.target, pr.attr, short(pr.val, 60), refSuggestFile(pr.target))
		default:
			c.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s to %s, but there is no element with that id there (fix the link in the layout or content that makes it)", pages, link, pr.target)
		}
	}

	// Plain pages nothing links to. Articles, events and campaign pages are
	// reached from their section lists; section pages from the menu.
	for _, p := range s.Pages {
		if p.Kind != content.KindPage || p.IsIndex || p.Layout == "site-map" || p.URL == "/" {
			continue
		}
		if _, ok := byURL[p.URL]; !ok {
			continue // not built as a page of its own
		}
		if len(inbound[p.URL]) == 0 {
			line, col := fieldPos(p, "title")
			c.out.Warnf(p.Path, line, col, "orphan-page", "no other page or menu links to %s, so residents can only find it by searching (link to it from a related page or section page)", p.URL)
		}
	}
	return c.suppress(c.out)
}

// refSuggestFile names the Markdown file that would make a page at a site path.
func refSuggestFile(sitePath string) string {
	p := strings.Trim(sitePath, "/")
	if p == "" || path.Ext(p) != "" {
		return "add the file to static/"
	}
	return "add a page at content/" + p + ".md"
}

func refPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// refIDHint suggests the id a writer probably meant, or lists the page's ids.
func refIDHint(b *refPage, fragment string) string {
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

// refBuiltTarget resolves a link in a built page; ok is false for links that
// leave the site (other hosts, mailto:, tel:).
func refBuiltTarget(pageURL, val, baseURL, basePath string) (siteURL, bool) {
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
