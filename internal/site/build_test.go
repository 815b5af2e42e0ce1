package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// noTheme replaces the built-in theme in tests that must see only their
// fixtures' layouts, whatever the real theme holds.
var noTheme = fstest.MapFS{}

// useTheme makes theme the built-in theme until the test ends.
func useTheme(t *testing.T, theme fs.FS) {
	old := builtinTheme
	builtinTheme = theme
	t.Cleanup(func() { builtinTheme = old })
}

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

// model is a handmade validated model of the basic fixture (the loader has its
// own tests; here only what the Hugo build uses matters).
func model(root string) *content.Site {
	c := &content.Contact{
		Name:       "act-early",
		Title:      "ACT Early Support Line",
		Summary:    "Call if you are worried.",
		Phones:     []content.Phone{{Number: "0800 011 3764", Tel: "+448000113764"}},
		Source:     "https://actearly.uk/",
		VerifiedOn: time.Date(2020, 12, 1, 0, 0, 0, 0, time.UTC),
	}
	files, _ := content.Gate(root)
	return &content.Site{
		Root:  root,
		Files: files,
		Config: content.Config{
			Title:            "Safe City",
			BaseURL:          "https://safe.example.org/",
			Language:         "en-GB",
			Organisation:     content.Organisation{Name: "City of Example", URL: "https://www.example.gov.uk/"},
			QuickExitURL:     "https://www.bbc.co.uk/weather",
			NewsletterName:   "@Home",
			EmergencyContact: "act-early",
		},
		Pages: []*content.Page{
			{Path: "content/_index.md", Kind: content.KindPage, IsIndex: true, URL: "/"},
			{Path: "content/about.md", Kind: content.KindPage, URL: "/about/"},
			{Path: "content/articles/_index.md", Kind: content.KindArticle, Section: "articles", IsIndex: true, URL: "/articles/"},
			{Path: "content/articles/prevent.md", Kind: content.KindArticle, Section: "articles", URL: "/articles/prevent/"},
			{Path: "content/contacts/_index.md", Kind: content.KindContact, Section: "contacts", IsIndex: true, URL: "/contacts/"},
			{Path: "content/contacts/act-early.md", Kind: content.KindContact, Section: "contacts", Contact: c},
		},
		Skipped: []*content.Page{
			{Path: "content/articles/draft.md", Kind: content.KindArticle, Section: "articles", Draft: true, URL: "/articles/draft/"},
			{Path: "content/articles/later.md", Kind: content.KindArticle, Section: "articles", URL: "/articles/later/"},
		},
		Contacts: map[string]*content.Contact{"act-early": c},
	}
}

