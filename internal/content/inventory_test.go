package content

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// touchFS records every path the loader opens, stats or lists.
type touchFS struct {
	fstest.MapFS
	mu      sync.Mutex
	touched []string
}

func (t *touchFS) touch(name string) {
	t.mu.Lock()
	t.touched = append(t.touched, name)
	t.mu.Unlock()
}

func (t *touchFS) Open(name string) (fs.File, error) { t.touch(name); return t.MapFS.Open(name) }
func (t *touchFS) Stat(name string) (fs.FileInfo, error) {
	t.touch(name)
	return t.MapFS.Stat(name)
}
func (t *touchFS) Lstat(name string) (fs.FileInfo, error) {
	t.touch(name)
	return t.MapFS.Lstat(name)
}
func (t *touchFS) ReadLink(name string) (string, error) { t.touch(name); return t.MapFS.ReadLink(name) }
func (t *touchFS) ReadDir(name string) ([]fs.DirEntry, error) {
	t.touch(name)
	return t.MapFS.ReadDir(name)
}

// take returns what was touched under static/ and assets/ since the last call.
func (t *touchFS) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, p := range t.touched {
		if p == "static" || p == "assets" || strings.HasPrefix(p, "static/") || strings.HasPrefix(p, "assets/") {
			out = append(out, p)
		}
	}
	t.touched = nil
	slices.Sort(out)
	return slices.Compact(out)
}

// TestReloadTouchesOnlyChanged: after a first Load, a save (Reload) looks at
// the changed paths only: no walk of static/ or assets/, whatever their size,
// and a changed file there is looked at again, alone.
func TestReloadTouchesOnlyChanged(t *testing.T) {
	fsys := &touchFS{MapFS: fstest.MapFS{
		"site.yaml":              {Data: []byte(okSite)},
		"content/articles/a.md":  {Data: []byte(okArticle)},
		"content/contacts/ae.md": {Data: []byte(okContact)},
		"assets/css/main.css":    {Data: []byte("body{}")},
	}}
	for i := range 50 {
		fsys.MapFS[fmt.Sprintf("static/files/f%02d.svg", i)] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)}
	}
	l := NewLoaderFS(fsys, "/src", Options{Today: testToday})
	if _, d := l.Load(); d.HasErrors() {
		t.Fatal(d)
	}
	if got := fsys.take(); len(got) < 50 {
		t.Fatalf("the first load looked at %d paths under static/ and assets/, want all of them", len(got))
	}

	// A page saved: nothing under static/ or assets/ is looked at.
	fsys.MapFS["content/articles/a.md"] = &fstest.MapFile{Data: []byte(okArticle + "\nMore text.\n")}
	if _, d, ok := l.Reload([]string{"content/articles/a.md"}); !ok || d.HasErrors() {
		t.Fatalf("Reload: ok %v, %v", ok, d)
	}
	if got := fsys.take(); len(got) != 0 {
		t.Errorf("a page's save looked at %q", got)
	}

	// A static file saved with script in it: that file alone is looked at,
	// and refused.
	fsys.MapFS["static/files/f07.svg"] = &fstest.MapFile{Data: []byte(`<svg onload="alert(1)"/>`)}
	site, d, ok := l.Reload([]string{"static/files/f07.svg"})
	if !ok || site != nil || !strings.Contains(d.Error(), "static/files/f07.svg: error: this SVG file has an event handler") {
		t.Fatalf("Reload: ok %v, site %v, %v", ok, site != nil, d)
	}
	if got := fsys.take(); !slices.Equal(got, []string{"static/files/f07.svg"}) {
		t.Errorf("a static file's save looked at %q", got)
	}

	// Fixed again, and a new folder: only it is walked.
	fsys.MapFS["static/files/f07.svg"] = &fstest.MapFile{Data: []byte(`<svg/>`)}
	fsys.MapFS["static/new/a.svg"] = &fstest.MapFile{Data: []byte(`<svg/>`)}
	site, d, ok = l.Reload([]string{"static/files/f07.svg", "static/new"})
	if !ok || site == nil {
		t.Fatalf("Reload: ok %v, %v", ok, d)
	}
	if got := fsys.take(); !slices.Equal(got, []string{"static/files/f07.svg", "static/new", "static/new/a.svg"}) {
		t.Errorf("the saves looked at %q", got)
	}
	if site.Files.Lookup("static/new/a.svg") == nil || site.Files.Lookup("static/files/f07.svg") == nil || site.Files.Len() != 55 { // 51 SVG files, main.css and three folders
		t.Errorf("the inventory after the saves has %d files", site.Files.Len())
	}
}
