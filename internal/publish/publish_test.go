package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"safeguard/internal/buildrecord"
	"safeguard/internal/newsletter"
)

var today = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// fixture writes testdata/name.txtar into a new temporary folder and returns it.
func fixture(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := txtar.Write(ar, root); err != nil {
		t.Fatal(err)
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

// tree hashes every file and names every folder under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = "dir"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}

// noLeftovers fails if a staging or backup folder was left in dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".safeguard-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestBuildReplacesDest(t *testing.T) {
	src := fixture(t, "site")
	dest := filepath.Join(t.TempDir(), "out")
	if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); diags.HasErrors() {
		t.Fatalf("first build failed:\n%s", diags)
	}
	write(t, filepath.Join(dest, "stale.html"), "from a previous build")

	res, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest})
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	if res.Dest != dest || res.Pages == 0 || res.Files <= res.Pages || res.Fragments != 1 {
		t.Errorf("result: %+v", res)
	}
	for _, want := range []string{"index.html", "articles/one/index.html", "hello.txt", "_headers", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(dest, want)); err != nil {
			t.Errorf("%s missing: %v", want, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "stale.html")); err == nil {
		t.Error("a file of the previous build survived: the output must be replaced, not updated")
	}
	if got := len(tree(t, dest)); got == 0 {
		t.Error("empty output")
	}
	var files int
	for k := range tree(t, dest) {
		if !strings.HasSuffix(k, "/") && k != buildrecord.Name { // the build's record of its files
			files++
		}
	}
	if files != res.Files {
		t.Errorf("result says %d files, output has %d", res.Files, files)
	}
	tm := res.Timings
	if tm.Total <= 0 || tm.Load <= 0 || tm.Hugo <= 0 || tm.Swap <= 0 || tm.Total < tm.Load+tm.Hugo {
		t.Errorf("timings: %+v", tm)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode: %v %v", fi.Mode(), err)
	}
	noLeftovers(t, filepath.Dir(dest))
}

func TestDefaultDestIsPublic(t *testing.T) {
	src := fixture(t, "site")
	before := tree(t, src)
	res, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{})
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	if res.Dest != filepath.Join(src, "public") {
		t.Errorf("Dest = %s", res.Dest)
	}
	after := tree(t, src)
	for k := range after {
		if _, ok := before[k]; !ok && !strings.HasPrefix(k, "public/") && k != "public/" {
			t.Errorf("the build left %s in the source folder", k)
		}
	}
	noLeftovers(t, src)
}

// TestFailedBuildLeavesDest breaks the source at each stage in turn: the
// previous output must stay byte for byte as it was.
func TestFailedBuildLeavesDest(t *testing.T) {
	breakages := []struct {
		name, file, text string
	}{
		{"content error", "content/articles/one.md", "---\ntitle: x\ndate: 2020-13-01\n---\n"},
		{"template error", "layouts/home.html", "{{ define \"main\" }}{{ .Nope }}{{ end }}\n"},
		{"template syntax", "layouts/home.html", "{{ if }}\n"},
	}
	for _, b := range breakages {
		t.Run(b.name, func(t *testing.T) {
			src := fixture(t, "site")
			dest := filepath.Join(t.TempDir(), "public")
			if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); diags.HasErrors() {
				t.Fatalf("first build failed:\n%s", diags)
			}
			before := tree(t, dest)
			write(t, filepath.Join(src, b.file), b.text)
			_, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest})
			if !diags.HasErrors() {
				t.Fatal("broken source built without errors")
			}
			if !strings.Contains(diags.Errors().Sort().Error(), b.file+":") {
				t.Errorf("errors do not name %s:\n%s", b.file, diags)
			}
			sameTree(t, before, tree(t, dest))
			noLeftovers(t, filepath.Dir(dest))
		})
	}
}

func TestFailedFirstBuildCreatesNothing(t *testing.T) {
	src := fixture(t, "site")
	write(t, filepath.Join(src, "content/articles/one.md"), "no front matter\n")
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); !diags.HasErrors() {
		t.Fatal("no error")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a failed first build created %s", dest)
	}
	noLeftovers(t, parent)
}

func TestDryRunNeverTouchesDest(t *testing.T) {
	src := fixture(t, "site")
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest, DryRun: true})
	if diags.HasErrors() {
		t.Fatalf("dry run failed:\n%s", diags)
	}
	if res.Pages == 0 {
		t.Error("dry run built nothing")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("dry run created %s", dest)
	}
}

