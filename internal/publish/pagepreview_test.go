package publish

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// The Preview renders a page with the site's templates from the form's
// bytes, and an article in an issue gets its newsletter fragment; nothing
// is written into the source folder.
func TestPreviewPage(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../cmd/safeguard/testdata/buildbase")); err != nil {
		t.Fatal(err)
	}
	rel := "content/articles/keeping-safe.md"
	data, err := os.ReadFile(dir + "/" + rel)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("title: Keeping people safe"), []byte("title: Keeping everyone safe"), 1)
	p := New(Options{Source: dir})
	defer p.Close()
	fsys := fstest.MapFS{}
	if err := copyInto(fsys, dir); err != nil {
		t.Fatal(err)
	}
	fsys[rel] = &fstest.MapFile{Data: data, Mode: 0o644}
	fsys["content/articles/new-one.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A new one\nsummary: New.\ndate: 2026-11-01\nreview_by: 2027-05-01\n---\nNew text.\n"), Mode: 0o644}
	page, fragment, problems := p.PreviewPage(context.Background(), fsys, rel)
	if problems.HasErrors() || !strings.Contains(string(page), "Keeping everyone safe") {
		t.Fatalf("page preview: %v\n%.2000s", problems, page)
	}
	if !strings.Contains(string(fragment), "Keeping everyone safe") {
		t.Errorf("fragment preview:\n%s", fragment)
	}
	page, fragment, problems = p.PreviewPage(context.Background(), fsys, "content/articles/new-one.md")
	if problems.HasErrors() || !strings.Contains(string(page), "A new one") || fragment != nil {
		t.Fatalf("new page preview: %v %d\n%.2000s", problems, len(fragment), page)
	}
	if got, _ := os.ReadFile(dir + "/" + rel); bytes.Contains(got, []byte("everyone")) {
		t.Error("the preview wrote the page")
	}
}

// copyInto puts every file of dir into m.
func copyInto(m fstest.MapFS, dir string) error {
	return fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
}
