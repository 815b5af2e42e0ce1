package site

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/watch"
)

// DefaultRecycleAfter is how many incremental builds a session makes on one
// HugoSites before it is due for a fresh one: watch mode grows Hugo's heap
// with every edit, with no plateau (docs/benchmarks.md), so a long preview
// would otherwise keep growing.
const DefaultRecycleAfter = 25

// publishRoot is where a session's Hugo publishes, in memory.
var publishRoot = filepath.Join(string(filepath.Separator), "_safeguard", "public")

// Session keeps one Hugo site in watch mode for a preview: the first build is
// a full one, later ones rebuild only what a batch of file changes affects,
// through the same entry point the hugo server uses (HugoSites.Build with the
// file events). It is given the validated model and the file events; loading
// and checking the content is the caller's (internal/publish). Output goes to
// memory; every successful build yields a complete, immutable snapshot of the
// site (Hugo's output, static/ and _headers) that is never changed afterwards,
// so it can be served while the next build runs.
//
// Builds are serialized: the methods may be called from any goroutine, one at
// a time is run.
type Session struct {
	mu   sync.Mutex
	root string
	opts Options

	// RecycleAfter overrides DefaultRecycleAfter when positive.
	RecycleAfter int

	disk *diskTarget // set when the session publishes into a folder (Build)

	h         *hugolib.HugoSites
	src       *modelFs          // Hugo's view of the disk: the pages of the model being built
	mem       afero.Fs          // the memory layer over it, holding the generated content
	generated map[string][]byte // GeneratedContent of the model last given to Hugo
	pub       *captureFs
	log       *logCollector
	cfgKey    []byte          // HugoConfig of the model the HugoSites was made with
	urls      map[string]bool // page URLs of the last model built
	hugoFiles map[string][]byte
	static    map[string][]byte
	snapshot  map[string][]byte
	builds    int           // incremental builds on the current HugoSites
	broken    bool          // the last Hugo build failed: its state is not trusted
	hugoT     time.Duration // time in Hugo's Build during the last build
	rewritten []string      // files the last incremental build wrote
}

// Update is the result of one successful session build.
type Update struct {
	Files   map[string][]byte // the whole site: slash paths relative to its root; never changed later
	Written int               // files this build wrote (all of them for a full build)
	// Rewritten names the files an incremental build wrote (slash paths as
	// in Files), so a test can see what one change re-rendered; nil after a
	// full build.
	Rewritten []string
	Full      bool          // a full build on a fresh HugoSites
	Hugo      time.Duration // time in Hugo's Build call (full or partial)
}

// NewSession prepares a session for the source folder root; nothing is built
// until Apply.
func NewSession(root string, opts Options) (*Session, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	return &Session{root: abs, opts: opts}, nil
}

