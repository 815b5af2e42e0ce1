package check

import (
	"strings"
	"testing"
	"unicode/utf8"

	"safeguard/internal/content"
	"safeguard/internal/markdown"
)

// TestShortcodesAreNotProse: the prose rules read a paragraph without its
// shortcodes, escaped ones included, and a heading or link text without
// them, while positions after a shortcode stay those of the file.
func TestShortcodesAreNotProse(t *testing.T) {
	body := "Call {{< contact \"act-early\" >}} now. Show {{</* contact \"y\" */>}} too.\n\n## Ring {{< contact \"x\" >}}\n\n[Café {{< contact \"z\" >}}](/a/) é [b](/b/)\n"
	p := &content.Page{Path: "content/a.md", Body: body, ShortcodeSpans: markdown.Shortcodes(body), BodyLine: 5}
	m := parseMarkdown(p, nil)
	if len(m.blocks) != 2 {
		t.Fatalf("%d blocks, want 2", len(m.blocks))
	}
	if got := strings.Fields(m.blocks[0].text); strings.Join(got, " ") != "Call now. Show too." {
		t.Errorf("prose %q, want the words without the shortcodes", m.blocks[0].text)
	}
	if got := m.words(nil); got != 7 {
		t.Errorf("%d words, want 7 (Call now. Show too. Café é b)", got)
	}
	if len(m.headings) != 1 || m.headings[0].text != "Ring" {
		t.Errorf("headings %+v, want one reading Ring", m.headings)
	}
	if len(m.links) != 2 || m.links[0].text != "Café" {
		t.Fatalf("links %+v, want the first reading Café", m.links)
	}
	last := strings.Split(body, "\n")[4]
	want := utf8.RuneCountInString(last[:strings.Index(last, "[b]")]) + 1
	if line, col := m.at(m.links[1].off); line != 9 || col != want {
		t.Errorf("second link at %d:%d, want 9:%d", line, col, want)
	}
}