// tree hashes every file under dir by relative path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestBuild(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	before := tree(t, root)
	dest := filepath.Join(t.TempDir(), "public")
	t.Setenv("HUGO_BASEURL", "https://wrong.example.net/") // must not leak in
	t.Setenv("HUGO_TITLE", "Wrong")

	res, diags := Build(context.Background(), model(root), Output{Dest: dest}, Options{NoMinify: true})
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	if after := tree(t, root); len(after) != len(before) {
		t.Errorf("the build wrote into the source folder: %d files before, %d after", len(before), len(after))
	}

	home := read(t, filepath.Join(dest, "index.html"))
	for _, want := range []string{`lang="en-GB"`, "Safe City", "City of Example", `href="/articles/"`, `href="/contacts/"`, `href="/about/"`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q:\n%s", want, home)
		}
	}
	if strings.Contains(home, "Wrong") {
		t.Error("a HUGO_ environment variable changed the build")
	}

	article := read(t, filepath.Join(dest, "articles", "prevent", "index.html"))
	for _, want := range []string{"<strong>text</strong>", `0800 011 3764</a>`, `class="partial"`, `id="contact-act-early"`, `class="contact"`, "2020-12-10", `href="https://www.gov.uk/"`} {
		if !strings.Contains(article, want) {
			t.Errorf("article lacks %q:\n%s", want, article)
		}
	}
	for _, bad := range []string{"<script", "javascript:"} {
		if strings.Contains(article, bad) {
			t.Errorf("article contains %q:\n%s", bad, article)
		}
	}

	for _, want := range []string{"articles/index.xml", "sitemap.xml", "robots.txt", "robots-extra.txt", "_headers", "contacts/index.html", "about/index.html"} {
		if !exists(filepath.Join(dest, want)) {
			t.Errorf("%s not written", want)
		}
	}
	for _, unwanted := range []string{"index.xml", "contacts/act-early/index.html", "contacts/index.xml", "articles/later/index.html", "articles/draft/index.html", "tags/index.html"} {
		if exists(filepath.Join(dest, unwanted)) {
			t.Errorf("%s written, want none", unwanted)
		}
	}
	sitemap := read(t, filepath.Join(dest, "sitemap.xml"))
	if !strings.Contains(sitemap, "https://safe.example.org/articles/prevent/") || strings.Contains(sitemap, "act-early") {
		t.Errorf("sitemap wrong:\n%s", sitemap)
	}
	if contacts := read(t, filepath.Join(dest, "contacts", "index.html")); strings.Contains(contacts, "/contacts/act-early/") {
		t.Errorf("contacts are not pages, yet the list links one:\n%s", contacts)
	}
	headers := read(t, filepath.Join(dest, "_headers"))
	for _, want := range []string{"default-src 'self'", "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "/newsletter/*", "style-src 'self' 'unsafe-inline'"} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}

	got := tree(t, dest)
	var pages int
	for p := range got {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	if res.Pages != pages || res.Files != len(got) {
		t.Errorf("result says %d pages, %d files; folder has %d pages, %d files: %v", res.Pages, res.Files, pages, len(got), got)
	}
}

// TestBuildDraftsFutureBaseURL: the model decides (with its own idea of
// today), not Hugo's clock.
// TestBuildIgnoresHugoConfigFiles: a hugo.toml left in the source folder
// cannot switch raw HTML on or change the site.
func TestBuildIgnoresHugoConfigFiles(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	for _, name := range []string{"hugo.toml", "config.toml"} {
		cfg := "title = \"From a config file\"\n[markup.goldmark.renderer]\nunsafe = true\n"
		if err := os.WriteFile(filepath.Join(root, name), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := t.TempDir()
	if _, diags := Build(context.Background(), model(root), Output{Dest: dest}, Options{}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	article := read(t, filepath.Join(dest, "articles", "prevent", "index.html"))
	if strings.Contains(article, "From a config file") || strings.Contains(article, "<script") {
		t.Errorf("a hugo.toml in the source folder changed the build:\n%s", article)
	}
}

func TestBuildDraftsFutureBaseURL(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	dest := t.TempDir()
	// Loaded with drafts and future pages, the model holds them all: Hugo
	// builds what the model holds.
	m := model(root)
	m.Pages, m.Skipped = append(m.Pages, m.Skipped...), nil
	_, diags := Build(context.Background(), m, Output{Dest: dest}, Options{BaseURL: "https://preview.example.org/x/"})
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	for _, want := range []string{"articles/later/index.html", "articles/draft/index.html"} {
		if !exists(filepath.Join(dest, want)) {
			t.Errorf("%s not written with Drafts and Future", want)
		}
	}
	if sitemap := read(t, filepath.Join(dest, "sitemap.xml")); !strings.Contains(sitemap, "https://preview.example.org/x/articles/prevent/") {
		t.Errorf("base URL not used:\n%s", sitemap)
	}
}

func TestBuildTemplateErrors(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             string // prefix of the diagnostic
	}{
		{"unclosed action", "layouts/single.html", "{{ define \"main\" }}\n<h1>{{ .Title }</h1>\n{{ end }}\n", "layouts/single.html:2: error: "},
		{"unclosed action in a partial", "layouts/_partials/x.html", "<p>\n{{ .Title }\n", "layouts/_partials/x.html:2: error: "},
		{"unclosed if", "layouts/list.html", "{{ define \"main\" }}\n{{ if .Title }}\n<h1>x</h1>\n{{ end }}\n", "layouts/list.html:"},
		{"bad field", "layouts/single.html", "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ .NoSuchField }}\n{{ end }}\n", "layouts/single.html:3:"},
		{"no network", "layouts/single.html", "{{ define \"main\" }}\n{{ with resources.GetRemote \"https://example.org/x.css\" }}{{ .Content }}{{ end }}\n{{ end }}\n", "layouts/single.html:2:"},
		{"errorf is logged", "layouts/single.html", "{{ define \"main\" }}{{ errorf \"the %s is broken\" \"page\" }}{{ end }}\n", "error: the page is broken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			useTheme(t, noTheme)
			root := fixture(t, "basic")
			if err := os.WriteFile(filepath.Join(root, tt.file), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, diags := Build(context.Background(), model(root), Output{Dest: t.TempDir()}, Options{})
			if !diags.HasErrors() {
				t.Fatalf("no error for a broken template")
			}
			text := diags.Errors().Sort().Error()
			if !strings.HasPrefix(text, tt.want) {
				t.Errorf("diagnostics do not start with %q:\n%s", tt.want, text)
			}
			for _, bad := range []string{root, "goroutine", ".go:", "\n\t"} {
				if strings.Contains(text, bad) {
					t.Errorf("diagnostics contain %q:\n%s", bad, text)
				}
			}
			t.Log(text)
		})
	}
}

func TestHugoConfigIsJSON(t *testing.T) {
	cfg := HugoConfig(model("/src"), Options{BaseURL: "https://x.example/"})
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back["baseURL"] != "https://x.example/" || back["buildDrafts"] != true || back["timeZone"] != "Europe/London" {
		t.Errorf("config: %s", data)
	}
	for _, k := range []string{"workingDir", "publishDir", "themesDir"} {
		if _, ok := back[k]; ok {
			t.Errorf("HugoConfig holds the machine-specific %s", k)
		}
	}
	params := back["params"].(map[string]any)
	ph := params["contacts"].(map[string]any)["act-early"].(map[string]any)["phones"].([]any)[0].(map[string]any)
	if ph["tel"] != "+448000113764" || ph["number"] != "0800 011 3764" {
		t.Errorf("contact phone in params: %v", ph)
	}
}

func TestRelPath(t *testing.T) {
	theme := filepath.Join(themesDir, themeName)
	tests := map[string]string{
		"/src/layouts/single.html":              "layouts/single.html",
		theme + "/layouts/baseof.html":          "layouts/baseof.html (built-in theme)",
		"/elsewhere/x.html":                     "/elsewhere/x.html",
		"":                                      "",
		"/src/content/articles/a b.md":          "content/articles/a b.md",
		filepath.Join(theme, "assets/site.css"): "assets/site.css (built-in theme)",
	}
	for in, want := range tests {
		if got := relPath("/src", in); got != want {
			t.Errorf("relPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHugoVersion(t *testing.T) {
	if v := HugoVersion(); v != "v0.165.0" {
		t.Errorf("HugoVersion() = %q", v)
	}
}

func TestBuiltinTheme(t *testing.T) {
	root := fixture(t, "basic")
	if err := os.RemoveAll(filepath.Join(root, "layouts")); err != nil {
		t.Fatal(err)
	}
	override := "{{ define \"main\" }}<p>the folder's own home page</p>{{ end }}\n"
	if err := os.MkdirAll(filepath.Join(root, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "layouts", "home.html"), []byte(override), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	_, diags := Build(context.Background(), model(root), Output{Dest: dest}, Options{})
	if diags.HasErrors() {
		t.Fatalf("build with the built-in theme failed:\n%s", diags)
	}
	if home := read(t, filepath.Join(dest, "index.html")); !strings.Contains(home, "the folder's own home page") {
		t.Errorf("the folder's layouts/home.html did not override the built-in one:\n%s", home)
	}
	about := read(t, filepath.Join(dest, "about", "index.html"))
	if !strings.Contains(about, "About us.") || !strings.Contains(about, "<html") {
		t.Errorf("the built-in theme did not render the about page:\n%s", about)
	}
}

func TestBuiltinThemeErrorPath(t *testing.T) {
	root := fixture(t, "basic")
	broken := fstest.MapFS{"layouts/home.html": {Data: []byte("<p>\n{{ if }}\n")}}
	if err := os.Remove(filepath.Join(root, "layouts", "list.html")); err != nil {
		t.Fatal(err)
	}
	useTheme(t, broken)
	_, diags := Build(context.Background(), model(root), Output{Dest: t.TempDir()}, Options{})
	text := diags.Errors().Sort().Error()
	if !strings.HasPrefix(text, "layouts/home.html (built-in theme):2") {
		t.Errorf("want the error in the built-in theme's file, got:\n%s", text)
	}
}

// TestOwnHeadersFile: a _headers file in static/ replaces the built-in one.
func TestOwnHeadersFile(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	own := "/*\n  X-Own: yes\n"
	if err := os.WriteFile(filepath.Join(root, "static", "_headers"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	if _, diags := Build(context.Background(), model(root), Output{Dest: dest}, Options{}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	if got := read(t, filepath.Join(dest, "_headers")); got != own {
		t.Errorf("_headers = %q, want the folder's own", got)
	}
}

// TestBuildPublishesWhatWasLoaded saves a page after the model was loaded
// (as a writer may do while a build runs): Hugo must build the bytes the
// loader read and the checks passed, not the file now on disk.
func TestBuildPublishesWhatWasLoaded(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	file := filepath.Join(root, "content", "articles", "prevent.md")
	loaded, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := model(root)
	for _, p := range s.Pages {
		if p.Path == "content/articles/prevent.md" {
			p.Served, p.ModTime = loaded, time.Date(2020, 12, 1, 9, 0, 0, 0, time.UTC)
		}
	}
	saved := strings.Replace(string(loaded), "Some **text**.", "Unchecked words.", 1)
	if err := os.WriteFile(file, []byte(saved), 0o644); err != nil {
		t.Fatal(err)
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, diags := Build(context.Background(), s, Output{Dest: dest}, Options{NoMinify: true}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	page := read(t, filepath.Join(dest, "articles", "prevent", "index.html"))
	if !strings.Contains(page, "<strong>text</strong>") || strings.Contains(page, "Unchecked") {
		t.Errorf("the page was not built from the loaded bytes:\n%s", page)
	}
	// Pages without loaded bytes (and every other file) still come from disk.
	if about := read(t, filepath.Join(dest, "about", "index.html")); !strings.Contains(about, "<html") {
		t.Errorf("about page not built from disk:\n%s", about)
	}
}

// TestBuildDiskFailure: a file where the build must make a folder is a
// failure of the machine (diag.System: exit status 3), not a content error
// in Hugo's words.
func TestBuildDiskFailure(t *testing.T) {
	useTheme(t, noTheme)
	root := fixture(t, "basic")
	first := filepath.Join(t.TempDir(), "public")
	if _, d := Build(context.Background(), model(root), Output{Dest: first}, Options{}); d.HasErrors() {
		t.Fatal(d)
	}
	entries, err := os.ReadDir(first)
	if err != nil {
		t.Fatal(err)
	}
	folder := ""
	for _, e := range entries {
		if e.IsDir() {
			folder = e.Name()
			break
		}
	}
	if folder == "" {
		t.Fatal("the build made no folder")
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, folder), []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, d := Build(context.Background(), model(root), Output{Dest: dest}, Options{})
	if len(d) != 1 || d[0].Class != diag.System || !strings.Contains(d[0].Message, "cannot write the site into the output folder") {
		t.Fatalf("got %v, want one system error", d)
	}
}
