package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gohugoio/hugo/parser/pageparser"

	"safeguard/internal/content"
)

// hostileFields are front matter fields that change what Hugo publishes
// (addresses, outputs, rendering, every page below) and that the content
// model does not allow: smuggled past the loader, each would be an attack.
// N is replaced by the case's number.
const hostileFields = `url: /hijack-N/
aliases: [/alias-N/, /]
cascade:
  quick_exit: false
  params: {quick_exit: false}
outputs: [json]
build: {render: never, list: never}
_build: {render: never}
headless: true
layout: hijack
type: hijack
quick_exit: false
`

const validFields = "title: Valid N\nsummary: A summary.\ndate: 2026-11-02\n"

// boundaryCases are ways to write a front matter boundary that readers
// could disagree on, each followed by hostileFields. Every case must be
// refused by the loader or, if accepted, leave the hostile fields in the
// body where Hugo does not read them.
var boundaryCases = []string{
	"---\n%V ---\n%H---\nBody.\n",            // closing line with a leading space
	"---\n%V  ---  \n%H---\nBody.\n",         // spaces around
	"---\n%V\t---\n%H---\nBody.\n",           // tab
	"---\n%V--- \n%H---\nBody.\n",            // trailing space
	"---\n%V---\t\n%H---\nBody.\n",           // trailing tab
	"---\n%V----\n%H---\nBody.\n",            // four dashes
	"---\n%V---yaml\n%H---\nBody.\n",         // text after the dashes
	"---\n%V--- # end\n%H---\nBody.\n",       // a comment after the dashes
	"---\n%V...\n%H---\nBody.\n",             // YAML document end
	"---\n%V--- !x\n%H---\nBody.\n",          // a second YAML document
	"---yaml\n%V---\n%H---\nBody.\n",         // opener with text
	" ---\n%V---\n%H---\nBody.\n",            // opener with a leading space
	"---\n%V---\n---\n%H---\nBody.\n",        // a second block after the first
	"\ufeff---\n%V---\n---\n%H---\nBody.\n",  // the same after a BOM
	"\n\n---\n%V---\n%H---\nBody.\n",         // blank lines first
	"---\r%V---\r%H---\rBody.\r",             // old Mac line endings
	"---\r\n%V---\r\n%H---\r\nBody.\r\n",     // Windows line endings
	"---\n%V---\r%H---\nBody.\n",             // a lone CR after the closer
	"---\n%V\r---\n%H---\nBody.\n",           // a lone CR before the closer
	"{\"title\": \"x\"}\n---\n%V%H---\nBody", // JSON front matter
	"+++\ntitle = \"Valid N\"\nsummary = \"S\"\ndate = 2026-11-02\n +++\n%H+++\nBody.\n",
	"+++\ntitle = \"Valid N\"\nsummary = \"S\"\ndate = 2026-11-02\n+++ \n%H+++\nBody.\n",
	"+++\ntitle = \"Valid N\"\nsummary = \"S\"\ndate = 2026-11-02\n++++\n%H+++\nBody.\n",
	"+++\ntitle = \"Valid N\"\nsummary = \"S\"\ndate = 2026-11-02\n+++\n%H+++\nBody.\n",
	"---\n%V%H---\nBody.\n",                // the fields themselves: refused as unknown
	"---\n%VURL: /hijack-N/\n---\nBody.\n", // Hugo reads keys in any case
	"---\n%V\"url\": /hijack-N/\n---\nBody.\n",
	"---\n%Vtitle: again\n---\nBody.\n",          // a field twice
	"---\n%V<<: {url: /hijack-N/}\n---\nBody.\n", // a YAML merge key
}

