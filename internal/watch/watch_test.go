package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// newTree makes a source folder with the watched folders and returns it.
func newTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range []string{"content/articles", "layouts", "site.yaml"} {
		full := filepath.Join(root, p)
		if filepath.Ext(p) != "" {
			write(t, full, "title: x\n")
			continue
		}
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string) *Watcher {
	t.Helper()
	w, err := New(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// next waits for a batch; tests fail rather than hang when none comes.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
		return Batch{}
	}
}

// collect gathers batches until the paths in want have all been seen with
// the wanted operation, or fails after a few seconds. Folder events can be
// split over two batches when the receiver is quick, so tests do not depend
// on how events are cut into batches unless that is what they test.
func collect(t *testing.T, w *Watcher, want map[string]Op) map[string]Op {
	t.Helper()
	got := map[string]Op{}
	deadline := time.After(5 * time.Second)
	for {
		done := true
		for p, op := range want {
			if !got[p].Has(op) {
				done = false
			}
		}
		if done {
			return got
		}
		select {
		case b := <-w.Batches():
			for _, ev := range b.Events {
				got[ev.Name] |= ev.Op
			}
		case <-deadline:
			t.Fatalf("after 5s got %v, want at least %v", got, want)
		}
	}
}

func names(b Batch) []string {
	var out []string
	for _, ev := range b.Events {
		out = append(out, ev.Name)
	}
	return out
}

func TestEditorSaveIsOneBatch(t *testing.T) {
	root := newTree(t)
	w := start(t, root)
	page := filepath.Join(root, "content/articles/a.md")
	// What many editors do on save: write a temporary file, rename it over
	// the original, leave a backup, and touch a swap file.
	write(t, page+".tmp", "one")
	write(t, filepath.Join(root, "content/articles/.a.md.swp"), "swap")
	if err := os.Rename(page+".tmp", page); err != nil {
		t.Fatal(err)
	}
	write(t, page+"~", "backup")
	write(t, filepath.Join(root, "content/articles/4913"), "")
	b := next(t, w)
	if got := names(b); !slices.Equal(got, []string{page}) {
		t.Fatalf("batch = %v, want only %s", got, page)
	}
	if !b.Events[0].Has(Create) {
		t.Errorf("op = %v, want Create", b.Events[0].Op)
	}
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected second batch %v", names(b))
	case <-time.After(150 * time.Millisecond):
	}
}

func TestWriteRemoveAndConfig(t *testing.T) {
	root := newTree(t)
	page := filepath.Join(root, "content/articles/a.md")
	write(t, page, "one")
	w := start(t, root)

	write(t, page, "two")
	collect(t, w, map[string]Op{page: Write})

	write(t, filepath.Join(root, "site.yaml"), "title: y\n")
	collect(t, w, map[string]Op{filepath.Join(root, "site.yaml"): Write})

	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	collect(t, w, map[string]Op{page: Remove})
}

func TestUnwatchedPathsAreIgnored(t *testing.T) {
	root := newTree(t)
	w := start(t, root)
	write(t, filepath.Join(root, "public/index.html"), "out")
	write(t, filepath.Join(root, "README.md"), "readme")
	write(t, filepath.Join(root, "content/x.md"), "in")
	b := next(t, w)
	if got := names(b); !slices.Equal(got, []string{filepath.Join(root, "content/x.md")}) {
		t.Fatalf("batch = %v, want only content/x.md", got)
	}
}

func TestNewFoldersAreWatched(t *testing.T) {
	root := newTree(t)
	w := start(t, root)

	// A folder made with a file already inside: both the folder and the
	// file are reported, and the folder is watched from then on.
	deep := filepath.Join(root, "content/events/2026/forum.md")
	write(t, deep, "one")
	collect(t, w, map[string]Op{deep: Create})
	write(t, deep, "two")
	collect(t, w, map[string]Op{deep: Write})

	// A watched top folder that did not exist when watching started.
	asset := filepath.Join(root, "assets/css/site.css")
	write(t, asset, "body{}")
	collect(t, w, map[string]Op{asset: Create})
	write(t, asset, "body{color:red}")
	collect(t, w, map[string]Op{asset: Write})
}

