package content

import (
	"slices"
	"testing"
	"time"
)

func TestReferencesAndShortcodes(t *testing.T) {
	const (
		p  = "content/about.md"
		ct = "content/contacts/act-early-support-line.md"
		ae = "content/act-early/a.md"
	)
	body := func(text string) string { return "---\ntitle: T\n---\n" + text }
	runCases(t, []loadCase{
		{"contacts list valid", map[string]string{ct: okContact, p: page("contacts: [act-early-support-line]\n")}, Options{}, nil},
		{"contacts list typo", map[string]string{ct: okContact, p: page("contacts: [act-erly-support-line]\n")}, Options{},
			[]string{p + ":3:12: error: contact \"act-erly-support-line\" does not exist (did you mean act-early-support-line? contacts are the file names in content/contacts/)"}},
		{"contacts list unknown", map[string]string{ct: okContact, p: page("contacts:\n  - police\n")}, Options{},
			[]string{p + ":4:5: error: contact \"police\" does not exist (contacts are the file names in content/contacts/)"}},
		{"contacts not a list", map[string]string{ct: okContact, p: page("contacts: act-early-support-line\n")}, Options{},
			[]string{p + ":3:11: error: contacts: expected a list of contact file names, not \"act-early-support-line\" (write it as [first-contact, second-contact])"}},
		{"call to action contact typo", map[string]string{ct: okContact, ae: actEarly("call_to_action:\n  label: Call\n  contact: act-early\n")}, Options{},
			[]string{ae + ":6:12: error: contact \"act-early\" does not exist (contacts are the file names in content/contacts/)"}},
		{"shortcode valid", map[string]string{ct: okContact, p: body("Call {{< contact \"act-early-support-line\" >}} or\n{{<contact `act-early-support-line`>}}.\n")}, Options{}, nil},
		{"percent form refused", map[string]string{ct: okContact, p: body("Call {{% contact \"act-early-support-line\" %}} or\n{{%contact `x`%}}, {{% /contact %}} {{% %}}.\n")}, Options{},
			[]string{
				p + ":4:6: error: shortcodes are written with < and >, not % (write {{< contact \"act-early-support-line\" >}})",
				p + ":5:1: error: shortcodes are written with < and >, not % (write {{< contact \"x\" >}})",
				p + ":5:20: error: shortcodes are written with < and >, not % (write {{< contact \"file-name\" >}})",
				p + ":5:37: error: shortcodes are written with < and >, not % (write {{< contact \"file-name\" >}})",
			}},
		{"escaped percent form skipped", map[string]string{p: body("Write {{%/* contact \"nobody\" */%}} in your text.\n")}, Options{}, nil},
		{"shortcode names a missing contact", map[string]string{ct: okContact, p: body("Text.\n\nCall {{< contact \"act-erly-support-line\" >}}\n")}, Options{},
			[]string{p + ":6:18: error: contact \"act-erly-support-line\" does not exist (did you mean act-early-support-line? contacts are the file names in content/contacts/)"}},
		{"shortcode in a code block is still read", map[string]string{p: body("```\n{{< contact \"nobody\" >}}\n```\n")}, Options{},
			[]string{p + ":5:13: error: contact \"nobody\" does not exist (contacts are the file names in content/contacts/)"}},
		{"escaped shortcode skipped", map[string]string{p: body("Write {{</* contact \"nobody\" */>}} in your text.\n")}, Options{}, nil},
		{"unknown shortcode", map[string]string{p: body("See {{< youtube abc >}}\n")}, Options{},
			[]string{p + ":4:5: error: unknown shortcode \"youtube\" (the only shortcode is contact: {{< contact \"file-name\" >}})"}},
		{"contact shortcode without quotes", map[string]string{ct: okContact, p: body("{{< contact act-early-support-line >}}\n")}, Options{},
			[]string{p + ":4:1: error: the contact shortcode takes one contact name in quotes (write {{< contact \"file-name\" >}})"}},
		{"contact shortcode with two names", map[string]string{ct: okContact, p: body("{{< contact \"a\" \"b\" >}}\n")}, Options{},
			[]string{p + ":4:1: error: the contact shortcode takes one contact name in quotes (write {{< contact \"file-name\" >}})"}},
		{"closing shortcode", map[string]string{p: body("{{< /contact >}}\n")}, Options{},
			[]string{p + ":4:1: error: shortcode \"contact\" has no closing tag (remove this closing tag)"}},
		{"shortcode without name", map[string]string{p: body("é {{< >}}\n")}, Options{},
			[]string{p + ":4:3: error: the shortcode has no name (write {{< contact \"file-name\" >}})"}},
		{"unclosed shortcode", map[string]string{p: body("Call {{< contact \"x\"\n\nmore text\n")}, Options{},
			[]string{p + ":4:6: error: the shortcode is not closed (end it with >}})"}},
		{"unclosed quote in shortcode", map[string]string{p: body("Call {{< contact \"x >}}\n")}, Options{},
			[]string{p + ":4:6: error: the shortcode is not closed (end it with >}})"}},
		{"Go template braces are not shortcodes", map[string]string{p: body("{{ .Title }} and {{- x -}}\n")}, Options{}, nil},
		{"reference from a draft still checked", map[string]string{p: page("draft: true\ncontacts: [nobody]\n")}, Options{},
			[]string{p + ":4:12: error: contact \"nobody\" does not exist (contacts are the file names in content/contacts/)"}},
		{"published page names a draft contact", map[string]string{ct: okContact[:4] + "draft: true\n" + okContact[4:], p: page("contacts: [act-early-support-line]\n")}, Options{},
			[]string{p + ":3:12: error: contact \"act-early-support-line\" is a draft and will not be published (remove draft: true from content/contacts/act-early-support-line.md, or remove this reference)"}},
		{"draft contact with drafts on", map[string]string{ct: okContact[:4] + "draft: true\n" + okContact[4:], p: page("contacts: [act-early-support-line]\n")}, Options{Drafts: true}, nil},
	})
}