// Apply builds model, which was loaded from the session's folder after the
// changes in events: every change since the last successful Apply (the
// caller keeps those Hugo has not seen when a build fails). It
//   - rebuilds incrementally when only page text, layouts or assets changed;
//   - builds everything on a fresh HugoSites when full is set, on the first
//     call, when the Hugo configuration changed (site.yaml, a contact:
//     contacts are site params), when a file or folder was removed or a
//     page's address went away (Hugo leaves removed pages' files behind), or
//     after a failed Hugo build.
//
// On errors it returns the diagnostics (paths relative to the source folder,
// as for build) and no update: the previous snapshot stays the current one.
func (s *Session) Apply(ctx context.Context, model *content.Site, events []watch.Event, full bool) (*Update, diag.List) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var diags diag.List
	if model == nil {
		diags.Internalf("", 0, 0, "internal", "no content to build")
		return nil, diags
	}
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build", "build stopped: %v", err)
		return nil, diags
	}
	full = full || s.h == nil || s.broken || s.disk != nil

	key, err := json.Marshal(HugoConfig(model, s.opts))
	if err != nil {
		diags.Internalf("", 0, 0, "internal", "cannot encode the Hugo configuration: %v", err)
		return nil, diags
	}
	urls := pageURLs(model)
	events = watch.Merge(events)
	full = full || !bytes.Equal(key, s.cfgKey) || lostURL(s.urls, urls) || vanished(events) || s.newTopDir(events)
	if !full && s.builds >= 2*s.recycleAfter() {
		// Nobody gave the session an idle moment to recycle: do it now
		// rather than let memory grow without bound.
		full = true
	}

	// The generated lists change with the model, not with a file on disk:
	// their changes are told to Hugo as file events. A list page that
	// appears or goes (a year) is a change of the site's structure.
	generated := GeneratedContent(model)
	if !full && !sameKeys(s.generated, generated) {
		full = true
	}

	staticChanged := full
	var hugoEvents []watch.Event
	var staticPaths []string
	for _, ev := range events {
		if s.isStatic(ev.Name) {
			staticChanged = true
			if rel, err := filepath.Rel(s.root, ev.Name); err == nil {
				staticPaths = append(staticPaths, filepath.ToSlash(rel))
			}
			continue
		}
		hugoEvents = append(hugoEvents, ev)
	}

	// The loader's input gate has looked at every file (content.Inventory).
	var written int
	var hd diag.List
	s.rewritten = nil
	if full {
		written, hd = s.fullBuild(model, generated)
	} else {
		changed, _, _, err := writeGenerated(s.mem, s.generated, generated)
		if err != nil {
			diags.Errorf("", 0, 0, "internal", "cannot write the article lists: %v", err)
			s.broken = true
			return nil, diags
		}
		s.generated = generated
		for _, name := range changed {
			hugoEvents = append(hugoEvents, watch.Event{Name: name, Op: watch.Write})
		}
		written, hd = s.incrementalBuild(model, hugoEvents)
	}
	diags.Append(hd)
	if hd.HasErrors() {
		s.broken = true
		return nil, diags
	}
	if s.disk != nil {
		n, dd := s.disk.finish(model)
		diags.Append(dd)
		if dd.HasErrors() {
			return nil, diags
		}
		return &Update{Written: written + n, Full: true, Hugo: s.hugoT}, diags
	}
	if staticChanged {
		st, sd, err := readStatic(model, s.static, staticPaths, full)
		if err != nil {
			diags.Systemf("static", 0, 0, "build", "cannot read static files: %v", relMessage(s.root, err.Error()))
			return nil, diags
		}
		if sd.HasErrors() {
			diags.Append(sd)
			return nil, diags
		}
		s.static = st
	}

	s.broken = false
	s.cfgKey = key
	s.urls = urls
	s.snapshot = compose(s.hugoFiles, s.static)
	if staticChanged {
		written += len(s.static)
	}
	return &Update{Files: s.snapshot, Written: written, Rewritten: s.rewritten, Full: full, Hugo: s.hugoT}, diags
}

// RecycleDue reports whether the session has made enough incremental builds
// on one HugoSites that it should be replaced (by an Apply with full set,
// when the writer pauses).
func (s *Session) RecycleDue() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.h != nil && s.builds >= s.recycleAfter()
}

// Close releases the HugoSites.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.h == nil {
		return nil
	}
	err := s.h.Close()
	s.h = nil
	// Hugo keeps the sorted page lists templates asked for in a global
	// cache that it clears only when the next build starts rendering:
	// without this the whole page graph stays reachable after the session
	// (for build, while the output is checked; docs/benchmarks.md).
	page.Clear()
	return err
}

func (s *Session) recycleAfter() int {
	if s.RecycleAfter > 0 {
		return s.RecycleAfter
	}
	return DefaultRecycleAfter
}

func (s *Session) isStatic(name string) bool {
	static := filepath.Join(s.root, "static")
	return name == static || strings.HasPrefix(name, static+string(filepath.Separator))
}

