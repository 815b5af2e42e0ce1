package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/watch"
)

// sessionSite is a small source folder with its own layouts (the built-in
// theme supplies the rest: 404, feeds, sitemap). %[1]s is a recent date, so
// contacts are never too old to verify.
const sessionSite = `
-- site.yaml --
title: Safe City
base_url: https://safe.example.org/
organisation:
  name: City of Example
  url: https://www.example.gov.uk/
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/articles/_index.md --
---
title: Articles
---
-- content/articles/alpha.md --
---
title: Alpha first title
summary: The first article.
date: 2020-12-01
contacts: [emergency]
---
Alpha text.
-- content/contacts/_index.md --
---
title: Contacts
---
-- content/contacts/emergency.md --
---
title: Emergency
summary: Call 999 if someone is in danger now.
phones:
  - number: "999"
emergency: true
source: https://www.example.gov.uk/
verified_on: %[1]s
---
-- static/extra.txt --
static file
-- layouts/baseof.html --
<!DOCTYPE html>
<html lang="en-GB"><head><title>{{ .Title }}</title></head>
<body><nav>{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav>
{{ block "main" . }}{{ end }}
</body></html>
-- layouts/single.html --
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ range .Params.contacts }}{{ with index site.Params.contacts . }}<p class="contact">{{ .title }}</p>{{ end }}{{ end }}
{{ end }}
-- layouts/list.html --
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`

func sessionFixture(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	ar := txtar.Parse([]byte(fmt.Sprintf(sessionSite, time.Now().AddDate(0, -1, 0).Format(time.DateOnly))))
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(root, f.Name), string(f.Data))
	}
	return root
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// load reads the session's folder as the preview's pipeline would.
func load(t *testing.T, s *Session) *content.Site {
	t.Helper()
	model, d := content.Load(s.root, content.Options{})
	if d.HasErrors() || model == nil {
		t.Fatalf("load failed:\n%s", diagText(d))
	}
	return model
}

// apply builds the folder after the changes evs and fails the test on errors.
func apply(t *testing.T, s *Session, evs ...watch.Event) *Update {
	t.Helper()
	u, d := s.Apply(context.Background(), load(t, s), evs, false)
	if d.HasErrors() || u == nil {
		t.Fatalf("rebuild failed:\n%s", diagText(d))
	}
	return u
}

// build is a first or recycling build: full, on a fresh HugoSites.
func build(t *testing.T, s *Session) *Update {
	t.Helper()
	u, d := s.Apply(context.Background(), load(t, s), nil, true)
	if d.HasErrors() || u == nil {
		t.Fatalf("full build failed:\n%s", diagText(d))
	}
	return u
}

func diagText(d diag.List) string {
	var b strings.Builder
	d.Sort().Print(&b)
	return b.String()
}

func ev(root, rel string, op watch.Op) watch.Event {
	return watch.Event{Name: filepath.Join(root, filepath.FromSlash(rel)), Op: op}
}

func has(t *testing.T, files map[string][]byte, name, want string) {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("%s missing from the snapshot", name)
	}
	if !strings.Contains(string(data), want) {
		t.Fatalf("%s lacks %q:\n%s", name, want, data)
	}
}

func lacks(t *testing.T, files map[string][]byte, name, unwanted string) {
	t.Helper()
	if strings.Contains(string(files[name]), unwanted) {
		t.Fatalf("%s still has %q:\n%s", name, unwanted, files[name])
	}
}

