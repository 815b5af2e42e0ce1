package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/rules"
)

var today = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

const siteYAML = `title: Test site
base_url: "https://example.org/"
organisation:
  name: Test Council
  url: "https://example.org/"
`

const emergencyContact = `---
title: Emergency
summary: Call 999 if someone is in danger now.
phones:
  - number: "999"
emergency: true
source: "https://example.org/"
verified_on: 2026-11-01
---
`

// page is a plain page: front matter lines 1-4 (plus extra), body after.
// ruleUnsafeFile is the rule of a file that could run script: the loader's
// input gate reports it (content.ActiveContent); it is listed with the rules.
const ruleUnsafeFile = "unsafe-file"

// knownRule reports whether the rulebook has the rule name.
func knownRule(name string) bool {
	_, ok := rules.Lookup(name)
	return ok
}

func page(extra, body string) string {
	return "---\ntitle: A page\nsummary: What this page is for.\nreview_by: 2027-05-01\n" + extra + "---\n" + body
}

// translated is a page (with extra front matter) and its Welsh translation
// (with its own), in a site that lists Welsh.
func translated(extra, extraCy string) map[string]string {
	return map[string]string{
		"site.yaml":       siteYAML + "languages: [cy]\n",
		a:                 page(extra, "Text.\n"),
		"content/a.cy.md": page(extraCy, "Testun.\n"),
	}
}

func contactFile(extra string) string {
	return "---\ntitle: Helpline\nsummary: Call if you are worried.\nphones:\n  - number: \"0800 011 3764\"\nsource: \"https://example.org/\"\n" + extra + "---\n"
}

// siteFS builds a source folder: site.yaml, the emergency contact, and files.
func siteFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"site.yaml":                     {Data: []byte(siteYAML)},
		"content/contacts/emergency.md": {Data: []byte(emergencyContact)},
	}
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func load(t *testing.T, fsys fstest.MapFS) *content.Site {
	t.Helper()
	s, d := content.NewLoaderFS(fsys, "/src", content.Options{Today: today}).Load()
	if s == nil {
		t.Fatalf("the model did not load:\n%s", d.Error())
	}
	return s
}

// only keeps the diagnostics of one rule, as "path:line:col: severity" text.
func only(l diag.List, rule string) []string {
	var out []string
	for _, d := range l.Sort() {
		if d.Rule == rule {
			out = append(out, fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Line, d.Col, d.Severity))
		}
	}
	return out
}

type ruleCase struct {
	name  string
	rule  string
	files map[string]string
	want  []string // "path:line:col: severity" of that rule's diagnostics
}

func runSource(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := siteFS(tc.files)
			got := Source(load(t, fsys), Options{Today: today})
			if g := only(got, tc.rule); !slices.Equal(g, tc.want) {
				t.Errorf("%s diagnostics:\n got %q\nwant %q\nall:\n%s", tc.rule, g, tc.want, got.Error())
			}
			for _, d := range got {
				if !knownRule(d.Rule) && d.Rule != ruleIgnore {
					t.Errorf("diagnostic with unknown rule %q: %s", d.Rule, d)
				}
			}
		})
	}
}

const a = "content/a.md"

func TestLinkRules(t *testing.T) { runSource(t, linkCases()) }