// copyDir copies the files under src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var hostileToday = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// TestHostileFrontMatterHasNoEffect writes each boundary case into a real
// source folder. The loader must refuse it with a position, or accept it
// with the hostile fields outside the front matter; the accepted ones are
// then built together by Hugo, which must obey none of the hostile fields.
func TestHostileFrontMatterHasNoEffect(t *testing.T) {
	base := filepath.Join("..", "..", "cmd", "safeguard", "testdata", "buildbase")
	opts := content.Options{Today: hostileToday}
	root := t.TempDir()
	copyDir(t, base, root)
	var accepted []int
	for i, c := range boundaryCases {
		n := fmt.Sprint(i)
		src := strings.NewReplacer("%V", validFields, "%H", hostileFields).Replace(c)
		src = strings.ReplaceAll(src, "N", n)
		if strings.Contains(c, "\r") && !strings.Contains(c, "\n") {
			src = strings.ReplaceAll(src, "\n", "\r")
		} else if strings.Contains(c, "\r\n") {
			src = strings.ReplaceAll(src, "\n", "\r\n")
			src = strings.ReplaceAll(src, "\r\r\n", "\r\n")
		}
		one := t.TempDir()
		copyDir(t, base, one)
		name := filepath.Join("content", "articles", "case-"+n+".md")
		if err := os.WriteFile(filepath.Join(one, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		s, d := content.Load(one, opts)
		if s == nil {
			for _, x := range d.Errors() {
				if x.Path != filepath.ToSlash(name) || x.Line == 0 {
					t.Errorf("case %d %q: error without a position in the file: %v", i, src, x)
				}
			}
			continue
		}
		accepted = append(accepted, i)
		for _, p := range s.Pages {
			if p.Path == filepath.ToSlash(name) && bytes.Contains(p.Served[:bytes.Index(p.Served[4:], []byte("\n---\n"))+4], []byte("hijack")) {
				t.Errorf("case %d: served front matter holds a hostile field:\n%s", i, p.Served)
			}
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d of %d cases accepted (hostile fields left in the body): %v", len(accepted), len(boundaryCases), accepted)
	if len(accepted) == 0 {
		t.Fatal("no case was accepted: the build below would test nothing")
	}

	s, d := content.Load(root, opts)
	if s == nil {
		t.Fatalf("the accepted cases together do not load:\n%v", d)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags := Build(context.Background(), s, Output{Dest: dest}, Options{NoMinify: true}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if strings.Contains(rel, "hijack") || strings.Contains(rel, "alias") || strings.HasSuffix(rel, ".json") && (strings.Contains(rel, "case-") || rel == "index.json") {
			t.Errorf("a hostile field was obeyed: %s was published", rel)
		}
		if !d.IsDir() && strings.HasSuffix(rel, ".html") {
			pages++
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if rel != "404.html" && !bytes.Contains(b, []byte("data-quick-exit")) {
				t.Errorf("%s has no quick exit: a hostile cascade or quick_exit was obeyed", rel)
			}
			if bytes.Contains(b, []byte("http-equiv=\"refresh\"")) {
				t.Errorf("%s is a redirect: a hostile alias was obeyed", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range accepted {
		page := read(t, filepath.Join(dest, "articles", fmt.Sprintf("case-%d", i), "index.html"))
		if !strings.Contains(page, fmt.Sprintf("Valid %d", i)) || !strings.Contains(page, "Body.") {
			t.Errorf("case %d was not published at its own address with its text", i)
		}
	}
	home := read(t, filepath.Join(dest, "index.html"))
	if !strings.Contains(home, "data-quick-exit") || strings.Contains(home, "refresh") {
		t.Errorf("the home page was replaced:\n%s", home)
	}
	t.Logf("%d HTML files checked", pages)
}

// TestServedFromModelNotDisk changes a page's file on disk after it was
// loaded, adding hostile fields: Hugo reads the model, so none is obeyed.
func TestServedFromModelNotDisk(t *testing.T) {
	base := filepath.Join("..", "..", "cmd", "safeguard", "testdata", "buildbase")
	root := t.TempDir()
	copyDir(t, base, root)
	s, d := content.Load(root, content.Options{Today: hostileToday})
	if s == nil {
		t.Fatal(d)
	}
	file := filepath.Join(root, "content", "articles", "keeping-safe.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.Replace(string(b), "---\n", "---\n"+strings.ReplaceAll(hostileFields, "N", "0"), 1)
	if err := os.WriteFile(file, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags := Build(context.Background(), s, Output{Dest: dest}, Options{NoMinify: true}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	if exists(filepath.Join(dest, "hijack-0")) || exists(filepath.Join(dest, "alias-0")) {
		t.Error("a field written to disk after loading was obeyed")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "articles", "keeping-safe", "index.html")), "data-quick-exit") {
		t.Error("quick_exit: false written after loading was obeyed")
	}
}

// hugoView is what Hugo's own page parser reads from a served page: its
// front matter fields and its content.
func hugoView(t testing.TB, served []byte) (map[string]any, string) {
	cf, err := pageparser.ParseFrontMatterAndContent(bytes.NewReader(served))
	if err != nil {
		t.Fatalf("Hugo cannot read the served page: %v\n%s", err, served)
	}
	return cf.FrontMatter, string(cf.Content)
}

// checkServedAgrees fails unless Hugo reads from each page of a loaded site
// exactly the fields the loader validated, with the same values for the
// fields Hugo itself acts on, and the body the checks read.
func checkServedAgrees(t testing.TB, s *content.Site) {
	for _, p := range append(append([]*content.Page{}, s.Pages...), s.Skipped...) {
		fm, body := hugoView(t, p.Served)
		var got, want []string
		for k := range fm {
			got = append(got, k)
		}
		for k := range p.Fields {
			if !strings.Contains(k, ".") {
				want = append(want, k)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: Hugo reads fields %v, the loader checked %v\n%s", p.Path, got, want, p.Served)
		}
		if body != p.Body {
			t.Fatalf("%s: Hugo reads the body %q, the loader checked %q", p.Path, body, p.Body)
		}
		// A field written empty (title: ~) is absent for the model and
		// nil for Hugo.
		str := func(k, v string) {
			if x, ok := fm[k]; ok && x != v && !(x == nil && v == "") {
				t.Fatalf("%s: Hugo reads %s %#v, the loader %q", p.Path, k, x, v)
			}
		}
		str("title", p.Title)
		str("summary", p.Summary)
		str("layout", p.Layout)
		if _, ok := fm["slug"]; ok {
			str("slug", p.Slug)
		}
		if x, ok := fm["draft"]; ok && x != nil && x != p.Draft {
			t.Fatalf("%s: Hugo reads draft %#v, the loader %v", p.Path, x, p.Draft)
		}
		if x, ok := fm["quick_exit"]; ok && x != nil && x != p.QuickExit {
			t.Fatalf("%s: Hugo reads quick_exit %#v, the loader %v", p.Path, x, p.QuickExit)
		}
		if x, ok := fm["weight"]; ok && x != nil && fmt.Sprint(x) != fmt.Sprint(p.Weight) {
			t.Fatalf("%s: Hugo reads weight %#v, the loader %v", p.Path, x, p.Weight)
		}
	}
}

const fuzzContact = "---\ntitle: Line\nsummary: S\nsource: https://example.org/\nverified_on: 2026-11-01\nphones:\n  - number: \"101\"\n---\n"

// FuzzServedFrontMatter loads any bytes as a page of several kinds and, when
// the loader accepts them, reads the served page with Hugo's own parser:
// Hugo must see exactly the validated fields and the checked body.
func FuzzServedFrontMatter(f *testing.F) {
	for _, c := range boundaryCases {
		s := strings.NewReplacer("%V", validFields, "%H", hostileFields, "N", "1").Replace(c)
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"---\ntitle: yes\nsummary: 0x10\ndate: 2026-11-02\nweight: 010\ndraft: True\nquick_exit: false\n---\nBody\n",
		"---\ntitle: \"a \\\"b\\\" \\\\ c\"\nsummary: |\n  two\n  lines\ndate: \"2026-11-02\"\ntopics: [a, 'b', \"c\"]\n---\n",
		"+++\ntitle = \"T\"\nsummary = '''x'''\ndate = 2026-11-02\n[newsletter]\nissue = \"2026-11\"\norder = 2\n+++\n---\nurl: /x/\n---\n",
		"---\ntitle: T\nsummary: S\ndate: 2026-11-02\nslug: other\nignore: {url: \"reason\", Title: \"x\"}\n---\n{{< contact \"line\" >}}\n",
		"---\ntitle: <script>\nsummary: \"\\u00e9\\u2028\"\ndate: 2026-11-02\nauthor: ~\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files := fstest.MapFS{"content/contacts/line.md": {Data: []byte(fuzzContact)}}
		for _, p := range []string{"content/articles/a.md", "content/page.md", "content/events/e.md", "content/act-early/x.md", "content/about/_index.md"} {
			files[p] = &fstest.MapFile{Data: data}
		}
		l := content.NewLoaderFS(files, "/src", content.Options{Today: hostileToday, Drafts: true, Future: true})
		s, _ := l.Load()
		if s == nil {
			// One kind may accept what another refuses: try each alone.
			for _, p := range []string{"content/articles/a.md", "content/page.md", "content/events/e.md", "content/act-early/x.md", "content/about/_index.md"} {
				one := fstest.MapFS{"content/contacts/line.md": files["content/contacts/line.md"], p: files[p]}
				if s1, _ := content.NewLoaderFS(one, "/src", content.Options{Today: hostileToday, Drafts: true, Future: true}).Load(); s1 != nil {
					checkServedAgrees(t, s1)
				}
			}
			return
		}
		checkServedAgrees(t, s)
	})
}
