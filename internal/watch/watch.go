package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Event is one change to one path, in the form Hugo's partial rebuild takes.
// It is an alias so that the build package can hand events to Hugo without
// importing fsnotify itself.
type Event = fsnotify.Event

// Op is the set of operations of an Event.
type Op = fsnotify.Op

// The operations an Event may carry.
const (
	Create = fsnotify.Create
	Write  = fsnotify.Write
	Remove = fsnotify.Remove
	Rename = fsnotify.Rename
)

// Batch is what changed during one burst of activity. Events holds one entry
// per path (absolute, OS separators), in the order paths first changed, with
// the operations seen for that path combined. Full is set when events may have
// been lost (the kernel queue overflowed): the receiver should rebuild
// everything.
type Batch struct {
	Events []Event
	Full   bool
}

// Dirs are the folders of a source folder that are watched recursively.
var Dirs = []string{"content", "layouts", "assets", "static"}

// ConfigFile is the site file at the top of the source folder.
const ConfigFile = "site.yaml"

// Options tune the debouncing. The zero value picks defaults.
type Options struct {
	// Quiet is how long no event must arrive before a batch is sent (default
	// 25ms): long enough to join the events of one save, short enough to
	// feel instant.
	Quiet time.Duration
	// MaxWait caps how long a batch can be held back by a steady stream of
	// events (default 250ms).
	MaxWait time.Duration
}

// Watcher watches one source folder. Read batches from Batches until it is
// closed; Close stops it.
type Watcher struct {
	root    string
	opts    Options
	fsw     *fsnotify.Watcher
	batches chan Batch
	errs    chan error
	done    chan struct{}
	wg      sync.WaitGroup

	mu      sync.Mutex
	watched map[string]bool // folders under watch
}

// New starts watching root. The returned watcher already watches every
// existing folder, so a change made after New returns is seen.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 25 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 250 * time.Millisecond
	}
	if opts.MaxWait < opts.Quiet {
		opts.MaxWait = opts.Quiet
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root:    abs,
		opts:    opts,
		fsw:     fsw,
		batches: make(chan Batch),
		errs:    make(chan error, 8),
		done:    make(chan struct{}),
		watched: map[string]bool{},
	}
	// The root itself is watched (not recursively) to see site.yaml and the
	// watched folders appear, disappear or be replaced by an editor's rename.
	if err := w.add(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range Dirs {
		w.addTree(filepath.Join(abs, d), nil)
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Root is the absolute source folder.
func (w *Watcher) Root() string { return w.root }

// Batches delivers the debounced changes. While the receiver is busy (for
// example rebuilding), further events are merged into the next batch.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems the watcher could not handle itself (rarely
// anything). It is never closed; reading it is optional.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes Batches.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
		return nil
	default:
	}
	close(w.done)
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

func (w *Watcher) add(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watched[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.watched[dir] = true
	return nil
}

// addTree watches dir and every folder below it. When found is not nil, every
// file found is passed to it: files created inside a new folder before its
// watch was in place would otherwise go unseen.
func (w *Watcher) addTree(dir string, found func(path string)) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished meanwhile, or unreadable: nothing to watch
		}
		if d.IsDir() {
			if path != dir && Ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.add(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.sendErr(err)
			}
			return nil
		}
		if found != nil && !Ignored(d.Name()) {
			found(path)
		}
		return nil
	})
}

// dropTree forgets dir and every watched folder below it. A folder renamed
// away keeps its kernel watch under the new name, which would report events
// with wrong paths, so the watches are removed explicitly.
func (w *Watcher) dropTree(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			_ = w.fsw.Remove(p) // fails when the kernel already dropped it
			delete(w.watched, p)
		}
	}
}

func (w *Watcher) isWatchedDir(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.watched[path]
}

// relevant reports whether path is one the site is built from: site.yaml, a
// watched folder, or anything below one.
func (w *Watcher) relevant(path string) bool {
	rel, err := filepath.Rel(w.root, path)
	// IsLocal, not a prefix of "..": a file may be called "..notes", and
	// on Windows a path on another drive has no relative form.
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if rel == ConfigFile {
		return true
	}
	for _, d := range Dirs {
		if first == d {
			return !ignoredPath(rel)
		}
	}
	return false
}

func ignoredPath(rel string) bool {
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if Ignored(part) {
			return true
		}
	}
	return false
}

