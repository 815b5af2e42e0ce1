package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"safeguard/internal/diag"
	"safeguard/internal/parallel"
)

// Loader reads a source folder and remembers what it parsed, so that loading
// again after an edit re-parses only the files that changed: the preview
// server loads after every save, on sites of thousands of pages.
//
// A Loader is not safe for concurrent use: call Load from one goroutine at a
// time. The Site it returns is shared with later loads where files did not
// change, so treat it as read-only.
type Loader struct {
	fsys  fs.FS
	dir   string // the folder on disk for NewLoader (read with fewer system calls); "" for NewLoaderFS
	root  string
	opts  Options
	cache map[string]*cached
	last  *walkResult // the last Load's walk of content/, for Reload; nil when there was none
	files *Inventory  // the input gate's verdicts of the last Load or Reload
}

// cached is one Markdown file's parse, valid while its size and time match.
type cached struct {
	path    string
	size    int64
	mod     time.Time
	p       *parsed
	readErr error
}

// walkResult is what the last walk of content/ found, so that Reload can
// stand in for a Load when only known Markdown files changed.
type walkResult struct {
	diags diag.List      // reported by the walk itself (names, folders, links), before any file was read
	files []*cached      // Markdown files in walk order, read or not
	index map[string]int // a file's slash path ("content/a.md") to its place in files
	// unsure says the walk could not read a folder or stat a file: a Load
	// would try again, so Reload cannot stand in for it.
	unsure bool
}

// NewLoader returns a Loader for the source folder root on disk.
func NewLoader(root string, opts Options) *Loader {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	l := NewLoaderFS(os.DirFS(abs), abs, opts)
	l.dir = abs
	return l
}

// NewLoaderFS returns a Loader that reads the source folder from fsys (tests
// use fstest.MapFS); root is only reported as Site.Root.
func NewLoaderFS(fsys fs.FS, root string, opts Options) *Loader {
	return &Loader{fsys: fsys, root: root, opts: opts, cache: map[string]*cached{}}
}

// Load reads and validates the source folder root once.
func Load(root string, opts Options) (*Site, diag.List) { return NewLoader(root, opts).Load() }

// newsletterURL is the folder the newsletter package writes into; a page
// there would be overwritten by, or overwrite, an editors' file.
const newsletterURL = "/newsletter/"

const (
	ruleFile        = "content-file"
	ruleFrontMatter = "front-matter"
	ruleReference   = "reference"
	ruleURL         = "url"
	ruleShadow      = "static-replaces-page"
)

// Load reads site.yaml and every file under content/, checks them, and
// returns the Site when there are no errors (the diagnostics then hold only
// warnings). Unchanged files are not read again.
func (l *Loader) Load() (*Site, diag.List) {
	var d diag.List
	cfg, emergency := l.loadConfig(&d)

	w := walker{l: l, seen: map[string]bool{}, inv: map[string]*File{}}
	l.last = nil
	if st, err := fs.Stat(l.fsys, "content"); err != nil || !st.IsDir() {
		d.Errorf("content", 0, 0, ruleFile, "the source folder has no content folder (create content/ beside site.yaml, or give the source folder with -s)")
	} else {
		w.dir("content", false)
		l.read(w.files)
		d = append(d, w.d...)
		index := make(map[string]int, len(w.files))
		for i, c := range w.files {
			index[c.path] = i
		}
		l.last = &walkResult{diags: w.d, files: w.files, index: index, unsure: w.unsure}
	}
	l.gate(w.inv, w.todo)
	l.files = &Inventory{files: w.inv}
	// Forget files that were deleted or renamed.
	for p := range l.cache {
		if !w.seen[p] {
			delete(l.cache, p)
		}
	}
	return l.finish(d, cfg, emergency, w.files)
}