func TestCheckDest(t *testing.T) {
	src := t.TempDir()
	for _, dir := range []string{"content/articles", "static", "public"} {
		if err := os.MkdirAll(filepath.Join(src, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(src, "afile"), "x")
	foreign := filepath.Join(t.TempDir(), "documents")
	write(t, filepath.Join(foreign, "letter.txt"), "not a website")
	ours := filepath.Join(t.TempDir(), "site")
	write(t, filepath.Join(ours, "index.html"), "")
	empty := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(src, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dest string
		ok   bool
	}{
		{filepath.Join(src, "public"), true},
		{filepath.Join(src, "new", "out"), true},
		{filepath.Join(t.TempDir(), "elsewhere"), true},
		{src, false},
		{src + "/.", false},
		{filepath.Dir(src), false},
		{"/", false},
		{link, false},
		{filepath.Join(src, "content"), false},
		{filepath.Join(src, "content", "articles"), false},
		{filepath.Join(src, "static", "x"), false},
		{filepath.Join(src, "afile"), false},
		{foreign, false},
		{ours, true},
		{empty, true},
	}
	for _, tt := range tests {
		err := CheckDest(src, tt.dest)
		if (err == nil) != tt.ok {
			t.Errorf("CheckDest(src, %s) = %v, want ok=%v", tt.dest, err, tt.ok)
		}
	}
}

func TestSpoolStaysInside(t *testing.T) {
	for _, bad := range []string{"../escape.html", "/etc/x", "newsletter/../../x", ""} {
		dir := t.TempDir()
		if sp, err := newSpool(dir, []newsletter.File{{Path: "newsletter/ok.html", Data: []byte("y")}, {Path: bad, Data: []byte("x")}}); err == nil {
			sp.close()
			t.Errorf("newSpool accepted %q", bad)
		}
		if _, err := os.Stat(filepath.Join(dir, "escape.html")); err == nil {
			t.Errorf("%q was written outside", bad)
		}
	}
}

func TestForeignDestIsRefused(t *testing.T) {
	src := fixture(t, "site")
	dest := filepath.Join(t.TempDir(), "documents")
	write(t, filepath.Join(dest, "letter.txt"), "not a website")
	before := tree(t, dest)
	if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); !diags.HasErrors() {
		t.Fatal("a folder of other files was replaced")
	}
	sameTree(t, before, tree(t, dest))
}

func TestSwapRestoresOnFailure(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	before := tree(t, dest)
	// A staging folder that is not there makes the second rename fail.
	if err := swap(filepath.Join(parent, "missing"), dest); err == nil {
		t.Fatal("swap from a missing folder succeeded")
	}
	sameTree(t, before, tree(t, dest))
	noLeftovers(t, parent)
}

// TestSpoolRoundTrip spools files, checks that the spool leaves no name in
// the output folder while Hugo builds, and writes them out unchanged.
func TestSpoolRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := []newsletter.File{
		{Path: "newsletter/2020-12/prevent.html", Data: []byte("<div>Prevent</div>\n")},
		{Path: "newsletter/2020-12/prevent.txt", Data: []byte("Prevent\n")},
		{Path: "newsletter/2020-12/empty.txt", Data: nil},
		{Path: "newsletter/2020-12/issue.txt", Data: []byte("Prevent\n")},
		{Path: "newsletter/index.json", Data: bytes.Repeat([]byte("x"), 3<<20)},
	}
	sp, err := newSpool(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 && runtime.GOOS == "linux" {
		t.Errorf("the spool left %s in the output folder", entries[0].Name())
	}
	var mu sync.Mutex
	seen := map[string]string{}
	n, frags, err := sp.writeOut(dir, func(f newsletter.File) {
		mu.Lock()
		seen[f.Path] = string(f.Data)
		mu.Unlock()
	})
	if err != nil || n != len(files) || frags != 2 {
		t.Fatalf("writeOut = %d files, %d fragments, %v; want %d, 2, nil", n, frags, err, len(files))
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s: wrote %d bytes (%v), want %d", f.Path, len(got), err, len(f.Data))
		}
		if seen[f.Path] != string(f.Data) {
			t.Errorf("%s: done saw %d bytes, want %d", f.Path, len(seen[f.Path]), len(f.Data))
		}
	}
	if err := sp.close(); err != nil {
		t.Errorf("a second close: %v", err)
	}
	var stray []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), "safeguard-newsletter") {
			stray = append(stray, p)
		}
		return nil
	})
	if len(stray) > 0 {
		t.Errorf("spool file left behind: %v", stray)
	}
}
