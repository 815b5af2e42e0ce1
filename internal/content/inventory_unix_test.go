//go:build unix

package content

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mkfile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGate: every entry of static/, layouts/ and assets/ that is not a
// regular file (or a link to one inside the source folder) is an error with
// its path, and SVG, HTML and XML that could run script are refused wherever
// they are published from.
func TestGate(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	mkfile(t, outside, "secret")
	cases := []struct {
		name  string
		setup func(root string) error
		want  []string // paths with an error, sorted
		copy  []string // files static/ publishes (its regular files, or links to them)
	}{
		{"plain files", func(root string) error {
			mkfile(t, filepath.Join(root, "static/files/leaflet.txt"), "x")
			mkfile(t, filepath.Join(root, "static/map.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`)
			return nil
		}, nil, []string{"files/leaflet.txt", "map.svg"}},
		{"fifo in static", func(root string) error {
			mkfile(t, filepath.Join(root, "static/ok.txt"), "x")
			return syscall.Mkfifo(filepath.Join(root, "static/pipe.pdf"), 0o644)
		}, []string{"static/pipe.pdf"}, nil},
		{"fifo in layouts", func(root string) error {
			return syscall.Mkfifo(filepath.Join(root, "layouts/home.html"), 0o644)
		}, []string{"layouts/home.html"}, nil},
		{"fifo in assets", func(root string) error {
			return syscall.Mkfifo(filepath.Join(root, "assets/css/main.css"), 0o644)
		}, []string{"assets/css/main.css"}, nil},
		{"link inside the source folder", func(root string) error {
			mkfile(t, filepath.Join(root, "content/guide/leaflet.pdf"), "%PDF")
			return os.Symlink("../content/guide/leaflet.pdf", filepath.Join(root, "static/leaflet.pdf"))
		}, nil, []string{"leaflet.pdf"}},
		{"link outside the source folder", func(root string) error {
			return os.Symlink(outside, filepath.Join(root, "static/secret.txt"))
		}, []string{"static/secret.txt"}, nil},
		{"broken link", func(root string) error {
			return os.Symlink("nowhere.txt", filepath.Join(root, "static/gone.txt"))
		}, []string{"static/gone.txt"}, nil},
		{"link to a folder", func(root string) error {
			return os.Symlink("../content", filepath.Join(root, "static/all"))
		}, []string{"static/all"}, nil},
		{"link to a fifo", func(root string) error {
			if err := syscall.Mkfifo(filepath.Join(root, "pipe"), 0o644); err != nil {
				return err
			}
			return os.Symlink("../pipe", filepath.Join(root, "static/pipe.txt"))
		}, []string{"static/pipe.txt"}, nil},
		{"link in layouts", func(root string) error {
			mkfile(t, filepath.Join(root, "elsewhere.html"), "x")
			return os.Symlink("../elsewhere.html", filepath.Join(root, "layouts/page.html"))
		}, []string{"layouts/page.html"}, nil},
		{"svg with script in assets", func(root string) error {
			mkfile(t, filepath.Join(root, "assets/logo.svg"), `<svg><script>alert(1)</script></svg>`)
			return nil
		}, []string{"assets/logo.svg"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, d := range []string{"static", "layouts", "assets/css", "content"} {
				if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := tc.setup(root); err != nil {
				t.Fatal(err)
			}
			inv, diags := Gate(root)
			var got []string
			for _, d := range diags.Sort() {
				got = append(got, d.Path)
				if !strings.Contains(d.Message, "(") {
					t.Errorf("%s: no fix in %q", d.Path, d.Message)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("errors for %v, want %v:\n%s", got, tc.want, diags)
			}
			if diags.HasErrors() {
				return
			}
			var rels []string
			for _, f := range inv.Under("static") {
				if f.Regular() {
					rels = append(rels, strings.TrimPrefix(f.Path, "static/"))
				}
			}
			if !slices.Equal(rels, tc.copy) {
				t.Errorf("published %v, want %v", rels, tc.copy)
			}
		})
	}
}

// TestLoadNeverWaitsOnAPipe: a named pipe in static/ is an error at once,
// never a load blocked in open, even where an image is expected.
func TestLoadNeverWaitsOnAPipe(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "site.yaml", okSite)
	writeFile(t, root, "content/articles/a.md", okArticle)
	writeFile(t, root, "content/contacts/ae.md", okContact)
	if err := os.MkdirAll(filepath.Join(root, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "static", "photo.jpg"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	go func() {
		_, diags := Load(root, Options{Today: testToday})
		done <- diags.Error()
	}()
	select {
	case msg := <-done:
		if !strings.Contains(msg, "static/photo.jpg") || !strings.Contains(msg, "named pipe") {
			t.Errorf("the load did not name the pipe:\n%s", msg)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the load is blocked on the named pipe")
	}
}

// BenchmarkGate measures the input gate's look at static/, layouts/ and
// assets/ on a source folder of 10,000 articles with an image each and 200
// static files (content/ is walked by the loader with the pages).
func BenchmarkGate(b *testing.B) {
	root := b.TempDir()
	for i := range 10000 {
		dir := filepath.Join(root, "content", "articles", fmt.Sprintf("a%05d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, f := range []string{"index.md", "photo.png"} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := range 200 {
		p := filepath.Join(root, "static", "files", fmt.Sprintf("f%03d.pdf", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("%PDF"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, d := Gate(root); d.HasErrors() {
			b.Fatal(d)
		}
	}
}
