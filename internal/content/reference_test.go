// Reference copy of the loader and splitFile as they were before the cold-load
// and Reload work (commit 85a054f), kept so that the differential tests can
// prove the new code gives exactly the old results.

package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/adrg/frontmatter"

	"safeguard/internal/diag"
)

// refLoader reads a source folder and remembers what it parsed, so that loading
// again after an edit re-parses only the files that changed: the preview
// server loads after every save, on sites of thousands of pages.
//
// A refLoader is not safe for concurrent use: call Load from one goroutine at a
// time. The Site it returns is shared with later loads where files did not
// change, so treat it as read-only.
type refLoader struct {
	fsys  fs.FS
	root  string
	opts  Options
	cache map[string]*refCached
}

// refCached is one Markdown file's parse, valid while its size and time match.
type refCached struct {
	path    string
	size    int64
	mod     time.Time
	p       *parsed
	readErr error
}

// refNewLoader returns a refLoader for the source folder root on disk.
func refNewLoader(root string, opts Options) *refLoader {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	return refNewLoaderFS(os.DirFS(abs), abs, opts)
}

// refNewLoaderFS returns a refLoader that reads the source folder from fsys (tests
// use fstest.MapFS); root is only reported as Site.Root.
func refNewLoaderFS(fsys fs.FS, root string, opts Options) *refLoader {
	return &refLoader{fsys: fsys, root: root, opts: opts, cache: map[string]*refCached{}}
}

// Load reads and validates the source folder root once.

// Load reads site.yaml and every file under content/, checks them, and
// returns the Site when there are no errors (the diagnostics then hold only
// warnings). Unchanged files are not read again.
func (l *refLoader) Load() (*Site, diag.List) {
	var d diag.List
	cfg, emergency := l.refLoadConfig(&d)

	w := refWalker{l: l, d: &d, seen: map[string]bool{}}
	if st, err := fs.Stat(l.fsys, "content"); err != nil || !st.IsDir() {
		d.Errorf("content", 0, 0, ruleFile, "the source folder has no content folder (create content/ beside site.yaml, or give the source folder with -s)")
	} else {
		w.dir("content", false)
		w.parse()
	}
	// Forget files that were deleted or renamed.
	for p := range l.cache {
		if !w.seen[p] {
			delete(l.cache, p)
		}
	}
	slices.SortFunc(w.pages, func(a, b *parsed) int { return strings.Compare(a.page.Path, b.page.Path) })
	site := l.refCrossCheck(&d, cfg, emergency, w.pages)
	d = d.Sort()
	if d.HasErrors() {
		return nil, d
	}
	return site, d
}

func (l *refLoader) refLoadConfig(d *diag.List) (Config, *ref) {
	b, err := fs.ReadFile(l.fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return defaultConfig(), nil
	}
	if err != nil {
		d.Errorf(ConfigFile, 0, 0, ruleFile, "cannot read site.yaml: %v (check the file's permissions)", refPathlessErr(err))
		return defaultConfig(), nil
	}
	cfg, errs, emergency := parseConfig(b)
	for _, e := range errs {
		d.Errorf(ConfigFile, e.pos.Line, e.pos.Col, ruleFrontMatter, "%s", e.msg)
	}
	return cfg, emergency
}

// refWalker visits content/ once per Load.
type refWalker struct {
	l     *refLoader
	d     *diag.List
	seen  map[string]bool
	files []*refCached // Markdown files in walk order
	pages []*parsed
}

var refResourceExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".pdf": true}