// finish reports what each Markdown file gave (files were read), runs the
// checks across files and builds the Site: the part that Load and Reload
// share.
func (l *Loader) finish(d diag.List, cfg Config, emergency *ref, files []*cached) (*Site, diag.List) {
	d = append(d, l.files.diags()...)
	var pages []*parsed
	var broken []*Page // left out, with problems (LeftOutWarn)
	for _, c := range files {
		if errors.Is(c.readErr, errTooLarge) {
			d.Errorf(c.path, 0, 0, ruleFile, "this file is larger than 1 MB, too long for one page (split it into several pages, and keep images and documents as separate files)")
			continue
		}
		if errors.Is(c.readErr, errNotRegular) {
			d.Errorf(c.path, 0, 0, ruleFile, "this is not a regular file (only files are read: remove it from content/, or copy the file here)")
			continue
		}
		if c.readErr != nil {
			d.Errorf(c.path, 0, 0, ruleFile, "cannot read this file: %v (check its permissions)", c.readErr)
			continue
		}
		if len(c.p.errs) > 0 && l.leftOutWarns(c.p.page) {
			// A left-out page with problems is not published at all.
			for _, e := range c.p.errs {
				warnLeftOut(&d, c.p.page, e.pos.Line, e.pos.Col, ruleFrontMatter, e.msg)
			}
			broken = append(broken, c.p.page)
			continue
		}
		for _, e := range c.p.errs {
			d.Errorf(c.path, e.pos.Line, e.pos.Col, ruleFrontMatter, "%s", e.msg)
		}
		if c.p.page != nil {
			pages = append(pages, c.p)
		}
	}
	slices.SortFunc(pages, func(a, b *parsed) int { return strings.Compare(a.page.Path, b.page.Path) })
	site := l.crossCheck(&d, cfg, emergency, pages)
	skipBroken(site, broken)
	d = d.Sort()
	if d.HasErrors() {
		return nil, d
	}
	return site, d
}

// Reload stands in for Load after an edit, when the caller knows which files
// changed (the preview's file watcher does): it re-reads site.yaml and the
// changed Markdown files only, skipping the walk of content/ (a stat of every
// file), and returns exactly what Load would return now.
//
// Each path in changed is absolute (inside the source folder) or relative to
// the source folder, with / or the system's separator. Reload can only be
// sure when every path is site.yaml (in any state: it is always read again),
// a path outside content/ (Load never reads those: layouts/, assets/, ...),
// or a Markdown file that the last Load's walk found and read, and that is
// still a regular file. Otherwise (no earlier Load, content/ itself, a folder,
// a created, removed or renamed file, an image or any other file in content/,
// a symbolic link) it returns ok == false and changes nothing: call Load.
// An empty changed list is fine: it re-checks the last walk's files.
//
// Like Load, Reload is not safe for concurrent use with Load or itself.
func (l *Loader) Reload(changed []string) (site *Site, d diag.List, ok bool) {
	last := l.last
	if last == nil || last.unsure {
		return nil, nil, false
	}
	var todo []*cached
	var gated []string // changed paths under static/, layouts/ or assets/
	at := map[string]int{}
	// Load would try again to read the files it could not read.
	for i, c := range last.files {
		if c.readErr != nil {
			at[c.path] = i
		}
	}
	for _, name := range changed {
		p, ok := l.relPath(name)
		if !ok {
			return nil, nil, false
		}
		if top, _, _ := strings.Cut(p, "/"); slices.Contains(gateDirs, top) {
			gated = append(gated, p)
			continue
		}
		if p == ConfigFile || p != "content" && !strings.HasPrefix(p, "content/") {
			continue
		}
		i, known := last.index[p]
		if !known {
			return nil, nil, false
		}
		at[p] = i
	}
	for p := range at {
		// The walk would see a folder, a link or nothing here now.
		if st, err := fs.Lstat(l.fsys, p); err != nil || !st.Mode().IsRegular() {
			return nil, nil, false
		}
		todo = append(todo, &cached{path: p})
	}

	cfg, emergency := l.loadConfig(&d)
	d = append(d, last.diags...)
	l.files = l.regate(l.files, gated)
	l.read(todo)
	for _, c := range todo {
		if c.readErr != nil {
			delete(l.cache, c.path)
		}
		last.files[at[c.path]] = c
	}
	site, d = l.finish(d, cfg, emergency, last.files)
	return site, d, true
}

