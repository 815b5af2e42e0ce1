package content

import (
	"slices"
	"strings"
	"testing"
)

// Front matter snippets that are valid on their own, for building cases.
const (
	okContact = "---\ntitle: ACT Early Support Line\nsummary: Call if you are worried.\nphones:\n  - number: \"0800 011 3764\"\nsource: https://actearly.uk/contact\nverified_on: 2026-11-01\n---\n"
	okArticle = "---\ntitle: Prevent\ndate: 2020-12-04\nsummary: What Prevent is.\n---\nText.\n"
	okSite    = "title: City safeguarding\nbase_url: https://safe.example.org\norganisation:\n  name: City of London Corporation\n  url: https://www.cityoflondon.gov.uk/\n"
)

// page returns a plain page with the given extra front matter lines.
func page(extra string) string { return "---\ntitle: T\n" + extra + "---\nBody.\n" }

// article returns an article with the given extra front matter lines.
func article(extra string) string {
	return "---\ntitle: T\ndate: 2020-12-04\nsummary: S\n" + extra + "---\nBody.\n"
}

// contact returns a contact with the given extra lines (it has a URL already).
func contact(extra string) string {
	return "---\ntitle: C\nsummary: S\nurl: https://example.org/\nsource: https://example.org/\nverified_on: 2026-11-01\n" + extra + "---\n"
}

// event returns an event with the given extra lines.
func event(extra string) string {
	return "---\ntitle: E\nstart: 2020-11-26\naudience: Staff\n" + extra + "---\n"
}

func actEarly(extra string) string { return "---\ntitle: A\nsummary: S\n" + extra + "---\n" }

type loadCase struct {
	name  string
	files map[string]string
	opts  Options
	want  []string // every diagnostic, sorted
}

func runCases(t *testing.T, cases []loadCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := loadFiles(t, tc.files, tc.opts)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}