func linkCases() []ruleCase {
	about := page("", "Who we are.\n")
	return []ruleCase{
		{"link to a page", "broken-link", map[string]string{"content/about.md": about, a: page("", "Read [about us](/about/).\n")}, nil},
		{"link to a page without the final slash", "broken-link", map[string]string{"content/about.md": about, a: page("", "Read [about us](/about).\n")}, nil},
		{"relative link to a sibling", "broken-link", map[string]string{"content/about.md": about, a: page("", "Read [about us](../about/).\n")}, nil},
		{"link to a missing page", "broken-link", map[string]string{a: page("", "Some text.\n\nRead [about us](/about/).\n")}, []string{a + ":8:6: error"}},
		{"link to a draft", "broken-link", map[string]string{"content/about.md": page("draft: true\n", "x\n"), a: page("", "Read [about us](/about/).\n")}, []string{a + ":6:6: error"}},
		{"link to a contact file", "broken-link", map[string]string{a: page("", "Call [the emergency line](/contacts/emergency/).\n")}, []string{a + ":6:6: error"}},
		{"link to a Markdown file name", "broken-link", map[string]string{"content/about.md": about, a: page("", "Read [about us](about.md).\n")}, []string{a + ":6:6: error"}},
		{"link to a bundle file", "broken-link", map[string]string{
			"content/guide/index.md": page("", "Get [the leaflet](leaflet.pdf) or [read it on our site](/a/).\n"), a: page("", "x\n"),
			"content/guide/leaflet.pdf": "%PDF",
		}, nil},
		{"link to a static file", "broken-link", map[string]string{a: page("", "Get [the leaflet](/files/leaflet.txt).\n"), "static/files/leaflet.txt": "x"}, nil},
		{"link to another site", "broken-link", map[string]string{a: page("", "See [GOV.UK guidance](https://www.gov.uk/x).\n")}, nil},
		{"absolute link to this site", "broken-link", map[string]string{"site.yaml": strings.Replace(siteYAML, "https://example.org/", "https://safer.example.gov.uk/", 1), a: page("", "See [our news](https://safer.example.gov.uk/news/).\n")}, []string{a + ":6:5: error"}},
		{"link to the placeholder base_url's host is another site's", "broken-link", map[string]string{a: page("", "See [an example](https://example.org/news/).\n")}, nil},
		{"bare www. address is a link to that site", "broken-link", map[string]string{a: page("", "Visit www.gov.uk today.\n")}, nil},
		{"bare www. address is its own link text", "link-text", map[string]string{a: page("", "Visit www.gov.uk today.\n")}, []string{a + ":6:7: error"}},

		{"clear link text", "link-text", map[string]string{a: page("", "See [GOV.UK guidance on radicalisation](https://www.gov.uk/x).\n")}, nil},
		{"click here", "link-text", map[string]string{a: page("", "For guidance [click here](https://www.gov.uk/x).\n")}, []string{a + ":6:14: error"}},
		{"click here to book", "link-text", map[string]string{a: page("", "[Click here to book](https://www.gov.uk/x)\n")}, []string{a + ":6:1: error"}},
		{"read more", "link-text", map[string]string{a: page("", "Guidance.\n[Read more »](https://www.gov.uk/x)\n")}, []string{a + ":7:1: error"}},
		{"bare address", "link-text", map[string]string{a: page("", "Go to https://www.gov.uk/ACT now.\n")}, []string{a + ":6:7: error"}},
		{"address as link text", "link-text", map[string]string{a: page("", "Go to [https://www.gov.uk/ACT](https://www.gov.uk/ACT).\n")}, []string{a + ":6:7: error"}},
		{"e-mail address as text", "link-text", map[string]string{a: page("", "Write to [safer.city@example.org](mailto:safer.city@example.org).\n")}, nil},

		{"https link", "http-link", map[string]string{a: page("", "See [the council](https://example.com/).\n")}, nil},
		{"http link", "http-link", map[string]string{a: page("", "See [the council](http://example.com/).\n")}, []string{a + ":6:5: error"}},

		{"PDF beside its web page", "pdf-only", map[string]string{
			"content/guide/index.md":   page("", "Read [the report](/a/) or [download it as a PDF](report.pdf).\n"),
			"content/guide/report.pdf": "%PDF", a: page("", "The report.\n"),
		}, nil},
		{"PDF on a page with its own text", "pdf-only", map[string]string{
			"content/guide/index.md":   page("", strings.Repeat("This page says what the report says in plain words. ", 6)+"\n\n[The full report (PDF)](report.pdf)\n"),
			"content/guide/report.pdf": "%PDF",
		}, nil},
		{"PDF as the only copy", "pdf-only", map[string]string{
			"content/guide/index.md":   page("", "## Report\n\n- [Annual report (PDF)](report.pdf)\n"),
			"content/guide/report.pdf": "%PDF",
		}, []string{"content/guide/index.md:8:3: error"}},
	}
}

func TestImageRules(t *testing.T) { runSource(t, imageCases()) }

