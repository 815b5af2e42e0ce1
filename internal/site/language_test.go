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
		{"articles/index.html", `<li class="list__item" lang="cy">\s*<h[23] class="list__title"><a href="/articles/croeso/">Cymorth yn Gymraeg</a></h[23]>`},
		{"articles/index.html", `<li class="list__item" lang="ar" dir="rtl">`},
		{"articles/index.html", `<li class="list__item">\s*<h[23] class="list__title"><a href="/articles/keeping-safe/">`},
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

// TestTranslatedPages: a page with a Welsh and an Arabic translation
// (keeping-safe.cy.md, keeping-safe.ar.md beside keeping-safe.md) is
// published three times, each with lang and dir on <html>, the site's own
// words in its language, links to the other two named in themselves, and
// hreflang alternates in <head> and the sitemap, in every direction.
func TestTranslatedPages(t *testing.T) {
	dest := buildKitchenSink(t)
	en, cy, ar := "articles/keeping-safe/index.html", "cy/articles/keeping-safe/index.html", "ar/articles/keeping-safe/index.html"
	alternates := `<link rel="alternate" hreflang="en-GB" href="https://safe.example.org/articles/keeping-safe/">\s*` +
		`<link rel="alternate" hreflang="cy" href="https://safe.example.org/cy/articles/keeping-safe/">\s*` +
		`<link rel="alternate" hreflang="ar" href="https://safe.example.org/ar/articles/keeping-safe/">`
	link := func(href, lang, dir, name string) string {
		return `<li><a href="` + href + `" hreflang="` + lang + `" lang="` + lang + `" dir="` + dir + `">` + name + `</a></li>`
	}
	for _, tc := range []struct{ file, re string }{
		{en, `<html lang="en-GB" dir="ltr">`},
		{cy, `<html lang="cy" dir="ltr">`},
		{ar, `<html lang="ar" dir="rtl">`},
		{en, alternates}, {cy, alternates}, {ar, alternates},
		{en, link("/cy/articles/keeping-safe/", "cy", "ltr", "Cymraeg")},
		{en, link("/ar/articles/keeping-safe/", "ar", "rtl", "العربية")},
		{cy, link("/articles/keeping-safe/", "en-GB", "ltr", "English")},
		{cy, link("/ar/articles/keeping-safe/", "ar", "rtl", "العربية")},
		{ar, link("/articles/keeping-safe/", "en-GB", "ltr", "English")},
		{ar, link("/cy/articles/keeping-safe/", "cy", "ltr", "Cymraeg")},
		{cy, `Mewn argyfwng, ffoniwch`},
		{cy, `Gadael y dudalen hon`},
		{cy, `<time datetime="2026-11-02">2 Tachwedd 2026</time>`},
		{cy, `<a href="/accessibility/">Hygyrchedd</a>`},
		{ar, `في حالات الطوارئ، اتصل بالرقم`},
		{ar, `على <span dir="ltr">0800 011 3764</span> إذا`},
		// Hugo's multilingual sitemaps: an index at the root, one per language.
		{"sitemap.xml", `<loc>https://safe.example.org/cy/sitemap.xml</loc>`},
		{"en/sitemap.xml", `<xhtml:link rel="alternate" hreflang="cy" href="https://safe.example.org/cy/articles/keeping-safe/"/>`},
		{"cy/sitemap.xml", `<loc>https://safe.example.org/cy/articles/keeping-safe/</loc>\s*<xhtml:link rel="alternate" hreflang="en-GB" href="https://safe.example.org/articles/keeping-safe/"/>`},
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
	// The English page is in English: no Welsh furniture leaked into it.
	if b, _ := os.ReadFile(filepath.Join(dest, en)); regexp.MustCompile(`Mewn argyfwng|Hygyrchedd`).Match(b) {
		t.Errorf("%s has Welsh words of the site's own", en)
	}
}
