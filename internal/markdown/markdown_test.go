package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func render(t *testing.T, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Markdown().Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDialect checks the constructs Hugo's default set-up renders, as goldmark
// renders them with this set-up.
func TestDialect(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"table", "| a | b |\n| :-- | --: |\n| 1 | 2 |\n", `<th style="text-align:left">a</th>`},
		{"strikethrough", "~~gone~~\n", "<del>gone</del>"},
		{"linkify", "see www.example.org now\n", `<a href="http://www.example.org">`},
		{"task list", "- [x] done\n", `<input checked="" disabled="" type="checkbox"`},
		{"typographer", "it's \"so\"...\n", "it&rsquo;s &ldquo;so&rdquo;&hellip;"},
		{"definition list", "Term\n: Meaning\n", "<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>"},
		{"footnote", "A[^1].\n\n[^1]: Note.\n", `<div class="footnotes" role="doc-endnotes">`},
		{"heading id", "## Title {#here}\n", `<h2 id="here">Title</h2>`},
		{"block attributes", "Text\n{lang=\"ar\" dir=\"rtl\"}\n", `<p lang="ar" dir="rtl">Text</p>`},
		{"attributes on a list", "- one\n{lang=\"cy\"}\n", `<ul lang="cy">`},
		{"attributes after a blank line are dropped", "Text\n\n{lang=\"ar\"}\n", "<p>Text</p>\n"},
		{"braces with text stay text", "Text\n{lang=\"ar\"} more\n", "{lang=&ldquo;ar&rdquo;} more"},
		{"not attributes", "{not attributes}\n", "<p>{not attributes}</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.src)
			if !strings.Contains(got, tt.want) {
				t.Errorf("%q renders as\n%s\nwant it to contain %s", tt.src, got, tt.want)
			}
			if strings.Contains(tt.name, "dropped") && strings.Contains(got, "lang") {
				t.Errorf("%q renders as\n%s\nwith the attribute", tt.src, got)
			}
		})
	}
}

func TestAttributeLines(t *testing.T) {
	src := "Para one\n{lang=\"bn\"}\n\nPara two\n\n{lang=\"cy\"}\n\n```\ncode\n```\n{lang=\"ar\" dir=\"rtl\"}\n"
	doc := parse([]byte(src))
	lines := AttributeLines(doc)
	if len(lines) != 3 {
		t.Fatalf("found %d attribute lines, want 3", len(lines))
	}
	wantStart := []int{strings.Index(src, `{lang="bn"}`), strings.Index(src, `{lang="cy"}`), strings.Index(src, `{lang="ar"`)}
	for i, l := range lines {
		if l.Start != wantStart[i] {
			t.Errorf("line %d starts at %d, want %d", i, l.Start, wantStart[i])
		}
	}
	if p, ok := lines[0].Target.(*ast.Paragraph); !ok {
		t.Errorf("the first line applies to %T, want the paragraph", lines[0].Target)
	} else if lang, dir := Language(p.FirstChild()); lang != "bn" || dir != "" {
		t.Errorf("Language of its text = %q, %q; want bn and no dir", lang, dir)
	}
	if lines[1].Target != nil || lines[2].Target != nil {
		t.Errorf("a line after a blank line or a fence applies to a block: %v, %v", lines[1].Target, lines[2].Target)
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == kindAttrLine {
			t.Errorf("an attribute line is left in the tree")
		}
	}
}