func imageCases() []ruleCase {
	const g = "content/guide/index.md"
	png := "\x89PNG"
	return []ruleCase{
		{"image with alt text", "image-alt", map[string]string{g: page("", "![A map of the City](map.png)\n"), "content/guide/map.png": png}, nil},
		{"image without alt text", "image-alt", map[string]string{g: page("", "Text.\n\n![](map.png)\n"), "content/guide/map.png": png}, []string{g + ":8:1: error"}},
		{"decorative image with a reason", "image-alt", map[string]string{g: page("", "<!-- safeguard-ignore image-alt: decorative border -->\n![](map.png)\n"), "content/guide/map.png": png}, nil},
		{"image that exists", "broken-image", map[string]string{g: page("", "![A map](map.png)\n"), "content/guide/map.png": png}, nil},
		{"static image", "broken-image", map[string]string{a: page("", "![A map](/images/map.png)\n"), "static/images/map.png": png}, nil},
		{"missing image", "broken-image", map[string]string{g: page("", "![A map](mpa.png)\n"), "content/guide/map.png": png}, []string{g + ":6:1: error"}},
		{"image from this site", "remote-image", map[string]string{g: page("", "![A map](map.png)\n"), "content/guide/map.png": png}, nil},
		{"image from another site", "remote-image", map[string]string{a: page("", "![A map](https://maps.example.com/city.png)\n")}, []string{a + ":6:1: error"}},
	}
}

func TestHeadingRules(t *testing.T) { runSource(t, headingCases()) }

func headingCases() []ruleCase {
	return []ruleCase{
		{"headings in order", "heading-skip", map[string]string{a: page("", "## One\n\n### One a\n\n## Two\n")}, nil},
		{"skipped level", "heading-skip", map[string]string{a: page("", "## One\n\n#### Too deep\n")}, []string{a + ":8:1: error"}},
		{"body starts at level 3", "heading-skip", map[string]string{a: page("", "### Too deep\n")}, []string{a + ":6:1: error"}},
		{"no top-level heading", "heading-h1", map[string]string{a: page("", "## One\n")}, nil},
		{"a second top-level heading", "heading-h1", map[string]string{a: page("", "Text.\n\n# Title again\n")}, []string{a + ":8:1: error"}},
		{"setext top-level heading", "heading-h1", map[string]string{a: page("", "Title again\n===\n")}, []string{a + ":6:1: error"}},
		{"the five kinds of note", "alert-type", map[string]string{a: page("", "> [!NOTE]\n> One.\n\n> [!TIP]\n> Two.\n\n> [!IMPORTANT]\n> Three.\n\n> [!warning] Title\n> Four.\n\n> [!CAUTION]\n> Five.\n")}, nil},
		{"a quote that only looks like one", "alert-type", map[string]string{a: page("", "> [link text] and [!NOTE] later.\n\n> Text\n> [!NOTE]\n")}, nil},
		{"translation made from the page as it is", "translation-stale", translated("last_reviewed: 2026-11-01\n", "translated_from_reviewed: 2026-11-01\n"), nil},
		{"translation of a page reviewed since", "translation-stale", translated("last_reviewed: 2026-11-20\n", "translated_from_reviewed: 2026-11-01\n"), []string{"content/a.cy.md:5:1: warning"}},
		{"translation reviewed after the page, saying nothing else", "translation-stale", translated("last_reviewed: 2026-11-01\n", "last_reviewed: 2026-11-02\n"), nil},
		{"a kind of note that does not exist", "alert-type", map[string]string{a: page("", "Text.\n\n> [!DANGER]\n> Call 999.\n\n  > [!FOO]+ Title\n")}, []string{a + ":8:3: warning", a + ":11:5: warning"}},
	}
}

func TestDateRules(t *testing.T) { runSource(t, dateCases()) }