// relPath turns a path given to Reload into a slash path relative to the
// source folder; false when it is outside the source folder.
func (l *Loader) relPath(name string) (string, bool) {
	if filepath.IsAbs(name) {
		r, err := filepath.Rel(l.root, name)
		if err != nil {
			return "", false
		}
		name = r
	}
	p := filepath.ToSlash(filepath.Clean(name))
	if p == "." || !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// maxFileSize is the largest page or site.yaml read, in bytes: a megabyte
// is some 150,000 words, far more than anyone reads on a phone, and the
// parsers' time and memory grow with the size (a 10 MB page took 30 s).
const maxFileSize = 1 << 20

// errTooLarge is the read error for a file over maxFileSize.
var errTooLarge = errors.New("the file is larger than 1 MB")

// errNotRegular is the read error for anything but a regular file.
var errNotRegular = errors.New("not a regular file")

// readConfigFile reads site.yaml. A symbolic link is followed only to a
// regular file inside the source folder (a shared site.yaml kept beside
// the content); anything else that is not a regular file is refused
// without being opened.
func (l *Loader) readConfigFile() ([]byte, error) {
	name := ConfigFile
	st, err := fs.Lstat(l.fsys, name)
	if err != nil {
		return nil, err
	}
	if st.Mode()&fs.ModeSymlink != 0 && l.dir != "" {
		target, err := filepath.EvalSymlinks(filepath.Join(l.dir, ConfigFile))
		if err != nil {
			return nil, err
		}
		root, err := filepath.EvalSymlinks(l.dir)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(root, target)
		if err != nil || !filepath.IsLocal(rel) {
			return nil, errOutside
		}
		name = filepath.ToSlash(rel)
	}
	b, _, _, err := l.readFile(name)
	return b, err
}

// errOutside is the read error for a link that leads out of the source folder.
var errOutside = errors.New("it is a link to a file outside the source folder")

func (l *Loader) loadConfig(d *diag.List) (Config, *ref) {
	b, err := l.readConfigFile()
	if errors.Is(err, fs.ErrNotExist) {
		return defaultConfig(), nil
	}
	if errors.Is(err, errTooLarge) {
		d.Errorf(ConfigFile, 0, 0, ruleFile, "site.yaml is larger than 1 MB (it needs only a few lines: check that it is the right file)")
		return defaultConfig(), nil
	}
	if errors.Is(err, errNotRegular) || errors.Is(err, errOutside) {
		d.Errorf(ConfigFile, 0, 0, ruleFile, "site.yaml is not a regular file in the source folder: %v (replace it with the file itself)", pathlessErr(err))
		return defaultConfig(), nil
	}
	if err != nil {
		d.Errorf(ConfigFile, 0, 0, ruleFile, "cannot read site.yaml: %v (check the file's permissions)", pathlessErr(err))
		return defaultConfig(), nil
	}
	cfg, errs, emergency := parseConfig(b)
	for _, e := range errs {
		d.Errorf(ConfigFile, e.pos.Line, e.pos.Col, ruleFrontMatter, "%s", e.msg)
	}
	return cfg, emergency
}

// walker visits content/ once per Load.
type walker struct {
	l     *Loader
	d     diag.List // what the walk reports, before any file is read
	seen  map[string]bool
	files []*cached // Markdown files in walk order
	// unsure is set when a folder could not be read or a file stat'ed.
	unsure bool
	inv    map[string]*File // the inventory's entries for content/
	todo   []*File          // those of them to inspect
}

var resourceExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".pdf": true}