// refHidden names are editor and system files that are never content.
func refHidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// dir visits one folder. inBundle says an ancestor holds index.md, so this
// folder's files belong to that page.
func (w *refWalker) dir(dir string, inBundle bool) {
	entries, err := fs.ReadDir(w.l.fsys, dir)
	if err != nil {
		w.d.Errorf(dir, 0, 0, ruleFile, "cannot read this folder: %v (check its permissions)", refPathlessErr(err))
		return
	}
	hasIndex, hasBranch := false, false
	for _, e := range entries {
		switch e.Name() {
		case "index.md":
			hasIndex = true
		case "_index.md":
			hasBranch = true
		}
	}
	if hasIndex && hasBranch {
		w.d.Errorf(dir+"/index.md", 0, 0, ruleFile, "a folder may hold _index.md (a section) or index.md (a page with its images), not both (rename one of them)")
		hasIndex = false
	}
	if dir == "content" && hasIndex {
		w.d.Errorf(dir+"/index.md", 0, 0, ruleFile, "content/index.md would replace the home page's list (rename it to _index.md)")
		hasIndex = false
	}
	bundle := inBundle || hasIndex
	for _, e := range entries {
		name := e.Name()
		if refHidden(name) {
			continue
		}
		p := dir + "/" + name
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			w.d.Errorf(p, 0, 0, ruleFile, "symbolic links are not allowed in content/ (copy the file or folder here instead)")
			continue
		}
		if e.IsDir() {
			if !validName(name) {
				w.d.Errorf(p, 0, 0, ruleFile, "folder name %q may use only a-z, 0-9 and - (rename it to %s)", name, suggestName(name))
			}
			w.dir(p, bundle)
			continue
		}
		if !typ.IsRegular() {
			w.d.Errorf(p, 0, 0, ruleFile, "this is not a regular file (remove it from content/)")
			continue
		}
		w.file(dir, p, name, e, bundle, inBundle)
	}
}

// file checks one file; bundle says it is inside the folder of a page
// (index.md here or above); nested says an index.md in a folder above holds it.
func (w *refWalker) file(dir, p, name string, e fs.DirEntry, bundle, nested bool) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	lower := strings.ToLower(ext)
	switch {
	case ext == ".md":
		if stem != "_index" && !validName(stem) {
			w.d.Errorf(p, 0, 0, ruleFile, "file name %q may use only a-z, 0-9 and - (rename it to %s.md)", name, suggestName(stem))
		}
		if bundle && (stem != "index" || nested) {
			w.d.Errorf(p, 0, 0, ruleFile, "this Markdown file is inside the folder of a page (index.md) and would not be published (move it out of the folder, or put its text in index.md)")
			return
		}
		w.page(p, e)
	case refResourceExt[lower] || lower == ".md":
		if ext != lower || !validName(stem) {
			w.d.Errorf(p, 0, 0, ruleFile, "file name %q may use only a-z, 0-9 and - and a lower-case ending (rename it to %s%s)", name, suggestName(stem), lower)
		}
		if lower == ".md" {
			w.page(p, e)
			return
		}
		if dir == "content" {
			w.d.Errorf(p, 0, 0, ruleFile, "files directly in content/ belong to no page (move it into the folder of the page that uses it)")
		}
	case lower == ".html" || lower == ".htm":
		w.d.Errorf(p, 0, 0, ruleFile, "HTML files in content/ would be published as they are, unchecked (write the page in Markdown as %s.md and remove this file)", suggestName(stem))
	case lower == ".markdown" || lower == ".mdown" || lower == ".mkd" || lower == ".mkdn":
		w.d.Errorf(p, 0, 0, ruleFile, "Markdown files must end in .md (rename it to %s.md)", suggestName(stem))
	default:
		kind := fmt.Sprintf("files ending %q", ext)
		if ext == "" {
			kind = "files without an ending"
		}
		w.d.Errorf(p, 0, 0, ruleFile, "%s are not allowed in content/ (pages are .md files; images may be png, jpg, jpeg, gif, webp or svg, and documents pdf)", kind)
	}
}

// page notes a Markdown file to parse, or reuses the last parse when the
// file's size and modification time are unchanged.
func (w *refWalker) page(p string, e fs.DirEntry) {
	w.seen[p] = true
	info, err := e.Info()
	if err != nil {
		w.d.Errorf(p, 0, 0, ruleFile, "cannot read this file: %v (check its permissions)", refPathlessErr(err))
		return
	}
	c := w.l.cache[p]
	if c != nil && c.size == info.Size() && c.mod.Equal(info.ModTime()) {
		w.files = append(w.files, c)
		return
	}
	delete(w.l.cache, p)
	w.files = append(w.files, &refCached{path: p, size: info.Size(), mod: info.ModTime()})
}