func dateCases() []ruleCase {
	noReview := "---\ntitle: A page\n---\nSome words of text.\n"
	return []ruleCase{
		{"page with review date", "review-missing", map[string]string{a: page("", "Text.\n")}, nil},
		{"page without review date", "review-missing", map[string]string{a: noReview}, []string{a + ":2:1: error"}},
		{"section list without text needs none", "review-missing", map[string]string{"content/news/_index.md": "---\ntitle: News\n---\n"}, nil},
		{"section page with text needs one", "review-missing", map[string]string{"content/news/_index.md": "---\ntitle: News\n---\nOur news.\n"}, []string{"content/news/_index.md:2:1: error"}},
		{"draft needs none", "review-missing", map[string]string{a: "---\ntitle: A\ndraft: true\n---\nText.\n"}, nil},
		{"contact needs none", "review-missing", map[string]string{}, nil},

		{"review in the future", "review-overdue", map[string]string{a: page("", "Text.\n")}, nil},
		{"review passed", "review-overdue", map[string]string{a: "---\ntitle: A\nreview_by: 2026-11-28\n---\nText.\n"}, []string{a + ":3:1: error"}},
		{"review today is due, not overdue", "review-overdue", map[string]string{a: "---\ntitle: A\nreview_by: 2026-11-29\n---\nText.\n"}, nil},
		{"review due in 30 days", "review-due", map[string]string{a: "---\ntitle: A\nreview_by: 2026-12-29\n---\nText.\n"}, []string{a + ":3:1: warning"}},
		{"review due in 31 days", "review-due", map[string]string{a: "---\ntitle: A\nreview_by: 2026-12-30\n---\nText.\n"}, nil},

		{"contact verified recently", "contact-overdue", map[string]string{"content/contacts/help.md": contactFile("verified_on: 2026-06-01\n")}, nil},
		{"contact verified too long ago", "contact-overdue", map[string]string{"content/contacts/help.md": contactFile("verified_on: 2025-11-28\n")}, []string{"content/contacts/help.md:7:1: error"}},
		{"contact due soon", "contact-due", map[string]string{"content/contacts/help.md": contactFile("verified_on: 2025-12-20\n")}, []string{"content/contacts/help.md:7:1: warning"}},
		{"contact not due", "contact-due", map[string]string{"content/contacts/help.md": contactFile("verified_on: 2026-06-01\n")}, nil},
		{"shorter limit from site.yaml", "contact-overdue", map[string]string{
			"site.yaml":                siteYAML + "verify_within_months: 6\n",
			"content/contacts/help.md": contactFile("verified_on: 2026-05-01\n"),
		}, []string{"content/contacts/help.md:7:1: error"}},
	}
}

func TestContactUse(t *testing.T) { runSource(t, contactCases()) }

func contactCases() []ruleCase {
	const h = "content/contacts/help.md"
	help := contactFile("verified_on: 2026-11-01\n")
	return []ruleCase{
		{"used in contacts:", "unused-contact", map[string]string{h: help, a: page("contacts: [help]\n", "Text.\n")}, nil},
		{"used in a shortcode", "unused-contact", map[string]string{h: help, a: page("", "{{< contact \"help\" >}}\n")}, nil},
		{"used by a call to action", "unused-contact", map[string]string{h: help, "content/act-early/x.md": "---\ntitle: Act\nsummary: S.\nreview_by: 2027-01-31\ncall_to_action: {label: Call, contact: help}\n---\nText.\n"}, nil},
		{"listed only on the contacts page", "unused-contact", map[string]string{h: help, "content/contacts/_index.md": "---\ntitle: Contacts\n---\n"}, []string{h + ":2:1: warning"}},
		{"the emergency contact counts as used", "unused-contact", map[string]string{}, nil},
		{"required pages missing", "missing-page", map[string]string{"content/cookies.md": page("", "No cookies.\n")}, []string{
			"content/accessibility.md:0:0: warning", "content/contacts/_index.md:0:0: warning", "content/privacy.md:0:0: warning"}},
		{"required pages present", "missing-page", map[string]string{
			"content/contacts/_index.md": "---\ntitle: Contacts\n---\n",
			"content/accessibility.md":   page("", "Statement.\n"),
			"content/privacy.md":         page("", "Privacy.\n"),
			"content/cookies.md":         page("", "No cookies.\n"),
		}, nil},
	}
}

func TestWritingRules(t *testing.T) { runSource(t, writingCases()) }

