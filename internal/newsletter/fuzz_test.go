package newsletter

import (
	"strings"
	"testing"

	"safeguard/internal/content"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
)

// FuzzArticle renders arbitrary Markdown: it must never panic, and whatever it
// renders without an error must pass every rule (an error is the only way a
// fragment may fail).
func FuzzArticle(f *testing.F) {
	for _, seed := range []string{
		"Hello *world*.",
		"## A heading\n\n- one\n- two\n\n1. first\n\n> quote\n",
		"[link](/contacts/) and <https://example.org/> and www.gov.uk/ACT and help@nspcc.org.uk",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"```\ncode <b>\n```\n\n    indented code\n",
		"{{< contact \"act-early-support-line\" >}}\n\ntext {{< contact \"emergency\" >}} inline",
		"![A map](map.png)\n\n![A logo](/images/logo.png)",
		"Line one  \nline two\\\nthree &amp; &#169; \\*not em\\*",
		"Text with a <span>tag</span>.",
		"* * *\n\n- [ ] task\n~~gone~~",
		"A claim.[^a] Again.[^a]\n\n[^a]: A **note**.\n\n    - in a list\n",
		"Term\n: Meaning.\n: Another.\n",
		"1. step\n   - [x] done\n   - [ ] to do\n",
		"مرحبا.\n{lang=\"ar\" dir=\"rtl\"}\n\n## Croeso {#croeso}\n{lang=\"cy\"}\n",
	} {
		f.Add(seed)
	}
	s := loadSite(f, "testdata/site")
	var bundle *content.Page
	for _, p := range s.Pages {
		if p.Slug == "kitchen-sink" {
			bundle = p
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		p := *bundle
		p.Body = body
		p.ContactShortcodes, p.ShortcodeSpans = nil, markdown.Shortcodes(body)
		out := renderArticle(s, &p, nil)
		if out.diags.HasErrors() {
			return
		}
		for _, v := range emailcheck.Lint(out.html) {
			if !v.Warning {
				t.Errorf("HTML breaks %v\n%s", v, out.html)
			}
		}
		for _, v := range emailcheck.LintText(out.text) {
			if v.Rule == "text-html" && strings.Contains(body, "<") {
				continue // the writer's own angle brackets that Markdown kept as text, such as "<A/0>"
			}
			t.Errorf("text breaks %v\n%s", v, out.text)
		}
		for _, v := range emailcheck.LintTwin(out.html, out.text) {
			if !strings.Contains(v.Message, "tel:") {
				t.Errorf("twin breaks %v\n%s\n%s", v, out.html, out.text)
			}
		}
	})
}
