package watch

import (
	"path/filepath"
	"testing"
)

// TestRelevant feeds relevant paths made with this OS's separator
// (filepath.Join of the parts): the watcher compares paths in the OS's
// form and only then turns them into slash-separated ones.
// path_windows_test.go adds drive letters and UNC paths on Windows.
func TestRelevant(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	w := &Watcher{root: root}
	for _, tt := range []struct {
		parts []string
		want  bool
	}{
		{[]string{"site.yaml"}, true},
		{[]string{"content", "articles", "x.md"}, true},
		{[]string{"content", "a..b.md"}, true},
		{[]string{"static", "img", "a.png"}, true},
		{[]string{"content", ".x.md.swp"}, false},
		{[]string{"content", ".git", "config"}, false},
		{[]string{"public", "index.html"}, false},
		{[]string{"README.md"}, false},
		{[]string{"contentx", "a.md"}, false},
		{[]string{"..", "content", "x.md"}, false},
		{[]string{".."}, false},
		{nil, false},
	} {
		p := filepath.Join(append([]string{root}, tt.parts...)...)
		if got := w.relevant(p); got != tt.want {
			t.Errorf("relevant(%q) = %v, want %v", p, got, tt.want)
		}
	}
}
