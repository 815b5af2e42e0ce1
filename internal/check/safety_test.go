package check

import (
	"strings"
	"testing"

	"safeguard/internal/rules"
)

// Body lines start at line 6 in page("", body).

func TestUnsafeLinks(t *testing.T) { runSource(t, unsafeLinkCases()) }

func unsafeLinkCases() []ruleCase {
	r := ruleUnsafeLink
	one := func(body string, want ...string) map[string]string { return map[string]string{a: page("", body)} }
	return []ruleCase{
		{"https link", r, one("See [the council](https://example.com/).\n"), nil},
		{"mailto and tel", r, one("Write to [the team](mailto:team@example.org) or [call us](tel:+448000113764).\n"), nil},
		{"word data in prose", r, one("We keep no data: none at all.\n"), nil},
		{"javascript link", r, one("See [the council](javascript:alert(1)).\n"), []string{a + ":6:5: error"}},
		{"upper case", r, one("See [the council](JavaScript:alert(1)).\n"), []string{a + ":6:5: error"}},
		{"entity inside the scheme", r, one("See [the council](jav&#x61;script:alert(1)).\n"), []string{a + ":6:5: error"}},
		{"named entity for the colon", r, one("See [the council](javascript&colon;alert(1)).\n"), []string{a + ":6:5: error"}},
		{"tab inside the scheme", r, one("See [the council](<java\tscript:alert(1)>).\n"), []string{a + ":6:5: error"}},
		{"vbscript", r, one("See [the council](vbscript:msgbox(1)).\n"), []string{a + ":6:5: error"}},
		{"data", r, one("See [the council](data:text/html;base64,PHNjcmlwdD4=).\n"), []string{a + ":6:5: error"}},
		{"file", r, one("See [the report](file:///C:/report.docx).\n"), []string{a + ":6:5: error"}},
		{"autolink", r, one("Text.\n\nSee <javascript:alert(1)> now.\n"), []string{a + ":8:6: error"}},
		{"angle brackets with a space", r, one("See < javascript:alert(1)> now.\n"), []string{a + ":6:5: error"}},
		{"reference definition", r, one("See [the council][c].\n\n[c]: javascript:alert(1)\n"), []string{a + ":6:5: error"}},
		{"image", r, one("![A map of the city](data:image/svg+xml;base64,PHN2Zz4=)\n"), []string{a + ":6:1: error"}},
		{"image with javascript", r, one("Text.\n\n![A map](javascript:alert(1))\n"), []string{a + ":8:1: error"}},
		{"cannot be switched off", r, map[string]string{a: page("ignore:\n  unsafe-link: \"we mean it\"\n", "See [the council](javascript:alert(1)).\n")}, []string{a + ":8:5: error"}},
	}
}

func TestAttributes(t *testing.T) { runSource(t, attributeCases()) }

func attributeCases() []ruleCase {
	r := ruleAttribute
	one := func(body string) map[string]string { return map[string]string{a: page("", body)} }
	return []ruleCase{
		{"heading id", r, one("## Get help {#get-help}\n\nText.\n"), nil},
		{"passage language", r, one("Text.\n\nمرحبا بكم\n{lang=\"ar\" dir=\"rtl\"}\n\n## Croeso {lang=cy}\n\nText.\n"), nil},
		{"list and quote language", r, one("- un\n- deux\n{lang=\"fr\"}\n\nText.\n\n> Dzień dobry\n{lang=\"pl\"}\n"), nil},
		{"style and a second main", r, one("## Help {style=\"position:fixed;top:0\" id=\"main\"}\n\nText.\n"), []string{a + ":6:9: error", a + ":6:9: error"}},
		{"class", r, one("## Help {.hidden}\n\nText.\n"), []string{a + ":6:9: error"}},
		{"event handler on a block", r, one("Text.\n{onclick=\"alert(1)\"}\n"), []string{a + ":7:1: error"}},
		{"id on a paragraph", r, one("Text.\n{#somewhere}\n"), []string{a + ":7:1: error"}},
		{"quick exit id", r, one("## Help {#contact-emergency}\n\nText.\n"), []string{a + ":6:9: error"}},
		{"template heading id", r, one("## Latest {#latest-title}\n\nText.\n"), []string{a + ":6:11: error"}},
		{"heading text that makes a template id", r, one("## Main\n\nText.\n"), []string{a + ":6:1: error"}},
		{"bad language", r, one("Text.\n{lang=\"not a language\"}\n"), []string{a + ":7:1: error"}},
		{"bad direction", r, one("Text.\n{dir=\"up\"}\n"), []string{a + ":7:1: error"}},
		{"attributes for nothing", r, one("Text.\n\n{lang=\"cy\"}\n"), []string{a + ":8:1: error"}},
		{"duplicate written ids", r, one("## One {#help}\n\nText.\n\n## Two {#help}\n\nText.\n"), []string{a + ":10:1: error"}},
		{"written id after a heading's own", r, one("## Help\n\nText.\n\n## Other {#help}\n\nText.\n"), []string{a + ":10:1: error"}},
		{"repeated heading text", r, one("## Help\n\nText.\n\n## Help\n\nText.\n"), nil},
		{"code fence attributes", r, one("Text.\n\n```go {style=\"position:fixed\" id=\"main\"}\nx := 1\n```\n"), []string{a + ":8:7: error", a + ":8:7: error"}},
		{"code fence language only", r, one("Text.\n\n```go\nx := 1\n```\n"), nil},
		{"cannot be switched off", r, map[string]string{a: page("ignore:\n  attribute: \"needed\"\n", "## Help {.x}\n\nText.\n")}, []string{a + ":8:9: error"}},
	}
}

func TestAutoID(t *testing.T) {
	for in, want := range map[string]string{
		"Get help now":         "get-help-now",
		"What is Prevent?":     "what-is-prevent",
		"  ACT Early — signs ": "act-early--signs",
		"Ysgol Gymraeg":        "ysgol-gymraeg",
	} {
		if got := autoID(in); got != want {
			t.Errorf("autoID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReservedIDsFromTheme(t *testing.T) {
	for _, id := range []string{"main", "latest-title", "contact-emergency"} {
		if !reservedID(id) {
			t.Errorf("%q is not reserved", id)
		}
	}
	if reservedID("get-help") {
		t.Error("get-help is reserved")
	}
	if !knownRule(ruleAttribute) || strings.Contains(rules.SwitchableNames(), ruleAttribute) {
		t.Error("attribute is not a rule, or is offered as one to switch off")
	}
}
