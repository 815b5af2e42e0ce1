package content

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFilesNamesAndURLs(t *testing.T) {
	runCases(t, []loadCase{
		{"hidden files skipped, secrets refused", map[string]string{
			"content/.DS_Store": "x", "content/articles/.a.md.swp": "x", "content/articles/a.md~": "x",
			"content/.git/config": "x", "content/articles/a.md": okArticle, "content/#a.md#": "x",
		}, Options{}, []string{
			"warning: 3 files are not published: content/.DS_Store, content/articles/.a.md.swp, content/articles/a.md~ (hidden files and the files editors and operating systems leave behind are not part of the site; delete them if nobody needs them)",
			"content/.git: error: this folder must never be published: it is a Git folder, which holds the repository's history and settings (move it out of the source folder; if it was ever published or shared, replace the keys or passwords it holds)",
		}},
		{"resources in a bundle and a section", map[string]string{
			"content/about/prevent/index.md":     page(""),
			"content/about/prevent/diagram.svg":  "<svg/>",
			"content/about/prevent/img/logo.png": "png",
			"content/articles/photo.jpg":         "jpg",
			"content/articles/report.pdf":        "pdf",
		}, Options{}, nil},
		{"resource directly in content", map[string]string{"content/logo.png": "png"}, Options{},
			[]string{"content/logo.png: error: files directly in content/ belong to no page (move it into the folder of the page that uses it)"}},
		{"HTML file", map[string]string{"content/about/help.html": "<p>x</p>"}, Options{},
			[]string{"content/about/help.html: error: HTML files in content/ would be published as they are, unchecked (write the page in Markdown as help.md and remove this file)"}},
		{".markdown file", map[string]string{"content/about/help.markdown": "x"}, Options{},
			[]string{"content/about/help.markdown: error: Markdown files must end in .md (rename it to help.md)"}},
		{"text file", map[string]string{"content/about/notes.txt": "x"}, Options{},
			[]string{"content/about/notes.txt: error: files ending \".txt\" are not allowed in content/ (pages are .md files; images may be png, jpg, jpeg, gif, webp or svg, and documents pdf)"}},
		{"upper-case image ending", map[string]string{"content/about/Photo.JPG": "x"}, Options{},
			[]string{"content/about/Photo.JPG: error: file name \"Photo.JPG\" may use only a-z, 0-9 and - and a lower-case ending (rename it to photo.jpg)"}},
		{"bad file name", map[string]string{"content/about/Prevent_Duty.md": page("")}, Options{},
			[]string{"content/about/Prevent_Duty.md: error: file name \"Prevent_Duty.md\" may use only a-z, 0-9 and - (rename it to prevent-duty.md)"}},
		{"bad folder name", map[string]string{"content/About Us/a.md": page("")}, Options{},
			[]string{"content/About Us: error: folder name \"About Us\" may use only a-z, 0-9 and - (rename it to about-us)"}},
		{"Markdown inside a bundle", map[string]string{"content/about/x/index.md": page(""), "content/about/x/more.md": page("")}, Options{},
			[]string{"content/about/x/more.md: error: this Markdown file is inside the folder of a page (index.md) and would not be published (move it out of the folder, or put its text in index.md)"}},
		{"page folder inside a page folder", map[string]string{"content/about/x/index.md": page(""), "content/about/x/y/index.md": page("")}, Options{},
			[]string{"content/about/x/y/index.md: error: this Markdown file is inside the folder of a page (index.md) and would not be published (move it out of the folder, or put its text in index.md)"}},
		{"index.md and _index.md together", map[string]string{"content/about/index.md": page(""), "content/about/_index.md": page("")}, Options{},
			[]string{
				"content/about/index.md: error: a folder may hold _index.md (a section) or index.md (a page with its images), not both (rename one of them)",
				"content/about/index.md:1:1: error: the address /about/ is already used by content/about/_index.md (change the slug or rename the file)",
			}},
		{"good slug", map[string]string{"content/about/x.md": page("slug: prevent-duty\n")}, Options{}, nil},
		{"bad slug", map[string]string{"content/about/x.md": page("slug: ../../etc\n")}, Options{},
			[]string{"content/about/x.md:3:7: error: slug: \"../../etc\" may use only a-z, 0-9 and - (write etc)"}},
		{"slug on a section page", map[string]string{"content/about/_index.md": page("slug: x\n")}, Options{},
			[]string{"content/about/_index.md:3:7: error: slug has no effect on a section's _index.md (rename the folder instead, and remove slug)"}},
		{"same URL twice", map[string]string{"content/about/a.md": page(""), "content/about/b.md": page("slug: a\n"), "content/about/c.md": page("slug: a\n")}, Options{},
			[]string{
				"content/about/b.md:3:7: error: the address /about/a/ is already used by content/about/a.md (change the slug or rename the file)",
				"content/about/c.md:3:7: error: the address /about/a/ is already used by content/about/a.md (change the slug or rename the file)",
			}},
		{"page and bundle with one URL", map[string]string{"content/about/a.md": page(""), "content/about/a/index.md": page("")}, Options{},
			[]string{"content/about/a/index.md:1:1: error: the address /about/a/ is already used by content/about/a.md (change the slug or rename the file)"}},
		{"page where the newsletter is published", map[string]string{"content/newsletter/_index.md": page(""), "content/newsletter/2020-12.md": page("")}, Options{},
			[]string{
				"content/newsletter/2020-12.md:1:1: error: the address /newsletter/2020-12/ is under /newsletter/, where the newsletter fragments for editors are published (move the page to another folder, or give it another slug)",
				"content/newsletter/_index.md:1:1: error: the address /newsletter/ is under /newsletter/, where the newsletter fragments for editors are published (move the page to another folder, or give it another slug)",
			}},
		{"no content folder", map[string]string{"site.yaml": okSite}, Options{},
			[]string{"content: error: the source folder has no content folder (create content/ beside site.yaml, or give the source folder with -s)"}},
	})
}