func TestRemovedAndRenamedFolders(t *testing.T) {
	root := newTree(t)
	old := filepath.Join(root, "content/old")
	write(t, filepath.Join(old, "p.md"), "one")
	w := start(t, root)

	renamed := filepath.Join(root, "content/new")
	if err := os.Rename(old, renamed); err != nil {
		t.Fatal(err)
	}
	collect(t, w, map[string]Op{old: Rename, filepath.Join(renamed, "p.md"): Create})

	// Edits under the new name carry the new name, never the old one.
	write(t, filepath.Join(renamed, "p.md"), "two")
	got := collect(t, w, map[string]Op{filepath.Join(renamed, "p.md"): Write})
	if _, bad := got[filepath.Join(old, "p.md")]; bad {
		t.Fatalf("event under the old folder name: %v", got)
	}

	if err := os.RemoveAll(renamed); err != nil {
		t.Fatal(err)
	}
	collect(t, w, map[string]Op{renamed: Remove})
	w.mu.Lock()
	defer w.mu.Unlock()
	for p := range w.watched {
		if p == renamed || p == old {
			t.Errorf("still watching %s", p)
		}
	}
}

func TestSteadyStreamIsCutByMaxWait(t *testing.T) {
	root := newTree(t)
	w, err := New(root, Options{Quiet: 40 * time.Millisecond, MaxWait: 120 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	stop := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				os.WriteFile(filepath.Join(root, "content/a.md"), []byte{byte(i)}, 0o644)
			}
		}
	}()
	defer close(stop)
	// Events come every 10ms, never quiet for 40ms: without MaxWait no batch
	// would ever be sent.
	next(t, w)
}

func TestBusyReceiverGetsMergedBatch(t *testing.T) {
	root := newTree(t)
	w := start(t, root)
	a := filepath.Join(root, "content/a.md")
	b := filepath.Join(root, "content/b.md")
	write(t, a, "1")
	time.Sleep(200 * time.Millisecond) // the batch for a is ready and waiting
	write(t, b, "1")
	write(t, a, "2")
	time.Sleep(100 * time.Millisecond)
	got := next(t, w)
	if !slices.Equal(names(got), []string{a, b}) {
		t.Fatalf("batch = %v, want [a b] merged while nobody received", names(got))
	}
	if !got.Events[0].Has(Create) || !got.Events[0].Has(Write) {
		t.Errorf("a: op = %v, want Create|Write", got.Events[0].Op)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "_index.md": false, "site.css": false,
		".a.md.swp": true, "a.md~": true, "#a.md#": true, ".#a.md": true, "4913": true,
		"a.md.tmp": true, ".DS_Store": true, "a.md.goutputstream-X1": true, "a.md___jb_tmp___": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCloseEndsBatches(t *testing.T) {
	w := start(t, newTree(t))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.Batches(); ok {
		t.Fatal("Batches still open after Close")
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// A copy or an editor that truncates a file and then writes it leaves it
// empty for a moment: the batch waits for the contents (up to MaxWait)
// rather than report a page with nothing in it, and a file that stays
// empty is still reported.
func TestHalfSavedFileWaits(t *testing.T) {
	root := newTree(t)
	w := start(t, root)
	page := filepath.Join(root, "content/articles/b.md")
	// The receiver is waiting already, as the preview is, and looks at the
	// file the moment a batch names it, as the loader would.
	sizes := make(chan int64, 1)
	go func() {
		b := <-w.Batches()
		if len(b.Events) == 0 {
			sizes <- -1
			return
		}
		fi, err := os.Stat(page)
		if err != nil {
			sizes <- -1
			return
		}
		sizes <- fi.Size()
	}()
	write(t, page, "")
	time.Sleep(100 * time.Millisecond) // four times Quiet: the burst is over
	write(t, page, "---\ntitle: B\n---\n")
	select {
	case n := <-sizes:
		if n <= 0 {
			t.Fatalf("the batch came while the file was empty or missing (size %d)", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
	}

	// The write's own event may follow in a batch of its own.
	empty := filepath.Join(root, "content/articles/empty.md")
	write(t, empty, "")
	collect(t, w, map[string]Op{empty: Create})
}

func TestMerge(t *testing.T) {
	got := Merge([]Event{{Name: "a", Op: Create}, {Name: "b", Op: Write}, {Name: "a", Op: Write}, {Name: "c", Op: Remove}, {Name: "b", Op: Write}})
	want := []Event{{Name: "a", Op: Create | Write}, {Name: "b", Op: Write}, {Name: "c", Op: Remove}}
	if !slices.Equal(got, want) {
		t.Fatalf("Merge = %v, want %v", got, want)
	}
}