// parse reads and parses the files that changed, on every core (a first
// load of a large site is mostly YAML parsing), then reports in walk order.
func (w *refWalker) parse() {
	var todo []*refCached
	for _, c := range w.files {
		if c.p == nil {
			todo = append(todo, c)
		}
	}
	jobs := make(chan *refCached)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for c := range jobs {
				b, err := fs.ReadFile(w.l.fsys, c.path)
				if err != nil {
					c.readErr = refPathlessErr(err)
					continue
				}
				c.p = refParsePage(c.path, b)
				if c.p.page != nil {
					c.p.page.Source, c.p.page.ModTime = b, c.mod
				}
			}
		})
	}
	for _, c := range todo {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	for _, c := range w.files {
		if c.readErr != nil {
			w.d.Errorf(c.path, 0, 0, ruleFile, "cannot read this file: %v (check its permissions)", c.readErr)
			continue
		}
		w.l.cache[c.path] = c
		for _, e := range c.p.errs {
			w.d.Errorf(c.path, e.pos.Line, e.pos.Col, ruleFrontMatter, "%s", e.msg)
		}
		if c.p.page != nil {
			w.pages = append(w.pages, c.p)
		}
	}
}

func refPathlessErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// refCrossCheck runs the checks that involve more than one file (every load,
// as any edit can change their outcome) and builds the Site.
func (l *refLoader) refCrossCheck(d *diag.List, cfg Config, emergency *ref, pages []*parsed) *Site {
	contacts := map[string]*parsed{}
	var names []string
	for _, pp := range pages {
		if ct := pp.page.Contact; ct != nil {
			contacts[ct.Name] = pp
			names = append(names, ct.Name)
		}
	}
	slices.Sort(names)

	today := l.opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	y, m, dd := today.In(london).Date()
	todayStart := time.Date(y, m, dd, 0, 0, 0, 0, london)
	skipped := func(p *Page) bool {
		return p.Draft && !l.opts.Drafts || p.Kind == KindArticle && !l.opts.Future && p.Date.After(todayStart)
	}

	missing := func(path string, r ref) {
		if s := closest(r.name, names); s != "" {
			d.Errorf(path, r.pos.Line, r.pos.Col, ruleReference, "contact %q does not exist (did you mean %s? contacts are the file names in content/contacts/)", r.name, s)
		} else {
			d.Errorf(path, r.pos.Line, r.pos.Col, ruleReference, "contact %q does not exist (contacts are the file names in content/contacts/)", r.name)
		}
	}
	if emergency != nil {
		if _, ok := contacts[emergency.name]; !ok {
			missing(ConfigFile, *emergency)
		}
	}
	urls := map[string]string{}
	issues := map[string]string{}
	for _, pp := range pages {
		p := pp.page
		for _, r := range pp.refs {
			ct, ok := contacts[r.name]
			switch {
			case !ok:
				missing(p.Path, r)
			case !skipped(p) && skipped(ct.page):
				d.Errorf(p.Path, r.pos.Line, r.pos.Col, ruleReference, "contact %q is a draft and will not be published (remove draft: true from %s, or remove this reference)", r.name, ct.page.Path)
			}
		}
		if !safeURL(p.URL) {
			d.Errorf(p.Path, pp.slugPos.Line, pp.slugPos.Col, ruleURL, "the address %q is not safe (use only a-z, 0-9 and - in file, folder and slug names)", p.URL)
		} else if strings.HasPrefix(p.URL, newsletterURL) {
			d.Errorf(p.Path, pp.slugPos.Line, pp.slugPos.Col, ruleURL, "the address %s is under %s, where the newsletter fragments for editors are published (move the page to another folder, or give it another slug)", p.URL, newsletterURL)
		} else if first, dup := urls[p.URL]; dup {
			d.Errorf(p.Path, pp.slugPos.Line, pp.slugPos.Col, ruleURL, "the address %s is already used by %s (change the slug or rename the file)", p.URL, first)
		} else {
			urls[p.URL] = p.Path
		}
		if a := p.Article; a != nil && a.Newsletter != nil {
			key := fmt.Sprintf("%s/%d", a.Newsletter.Issue, a.Newsletter.Order)
			if first, dup := issues[key]; dup {
				d.Errorf(p.Path, pp.orderPos.Line, pp.orderPos.Col, ruleReference, "newsletter issue %s already has article %d in %s (give each article in an issue its own order)", a.Newsletter.Issue, a.Newsletter.Order, first)
			} else {
				issues[key] = p.Path
			}
		}
	}
	if d.HasErrors() {
		return nil
	}

	site := &Site{Root: l.root, Config: cfg, Contacts: map[string]*Contact{}}
	for _, pp := range pages {
		// Copy so that a later load never changes a Site already handed out.
		p := *pp.page
		if p.Contact != nil {
			ct := *p.Contact
			ct.Page = &p
			p.Contact = &ct
		}
		if skipped(&p) {
			site.Skipped = append(site.Skipped, &p)
			continue
		}
		site.Pages = append(site.Pages, &p)
		if p.Contact != nil {
			site.Contacts[p.Contact.Name] = p.Contact
		}
	}
	return site
}