func writingCases() []ruleCase {
	hard := strings.Repeat("Notwithstanding the foregoing provisions, organisational accountability necessitates comprehensive multidisciplinary consideration. ", 8)
	long := "If you are worried that someone you know well is starting to change in ways that frighten you then you can call the support line at any time of day."
	return []ruleCase{
		{"plain writing", "readability", map[string]string{a: page("", strings.Repeat("You can call us at any time. We will listen to you. ", 6)+"\n")}, nil},
		{"hard writing", "readability", map[string]string{a: page("", "## About\n\n"+hard+"\n")}, []string{a + ":8:1: warning"}},
		{"hard writing for professionals, still too hard", "readability", map[string]string{"site.yaml": siteYAML + "reading_target: professional\n", a: page("", hard+"\n")}, []string{a + ":6:1: warning"}},
		{"short page is not scored", "readability", map[string]string{a: page("", "Notwithstanding organisational accountability.\n")}, nil},

		{"short sentences", "long-sentence", map[string]string{a: page("", "Call us. We will listen.\n")}, nil},
		{"a long sentence", "long-sentence", map[string]string{a: page("", "Call us first. "+long+"\n")}, []string{a + ":6:16: warning"}},
		{"a long sentence over two lines", "long-sentence", map[string]string{a: page("", "Call us.\nWe listen. "+long+"\n")}, []string{a + ":7:12: warning"}},

		{"active voice", "passive-voice", map[string]string{a: page("", "We do not record calls.\n")}, nil},
		{"passive voice", "passive-voice", map[string]string{a: page("", "Call us.\n\n- Calls are not recorded.\n")}, []string{a + ":8:3: warning"}},

		{"short title", "long-title", map[string]string{a: page("", "x\n")}, nil},
		{"long title", "long-title", map[string]string{a: "---\ntitle: " + strings.Repeat("Safeguarding ", 6) + "\nreview_by: 2027-05-01\n---\nx\n"}, []string{a + ":2:1: warning"}},
		{"short summary", "long-summary", map[string]string{a: page("", "x\n")}, nil},
		{"no placeholder", "placeholder", map[string]string{a: page("weight: 2\n", "Write here what you mean, not WRITE HERE.\n")}, nil},
		{"placeholder in the text", "placeholder", map[string]string{a: page("", "Intro.\n\nWRITE-HERE: the rest.\n")}, []string{a + ":8:1: error"}},
		{"placeholder in a field and the text", "placeholder", map[string]string{a: "---\ntitle: T\nreview_by: 2027-05-01\nsummary: \"WRITE-HERE: what it is for\"\n---\nSee WRITE-HERE\n"},
			[]string{a + ":4:11: error", a + ":6:5: error"}},
		{"long summary", "long-summary", map[string]string{a: "---\ntitle: T\nreview_by: 2027-05-01\nsummary: " + strings.Repeat("Help for residents. ", 9) + "\n---\nx\n"}, []string{a + ":4:1: warning"}},
	}
}

func TestIgnore(t *testing.T) { runSource(t, ignoreCases()) }

func ignoreCases() []ruleCase {
	clickHere := "For guidance [click here](https://www.gov.uk/x).\n"
	return []ruleCase{
		{"page-level ignore", "link-text", map[string]string{a: page("ignore: {link-text: \"the campaign's own wording\"}\n", clickHere)}, nil},
		{"line-level ignore on the line before", "link-text", map[string]string{a: page("", "<!-- safeguard-ignore link-text: the campaign's own wording -->\n"+clickHere)}, nil},
		{"line-level ignore on the same line", "link-text", map[string]string{a: page("", strings.TrimSuffix(clickHere, "\n")+" <!-- safeguard-ignore link-text: quoted -->\n")}, nil},
		{"ignore for another rule", "link-text", map[string]string{a: page("", "<!-- safeguard-ignore http-link: old site -->\n"+clickHere)}, []string{a + ":7:14: error"}},
		{"ignore two lines up does not reach", "link-text", map[string]string{a: page("", "<!-- safeguard-ignore link-text: quoted -->\n\n"+clickHere)}, []string{a + ":8:14: error"}},
		{"line-level ignore without reason", "ignore", map[string]string{a: page("", "<!-- safeguard-ignore link-text -->\n"+clickHere)}, []string{a + ":6:1: error"}},
		{"line-level ignore without reason suppresses nothing", "link-text", map[string]string{a: page("", "<!-- safeguard-ignore link-text -->\n"+clickHere)}, []string{a + ":7:14: error"}},
		{"line-level ignore of an unknown rule", "ignore", map[string]string{a: page("", "x <!-- safeguard-ignore link-txt: typo -->\n")}, []string{a + ":6:3: error"}},
		{"page-level ignore of an unknown rule", "ignore", map[string]string{a: page("ignore: {link-txt: \"typo\"}\n", "x\n")}, []string{a + ":5:10: error"}},
	}
}