// fullBuild replaces the HugoSites and builds everything into a fresh
// in-memory publish folder.
func (s *Session) fullBuild(model *content.Site, generated map[string][]byte) (_ int, diags diag.List) {
	defer recoverHugo(&diags)
	if s.h != nil {
		// Closed before the new one is made, so two site graphs never
		// coexist in memory.
		s.h.Close()
		s.h = nil
	}
	s.builds = 0
	s.src = newModelFs(model)
	srcFs, mem, err := newFs(s.src, generated)
	s.mem, s.generated = mem, generated
	if err != nil {
		diags.Internalf("", 0, 0, "internal", "cannot load the built-in theme: %v", err)
		return 0, diags
	}
	s.log = &logCollector{site: model}
	var pub afero.Fs
	dest := publishRoot
	if s.disk != nil {
		pub, dest = s.disk.begin(), s.disk.dest
	} else {
		s.pub = newCaptureFs()
		pub = s.pub
	}
	// Only a preview rebuilds: watch mode keeps what incremental builds need.
	h, err := newHugoSites(newConfig(model, s.opts, dest, s.disk == nil), srcFs, pub, s.log)
	if err != nil {
		diags.Append(translate(s.root, err))
		diags.Append(s.log.diagnostics(s.root))
		return 0, diags
	}
	s.h = h
	t := time.Now()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		diags.Append(translate(s.root, err))
	}
	s.hugoT = time.Since(t)
	if s.disk != nil && s.disk.written.failed != nil {
		// Hugo's own words about it would be taken for the content's.
		var sys diag.List
		sys.Systemf("", 0, 0, diag.RuleSystem, "cannot write the site into the output folder: %v", relMessage(s.root, s.disk.written.failed.Error()))
		return 0, sys
	}
	diags.Append(s.log.diagnostics(s.root))
	if diags.HasErrors() {
		return 0, diags
	}
	if s.disk != nil {
		_, n := s.disk.written.counts()
		return n, diags
	}
	files, err := s.pub.collect(nil)
	if err != nil {
		diags.Internalf("", 0, 0, "internal", "cannot read the built site: %v", err)
		return 0, diags
	}
	for name, data := range hostFiles(s.root) {
		files[name] = data
	}
	s.hugoFiles = files
	return len(files), diags
}

// incrementalBuild hands the changes to Hugo's partial rebuild, which
// re-renders every page, list, feed and sitemap that depends on them.
func (s *Session) incrementalBuild(model *content.Site, events []watch.Event) (_ int, diags diag.List) {
	defer recoverHugo(&diags)
	var evs []watch.Event
	for _, ev := range events {
		if !s.h.ShouldSkipFileChangeEvent(ev) {
			evs = append(evs, ev)
		}
	}
	if len(evs) == 0 {
		s.hugoT = 0
		return 0, nil
	}
	s.builds++
	before := s.src.served.Load()
	s.src.set(model)
	if narrow := s.narrowing(before, evs); narrow != nil {
		s.src.narrow.Store(&narrow)
		defer s.src.narrow.Store(nil)
	}
	s.log.reset()
	s.log.site = model
	s.pub.reset()
	t := time.Now()
	if err := s.h.Build(hugolib.BuildCfg{}, evs...); err != nil {
		diags.Append(translate(s.root, err))
	}
	s.hugoT = time.Since(t)
	diags.Append(s.log.diagnostics(s.root))
	if diags.HasErrors() {
		return 0, diags
	}
	written := s.pub.count()
	s.rewritten = s.pub.names()
	files, err := s.pub.collect(s.hugoFiles)
	if err != nil {
		diags.Internalf("", 0, 0, "internal", "cannot read the built site: %v", err)
		return 0, diags
	}
	s.hugoFiles = files
	return written, diags
}

