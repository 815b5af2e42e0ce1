package newsletter

import (
	"strings"
	"testing"

	"safeguard/internal/content"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
)

// renderBody renders one article body of the test site.
func renderBody(t *testing.T, body, lang string) output {
	t.Helper()
	s := loadSite(t, "testdata/site")
	p := &content.Page{
		Path: "content/articles/x.md", Kind: content.KindArticle, Slug: "x", URL: "/articles/x/",
		Title: "A test article", Summary: "A test.", Body: body, ShortcodeSpans: markdown.Shortcodes(body), BodyLine: 10, Language: lang,
		Article: &content.Article{Newsletter: &content.Newsletter{Issue: "2021-01", Order: 1}},
	}
	return renderArticle(s, p, nil)
}

// TestConstructs pins how each construct a writer can type comes out in the
// fragment and in the text twin.
func TestConstructs(t *testing.T) {
	tests := []struct {
		name, body, lang string
		html, text       []string // each must appear
		notHTML, notText []string // none may appear
	}{
		{name: "footnotes keep one number when reused",
			body:    "One.[^a] Two.[^b] Again.[^a]\n\n[^a]: First.\n[^b]: Second.\n",
			html:    []string{`One.<sup style="` + styleSup + `">1</sup> Two.<sup style="` + styleSup + `">2</sup> Again.<sup style="` + styleSup + `">1</sup>`, `>Notes</h3>`, `<li value="1" style="` + styleLi + `">First.</li>`, `<li value="2" style="` + styleLi + `">Second.</li>`},
			text:    []string{"One.[1] Two.[2] Again.[1]", "Notes\n-----", "[1] First.\n\n[2] Second."},
			notHTML: []string{`href="#`, `id="`}},
		{name: "a footnote marker in code is code",
			body: "Write `[^1]` for a note, or \\[^1] as text.\n",
			html: []string{"<code", "[^1]</code>"}},
		{name: "task list",
			body:    "- [x] done thing\n- [ ] open thing\n",
			html:    []string{styleTasks, "&#9745; Done: done thing", "&#9744; To do: open thing"},
			text:    []string{"- ☑ Done: done thing\n- ☐ To do: open thing"},
			notHTML: []string{"<input", "[x]", "[ ]"}},
		{name: "a list with one task keeps its bullets",
			body: "- [x] done thing\n- plain thing\n",
			html: []string{styleList, "&#9745; Done: done thing", ">plain thing</li>"}},
		{name: "definition list",
			body:    "Term\n: First meaning.\n: Second meaning.\n",
			html:    []string{"<dl", `<dt style="` + styleDt + `">Term</dt>`, `<dd style="` + styleDd + `">First meaning.</dd>`, `<dd style="` + styleDd + `">Second meaning.</dd>`},
			text:    []string{"Term\n    First meaning.\n    Second meaning."},
			notText: []string{": First"}},
		{name: "strikethrough",
			body: "Call ~~Tuesday~~ Wednesday.\n",
			html: []string{"Call <s>Tuesday</s> Wednesday."},
			text: []string{"Call [crossed out: Tuesday] Wednesday."}},
		{name: "a passage in Arabic",
			body:    "English.\n\nمرحبا.\n{lang=\"ar\"}\n",
			html:    []string{`<p lang="ar" dir="rtl" style=`, `<div lang="en-GB" dir="ltr"`},
			text:    []string{"English.\n\nمرحبا."},
			notText: []string{"lang"}},
		{name: "a heading and a quote in Welsh, an id dropped",
			body:    "## Croeso {#croeso}\n{lang=\"cy\"}\n\n> Helo.\n{lang=\"cy\" dir=\"ltr\"}\n",
			html:    []string{`<h3 lang="cy" dir="ltr" style=`, `<blockquote lang="cy" dir="ltr" style=`},
			notHTML: []string{"croeso\"", "{#"}},
		{name: "only lang and dir reach the email",
			body:    "Text.\n{lang=\"cy\" class=\"x\" onclick=\"y\" dir=\"sideways\"}\n",
			html:    []string{`<p lang="cy" dir="ltr" style=`},
			notHTML: []string{"class=", "onclick", "sideways"}},
		{name: "a page in Urdu",
			lang: "ur",
			body: "ہمیں فون کریں۔\n\nA line in English.\n{lang=\"en\"}\n",
			html: []string{`<div lang="ur" dir="rtl"`, `<p lang="en" dir="ltr" style=`, `<p lang="en-GB" dir="ltr" style="` + styleP + `"><a href=`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderBody(t, tt.body, tt.lang)
			if len(out.diags) > 0 {
				t.Fatalf("diagnostics: %v", out.diags)
			}
			h, txt := string(out.html), string(out.text)
			for _, w := range tt.html {
				if !strings.Contains(h, w) {
					t.Errorf("the fragment has no %q:\n%s", w, h)
				}
			}
			for _, w := range tt.notHTML {
				if strings.Contains(h, w) {
					t.Errorf("the fragment has %q:\n%s", w, h)
				}
			}
			for _, w := range tt.text {
				if !strings.Contains(txt, w) {
					t.Errorf("the text twin has no %q:\n%s", w, txt)
				}
			}
			for _, w := range tt.notText {
				if strings.Contains(txt, w) {
					t.Errorf("the text twin has %q:\n%s", w, txt)
				}
			}
			for _, v := range emailcheck.Lint(out.html) {
				t.Errorf("lint: %v", v)
			}
			for _, v := range emailcheck.LintText(out.text) {
				t.Errorf("lint text: %v", v)
			}
		})
	}
}

// TestFootnoteErrorPosition: a marker without its note is reported at its
// line and column, also after a contact shortcode on the same line.
func TestFootnoteErrorPosition(t *testing.T) {
	tests := []struct {
		body      string
		line, col int
	}{
		{"A claim.[^gone]\n", 10, 9},
		{"Intro.\n\nSee “this”.[^gone]\n", 12, 12},
		{"- one\n- two, again[^x]\n", 11, 13},
		{"Call {{< contact \"emergency\" >}} now.[^x]\n", 10, 38},
		{"{{< contact \"emergency\" >}}\n\nNow.[^x]\n", 12, 5},
	}
	for _, tt := range tests {
		out := renderBody(t, tt.body, "")
		if len(out.diags) != 1 || out.diags[0].Line != tt.line || out.diags[0].Col != tt.col || out.diags[0].Rule != "newsletter-footnote" {
			t.Errorf("%q: diagnostics %v, want one newsletter-footnote error at %d:%d", tt.body, out.diags, tt.line, tt.col)
		}
	}
}
