package content

import "testing"

// TestPageLanguage: a page in another language says so in its front matter.
func TestPageLanguage(t *testing.T) {
	const a = "content/articles/a.md"
	runCases(t, []loadCase{
		{"Welsh", map[string]string{a: article("language: cy\n")}, Options{}, nil},
		{"Punjabi in Arabic script", map[string]string{a: article("language: pa-Arab\n")}, Options{}, nil},
		{"not a tag", map[string]string{a: article("language: Welsh\n")}, Options{},
			[]string{a + ":5:11: error: language: \"Welsh\" is not a language tag (use a tag such as cy for Welsh, bn for Bengali or ar for Arabic)"}},
	})
	s, d := loadFiles(t, map[string]string{"site.yaml": okSite, a: article("language: ar\n")}, Options{})
	if s == nil {
		t.Fatalf("no site: %v", d)
	}
	found := false
	for _, p := range s.Pages {
		if p.Path == a {
			found = true
			if p.Language != "ar" {
				t.Errorf("Language = %q, want ar", p.Language)
			}
		}
	}
	if !found {
		t.Errorf("no page %s", a)
	}
}