// refParsePage reads one Markdown file. It never fails: problems go in errs.
func refParsePage(path string, b []byte) *parsed {
	pl := placeOf(path)
	out := &parsed{}
	if line, col, nul, bad := firstBad(b); nul || bad {
		if nul {
			out.errs = append(out.errs, posErr{Pos{line, col}, "the file contains a NUL byte (save the file as UTF-8 text, without NUL bytes)"})
		} else {
			out.errs = append(out.errs, posErr{Pos{line, col}, "the file is not UTF-8 text (save the file as UTF-8)"})
		}
		return out
	}
	b = trimBOM(b)
	s := refSplitFile(b)
	for _, e := range s.errs {
		out.errs = append(out.errs, posErr{Pos{e.line, e.col}, e.msg})
	}
	if s.fm == nil {
		return out
	}
	if s.fm.kind != mapVal {
		out.errs = append(out.errs, posErr{s.fm.pos, "the front matter must be fields (write each as name: value on its own line)"})
		return out
	}
	c := &checker{path: path, opener: Pos{s.opener, 1}, fields: map[string]Pos{}}
	p := &Page{
		Path:      path,
		Kind:      pl.kind,
		IsIndex:   pl.isIndex,
		QuickExit: true,
		Body:      s.body,
		BodyLine:  s.bodyLine,
		Fields:    c.fields,
	}
	if len(pl.dirs) > 0 {
		p.Section = pl.dirs[0]
	}
	p.Slug = pl.defaultSlug()
	out.slugPos = c.opener
	out.page = p

	hs := handlers{
		"title":   func(n string, v *val) { p.Title, _ = c.text(n, v) },
		"summary": func(n string, v *val) { p.Summary, _ = c.text(n, v) },
		"draft":   func(n string, v *val) { p.Draft, _ = c.boolean(n, v) },
		"slug": func(n string, v *val) {
			if pl.isIndex {
				c.errorf(v.pos, "slug has no effect on a section's _index.md (rename the folder instead, and remove slug)")
				return
			}
			if s, ok := c.name(n, v); ok {
				p.Slug = s
				out.slugPos = v.pos
			}
		},
		"weight":        func(n string, v *val) { p.Weight, _ = c.integer(n, v) },
		"last_reviewed": func(n string, v *val) { p.LastReviewed, _ = c.date(n, v) },
		"review_by":     func(n string, v *val) { p.ReviewBy, _ = c.date(n, v) },
		"contacts": func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of contact file names, not %s (write it as [first-contact, second-contact])", n, v.describe())
				return
			}
			for i, it := range v.items {
				in := fmt.Sprintf("%s.%d", n, i)
				c.fields[in] = it.pos
				if s, ok := c.contactRef(in, it); ok {
					p.Contacts = append(p.Contacts, s)
				}
			}
		},
		"quick_exit": func(n string, v *val) { p.QuickExit, _ = c.boolean(n, v) },
		"language": func(n string, v *val) {
			if l, ok := c.text(n, v); ok {
				if !langRE.MatchString(l) {
					c.errorf(v.pos, "%s: %q is not a language tag (use a tag such as cy for Welsh, bn for Bengali or ar for Arabic)", n, l)
					return
				}
				p.Language = l
			}
		},
		"ignore": func(n string, v *val) {
			p.Ignore = map[string]string{}
			if v.kind != mapVal {
				c.errorf(v.pos, "%s: expected rule names with reasons, not %s (write ignore: {rule-name: \"the reason\"})", n, v.describe())
				return
			}
			for _, e := range v.keys {
				full := n + "." + e.key
				c.fields[full] = e.keyPos
				if _, dup := p.Ignore[e.key]; dup {
					c.errorf(e.keyPos, "%s is written twice (remove one)", full)
					continue
				}
				if e.val.kind == scalarVal && e.val.tag == "null" {
					c.errorf(e.keyPos, "%s has no reason (write why the rule does not apply, in quotes)", full)
					continue
				}
				if r, ok := c.text(full, e.val); ok {
					p.Ignore[e.key] = r
				}
			}
		},
	}
	extra := map[string]string{}
	if pl.kind == KindPage && !pl.isIndex {
		hs["layout"] = func(n string, v *val) {
			if l, ok := c.text(n, v); ok {
				if l != "site-map" {
					c.errorf(v.pos, "%s: %q is not a layout (the only layout is site-map; remove the line for a normal page)", n, l)
					return
				}
				p.Layout = l
			}
		}
	} else if pl.isIndex {
		extra["layout"] = "layout is only allowed on plain pages, not on a section's _index.md (remove it)"
	} else {
		extra["layout"] = "layout is only allowed on plain pages (remove it)"
	}
	required := []string{"title"}
	var finish func(seen map[string]*val)

	switch {
	case pl.kind == KindArticle && !pl.isIndex:
		a := &Article{}
		p.Article = a
		required = append(required, "date", "summary")
		hs["date"] = func(n string, v *val) { p.Date, _ = c.date(n, v) }
		hs["author"] = func(n string, v *val) { a.Author, _ = c.text(n, v) }
		hs["topics"] = func(n string, v *val) { a.Topics = c.textList(n, v) }
		hs["newsletter"] = func(n string, v *val) {
			nl := &Newsletter{}
			seen := c.fieldsOf(v, n+".", handlers{
				"issue": func(n string, v *val) {
					if s, ok := c.text(n, v); ok {
						if !issueRE.MatchString(s) {
							c.errorf(v.pos, "%s: %q is not an issue (use YYYY-MM, for example 2020-12)", n, s)
							return
						}
						nl.Issue = s
					}
				},
				"order": func(n string, v *val) {
					if o, ok := c.integer(n, v); ok {
						if o < 1 {
							c.errorf(v.pos, "%s: %d is not a position in the issue (use 1 for the first article, 2 for the next)", n, o)
							return
						}
						nl.Order = o
						out.orderPos = v.pos
					}
				},
			}, nil)
			if v.kind == mapVal {
				c.require(seen, c.fields[n], n+".", "issue", "order")
			}
			if nl.Issue != "" && nl.Order > 0 {
				a.Newsletter = nl
			}
		}
	case pl.kind == KindActEarly:
		ae := &ActEarly{}
		p.ActEarly = ae
		required = append(required, "summary", "call_to_action")
		hs["launch_date"] = func(n string, v *val) { ae.LaunchDate, _ = c.date(n, v) }
		hs["call_to_action"] = func(n string, v *val) {
			cta := &ae.CallToAction
			seen := c.fieldsOf(v, n+".", handlers{
				"label":   func(n string, v *val) { cta.Label, _ = c.text(n, v) },
				"contact": func(n string, v *val) { cta.Contact, _ = c.contactRef(n, v) },
				"url":     func(n string, v *val) { cta.URL, _ = c.webURL(n, v) },
			}, nil)
			if v.kind != mapVal {
				return
			}
			at := c.fields[n]
			c.require(seen, at, n+".", "label")
			_, hasC := seen["contact"]
			_, hasU := seen["url"]
			switch {
			case hasC && hasU:
				c.errorf(at, "%s has both contact and url (keep only one)", n)
			case !hasC && !hasU:
				c.errorf(at, "%s needs a contact or a url (add contact: with a contact file name, or url: with an https address)", n)
			}
		}
	case pl.kind == KindContact && !pl.isIndex:
		ct := &Contact{Name: p.Slug, Page: p}
		if pl.bundle {
			ct.Name = pl.dirs[len(pl.dirs)-1]
		} else {
			ct.Name = pl.stem
		}
		p.Contact = ct
		required = append(required, "summary", "source", "verified_on")
		hs["phones"] = func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of numbers, not %s (write each as - number: \"020 7332 3808\")", n, v.describe())
				return
			}
			for i, it := range v.items {
				in := fmt.Sprintf("%s.%d", n, i)
				c.fields[in] = it.pos
				var ph Phone
				if it.kind == scalarVal {
					c.errorf(it.pos, "%s: write the number as - number: %q", in, it.text)
					continue
				}
				seen := c.fieldsOf(it, in+".", handlers{
					"number": func(n string, v *val) {
						if s, ok := c.text(n, v); ok {
							tel, problem := checkPhone(s)
							if problem != "" {
								if strings.HasPrefix(problem, "write it as") {
									c.errorf(v.pos, "%s: %q is not in the usual groups (%s)", n, s, problem)
								} else {
									c.errorf(v.pos, "%s: %q is not a UK phone number (%s)", n, s, problem)
								}
								return
							}
							ph.Number, ph.Tel = s, tel
						}
					},
					"label":     func(n string, v *val) { ph.Label, _ = c.text(n, v) },
					"textphone": func(n string, v *val) { ph.Textphone, _ = c.boolean(n, v) },
				}, nil)
				if it.kind == mapVal {
					c.require(seen, it.pos, in+".", "number")
				}
				ct.Phones = append(ct.Phones, ph)
			}
		}
		hs["email"] = func(n string, v *val) { ct.Email, _ = c.email(n, v) }
		hs["url"] = func(n string, v *val) { ct.URL, _ = c.webURL(n, v) }
		hs["hours"] = func(n string, v *val) { ct.Hours, _ = c.text(n, v) }
		hs["emergency"] = func(n string, v *val) { ct.Emergency, _ = c.boolean(n, v) }
		hs["source"] = func(n string, v *val) { ct.Source, _ = c.webURL(n, v) }
		hs["verified_on"] = func(n string, v *val) { ct.VerifiedOn, _ = c.date(n, v) }
		finish = func(seen map[string]*val) {
			a := len(seen["phones"].itemsOrNil()) > 0
			_, b := seen["email"]
			_, u := seen["url"]
			if !a && !b && !u {
				c.errorf(c.opener, "a contact needs at least one of phones, email or url (add one)")
			}
			ct.Title, ct.Summary = p.Title, p.Summary
		}
	case pl.kind == KindEvent && !pl.isIndex:
		ev := &Event{Status: "scheduled"}
		p.Event = ev
		required = append(required, "start", "audience")
		hs["start"] = func(n string, v *val) { ev.Start, ev.AllDay, _ = c.dateTime(n, v) }
		hs["end"] = func(n string, v *val) { ev.End, _, _ = c.dateTime(n, v) }
		hs["online"] = func(n string, v *val) { ev.Online, _ = c.boolean(n, v) }
		hs["place"] = func(n string, v *val) { ev.Place, _ = c.text(n, v) }
		hs["audience"] = func(n string, v *val) { ev.Audience, _ = c.text(n, v) }
		hs["status"] = func(n string, v *val) {
			if s, ok := c.text(n, v); ok {
				switch s {
				case "planned", "scheduled", "held", "cancelled":
					ev.Status = s
				default:
					c.errorf(v.pos, "%s: %q is not a status (use planned, scheduled, held or cancelled)", n, s)
				}
			}
		}
		hs["booking"] = func(n string, v *val) {
			bk := &Booking{}
			seen := c.fieldsOf(v, n+".", handlers{
				"url":   func(n string, v *val) { bk.URL, _ = c.webURL(n, v) },
				"email": func(n string, v *val) { bk.Email, _ = c.email(n, v) },
			}, nil)
			if v.kind == mapVal && len(seen) == 0 {
				c.errorf(c.fields[n], "%s needs a url or an email (add url: with an https address, or email:)", n)
			}
			ev.Booking = bk
		}
		finish = func(seen map[string]*val) {
			_, on := seen["online"]
			_, pc := seen["place"]
			if !on && !pc {
				c.errorf(c.opener, "an event needs online: true or a place (add place: with where it is held, or online: true)")
			}
			if on && !ev.Online && !pc {
				c.errorf(c.fields["online"], "an event that is not online needs a place (add place: with where it is held)")
			}
			if !ev.End.IsZero() && !ev.Start.IsZero() && ev.End.Before(ev.Start) {
				c.errorf(c.fields["end"], "end is before start (check both dates)")
			}
		}
	}
	seen := c.fieldsOf(s.fm, "", hs, extra)
	c.require(seen, c.opener, "", required...)
	if finish != nil {
		finish(seen)
	}
	p.URL = pl.url(p.Slug)

	scs, argPos, errs := scanShortcodes(p.Body, p.BodyLine)
	p.Shortcode = scs
	c.errs = append(c.errs, errs...)
	for i, sc := range scs {
		c.refs = append(c.refs, ref{sc.Args[0], argPos[i]})
	}
	out.errs = append(out.errs, c.errs...)
	out.refs = c.refs
	return out
}

