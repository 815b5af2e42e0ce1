package content

import "testing"

func TestFrontMatterRules(t *testing.T) {
	const a = "content/articles/a.md"
	runCases(t, []loadCase{
		{"valid article", map[string]string{a: okArticle}, Options{}, nil},
		{"no front matter", map[string]string{a: "# Prevent\n"}, Options{},
			[]string{a + ":1: error: the file has no front matter (add front matter between --- lines at the top)"}},
		{"unclosed YAML", map[string]string{a: "\n---\ntitle: T\n"}, Options{},
			[]string{a + ":2:1: error: the front matter starting here is not closed (add a --- line after the last field)"}},
		{"unclosed TOML", map[string]string{a: "+++\ntitle = \"T\"\n"}, Options{},
			[]string{a + ":1:1: error: the front matter starting here is not closed (add a +++ line after the last field)"}},
		{"broken YAML", map[string]string{a: "---\ntitle: T\ndate: 2020-12-04\nsummary: \"S\n---\n"}, Options{},
			[]string{a + ":4: error: the front matter is not valid YAML: found unexpected end of stream (check the quotes, colons and indentation on this line)"}},
		{"broken TOML", map[string]string{a: "+++\ntitle = \"T\"\ndate = \n+++\n"}, Options{},
			[]string{a + ":3: error: the front matter is not valid TOML: expected value but found '\\n' instead (check the quotes and = signs on this line)"}},
		{"not UTF-8", map[string]string{a: "---\ntitle: caf\xe9\n---\n"}, Options{},
			[]string{a + ":2:11: error: the file is not UTF-8 text (save the file as UTF-8)"}},
		{"NUL byte", map[string]string{a: "---\ntitle: T\x00\n---\n"}, Options{},
			[]string{a + ":2:9: error: the file contains a NUL byte (save the file as UTF-8 text, without NUL bytes)"}},
		{"unknown field with suggestion", map[string]string{a: article("reviw_by: 2021-12-04\n")}, Options{},
			[]string{a + ":5:1: error: unknown field \"reviw_by\" (did you mean review_by?)"}},
		{"unknown field", map[string]string{a: article("colour: red\n")}, Options{},
			[]string{a + ":5:1: error: unknown field \"colour\" (remove it; docs/content-model.md lists the fields each kind of page may have)"}},
		{"field written twice", map[string]string{a: article("title: U\n")}, Options{},
			[]string{a + ":5:1: error: title is written twice (remove one; the first is on line 2)"}},
		{"missing required", map[string]string{a: "---\ntitle: T\n---\n"}, Options{},
			[]string{
				a + ":1:1: error: date is missing (add date: with a value to the front matter)",
				a + ":1:1: error: summary is missing (add summary: with a value to the front matter)",
			}},
		{"empty required", map[string]string{a: "---\ntitle:\ndate: 2020-12-04\nsummary: S\n---\n"}, Options{},
			[]string{a + ":1:1: error: title is missing (add title: with a value to the front matter)"}},
		{"weight ok", map[string]string{a: article("weight: 3\n")}, Options{}, nil},
		{"weight wrong type", map[string]string{a: article("weight: \"three\"\n")}, Options{},
			[]string{a + ":5:9: error: weight: \"three\" is not a whole number (write a number such as 3)"}},
		{"draft not bool", map[string]string{a: article("draft: yes\n")}, Options{},
			[]string{a + ":5:8: error: draft: \"yes\" is not true or false (write true or false)"}},
		{"title is a list", map[string]string{a: article("author: [a, b]\n")}, Options{},
			[]string{a + ":5:9: error: author: expected text, not a list (write the text on the same line, after author:)"}},
		{"bad date", map[string]string{a: "---\ntitle: T\nsummary: S\ndate: \"2020-13-01\"\n---\n"}, Options{},
			[]string{a + ":4:7: error: date: \"2020-13-01\" is not a date (use YYYY-MM-DD)"}},
		{"date not in calendar", map[string]string{a: article("review_by: 2021-02-30\n")}, Options{},
			[]string{a + ":5:12: error: review_by: \"2021-02-30\" is not a date (use YYYY-MM-DD)"}},
		{"date wrong shape", map[string]string{a: article("last_reviewed: 4/12/2020\n")}, Options{},
			[]string{a + ":5:16: error: last_reviewed: \"4/12/2020\" is not a date (use YYYY-MM-DD)"}},
		{"topics", map[string]string{a: article("topics: [Prevent, online safety]\nauthor: Community Safety Team\n")}, Options{}, nil},
		{"quick_exit and ignore", map[string]string{a: article("quick_exit: false\nignore: {long-sentence: \"quoted from the law\"}\n")}, Options{}, nil},
		{"ignore without reason", map[string]string{a: article("ignore:\n  long-sentence:\n")}, Options{},
			[]string{a + ":6:3: error: ignore.long-sentence has no reason (write why the rule does not apply, in quotes)"}},
		{"anchors refused", map[string]string{a: article("author: &x A\ntopics: [*x]\n")}, Options{},
			[]string{a + ":6:10: error: aliases (*name) are not supported (write the value out in full)"}},
		{"front matter not a map", map[string]string{a: "---\n- a\n---\n"}, Options{},
			[]string{a + ":2:1: error: the front matter must be fields (write each as name: value on its own line)"}},
	})
}