func TestShortcodeList(t *testing.T) {
	site, d := loadFiles(t, map[string]string{
		"content/contacts/ae.md": okContact,
		"content/about.md":       "---\ntitle: T\n---\nA {{< contact \"ae\" >}}\n\n{{< contact `ae` >}}\n",
	}, Options{})
	if d != nil {
		t.Fatal(d)
	}
	p := site.Pages[0]
	want := []Shortcode{{"contact", []string{"ae"}, Pos{4, 3}}, {"contact", []string{"ae"}, Pos{6, 1}}}
	if !slices.EqualFunc(p.ContactShortcodes, want, func(a, b Shortcode) bool {
		return a.Name == b.Name && slices.Equal(a.Args, b.Args) && a.Pos == b.Pos
	}) {
		t.Errorf("shortcodes = %+v", p.ContactShortcodes)
	}
}

func TestDraftsAndFuture(t *testing.T) {
	files := map[string]string{
		"content/articles/now.md":    article(""),
		"content/articles/today.md":  "---\ntitle: T\ndate: 2026-11-29\nsummary: S\n---\n",
		"content/articles/later.md":  "---\ntitle: T\ndate: 2026-11-30\nsummary: S\n---\n",
		"content/articles/draft.md":  article("draft: true\n"),
		"content/about.md":           page("draft: true\n"),
		"content/events/e.md":        "---\ntitle: E\nstart: 2030-01-01\naudience: A\nonline: true\n---\n",
		"content/contacts/ae.md":     okContact,
		"content/contacts/unused.md": okContact[:4] + "draft: true\n" + okContact[4:],
	}
	paths := func(ps []*Page) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Path)
		}
		return out
	}
	for _, tt := range []struct {
		opts             Options
		pages, skipped   []string
		contactsIncluded int
	}{
		{Options{}, []string{"content/articles/now.md", "content/articles/today.md", "content/contacts/ae.md", "content/events/e.md"},
			[]string{"content/about.md", "content/articles/draft.md", "content/articles/later.md", "content/contacts/unused.md"}, 1},
		{Options{Drafts: true}, []string{"content/about.md", "content/articles/draft.md", "content/articles/now.md", "content/articles/today.md", "content/contacts/ae.md", "content/contacts/unused.md", "content/events/e.md"},
			[]string{"content/articles/later.md"}, 2},
		{Options{Future: true}, []string{"content/articles/later.md", "content/articles/now.md", "content/articles/today.md", "content/contacts/ae.md", "content/events/e.md"},
			[]string{"content/about.md", "content/articles/draft.md", "content/contacts/unused.md"}, 1},
		// Today is read in London: 23:30 UTC on 29 November is already 29 November there, not 30.
		{Options{Today: time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)}, []string{"content/articles/now.md", "content/articles/today.md", "content/contacts/ae.md", "content/events/e.md"},
			[]string{"content/about.md", "content/articles/draft.md", "content/articles/later.md", "content/contacts/unused.md"}, 1},
		{Options{Today: time.Date(2026, 11, 30, 0, 30, 0, 0, time.UTC)}, []string{"content/articles/later.md", "content/articles/now.md", "content/articles/today.md", "content/contacts/ae.md", "content/events/e.md"},
			[]string{"content/about.md", "content/articles/draft.md", "content/contacts/unused.md"}, 1},
	} {
		site, d := loadFiles(t, files, tt.opts)
		if d != nil {
			t.Fatal(d)
		}
		if got := paths(site.Pages); !slices.Equal(got, tt.pages) {
			t.Errorf("%+v: pages %v, want %v", tt.opts, got, tt.pages)
		}
		if got := paths(site.Skipped); !slices.Equal(got, tt.skipped) {
			t.Errorf("%+v: skipped %v, want %v", tt.opts, got, tt.skipped)
		}
		if len(site.Contacts) != tt.contactsIncluded {
			t.Errorf("%+v: %d contacts, want %d", tt.opts, len(site.Contacts), tt.contactsIncluded)
		}
	}
}