// Ignored reports whether a file or folder name is an editor's temporary or
// backup file, or a hidden one, which never changes the site.
func Ignored(name string) bool {
	if name == "" {
		return true
	}
	ext := filepath.Ext(name)
	switch {
	case strings.HasPrefix(name, "."), // hidden files, emacs .#locks, .DS_Store
		strings.HasPrefix(name, "#"),                // emacs autosave
		strings.HasSuffix(name, "~"),                // emacs, gedit, kate backups
		name == "4913",                              // vim's test for a writable folder
		ext == ".swp", ext == ".swx", ext == ".swo", // vim
		ext == ".tmp", ext == ".bck", ext == ".bak",
		strings.HasPrefix(ext, ".goutputstream"), // GNOME
		strings.HasPrefix(ext, ".sb-"),           // Byword
		strings.HasSuffix(name, "___"):           // JetBrains safe write (jb_tmp___, jb_old___)
		return true
	}
	return false
}

func (w *Watcher) sendErr(err error) {
	select {
	case w.errs <- err:
	default: // nobody is reading; the error is not important enough to block for
	}
}

// pending accumulates events of one burst.
type pending struct {
	index  map[string]int
	events []Event
	full   bool
	first  time.Time
}

func (p *pending) add(ev Event, now time.Time) {
	if p.index == nil {
		p.index = map[string]int{}
	}
	if len(p.events) == 0 && !p.full {
		p.first = now
	}
	if i, ok := p.index[ev.Name]; ok {
		p.events[i].Op |= ev.Op
		return
	}
	p.index[ev.Name] = len(p.events)
	p.events = append(p.events, Event{Name: ev.Name, Op: ev.Op})
}

// halfSavedMax is how many events halfSaved looks at: a save touches a
// few files, and a batch of thousands (a checkout) is not held back.
const halfSavedMax = 64

// halfSaved reports whether a file the batch created or wrote is empty now:
// an editor or a copy that truncates a file and then writes it has been
// caught between the two, and the file's contents are an event away (until
// MaxWait). Sending the batch now would report a page with no front matter
// for a moment.
func (p *pending) halfSaved() bool {
	if len(p.events) > halfSavedMax {
		return false
	}
	for _, ev := range p.events {
		if !ev.Has(Create) && !ev.Has(Write) {
			continue
		}
		if fi, err := os.Lstat(ev.Name); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			return true
		}
	}
	return false
}

func (p *pending) empty() bool { return len(p.events) == 0 && !p.full }

func (p *pending) take() Batch {
	b := Batch{Events: p.events, Full: p.full}
	*p = pending{}
	return b
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	defer close(w.batches)

	var (
		p     pending
		last  time.Time // last event of the burst
		timer = time.NewTimer(time.Hour)
		ready bool // the burst is over; the batch waits for the receiver
	)
	timer.Stop()
	arm := func(now time.Time) {
		wait := w.opts.Quiet
		if rest := p.first.Add(w.opts.MaxWait).Sub(now); rest < wait {
			wait = max(rest, 0)
		}
		timer.Reset(wait)
	}
	for {
		var out chan Batch
		if ready {
			out = w.batches
		}
		var batch Batch
		if ready {
			batch = Batch{Events: p.events, Full: p.full}
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			now := time.Now()
			if w.handle(ev, &p, now) {
				last = now
				if !ready {
					arm(now)
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				if p.empty() {
					p.first = time.Now()
				}
				p.full = true
				if !ready {
					arm(time.Now())
				}
				continue
			}
			w.sendErr(err)
		case <-timer.C:
			now := time.Now()
			if now.Sub(p.first) < w.opts.MaxWait && (now.Sub(last) < w.opts.Quiet || p.halfSaved()) {
				arm(now)
				continue
			}
			ready = !p.empty()
		case out <- batch:
			p.take()
			ready = false
		}
	}
}

// handle records one raw event, following folders as they come and go. It
// reports whether anything was recorded.
func (w *Watcher) handle(ev fsnotify.Event, p *pending, now time.Time) bool {
	if ev.Name == "" || ev.Op == fsnotify.Chmod || !w.relevant(ev.Name) {
		// A watched top folder created or removed is relevant; the root's
		// other entries (public/, .git/, README) are not.
		return false
	}
	recorded := false
	record := func(e Event) {
		p.add(e, now)
		recorded = true
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.isWatchedDir(ev.Name) {
			w.dropTree(ev.Name)
		}
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			// Files may already be inside (mkdir -p a/b && echo > a/b/c, or
			// a folder moved in): report each as created.
			w.addTree(ev.Name, func(path string) {
				record(Event{Name: path, Op: fsnotify.Create})
			})
		}
	}
	record(Event{Name: ev.Name, Op: ev.Op &^ fsnotify.Chmod})
	return recorded
}

// Merge keeps one event per path, operations combined, in first-seen order:
// for the changes of several batches that a consumer holds until a build
// succeeds (the preview keeps them after a failed one).
func Merge(evs []Event) []Event {
	index := map[string]int{}
	var out []Event
	for _, ev := range evs {
		if i, ok := index[ev.Name]; ok {
			out[i].Op |= ev.Op
			continue
		}
		index[ev.Name] = len(out)
		out = append(out, ev)
	}
	return out
}
