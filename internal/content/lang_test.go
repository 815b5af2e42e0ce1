package content

import (
	"slices"
	"strings"
	"testing"
)

const langSite = "title: T\nbase_url: https://example.org/\norganisation: {name: C, url: \"https://example.org/\"}\n"

const langPage = "---\ntitle: A\nreview_by: 2027-01-01\n---\nText.\n"

// TestLanguagesConfig: site.yaml's languages are checked with the position
// of each problem.
func TestLanguagesConfig(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want []string // diagnostics, or the codes and names when none
	}{
		{"languages: [cy, ar]\n", []string{"cy Cymraeg", "ar العربية"}},
		{"languages:\n  - cy\n  - {code: ti, name: ትግርኛ}\n", []string{"cy Cymraeg", "ti ትግርኛ"}},
		{"languages: [CY]\n", []string{`site.yaml:4:13: error: languages.0: "CY" is not a language tag as file names use it (write it in lower case, such as cy, ar or pt-br)`}},
		{"languages: [cy, cy]\n", []string{"site.yaml:4:17: error: languages.1: cy is listed twice, or is the site's own language (remove it)"}},
		{"languages: [en]\n", []string{"site.yaml:4:13: error: languages.0: en is listed twice, or is the site's own language (remove it)"}},
		{"languages: [xx]\n", []string{"site.yaml:4:13: error: languages.0: safeguard does not know what xx calls itself (write {code: xx, name: the language's name in itself})"}},
		{"languages: cy\n", []string{`site.yaml:4:12: error: languages: expected a list of languages, not "cy" (write it as [cy, ar])`}},
	} {
		s, d := loadFiles(t, map[string]string{"site.yaml": langSite + tc.yaml, "content/a.md": langPage}, Options{})
		got := d
		if s != nil {
			got = nil
			for _, l := range s.Config.Translations() {
				got = append(got, l.Code+" "+l.Name)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.yaml, got, tc.want)
		}
	}
}

// TestTranslationFiles: x.cy.md is the Welsh translation of x.md, published
// under /cy/, in the model as a page in Welsh.
func TestTranslationFiles(t *testing.T) {
	s, d := loadFiles(t, map[string]string{
		"site.yaml":                 langSite + "languages: [cy]\n",
		"content/a.md":              langPage,
		"content/a.cy.md":           strings.Replace(langPage, "---\nText", "translated_from_reviewed: 2026-11-01\n---\nText", 1),
		"content/news/_index.md":    langPage,
		"content/news/_index.cy.md": langPage,
	}, Options{})
	if len(d) > 0 {
		t.Fatal(d)
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, p.Path+" "+p.URL+" "+p.Translation+" "+p.Language+" "+p.Original+" "+p.TranslatedFrom.Format("2006-01-02"))
	}
	want := []string{
		"content/a.cy.md /cy/a/ cy cy content/a.md 2026-11-01",
		"content/a.md /a/    0001-01-01",
		"content/news/_index.cy.md /cy/news/ cy cy content/news/_index.md 0001-01-01",
		"content/news/_index.md /news/    0001-01-01",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	_, d = loadFiles(t, map[string]string{
		"site.yaml":       langSite + "languages: [cy]\n",
		"content/a.pl.md": langPage,
		"content/b.cy.md": langPage,
		"content/c.md":    strings.Replace(langPage, "---\nText", "translated_from_reviewed: 2026-11-01\n---\nText", 1),
	}, Options{})
	for _, w := range []string{
		"content/a.pl.md: error: the file name says this page is in pl, which site.yaml does not list",
		"content/b.cy.md: error: this is a translation of content/b.md, which does not exist",
		"content/c.md:4:1: error: ",
	} {
		if !slices.ContainsFunc(d, func(s string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("no %q in\n%s", w, strings.Join(d, "\n"))
		}
	}
}
