package site

import (
	"sync"
	"testing"

	"github.com/spf13/afero"
)

// TestCaptureHTML checks that every HTML file Hugo writes reaches onHTML
// whole, however it is written, and that other files do not.
func TestCaptureHTML(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	c := newCountingFs(afero.NewMemMapFs())
	c.root = "/out"
	c.onHTML = func(rel string, data []byte) {
		mu.Lock()
		got[rel] = string(data) // a later call replaces an earlier one
		mu.Unlock()
	}
	write := func(name string, pieces ...string) {
		t.Helper()
		f, err := c.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pieces {
			if i%2 == 0 {
				_, err = f.Write([]byte(p))
			} else {
				_, err = f.WriteString(p)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write("/out/one/index.html", "<p>one write</p>")
	write("/out/three/index.html", "<p>", "three ", "writes</p>")
	write("/out/empty/index.html")
	write("/out/index.xml", "<rss/>")

	want := map[string]string{
		"one/index.html":   "<p>one write</p>",
		"three/index.html": "<p>three writes</p>",
		"empty/index.html": "",
	}
	if len(got) != len(want) {
		t.Errorf("onHTML saw %d files, want %d: %q", len(got), len(want), got)
	}
	for rel, w := range want {
		if g, ok := got[rel]; !ok || g != w {
			t.Errorf("%s: onHTML got %q (seen %v), want %q", rel, g, ok, w)
		}
	}
	if pages, files := c.counts(); pages != 3 || files != 4 {
		t.Errorf("counts = %d pages, %d files; want 3, 4", pages, files)
	}
}
