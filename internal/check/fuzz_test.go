package check

import (
	"strings"
	"testing"

	"safeguard/internal/content"
)

// FuzzPageRules runs every Markdown rule on arbitrary page text: whatever a
// writer types, check reports problems and never panics. Positions must stay
// inside the page.
func FuzzPageRules(f *testing.F) {
	for _, seed := range []string{
		"Read [about us](/about/).\n",
		"## A\n\n#### B\n\n![](x.png)\n",
		"- [Report (PDF)](r.pdf)\n- https://example.org\n",
		"<!-- safeguard-ignore link-text: why -->\n[here](#x)\n",
		"{{< contact \"x\" >}} Mr. A. is here. e.g. 9.30am! ‘Quoted.’\n",
		"Title\n===\n\n| a | b |\n|---|---|\n| [x](http://a) | y |\n",
		"[x]: /ref/\n\nSee [x] and [y][x].\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		p := &content.Page{Path: "content/a.md", Kind: content.KindPage, URL: "/a/", Title: "A", Body: body, BodyLine: 5}
		s := &content.Site{Config: content.Config{BaseURL: "https://example.org/", ReadingTarget: "public"}, Pages: []*content.Page{p}}
		lines := 1
		for i := 0; i < len(body); i++ {
			if body[i] == '\n' {
				lines++
			}
		}
		for _, d := range Source(s, Options{Today: today}) {
			if d.Line < 0 || d.Line > p.BodyLine+lines || d.Col < 0 {
				t.Errorf("position %d:%d outside the page (%d lines): %s", d.Line, d.Col, lines, d)
			}
		}
	})
}

// FuzzCountFields holds countFields to strings.Fields.
func FuzzCountFields(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a b  c ", "a\u00a0b", "a\u2003b\u0085c", "\xff \xfe", "tab\tnew\nline\r\v\f", "é è", "x\u200by"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, strings.Fields gives %d", s, got, want)
		}
	})
}