func TestURLsAndKinds(t *testing.T) {
	site, d := loadFiles(t, map[string]string{
		"content/_index.md":                   page(""),
		"content/articles/_index.md":          page(""),
		"content/articles/a.md":               okArticle,
		"content/articles/sub/_index.md":      page(""),
		"content/about/prevent/index.md":      page(""),
		"content/about/x.md":                  page("slug: prevent-duty\n"),
		"content/accessibility.md":            page(""),
		"content/contacts/ae.md":              okContact,
		"content/contacts/b/index.md":         okContact,
		"content/events/e.md":                 event("online: true\n"),
		"content/act-early/_index.md":         actEarly("call_to_action: {label: Share a concern, url: \"https://actearly.uk/\"}\n"),
		"content/act-early/signs/index.md":    actEarly("call_to_action: {label: Call, contact: ae}\n"),
		"content/act-early/signs/diagram.png": "png",
	}, Options{})
	if d != nil {
		t.Fatal(d)
	}
	type row struct {
		path, url, section, slug string
		kind                     Kind
		index                    bool
	}
	var got []row
	for _, p := range site.Pages {
		got = append(got, row{p.Path, p.URL, p.Section, p.Slug, p.Kind, p.IsIndex})
	}
	want := []row{
		{"content/_index.md", "/", "", "", KindPage, true},
		{"content/about/prevent/index.md", "/about/prevent/", "about", "prevent", KindPage, false},
		{"content/about/x.md", "/about/prevent-duty/", "about", "prevent-duty", KindPage, false},
		{"content/accessibility.md", "/accessibility/", "", "accessibility", KindPage, false},
		{"content/act-early/_index.md", "/act-early/", "act-early", "act-early", KindActEarly, true},
		{"content/act-early/signs/index.md", "/act-early/signs/", "act-early", "signs", KindActEarly, false},
		{"content/articles/_index.md", "/articles/", "articles", "articles", KindArticle, true},
		{"content/articles/a.md", "/articles/a/", "articles", "a", KindArticle, false},
		{"content/articles/sub/_index.md", "/articles/sub/", "articles", "sub", KindArticle, true},
		{"content/contacts/ae.md", "/contacts/ae/", "contacts", "ae", KindContact, false},
		{"content/contacts/b/index.md", "/contacts/b/", "contacts", "b", KindContact, false},
		{"content/events/e.md", "/events/e/", "events", "e", KindEvent, false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
	if len(site.Contacts) != 2 || site.Contacts["ae"].Page.Path != "content/contacts/ae.md" || site.Contacts["b"] == nil {
		t.Errorf("contacts = %v", site.Contacts)
	}
	ct := site.Contacts["ae"]
	if ct.Title != "ACT Early Support Line" || ct.Summary != "Call if you are worried." || ct.Source != "https://actearly.uk/contact" ||
		!ct.VerifiedOn.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, london)) ||
		len(ct.Phones) != 1 || ct.Phones[0] != (Phone{Number: "0800 011 3764", Tel: "+448000113764"}) {
		t.Errorf("contact = %+v", ct)
	}
	for _, p := range site.Pages {
		switch {
		case p.Kind == KindArticle && !p.IsIndex && p.Article == nil,
			p.Kind == KindActEarly && p.ActEarly == nil,
			p.Kind == KindContact && !p.IsIndex && p.Contact == nil,
			p.Kind == KindEvent && !p.IsIndex && p.Event == nil,
			!p.QuickExit:
			t.Errorf("%s: kind struct or quick_exit wrong: %+v", p.Path, p)
		}
	}
	if a := site.Pages[5].ActEarly; a.CallToAction != (CallToAction{Label: "Call", Contact: "ae"}) {
		t.Errorf("call to action = %+v", a.CallToAction)
	}
}