func TestKindRules(t *testing.T) {
	const (
		c  = "content/contacts/c.md"
		ev = "content/events/e.md"
		ae = "content/act-early/a.md"
		a  = "content/articles/a.md"
		p  = "content/about.md"
	)
	ok := "content/contacts/act-early-support-line.md"
	runCases(t, []loadCase{
		// Contacts.
		{"contact valid", map[string]string{c: contact("email: safer.city@cityoflondon.gov.uk\nhours: 9am to 5pm\nemergency: false\n")}, Options{}, nil},
		{"contact needs a way to reach it", map[string]string{c: "---\ntitle: C\nsummary: S\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{c + ":1:1: error: a contact needs at least one of phones, email or url (add one)"}},
		{"contact with an empty list of phones", map[string]string{c: "---\ntitle: C\nsummary: S\nphones: []\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{c + ":1:1: error: a contact needs at least one of phones, email or url (add one)"}},
		{"contact required fields", map[string]string{c: "---\ntitle: C\nurl: https://example.org/\n---\n"}, Options{},
			[]string{
				c + ":1:1: error: source is missing (add source: with a value to the front matter)",
				c + ":1:1: error: summary is missing (add summary: with a value to the front matter)",
				c + ":1:1: error: verified_on is missing (add verified_on: with a value to the front matter)",
			}},
		{"http URL", map[string]string{c: contact("email: x@example.org\n")[:0] + "---\ntitle: C\nsummary: S\nurl: http://example.org/\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{c + ":4:6: error: url: \"http://example.org/\" is not secure (use https://)"}},
		{"not a URL", map[string]string{c: "---\ntitle: C\nsummary: S\nurl: example.org\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{c + ":4:6: error: url: \"example.org\" is not a web address (write it in full, starting with https://)"}},
		{"bad e-mail", map[string]string{c: contact("email: safer.city\n")}, Options{},
			[]string{c + ":7:8: error: email: \"safer.city\" is not an e-mail address (write it as name@example.org)"}},
		{"e-mail with display name", map[string]string{c: contact("email: \"Safer City <safer.city@cityoflondon.gov.uk>\"\n")}, Options{},
			[]string{c + ":7:8: error: email: \"Safer City <safer.city@cityoflondon.gov.uk>\" is not just an e-mail address (write only the address, safer.city@cityoflondon.gov.uk)"}},
		{"phones valid", map[string]string{c: contact("phones:\n  - number: \"020 7332 3808\"\n  - number: \"999\"\n  - number: \"116 123\"\n  - number: \"18001 101\"\n    label: Textphone\n    textphone: true\n  - number: \"18001 0800 011 3764\"\n")}, Options{}, nil},
		{"phone in its printed groups", map[string]string{c: contact("phones:\n  - number: \"0800 789 321\"\n  - number: \"0800 789321\"\n")}, Options{}, nil},
		{"phone split inside its code", map[string]string{c: contact("phones:\n  - number: \"08007 89 321\"\n")}, Options{},
			[]string{c + ":8:13: error: phones.0.number: \"08007 89 321\" is not in the usual groups (write it as 0800 789321)"}},
		{"phone grouping", map[string]string{c: contact("phones:\n  - number: \"0207 332 3808\"\n")}, Options{},
			[]string{c + ":8:13: error: phones.0.number: \"0207 332 3808\" is not in the usual groups (write it as 020 7332 3808)"}},
		{"phone grouping after 18001", map[string]string{c: contact("phones:\n  - number: \"18001 08000113764\"\n")}, Options{},
			[]string{c + ":8:13: error: phones.0.number: \"18001 08000113764\" is not in the usual groups (write it as 18001 0800 011 3764)"}},
		{"phone not UK", map[string]string{c: contact("phones:\n  - number: \"12345\"\n")}, Options{},
			[]string{c + ":8:13: error: phones.0.number: \"12345\" is not a UK phone number (check the digits: write a UK number such as 020 7332 3808, or a short number such as 101)"}},
		{"phone without number", map[string]string{c: contact("phones:\n  - label: Office\n")}, Options{},
			[]string{c + ":8:5: error: phones.0.number is missing (add number: with a value under phones.0)"}},
		{"phone as plain text", map[string]string{c: contact("phones: [\"101\"]\n")}, Options{},
			[]string{c + ":7:10: error: phones.0: write the number as - number: \"101\""}},
		{"phone unknown field", map[string]string{c: contact("phones:\n  - number: \"101\"\n    lable: Police\n")}, Options{},
			[]string{c + ":9:5: error: unknown field \"phones.0.lable\" (did you mean label?)"}},

		// Events.
		{"event valid", map[string]string{ev: event("end: 2020-11-26T16:30\nplace: Guildhall\nstatus: held\nbooking:\n  url: https://example.org/book\n")}, Options{}, nil},
		{"event with times", map[string]string{ev: "---\ntitle: E\nstart: 2020-11-26T10:00\nend: 2020-11-26T12:00\nonline: true\naudience: Staff\n---\n"}, Options{}, nil},
		{"event bad time", map[string]string{ev: event("online: true\nend: 2020-11-26 16:30\n")}, Options{},
			[]string{ev + ":6:6: error: end: \"2020-11-26 16:30\" is not a date or a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM, London time)"}},
		{"event end before start", map[string]string{ev: event("online: true\nend: 2020-11-25\n")}, Options{},
			[]string{ev + ":6:1: error: end is before start (check both dates)"}},
		{"event needs online or place", map[string]string{ev: event("")}, Options{},
			[]string{ev + ":1:1: error: an event needs online: true or a place (add place: with where it is held, or online: true)"}},
		{"event offline without place", map[string]string{ev: event("online: false\n")}, Options{},
			[]string{ev + ":5:1: error: an event that is not online needs a place (add place: with where it is held)"}},
		{"event status", map[string]string{ev: event("online: true\nstatus: postponed\n")}, Options{},
			[]string{ev + ":6:9: error: status: \"postponed\" is not a status (use planned, scheduled, held or cancelled)"}},
		{"event booking empty", map[string]string{ev: event("online: true\nbooking: {}\n")}, Options{},
			[]string{ev + ":6:1: error: booking needs a url or an email (add url: with an https address, or email:)"}},
		{"event audience missing", map[string]string{ev: "---\ntitle: E\nstart: 2020-11-26\nonline: true\n---\n"}, Options{},
			[]string{ev + ":1:1: error: audience is missing (add audience: with a value to the front matter)"}},

		// ACT Early.
		{"call to action to a contact", map[string]string{ok: okContact, ae: actEarly("launch_date: 2020-11-18\ncall_to_action:\n  label: Call the support line\n  contact: act-early-support-line\n")}, Options{}, nil},
		{"call to action to a URL", map[string]string{ae: actEarly("call_to_action: {label: Share a concern, url: \"https://actearly.uk/\"}\n")}, Options{}, nil},
		{"call to action missing", map[string]string{ae: actEarly("")}, Options{},
			[]string{ae + ":1:1: error: call_to_action is missing (add call_to_action: with a value to the front matter)"}},
		{"call to action with both", map[string]string{ok: okContact, ae: actEarly("call_to_action:\n  label: Call\n  contact: act-early-support-line\n  url: https://actearly.uk/\n")}, Options{},
			[]string{ae + ":4:1: error: call_to_action has both contact and url (keep only one)"}},
		{"call to action with neither", map[string]string{ae: actEarly("call_to_action:\n  label: Call\n")}, Options{},
			[]string{ae + ":4:1: error: call_to_action needs a contact or a url (add contact: with a contact file name, or url: with an https address)"}},
		{"call to action without label", map[string]string{ae: actEarly("call_to_action:\n  url: https://actearly.uk/\n")}, Options{},
			[]string{ae + ":4:1: error: call_to_action.label is missing (add label: with a value under call_to_action)"}},

		// Articles.
		{"newsletter valid", map[string]string{a: article("newsletter: {issue: \"2020-12\", order: 1}\n")}, Options{}, nil},
		{"newsletter bad issue", map[string]string{a: article("newsletter:\n  issue: \"2020-13\"\n  order: 1\n")}, Options{},
			[]string{a + ":6:10: error: newsletter.issue: \"2020-13\" is not an issue (use YYYY-MM, for example 2020-12)"}},
		{"newsletter order zero", map[string]string{a: article("newsletter:\n  issue: \"2020-12\"\n  order: 0\n")}, Options{},
			[]string{a + ":7:10: error: newsletter.order: 0 is not a position in the issue (use 1 for the first article, 2 for the next)"}},
		{"newsletter missing order", map[string]string{a: article("newsletter:\n  issue: \"2020-12\"\n")}, Options{},
			[]string{a + ":5:1: error: newsletter.order is missing (add order: with a value under newsletter)"}},
		{"newsletter same order twice", map[string]string{
			a:                       article("newsletter: {issue: \"2020-12\", order: 1}\n"),
			"content/articles/b.md": article("newsletter:\n  issue: \"2020-12\"\n  order: 1\n"),
		}, Options{},
			[]string{"content/articles/b.md:7:10: error: newsletter issue 2020-12 already has article 1 in content/articles/a.md (give each article in an issue its own order)"}},
		{"newsletter different orders", map[string]string{
			a:                       article("newsletter: {issue: \"2020-12\", order: 1}\n"),
			"content/articles/b.md": article("newsletter: {issue: \"2020-12\", order: 2}\n"),
		}, Options{}, nil},
		{"article field on a plain page", map[string]string{p: page("date: 2020-12-04\n")}, Options{},
			[]string{p + ":3:1: error: unknown field \"date\" (remove it; docs/content-model.md lists the fields each kind of page may have)"}},

		// Layout.
		{"site map layout", map[string]string{p: page("layout: site-map\n")}, Options{}, nil},
		{"unknown layout", map[string]string{p: page("layout: sitemap\n")}, Options{},
			[]string{p + ":3:9: error: layout: \"sitemap\" is not a layout (the only layout is site-map; remove the line for a normal page)"}},
		{"layout not on a section page", map[string]string{"content/about/_index.md": page("layout: site-map\n")}, Options{},
			[]string{"content/about/_index.md:3:1: error: layout is only allowed on plain pages, not on a section's _index.md (remove it)"}},
		{"layout only on plain pages", map[string]string{a: article("layout: site-map\n")}, Options{},
			[]string{a + ":5:1: error: layout is only allowed on plain pages (remove it)"}},
	})
}

func TestSyntaxHints(t *testing.T) {
	const p = "content/p.md"
	runCases(t, []loadCase{
		{"tab indentation", map[string]string{p: "---\ntitle: T\n\tsummary: S\n---\n"}, Options{},
			[]string{p + ":3:1: error: this line starts with a tab (indent with spaces, not tabs)"}},
		{"control character", map[string]string{p: "---\ntitle: a\x01b\n---\n"}, Options{},
			[]string{p + ":2:9: error: the front matter contains an invisible control character (U+0001) (delete it and type the text again)"}},
		{"control character in TOML", map[string]string{p: "+++\ntitle = \"a\x7f\"\n+++\n"}, Options{},
			[]string{p + ":2:11: error: the front matter contains an invisible control character (U+007F) (delete it and type the text again)"}},
		{"unsupported tag", map[string]string{p: "---\ntitle: !!binary aGVsbG8=\n---\n"}, Options{},
			[]string{p + ":2:8: error: the tag !!binary is not supported (remove it)"}},
		{"complex key", map[string]string{p: "---\ntitle: T\n? [a]\n: b\n---\n"}, Options{},
			[]string{p + ":3:3: error: a field name must be a plain word (write name: value)"}},
		{"empty front matter", map[string]string{p: "---\n---\n"}, Options{},
			[]string{p + ":1:1: error: title is missing (add title: with a value to the front matter)"}},
	})
}