// narrowing returns, for the folders where every change in events is an
// edit of a page served before and now (not a bundle's index file, nothing
// removed or renamed: an editor's save by renaming a new file over the old
// one arrives as a creation of a page that was already there), the names of
// those pages: Hugo needs no other entry of such a folder (modelFs.narrow).
func (s *Session) narrowing(before *served, events []watch.Event) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	unsafe := map[string]bool{}
	for _, ev := range events {
		dir, base := filepath.Dir(ev.Name), filepath.Base(ev.Name)
		if unsafe[dir] {
			continue
		}
		if ev.Has(watch.Remove) || ev.Has(watch.Rename) ||
			strings.HasPrefix(base, "index.") || strings.HasPrefix(base, "_index.") ||
			before == nil || before.pages[filepath.Clean(ev.Name)] == nil || s.src.page(ev.Name) == nil {
			unsafe[dir] = true
			delete(out, dir)
			continue
		}
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		out[dir][base] = true
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// newTopDir reports whether a watched top folder (layouts/, assets/...) was
// created: Hugo sets up its file systems when the HugoSites is made, and does
// not see a folder that did not exist then.
func (s *Session) newTopDir(events []watch.Event) bool {
	for _, ev := range events {
		if !ev.Has(watch.Create) || filepath.Dir(ev.Name) != s.root {
			continue
		}
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// sameKeys reports whether a and b hold the same file names.
func sameKeys(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// pageURLs are the addresses of the pages Hugo renders for model.
func pageURLs(model *content.Site) map[string]bool {
	urls := make(map[string]bool, len(model.Pages))
	for _, p := range model.Pages {
		if p.Kind == content.KindContact && !p.IsIndex {
			continue // contacts are never rendered on their own
		}
		urls[p.URL] = true
	}
	return urls
}

// lostURL reports whether a page address of before is gone now (a page was
// deleted, renamed, re-slugged, made a draft or dated in the future).
func lostURL(before, now map[string]bool) bool {
	for u := range before {
		if !now[u] {
			return true
		}
	}
	return false
}

// vanished reports whether a file or folder named in events no longer exists:
// its outputs must go, which only a fresh build guarantees.
func vanished(events []watch.Event) bool {
	for _, ev := range events {
		if ev.Has(watch.Remove) || ev.Has(watch.Rename) {
			if _, err := os.Lstat(ev.Name); err != nil {
				return true
			}
		}
	}
	return false
}

// compose makes the snapshot: Hugo's output with the static files over it
// (a static file wins, as when hugo copies static/ into public/).
func compose(hugoFiles, static map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(hugoFiles)+len(static))
	for k, v := range hugoFiles {
		out[k] = v
	}
	for k, v := range static {
		out[k] = v
	}
	return out
}

// readStatic reads what static/ publishes, as copyStatic would copy it:
// every file when all is set, otherwise only those at or under a changed
// path (slash paths from the source folder) and those static/ links to
// (their target may have changed unseen); the rest keep the bytes of before.
func readStatic(model *content.Site, before map[string][]byte, changed []string, all bool) (map[string][]byte, diag.List, error) {
	out := map[string][]byte{}
	var diags diag.List
	for _, e := range staticFiles(model) {
		if e.Type.IsDir() {
			continue
		}
		rel := staticRel(e)
		if data, ok := before[rel]; ok && !all && e.Type.IsRegular() && !under(e.Path, changed) {
			out[rel] = data
			continue
		}
		data, why, err := readStaticFile(model.Root, e)
		if err != nil {
			return nil, diags, err
		}
		if why != "" {
			diags.Errorf(e.Path, 0, 0, "unsafe-file", "%s", why)
			continue
		}
		out[rel] = data
	}
	return out, diags, nil
}

// under reports whether the slash path p is one of dirs or inside one.
func under(p string, dirs []string) bool {
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// captureFs is a session's publish file system: files live in memory only
// until collected into a snapshot, and it remembers which files each build
// wrote. Hugo writes from many goroutines.
type captureFs struct {
	afero.Fs
	mu      sync.Mutex
	written map[string]bool
}

func newCaptureFs() *captureFs {
	return &captureFs{Fs: afero.NewMemMapFs(), written: map[string]bool{}}
}

func (c *captureFs) Create(name string) (afero.File, error) {
	f, err := c.Fs.Create(name)
	if err == nil {
		c.mark(name)
	}
	return f, err
}

func (c *captureFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := c.Fs.OpenFile(name, flag, perm)
	if err == nil && flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE) != 0 {
		c.mark(name)
	}
	return f, err
}

func (c *captureFs) mark(name string) {
	c.mu.Lock()
	c.written[filepath.Clean(name)] = true
	c.mu.Unlock()
}

func (c *captureFs) reset() {
	c.mu.Lock()
	c.written = map[string]bool{}
	c.mu.Unlock()
}

// names are the files written since the last reset, sorted slash paths
// relative to the publish folder.
func (c *captureFs) names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	prefix := publishRoot + string(filepath.Separator)
	out := make([]string, 0, len(c.written))
	for name := range c.written {
		if rel, ok := strings.CutPrefix(name, prefix); ok {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	slices.Sort(out)
	return out
}

func (c *captureFs) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.written)
}

// collect returns base (not changed) updated with the files written since the
// last reset, keyed by slash path relative to the publish folder. The bytes
// leave the memory file system (Hugo never reads its output back), so the
// site is held once.
func (c *captureFs) collect(base map[string][]byte) (map[string][]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][]byte, len(base)+len(c.written))
	for k, v := range base {
		out[k] = v
	}
	prefix := publishRoot + string(filepath.Separator)
	for name := range c.written {
		rel, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue // a file outside the publish folder (none expected)
		}
		data, err := afero.ReadFile(c.Fs, name)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, err
		}
		out[filepath.ToSlash(rel)] = withoutMetadata(rel, data)
		_ = c.Fs.Remove(name)
	}
	c.written = map[string]bool{}
	return out, nil
}