func TestPhoneTel(t *testing.T) {
	for _, tt := range []struct{ number, tel string }{
		{"020 7332 3808", "+442073323808"},
		{"0800 011 3764", "+448000113764"},
		{"0808 800 5000", "+448088005000"},
		{"999", "999"},
		{"116 123", "116123"},
		{"18001 101", "18001101"},
		{"18001 020 7332 3808", "18001" + "02073323808"},
	} {
		tel, problem := checkPhone(tt.number)
		if tel != tt.tel || problem != "" {
			t.Errorf("checkPhone(%q) = %q, %q; want %q", tt.number, tel, problem, tt.tel)
		}
	}
}

func TestSiteFile(t *testing.T) {
	const s = "site.yaml"
	base := map[string]string{"content/_index.md": page("")}
	with := func(site string, more ...string) map[string]string {
		m := map[string]string{s: site}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(more); i += 2 {
			m[more[i]] = more[i+1]
		}
		return m
	}
	runCases(t, []loadCase{
		{"valid", with(okSite), Options{}, nil},
		{"unknown field", with(okSite + "titel: x\n"), Options{},
			[]string{s + ":6:1: error: unknown field \"titel\" (did you mean title?)"}},
		{"missing required", with("language: en-GB\n"), Options{},
			[]string{
				s + ":1: error: base_url is missing (add base_url: with a value to site.yaml)",
				s + ":1: error: organisation is missing (add organisation: with a value to site.yaml)",
				s + ":1: error: title is missing (add title: with a value to site.yaml)",
			}},
		{"bad base_url", with(strings.Replace(okSite, "https://safe.example.org", "safe.example.org", 1)), Options{},
			[]string{s + ":2:11: error: base_url: \"safe.example.org\" is not a web address (write it in full, such as https://example.org/)"}},
		{"organisation url http", with(strings.Replace(okSite, "https://www.city", "http://www.city", 1)), Options{},
			[]string{s + ":5:8: error: organisation.url: \"http://www.cityoflondon.gov.uk/\" is not secure (use https://)"}},
		{"reading target", with(okSite + "reading_target: experts\n"), Options{},
			[]string{s + ":6:17: error: reading_target: \"experts\" is not a reading target (use public or professional)"}},
		{"verify months", with(okSite + "verify_within_months: 0\n"), Options{},
			[]string{s + ":6:23: error: verify_within_months: 0 is too small (use a number of months such as 12)"}},
		{"language", with(okSite + "language: english\n"), Options{},
			[]string{s + ":6:11: error: language: \"english\" is not a language tag (use a tag such as en-GB)"}},
		{"broken YAML", with("title: [x\n"), Options{},
			[]string{s + ":1:8: error: the [ or { on this line is not closed (add the ] or } after the last item, or put the text in quotes)"}},
		{"explicit emergency contact missing", with(okSite+"emergency_contact: emergancy\n", "content/contacts/emergency.md", contact("")), Options{},
			[]string{s + ":6:20: error: contact \"emergancy\" does not exist (did you mean emergency? contacts are the file names in content/contacts/)"}},
		{"explicit emergency contact present", with(okSite+"emergency_contact: emergency\n", "content/contacts/emergency.md", contact("")), Options{}, nil},
	})

	site, d := loadFiles(t, base, Options{})
	if d != nil {
		t.Fatal(d)
	}
	want := Config{Title: "Safeguarding information", BaseURL: "https://example.org/", Language: "en-GB",
		QuickExitURL: "https://www.bbc.co.uk/weather", VerifyWithinMonths: 12, ReadingTarget: "public",
		NewsletterName: "@Home", EmergencyContact: "emergency", Path: "site.yaml"}
	if site.Config != want {
		t.Errorf("default config = %+v", site.Config)
	}
	site, d = loadFiles(t, with(okSite+"base_url: http://localhost:1313\n"[:0]+"quick_exit_url: https://www.google.co.uk/\n"), Options{})
	if d != nil {
		t.Fatal(d)
	}
	if site.Config.BaseURL != "https://safe.example.org/" || site.Config.QuickExitURL != "https://www.google.co.uk/" ||
		site.Config.Organisation != (Organisation{Name: "City of London Corporation", URL: "https://www.cityoflondon.gov.uk/"}) {
		t.Errorf("config = %+v", site.Config)
	}
	site, d = loadFiles(t, with(strings.Replace(okSite, "https://safe.example.org", "http://localhost:1313", 1)), Options{})
	if d != nil || site.Config.BaseURL != "http://localhost:1313/" {
		t.Errorf("http base_url: %v %+v", d, site)
	}
}

