package site

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"safeguard/internal/content"
)

// buildKitchenSink loads and builds testdata/kitchensink (every construct a
// writer can type) with the built-in theme, unminified, and returns the
// output folder.
func buildKitchenSink(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "kitchensink"))
	if err != nil {
		t.Fatal(err)
	}
	s, diags := content.Load(root, content.Options{Today: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatalf("kitchen sink does not load:\n%s", diags)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags := Build(context.Background(), s, Output{Dest: dest}, Options{NoMinify: true}); diags.HasErrors() {
		t.Fatalf("kitchen sink does not build:\n%s", diags)
	}
	return dest
}

// TestLanguageEverywhere: a page written in Welsh (language: cy) is marked
// lang="cy" in every place its title or summary appears, not only on its own
// page (WCAG 3.1.2), and an Arabic one also dir="rtl".
func TestLanguageEverywhere(t *testing.T) {
	dest := buildKitchenSink(t)
	for _, tc := range []struct{ file, re string }{
		{"articles/croeso/index.html", `<title lang="cy">Cymorth yn Gymraeg – `},
		{"articles/croeso/index.html", `<h1 lang="cy">Cymorth yn Gymraeg</h1>`},
		{"articles/croeso/index.html", `<p class="lede" lang="cy">Tudalen yn Gymraeg`},
		{"articles/croeso/index.html", `<a href="/articles/croeso/" aria-current="page" lang="cy">Cymorth yn Gymraeg</a>`},
		{"articles/croeso/index.html", `"inLanguage":"cy"`},
		{"articles/in-arabic/index.html", `<title lang="ar" dir="rtl">`},
		{"articles/keeping-safe/index.html", `"inLanguage":"en-GB"`},
		{"articles/index.html", `<li class="list__item" lang="cy">\s*<h2 class="list__title"><a href="/articles/croeso/">Cymorth yn Gymraeg</a></h2>`},
		{"articles/index.html", `<li class="list__item" lang="ar" dir="rtl">`},
		{"articles/index.html", `<li class="list__item">\s*<h2 class="list__title"><a href="/articles/keeping-safe/">`},
		{"index.html", `<li class="list__item" lang="ar" dir="rtl">\s*<h3 class="list__title"><a href="/articles/in-arabic/">`},
		{"site-map/index.html", `<li lang="cy"><a href="/articles/croeso/">Cymorth yn Gymraeg</a></li>`},
		{"articles/index.xml", `<item xml:lang="cy">\s*<title>Cymorth yn Gymraeg</title>`},
		// A phone number in Arabic text keeps its order (markdown.IsolateRuns).
		{"articles/in-arabic/index.html", `على <span dir="ltr">0800 011 3764</span>\. نحن`},
		{"articles/croeso/index.html", `<p lang="ar" dir="rtl">.*على <span dir="ltr">0800 011 3764</span>؟</p>`},
	} {
		b, err := os.ReadFile(filepath.Join(dest, tc.file))
		if err != nil {
			t.Error(err)
			continue
		}
		if !regexp.MustCompile(tc.re).Match(b) {
			t.Errorf("%s: no match for %s", tc.file, tc.re)
		}
	}
}