// hidden names are editor and system files that are never content (those
// private.Classify does not name are skipped without a word).
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// dir visits one folder. inBundle says an ancestor holds index.md, so this
// folder's files belong to that page.
func (w *walker) dir(dir string, inBundle bool) {
	entries, err := fs.ReadDir(w.l.fsys, dir)
	if err != nil {
		w.unsure = true
		w.d.Errorf(dir, 0, 0, ruleFile, "cannot read this folder: %v (check its permissions)", pathlessErr(err))
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
		p := dir + "/" + name
		typ := e.Type()
		if classify(w.inv, p, typ) || hidden(name) {
			continue
		}
		if typ&fs.ModeSymlink != 0 {
			w.d.Errorf(p, 0, 0, ruleFile, "symbolic links are not allowed in content/ (copy the file or folder here instead)")
			continue
		}
		if DeviceName(name) {
			w.d.Errorf(p, 0, 0, ruleFile, "%s", deviceProblem(name, "page"))
			continue
		}
		if e.IsDir() {
			if !validName(name) {
				w.d.Errorf(p, 0, 0, ruleFile, "folder name %q may use only a-z, 0-9 and - (rename it to %s)", name, suggestName(name))
			} else if len(name) > maxName {
				w.d.Errorf(p, 0, 0, ruleFile, "the folder name is %d characters long, more than the %d a name may have (rename it to %s)", len(name), maxName, shorten(name))
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
func (w *walker) file(dir, p, name string, e fs.DirEntry, bundle, nested bool) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	lower := strings.ToLower(ext)
	if validName(stem) && len(stem) > maxName {
		w.d.Errorf(p, 0, 0, ruleFile, "the file name is %d characters long, more than the %d a name may have (rename it to %s%s)", len(stem), maxName, shorten(stem), lower)
	}
	switch {
	case ext == ".md":
		if base, _, ok := translationName(stem); ok {
			stem = base // x.cy.md: the Welsh translation of x.md (lang.go)
		}
		if stem != "_index" && !validName(stem) {
			w.d.Errorf(p, 0, 0, ruleFile, "file name %q may use only a-z, 0-9 and - (rename it to %s.md)", name, suggestName(stem))
		}
		if bundle && (stem != "index" || nested) {
			w.d.Errorf(p, 0, 0, ruleFile, "this Markdown file is inside the folder of a page (index.md) and would not be published (move it out of the folder, or put its text in index.md)")
			return
		}
		w.page(p, e)
	case resourceExt[lower] || lower == ".md":
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
		if f := w.l.contentFile(w.inv, p); f != nil {
			w.todo = append(w.todo, f)
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
// file's size and modification time are unchanged. A file not parsed before
// is not stat'ed here: read takes its size and time from the open file.
func (w *walker) page(p string, e fs.DirEntry) {
	w.seen[p] = true
	c := w.l.cache[p]
	if c == nil {
		w.files = append(w.files, &cached{path: p})
		return
	}
	info, err := e.Info()
	if err != nil {
		delete(w.l.cache, p)
		w.unsure = true
		w.d.Errorf(p, 0, 0, ruleFile, "cannot read this file: %v (check its permissions)", pathlessErr(err))
		return
	}
	if c.size == info.Size() && c.mod.Equal(info.ModTime()) {
		w.files = append(w.files, c)
		return
	}
	delete(w.l.cache, p)
	w.files = append(w.files, &cached{path: p})
}

// read reads and parses the files not parsed yet, on every core (a first
// load of a large site is mostly YAML parsing), and caches them.
func (l *Loader) read(files []*cached) {
	var todo []*cached
	for _, c := range files {
		if c.p == nil && c.readErr == nil {
			todo = append(todo, c)
		}
	}
	parallel.Each(len(todo), func(i int) {
		c := todo[i]
		b, size, mod, err := l.readFile(c.path)
		if err != nil {
			c.readErr = pathlessErr(err)
			return
		}
		c.size, c.mod = size, mod
		c.p = parsePage(c.path, b)
		if c.p.page != nil {
			c.p.page.Source, c.p.page.ModTime = b, mod
		}
	})
	for _, c := range todo {
		if c.readErr == nil {
			l.cache[c.path] = c
		}
	}
}

// readFile reads one file with the size and modification time of what was
// read, which key the cache.
func (l *Loader) readFile(p string) ([]byte, int64, time.Time, error) {
	if fastDisk && l.dir != "" {
		return readDisk(filepath.Join(l.dir, filepath.FromSlash(p)))
	}
	// Only regular files are opened: opening a FIFO would wait for a writer.
	if st, err := fs.Lstat(l.fsys, p); err != nil {
		return nil, 0, time.Time{}, err
	} else if !st.Mode().IsRegular() {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: p, Err: errNotRegular}
	}
	f, err := l.fsys.Open(p)
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	if !st.Mode().IsRegular() {
		return nil, 0, time.Time{}, &fs.PathError{Op: "open", Path: p, Err: errNotRegular}
	}
	if st.Size() > maxFileSize {
		return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: p, Err: errTooLarge}
	}
	b := make([]byte, 0, st.Size()+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, st.Size(), st.ModTime(), nil
		}
		if err != nil {
			return nil, 0, time.Time{}, err
		}
		if len(b) > maxFileSize {
			return nil, 0, time.Time{}, &fs.PathError{Op: "read", Path: p, Err: errTooLarge}
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func pathlessErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// crossCheck runs the checks that involve more than one file (every load,
// as any edit can change their outcome) and builds the Site.
// checkShadow reports a file in static/ at the address of page p's web
// page: static/ is published after the pages, so the file would silently
// replace the page in the build and in the preview alike. It is reported on
// the page, so the editor refuses the page's save too.
func (l *Loader) checkShadow(d *diag.List, pp *parsed, skipped bool) {
	p := pp.page
	if skipped || l.files == nil || p.Kind == KindContact && !p.IsIndex {
		return // not published, or a contact (never a page of its own)
	}
	name := "static" + p.URL + "index.html"
	if f := l.files.Lookup(name); f != nil && f.Regular() {
		d.Errorf(p.Path, pp.slugPos.Line, pp.slugPos.Col, ruleShadow, "%s is at this page's address %s and would replace it (remove or rename that file, or give the page another slug)", name, p.URL)
	}
}

func (l *Loader) crossCheck(d *diag.List, cfg Config, emergency *ref, pages []*parsed) *Site {
	contacts := map[string]*parsed{}
	var names []string
	for _, pp := range pages {
		if ct := pp.page.Contact; ct != nil {
			contacts[ct.Name] = pp
			names = append(names, ct.Name)
		}
	}
	slices.Sort(names)

	skipped := l.leftOut

	missing := func(p *Page, path string, r ref) {
		msg := fmt.Sprintf("contact %q does not exist (contacts are the file names in content/contacts/)", r.name)
		if s := closest(r.name, names); s != "" {
			msg = fmt.Sprintf("contact %q does not exist (did you mean %s? contacts are the file names in content/contacts/)", r.name, s)
		}
		if l.leftOutWarns(p) {
			warnLeftOut(d, p, r.pos.Line, r.pos.Col, ruleReference, msg)
			return
		}
		d.Errorf(path, r.pos.Line, r.pos.Col, ruleReference, "%s", msg)
	}
	if emergency != nil {
		if _, ok := contacts[emergency.name]; !ok {
			missing(nil, ConfigFile, *emergency)
		}
	}
	checkTranslations(d, cfg, pages)
	// Sized up front: at 10,000 pages growing them is most of Reload's time.
	urls := make(map[string]string, len(pages))
	issues := map[string]string{}
	for _, pp := range pages {
		p := pp.page
		for _, r := range pp.refs {
			ct, ok := contacts[r.name]
			switch {
			case !ok:
				missing(p, p.Path, r)
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
			l.checkShadow(d, pp, skipped(p))
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

	now := l.opts.Now
	if now.IsZero() {
		now = l.opts.Today
	}
	if now.IsZero() {
		now = time.Now()
	}
	site := &Site{Root: l.root, Config: cfg, Contacts: make(map[string]*Contact, len(names)), Now: now, Files: l.files}
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
