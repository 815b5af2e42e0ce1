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
	c := newChecker(s, opts, false)
	built := idx.sorted()
	byURL := map[string]*builtPage{}
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
	lookup := func(sitePath string) (*builtPage, bool) {
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
	// Links from the root mean the same on every page: resolve them once.
	resolved := map[string]siteURL{}
	resolve := func(p *content.Page, dest string) siteURL {
		if !pageIndependent(dest) {
			return c.resolve(p, dest)
		}
		u, ok := resolved[dest]
		if !ok {
			u = c.resolve(p, dest)
			resolved[dest] = u
		}
		return u
	}
	fromMarkdown := map[string]map[string]bool{} // page URL -> resolved targets
	for _, p := range s.Pages {
		m := c.md[p]
		seen := map[string]bool{}
		fromMarkdown[p.URL] = seen
		for _, im := range m.images {
			if u := resolve(p, im.dest); u.internal && !u.bad {
				seen[u.path] = true // a missing image is Source's broken-image
			}
		}
		for _, l := range m.links {
			u := resolve(p, l.dest)
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
			b, ok := lookup(u.path)
			if !ok || b == nil {
				continue // a missing page is Source's broken-link
			}
			if !b.ids.has(u.fragment) {
				line, col := m.linkAt(l)
				c.out.Errorf(p.Path, line, col, "broken-anchor", "%s: there is no heading or element with the id %q on %s (%s)", short(l.dest, 60), u.fragment, u.path, idHint(b, u.fragment))
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
	note := func(rule, target string, b *builtPage, where string, l builtLink) {
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
	// A newsletter file holds its articles' links: those are reported (or
	// switched off) at the article's line, by Source, not again here.
	fromArticles := map[string]bool{}
	for _, p := range s.Pages {
		if p.Article != nil && p.Article.Newsletter != nil && p.Article.Newsletter.Issue != "" {
			for k := range fromMarkdown[p.URL] {
				fromArticles[k] = true
			}
		}
	}
	inbound := map[string]bool{} // target URLs some other page links to
	targets := targetCache{baseURL: s.Config.BaseURL, basePath: basePath, m: map[string]cachedTarget{}}
	for _, b := range built {
		src := pageByURL[b.url]
		// A built file with no page of its own (the 404 page, a generated
		// list) is named as it would be in the default output folder.
		where := "public/" + b.file
		if src != nil {
			where = src.Path
		}
		isSiteMap := src != nil && src.Layout == "site-map"
		fromMD := fromMarkdown[b.url]
		if strings.HasPrefix(b.file, "newsletter/") {
			fromMD = fromArticles
		}
		for _, img := range b.noAlt {
			// Markdown images always get an alt attribute, so this one comes
			// from a layout.
			note("image-alt", img, b, where, builtLink{"src", img})
		}
		for _, l := range b.links {
			if fromMD[strings.TrimSpace(l.val)] {
				continue // a link of the Markdown to another site, as written
			}
			u, ok := targets.resolve(b.url, l.val)
			if !ok {
				continue
			}
			if !isSiteMap && u.path != b.url {
				inbound[u.path] = true
			}
			if fromMD[u.path] || fromMD[u.path+"#"+u.fragment] {
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
			pages = fmt.Sprintf("%d built pages (%s and %s)", n, pr.where[0], plural(n-1, "other"))
			link, show = "link", "show"
		}
		switch pr.rule {
		case "image-alt":
			c.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s the image %s with no alt attribute, so screen readers may read out its file name (add alt=\"what it shows\" in the layout, or alt=\"\" if it is decorative)", pages, show, short(pr.val, 60))
		case "broken-link":
			c.out.Errorf(pr.wherePath, 0, 0, pr.rule, "%s %s to %s (%s=%q), which is not on the site (%s, or fix the link in the layout or content that makes it)", pages, link, pr.target, pr.attr, short(pr.val, 60), suggestFile(pr.target))
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
		if !inbound[p.URL] {
			line, col := fieldPos(p, "title")
			c.out.Warnf(p.Path, line, col, "orphan-page", "no other page or menu links to %s, so residents can only find it by searching (link to it from a related page or section page)", p.URL)
		}
	}
	return c.suppress(c.out)
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