// TestSessionRebuilds walks through a writer's session and, at the end,
// compares the snapshot with a fresh build of the same folder.
func TestSessionRebuilds(t *testing.T) {
	root := sessionFixture(t)
	opts := Options{BaseURL: "http://127.0.0.1:1313/"}
	s, err := NewSession(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()

	u := build(t, s)
	if !u.Full {
		t.Error("first build not full")
	}
	first := u.Files
	has(t, first, "articles/alpha/index.html", "Alpha first title")
	has(t, first, "articles/index.html", "Alpha first title")
	has(t, first, "articles/index.xml", "Alpha first title")
	has(t, first, "sitemap.xml", "http://127.0.0.1:1313/articles/alpha/")
	has(t, first, "extra.txt", "static file")
	has(t, first, "_headers", "Content-Security-Policy")

	t.Run("edit re-renders the page, the list and the feed", func(t *testing.T) {
		writeFile(t, filepath.Join(root, "content/articles/alpha.md"), strings.Replace(readFile(t, root, "content/articles/alpha.md"), "Alpha first title", "Alpha second title", 1))
		u := apply(t, s, ev(root, "content/articles/alpha.md", watch.Write))
		if u.Full {
			t.Error("a text edit caused a full build")
		}
		if u.Written == 0 || u.Written >= len(u.Files) {
			t.Errorf("wrote %d of %d files, want some but not all", u.Written, len(u.Files))
		}
		for _, name := range []string{"articles/alpha/index.html", "articles/index.html", "articles/index.xml"} {
			has(t, u.Files, name, "Alpha second title")
		}
		// The snapshot handed out before is never changed.
		has(t, first, "articles/alpha/index.html", "Alpha first title")
	})

	t.Run("a new page appears in lists", func(t *testing.T) {
		writeFile(t, filepath.Join(root, "content/articles/beta.md"), "---\ntitle: Beta article\nsummary: Second.\ndate: 2020-12-02\n---\nBeta text.\n")
		u := apply(t, s, ev(root, "content/articles/beta.md", watch.Create))
		if u.Full {
			t.Error("adding a page caused a full build")
		}
		has(t, u.Files, "articles/beta/index.html", "Beta text")
		has(t, u.Files, "articles/index.html", "Beta article")
		has(t, u.Files, "articles/index.xml", "Beta article")
		has(t, u.Files, "sitemap.xml", "/articles/beta/")
	})

	t.Run("a deleted page disappears", func(t *testing.T) {
		if err := os.Remove(filepath.Join(root, "content/articles/beta.md")); err != nil {
			t.Fatal(err)
		}
		u := apply(t, s, ev(root, "content/articles/beta.md", watch.Remove))
		if _, ok := u.Files["articles/beta/index.html"]; ok {
			t.Error("deleted page still in the snapshot")
		}
		lacks(t, u.Files, "articles/index.html", "Beta article")
		lacks(t, u.Files, "sitemap.xml", "/articles/beta/")
	})

	t.Run("a contact change is a site param change", func(t *testing.T) {
		writeFile(t, filepath.Join(root, "content/contacts/emergency.md"), strings.Replace(readFile(t, root, "content/contacts/emergency.md"), "title: Emergency", "title: Emergency services", 1))
		u := apply(t, s, ev(root, "content/contacts/emergency.md", watch.Write))
		if !u.Full {
			t.Error("a contact change did not rebuild fully")
		}
		has(t, u.Files, "articles/alpha/index.html", "Emergency services")
	})

	t.Run("a broken template is reported and fixing it recovers", func(t *testing.T) {
		good := readFile(t, root, "layouts/baseof.html")
		writeFile(t, filepath.Join(root, "layouts/baseof.html"), strings.Replace(good, "{{ .Title }}", "{{ .Title }", 1))
		before := s.snapshot
		u, d := s.Apply(ctx, load(t, s), []watch.Event{ev(root, "layouts/baseof.html", watch.Write)}, false)
		if u != nil || !d.HasErrors() {
			t.Fatal("broken template accepted")
		}
		if fmt.Sprint(before) != fmt.Sprint(s.snapshot) {
			t.Error("snapshot changed by a failed build")
		}
		// Hugo reports a broken base template at a template that uses it
		// (the position Hugo gives is the combined template's).
		if got := diagText(d); !strings.Contains(got, `unexpected "}"`) {
			t.Errorf("diagnostic lacks the template problem:\n%s", got)
		}
		writeFile(t, filepath.Join(root, "layouts/baseof.html"), strings.Replace(good, "<body>", `<body class="fixed">`, 1))
		u = apply(t, s, ev(root, "layouts/baseof.html", watch.Write))
		has(t, u.Files, "articles/alpha/index.html", "<body class=fixed>")
	})

	t.Run("static files follow the folder", func(t *testing.T) {
		writeFile(t, filepath.Join(root, "static/new.txt"), "new")
		os.Remove(filepath.Join(root, "static/extra.txt"))
		u := apply(t, s, ev(root, "static/new.txt", watch.Create), ev(root, "static/extra.txt", watch.Remove))
		has(t, u.Files, "new.txt", "new")
		if _, ok := u.Files["extra.txt"]; ok {
			t.Error("removed static file still served")
		}
	})

	t.Run("incremental edits equal a fresh build", func(t *testing.T) {
		for i := range 3 {
			writeFile(t, filepath.Join(root, "content/articles/alpha.md"), strings.Replace(readFile(t, root, "content/articles/alpha.md"), "Alpha text", fmt.Sprintf("Alpha text %d", i), 1))
			apply(t, s, ev(root, "content/articles/alpha.md", watch.Write))
		}
		compareTrees(t, s.snapshot, freshBuild(t, s, opts))
	})
}

// TestSessionRecycle checks that a recycled session serves the same site.
func TestSessionRecycle(t *testing.T) {
	root := sessionFixture(t)
	s, err := NewSession(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.RecycleAfter = 2
	u := build(t, s)
	for i := range 2 {
		writeFile(t, filepath.Join(root, "content/articles/alpha.md"), strings.Replace(readFile(t, root, "content/articles/alpha.md"), "Alpha text", fmt.Sprintf("Alpha text %d", i), 1))
		u = apply(t, s, ev(root, "content/articles/alpha.md", watch.Write))
	}
	if !s.RecycleDue() {
		t.Fatal("recycle not due after RecycleAfter builds")
	}
	r := build(t, s)
	if !r.Full {
		t.Error("recycling build not full")
	}
	if s.RecycleDue() {
		t.Error("recycle still due")
	}
	compareTrees(t, r.Files, u.Files)
}

func compareTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, gok := got[n]
		w, wok := want[n]
		switch {
		case !gok:
			t.Errorf("%s: missing from the session", n)
		case !wok:
			t.Errorf("%s: only in the session", n)
		case string(g) != string(w):
			t.Errorf("%s differs:\nsession: %.300s\nbuild:   %.300s", n, g, w)
		}
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSessionNarrowListing: when a save only edits pages that were already
// there, Hugo is shown just those entries of their folder (modelFs.narrow),
// and the site it rebuilds is the one a fresh build makes.
func TestSessionNarrowListing(t *testing.T) {
	root := sessionFixture(t)
	for _, name := range []string{"beta", "gamma"} {
		writeFile(t, filepath.Join(root, "content/articles", name+".md"), strings.ReplaceAll(readFile(t, root, "content/articles/alpha.md"), "Alpha", strings.ToUpper(name[:1])+name[1:]))
	}
	writeFile(t, filepath.Join(root, "content/articles/delta/index.md"), strings.ReplaceAll(readFile(t, root, "content/articles/alpha.md"), "Alpha", "Delta"))
	opts := Options{BaseURL: "http://127.0.0.1:1313/"}
	s, err := NewSession(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	build(t, s)

	articles := filepath.Join(root, "content", "articles")
	before := s.src.served.Load()
	for _, tc := range []struct {
		name   string
		events []watch.Event
		want   []string // the names listed in content/articles; nil: not narrowed
	}{
		{"an edit", []watch.Event{ev(root, "content/articles/beta.md", watch.Write)}, []string{"beta.md"}},
		{"two edits", []watch.Event{ev(root, "content/articles/beta.md", watch.Write), ev(root, "content/articles/gamma.md", watch.Write)}, []string{"beta.md", "gamma.md"}},
		{"a save by renaming over", []watch.Event{ev(root, "content/articles/beta.md", watch.Create|watch.Write)}, []string{"beta.md"}},
		{"a bundle's page", []watch.Event{ev(root, "content/articles/delta/index.md", watch.Write)}, nil},
		{"the section's page", []watch.Event{ev(root, "content/articles/_index.md", watch.Write)}, nil},
		{"a new page beside an edit", []watch.Event{ev(root, "content/articles/beta.md", watch.Write), ev(root, "content/articles/new.md", watch.Create)}, nil},
		{"a removal", []watch.Event{ev(root, "content/articles/gamma.md", watch.Remove)}, nil},
		{"a renamed page", []watch.Event{ev(root, "content/articles/gamma.md", watch.Rename)}, nil},
	} {
		got := s.narrowing(before, tc.events)[articles]
		var names []string
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		if strings.Join(names, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: listed %q, want %q", tc.name, names, tc.want)
		}
	}

	// Edits and a save by renaming, rebuilt with narrowed listings, then a
	// fresh build of the same folder.
	for i, name := range []string{"beta", "gamma", "beta"} {
		rel := "content/articles/" + name + ".md"
		writeFile(t, filepath.Join(root, rel), strings.Replace(readFile(t, root, rel), "text", fmt.Sprintf("text, edit %d,", i), 1))
		op := watch.Write
		if i == 1 {
			op = watch.Create
		}
		u := apply(t, s, ev(root, rel, op))
		if u.Full {
			t.Fatalf("edit %d: a full build", i)
		}
		has(t, u.Files, "articles/"+name+"/index.html", fmt.Sprintf("edit %d,", i))
	}
	compareTrees(t, s.snapshot, freshBuild(t, s, opts))
}

// freshBuild builds the session's folder as build does, into a new folder,
// and returns what it wrote.
func freshBuild(t *testing.T, s *Session, opts Options) map[string][]byte {
	t.Helper()
	dest := t.TempDir()
	if _, d := Build(context.Background(), load(t, s), Output{Dest: dest}, opts); d.HasErrors() {
		t.Fatal(diagText(d))
	}
	want := map[string][]byte{}
	filepath.WalkDir(dest, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			want[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return nil
	})
	return want
}
