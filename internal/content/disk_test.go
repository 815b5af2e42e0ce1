package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeFile(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDisk loads a real folder: an absolute Root, an edit seen through the
// file's modification time, and symbolic links refused (they could reach
// outside the source folder).
func TestDisk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "site.yaml", okSite)
	writeFile(t, dir, "content/articles/a.md", okArticle)
	writeFile(t, dir, "content/contacts/ae.md", okContact)
	l := NewLoader(dir, Options{Today: testToday})
	site, d := l.Load()
	if d != nil || site.Root != dir || len(site.Pages) != 2 {
		t.Fatalf("first load: %v %+v", d, site)
	}
	a := filepath.Join(dir, "content", "articles", "a.md")
	writeFile(t, dir, "content/articles/a.md", article("contacts: [nobody]\n"))
	if err := os.Chtimes(a, time.Time{}, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, d := l.Load(); len(d) != 1 || d[0].String() != `content/articles/a.md:5:12: error: contact "nobody" does not exist (contacts are the file names in content/contacts/)` {
		t.Fatalf("after edit: %v", d)
	}
	writeFile(t, dir, "content/articles/a.md", okArticle)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "content", "articles", "b.md")); err != nil {
		t.Skip(err)
	}
	if _, d := l.Load(); len(d) != 1 || d[0].String() != "content/articles/b.md: error: symbolic links are not allowed in content/ (copy the file or folder here instead)" {
		t.Fatalf("symlink: %v", d)
	}
	if _, d := Load(filepath.Join(dir, "missing"), Options{}); len(d) != 1 || d[0].Path != "content" {
		t.Fatalf("missing folder: %v", d)
	}
}

// TestManyFiles parses many files at once (files are parsed on every core):
// run with -race to check the parsers share nothing.
func TestManyFiles(t *testing.T) {
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("content/contacts/c%d.md", i)] = contact("phones:\n  - number: \"020 7332 3808\"\n  - number: \"18001 101\"\n")
		files[fmt.Sprintf("content/articles/a%d.md", i)] = article(fmt.Sprintf("contacts: [c%d]\n", i))
		files[fmt.Sprintf("content/events/e%d.md", i)] = "+++\ntitle = \"E\"\nstart = 2020-11-26T10:00:00\naudience = \"A\"\nplace = \"Guildhall\"\n+++\n"
	}
	files["content/articles/bad.md"] = article("weight: x\n")
	_, d := loadFiles(t, files, Options{})
	if len(d) != 1 || d[0] != `content/articles/bad.md:5:9: error: weight: "x" is not a whole number (write a number such as 3)` {
		t.Fatal(d)
	}
}