// refSplitFile separates front matter from body. b has no BOM and is valid UTF-8
// without NUL bytes. It uses adrg/frontmatter to find the block, with our
// own unmarshal functions that build position-carrying trees.
func refSplitFile(b []byte) split {
	// Find the opening line ourselves: adrg/frontmatter skips blank lines
	// before it, and we need its line number to turn block lines into file lines.
	opener, delim := 0, ""
	line := 1
	for rest := b; len(rest) > 0; line++ {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		t := strings.TrimSpace(string(l))
		if t == "" {
			continue
		}
		if t == "---" || t == "+++" {
			opener, delim = line, t
		}
		break
	}
	if opener == 0 {
		return split{errs: []treeError{{line: 1, msg: "the file has no front matter (add front matter between --- lines at the top)"}}}
	}
	var s split
	s.opener = opener
	called := false
	var data []byte
	unmarshal := func(parse func([]byte, int) (*val, []treeError)) frontmatter.UnmarshalFunc {
		return func(d []byte, _ any) error {
			called = true
			data = d
			s.fm, s.errs = parse(d, opener)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", unmarshal(parseYAML)),
		frontmatter.NewFormat("+++", "+++", unmarshal(parseTOML)),
	}
	body, err := frontmatter.Parse(bytes.NewReader(b), nil, formats...)
	if err != nil || !called {
		end := "---"
		if delim == "+++" {
			end = "+++"
		}
		return split{opener: opener, errs: []treeError{{line: opener, col: 1, msg: "the front matter starting here is not closed (add a " + end + " line after the last field)"}}}
	}
	s.bodyLine = opener + bytes.Count(data, []byte("\n")) + 2
	s.body = strings.ReplaceAll(string(body), "\r\n", "\n")
	return s
}
