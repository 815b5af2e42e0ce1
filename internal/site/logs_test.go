package site

import (
	"strings"
	"testing"

	"github.com/bep/logg"

	"safeguard/internal/content"
)

// Every kind of line Hugo logs becomes our own diagnostic or is dropped; none
// keeps Hugo's advice about its configuration.
func TestTranslateLog(t *testing.T) {
	root := "/src"
	web := &content.Page{Path: "content/articles/a.md", BodyLine: 6, Body: "Text.\n\nMore <b>bold</b> text.\n"}
	news := &content.Page{Path: "content/articles/n.md", BodyLine: 6, Body: "<div>x</div>\n",
		Article: &content.Article{Newsletter: &content.Newsletter{Issue: "2026-12"}}}
	s := &content.Site{Root: root, Pages: []*content.Page{web, news}}
	advice := "\nYou can suppress this warning by adding the following to your project configuration:\nignoreLogs = ['warning-goldmark-raw-html']"
	tests := []struct {
		name  string
		level logg.Level
		msg   string
		want  string // "" means dropped
	}{
		{"raw HTML on a web page", logg.LevelWarn,
			`Raw HTML omitted while rendering "/src/content/articles/a.md"; see https://gohugo.io/getting-started/configuration-markup/#rendererunsafe` + advice,
			"content/articles/a.md:8:6: warning: raw HTML is never published, so it is left out of the page (write it in Markdown instead, or delete it)"},
		{"raw HTML in a newsletter article (the newsletter reports it)", logg.LevelWarn,
			`Raw HTML omitted while rendering "/src/content/articles/n.md"; see https://gohugo.io/x` + advice, ""},
		{"shortcodes in HTML", logg.LevelWarn,
			`.RenderShortcodes detected inside HTML block in "/src/content/articles/a.md"; this may not be what you intended, see https://gohugo.io/methods/page/rendershortcodes/#limitations` + advice, ""},
		{"partial prefix", logg.LevelWarn,
			`Doubtful use of partial function in {{ partial "partials/x.html"}}), this is most likely not what you want.` + advice,
			`warning: a template calls {{ partial "partials/x.html" }}: write the name without "partials/"`},
		{"an error from a template, with its position", logg.LevelError,
			`"/src/layouts/page.html:3:5": the page has no summary` + advice,
			"layouts/page.html:3:5: error: the page has no summary"},
		{"any other warning", logg.LevelWarn, "something odd; see https://gohugo.io/about/", "warning: something odd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &logCollector{site: s}
			c.entries = []logEntry{{tt.level, tt.msg}, {tt.level, tt.msg}}
			l := c.diagnostics(root)
			var got []string
			for _, d := range l {
				got = append(got, d.String())
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("want it dropped, got %q", got)
				}
				return
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("got %q\nwant [%q] (once)", got, tt.want)
			}
			for _, bad := range []string{"ignoreLogs", "gohugo", "suppress"} {
				if strings.Contains(got[0], bad) {
					t.Errorf("%q keeps Hugo's %q", got[0], bad)
				}
			}
			if tt.level >= logg.LevelError != l.HasErrors() {
				t.Errorf("severity: got %v", l[0].Severity)
			}
		})
	}
}

// The raw HTML's column counts characters, as every diagnostic does, and the
// body is read in the website's dialect: HTML inside a code span or block is
// text, not raw HTML.
func TestFirstRawHTML(t *testing.T) {
	tests := []struct {
		body      string
		line, col int
	}{
		{"Café <b>bold</b>\n", 6, 6},
		{"`<b>` is code.\n\n    <b>indented code</b>\n\n„Zitat“ <i>x</i>\n", 10, 9},
		{"| a | b |\n| - | - |\n| ü | <span>x</span> |\n", 8, 7},
		{"Nothing raw: 3 < 4 and 5 > 2.\n", 0, 0},
	}
	for _, tt := range tests {
		line, col := firstRawHTML(&content.Page{BodyLine: 6, Body: tt.body})
		if line != tt.line || col != tt.col {
			t.Errorf("firstRawHTML(%q) = %d:%d, want %d:%d", tt.body, line, col, tt.line, tt.col)
		}
	}
}