func TestDue(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/draft.md":         "---\ntitle: Draft page\ndraft: true\n---\nx\n",
		"content/articles/soon.md": "---\ntitle: Soon\nsummary: S.\ndate: 2026-12-20\nreview_by: 2027-06-01\n---\nx\n",
		"content/overdue.md":       "---\ntitle: Overdue\nreview_by: 2026-11-01\n---\nx\n",
		"content/due.md":           "---\ntitle: Due\nreview_by: 2026-12-05\n---\nx\n",
		"content/fine.md":          "---\ntitle: Fine\nreview_by: 2027-12-05\n---\nx\n",
		"content/none.md":          "---\ntitle: None\n---\nx\n",
		"content/contacts/old.md":  contactFile("verified_on: 2025-10-01\n"),
		"content/contacts/due.md":  contactFile("verified_on: 2025-12-10\n"),
	})
	s, d := content.NewLoaderFS(fsys, "/src", content.Options{Today: today, Drafts: true, Future: true}).Load()
	if s == nil {
		t.Fatal(d.Error())
	}
	var got []string
	for _, it := range Due(s, Options{Today: today}) {
		date := "-"
		if !it.Date.IsZero() {
			date = it.Date.Format("2006-01-02")
		}
		got = append(got, date+" "+it.What+" "+it.Path)
	}
	want := []string{
		"2026-10-01 contact overdue content/contacts/old.md",
		"2026-11-01 review overdue content/overdue.md",
		"2026-12-05 review due content/due.md",
		"2026-12-10 verify contact content/contacts/due.md",
		"2026-12-20 scheduled content/articles/soon.md",
		"- draft content/draft.md",
		"- no review date content/none.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Due:\n got %q\nwant %q", got, want)
	}
}

// ownRules are the rules of the rulebook this package reports: those of the
// web page, except raw HTML (Hugo finds it, internal/site reports it), and
// the unsafe files and suppressions.
func ownRules() []rules.Rule {
	var out []rules.Rule
	for _, r := range rules.All {
		if r.Where&rules.Web != 0 && r.Name != "raw-html" || r.Name == ruleUnsafeFile || r.Name == ruleIgnore {
			out = append(out, r)
		}
	}
	return out
}

// TestEveryRuleFires keeps the tables honest: every rule has a case that
// expects it to fire and one that expects it not to.
func TestEveryRuleFires(t *testing.T) {
	fires, passes := map[string]bool{}, map[string]bool{}
	var all []ruleCase
	for _, f := range []func() []ruleCase{linkCases, imageCases, headingCases, dateCases, contactCases, writingCases, ignoreCases, unsafeLinkCases, attributeCases} {
		all = append(all, f()...)
	}
	for _, tc := range all {
		if len(tc.want) > 0 {
			fires[tc.rule] = true
		} else {
			passes[tc.rule] = true
		}
	}
	for _, tc := range outputCases() {
		if len(tc.want) > 0 {
			fires[tc.rule] = true
		} else {
			passes[tc.rule] = true
		}
	}
	for _, r := range ownRules() {
		if r.Name == ruleUnsafeFile {
			continue // the loader's input gate reports it: content's TestBundleFiles
		}
		if !fires[r.Name] {
			t.Errorf("no test case expects rule %s to fire", r.Name)
		}
		if !passes[r.Name] && r.Name != ruleIgnore {
			t.Errorf("no test case expects rule %s to stay quiet", r.Name)
		}
	}
}

// TestCache checks that a cached run gives the same diagnostics as a fresh
// one, and that an edited page (a new *content.Page) is checked again.
func TestCache(t *testing.T) {
	body := "Calls are not recorded. Read [more](/nowhere/).\n"
	fsys := siteFS(map[string]string{a: page("", body)})
	loader := content.NewLoaderFS(fsys, "/src", content.Options{Today: today})
	s, d := loader.Load()
	if s == nil {
		t.Fatal(d.Error())
	}
	cache := NewCache()
	fresh := Source(s, Options{Today: today}).Sort().Error()
	first := Source(s, Options{Today: today, Cache: cache}).Sort().Error()
	second := Source(s, Options{Today: today, Cache: cache}).Sort().Error()
	if first != fresh || second != fresh {
		t.Fatalf("cached runs differ from a fresh one:\nfresh:\n%s\nfirst:\n%s\nsecond:\n%s", fresh, first, second)
	}
	fsys[a] = &fstest.MapFile{Data: []byte(page("", "We do not record calls.\n")), ModTime: today.Add(time.Hour)}
	s, d = loader.Load()
	if s == nil {
		t.Fatal(d.Error())
	}
	var got diag.List
	for _, d := range Source(s, Options{Today: today, Cache: cache}) {
		if d.Rule != "missing-page" { // the small test site has no statement pages
			got = append(got, d)
		}
	}
	if len(got) != 0 {
		t.Errorf("after the edit the page still has problems:\n%s", got.Error())
	}
	if len(cache.md) != len(s.Pages) {
		t.Errorf("cache holds %d pages, site has %d", len(cache.md), len(s.Pages))
	}
}