// TestCheckBaseURL: the one check of base_url and --base-url accepts a site's
// address over https (or http, for a local preview) and refuses the rest
// with the same words wherever it was typed, never repeating a password.
func TestCheckBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://safe.example.org/", ""},
		{"https://safe.example.org", ""},
		{"http://localhost:1313", ""},
		{"https://preview.example.net/city/", ""},
		{"https://editor:hunter2secret@safe.example.org/", "the address holds a user name or password before @, which would be published in every page (use the address without it: https://safe.example.org/)"},
		{"https://a:p%zzsecretword@safe.example.org/", "that is not a web address, and it may hold a password before @ (use the site's address alone, e.g. https://example.org/)"},
		{"safe.example.org", `"safe.example.org" is not a web address (write it in full, such as https://example.org/)`},
		{"ftp://example.org/", `"ftp://example.org/" is not a web address (write it in full, such as https://example.org/)`},
		{"https://safe example.org/", `"https://safe example.org/" is not a web address (write it in full, such as https://example.org/)`},
		{"https://example.org/?x=1", `"https://example.org/?x=1" has a query or fragment (use the address of the site's home page)`},
		{"https://example.org/#top", `"https://example.org/#top" has a query or fragment (use the address of the site's home page)`},
	} {
		got := ""
		if err := CheckBaseURL(tc.in); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckBaseURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
