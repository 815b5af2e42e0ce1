package content

import (
	"fmt"
	"strings"
	"testing"
)

// Each test here is one class of hostile or careless input from a security
// review: several inputs each, with the exact diagnostics expected.

const ha = "content/articles/a.md"

func TestFrontMatterBoundaries(t *testing.T) {
	v := "title: T\ndate: 2020-12-04\nsummary: S\n"
	h := "url: /elsewhere/\ncascade: {quick_exit: false}\n"
	runCases(t, []loadCase{
		{"closing line with a leading space", map[string]string{ha: "---\n" + v + " ---\n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:2: error: this --- has spaces or tabs around it, so some programs end the front matter here and others do not (write --- alone at the start of the line)"}},
		{"closing line with spaces and tabs around", map[string]string{ha: "---\n" + v + "\t---  \n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:2: error: this --- has spaces or tabs around it, so some programs end the front matter here and others do not (write --- alone at the start of the line)"}},
		{"closing line with a trailing space", map[string]string{ha: "---\n" + v + "--- \n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:1: error: this --- has spaces or tabs around it, so some programs end the front matter here and others do not (write --- alone at the start of the line)"}},
		{"four dashes", map[string]string{ha: "---\n" + v + "----\n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:1: error: a line in the front matter starts with ---, which some programs take for its end (write --- alone on a line to end the front matter, or remove this line)"}},
		{"text after the dashes", map[string]string{ha: "---\n" + v + "---yaml\n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:1: error: a line in the front matter starts with ---, which some programs take for its end (write --- alone on a line to end the front matter, or remove this line)"}},
		{"YAML document end", map[string]string{ha: "---\n" + v + "...\n" + h + "---\n"}, Options{},
			[]string{"content/articles/a.md:5:1: error: ... ends the YAML early, so the fields after it would be lost (remove this line)"}},
		{"opener with a leading space", map[string]string{ha: " ---\n" + v + "---\n"}, Options{},
			[]string{"content/articles/a.md:1:2: error: the --- that opens the front matter has spaces or tabs around it (write --- alone at the start of the line)"}},
		{"opener with text", map[string]string{ha: "---yaml\n" + v + "---\n"}, Options{},
			[]string{"content/articles/a.md:1:1: error: the front matter must open with a line holding only ---, not \"---yaml\" (write --- alone on this line)"}},
		{"JSON front matter", map[string]string{ha: "\n{\"title\": \"T\"}\nText\n"}, Options{},
			[]string{"content/articles/a.md:2:1: error: JSON front matter is not supported (write the fields between --- lines, one name: value a line)"}},
		{"TOML closer with a space", map[string]string{ha: "+++\ntitle = \"T\"\ndate = 2020-12-04\nsummary = \"S\"\n +++\n+++\n"}, Options{},
			[]string{"content/articles/a.md:5:2: error: this +++ has spaces or tabs around it, so some programs end the front matter here and others do not (write +++ alone at the start of the line)"}},
		{"second block is body", map[string]string{ha: "---\n" + v + "---\n---\n" + h + "---\n"}, Options{}, nil},
	})
}

func TestLineEndings(t *testing.T) {
	cr := func(s string) string { return strings.ReplaceAll(s, "\n", "\r") }
	runCases(t, []loadCase{
		{"CR only", map[string]string{ha: cr(okArticle)}, Options{}, nil},
		{"CR only keeps lines", map[string]string{ha: cr("---\ntitle: T\nsummary: S\ndate: 2020-02-30\n---\nText {{< nope >}}\n")}, Options{},
			[]string{"content/articles/a.md:4:7: error: date: \"2020-02-30\" is not a date (use YYYY-MM-DD)", "content/articles/a.md:6:6: error: unknown shortcode \"nope\" (the only shortcode is contact: {{< contact \"file-name\" >}})"}},
		{"mixed", map[string]string{ha: "---\r\ntitle: T\rsummary: S\ndate: 2020-02-30\r\n---\rText {{< nope >}}\n"}, Options{},
			[]string{"content/articles/a.md:4:7: error: date: \"2020-02-30\" is not a date (use YYYY-MM-DD)", "content/articles/a.md:6:6: error: unknown shortcode \"nope\" (the only shortcode is contact: {{< contact \"file-name\" >}})"}},
	})
}

func TestDepthLimits(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	runCases(t, []loadCase{
		{"TOML arrays", map[string]string{ha: "+++\ntitle = \"T\"\ntopics = " + deep("[", "]", 60) + "\n+++\n"}, Options{},
			[]string{"content/articles/a.md:3:60: error: the front matter is nested more than 50 levels deep (write it as simple fields)"}},
		{"TOML inline tables", map[string]string{ha: "+++\ntitle = \"T\"\nx = " + deep("{a = ", "}", 60) + "\n+++\n"}, Options{},
			[]string{"content/articles/a.md:3:255: error: the front matter is nested more than 50 levels deep (write it as simple fields)"}},
		{"TOML dotted key", map[string]string{ha: "+++\ntitle = \"T\"\n" + strings.Repeat("a.", 60) + "b = 1\n+++\n"}, Options{},
			[]string{"content/articles/a.md:3:102: error: the front matter is nested more than 50 levels deep (write it as simple fields)"}},
		{"TOML table header", map[string]string{ha: "+++\ntitle = \"T\"\n[" + strings.Repeat("a.", 60) + "b]\n+++\n"}, Options{},
			[]string{"content/articles/a.md:3:101: error: the front matter is nested more than 50 levels deep (write it as simple fields)"}},
		{"TOML brackets in strings and comments are text", map[string]string{ha: "+++\ntitle = \"" + strings.Repeat("[", 80) + "\"\ndate = 2020-12-04\nsummary = '''\n" + strings.Repeat("{", 80) + "\n'''\n# " + strings.Repeat("[", 80) + "\n+++\n"}, Options{}, nil},
		{"YAML flow lists", map[string]string{ha: "---\ntitle: T\ntopics: " + deep("[", "]", 60) + "\n---\n"}, Options{},
			[]string{"content/articles/a.md:1:1: error: date is missing (add date: with a value to the front matter)", "content/articles/a.md:1:1: error: summary is missing (add summary: with a value to the front matter)", "content/articles/a.md:3:10: error: topics.0: expected text, not a list (write the text on the same line, after 0:)", "content/articles/a.md:3:59: error: the front matter is nested too deeply (write it as simple fields)"}},
		{"nested lists on one line", map[string]string{ha: article("") + strings.Repeat("- ", 60) + "x\n"}, Options{},
			[]string{"content/articles/a.md:7:101: error: lists or quotes are nested more than 50 levels deep here (use fewer levels: a list inside a list inside a list is already hard to follow)"}},
		{"nested quotes", map[string]string{ha: article("") + "Text\n\n" + strings.Repeat(">", 60) + " x\n"}, Options{},
			[]string{"content/articles/a.md:9:51: error: lists or quotes are nested more than 50 levels deep here (use fewer levels: a list inside a list inside a list is already hard to follow)"}},
		{"nested numbered lists", map[string]string{ha: article("") + strings.Repeat("1. ", 60) + "x\n"}, Options{},
			[]string{"content/articles/a.md:7:151: error: lists or quotes are nested more than 50 levels deep here (use fewer levels: a list inside a list inside a list is already hard to follow)"}},
		{"nested lists by indentation", map[string]string{ha: article("") + func() string {
			var b strings.Builder
			for i := range 60 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}()}, Options{},
			[]string{"content/articles/a.md:57:101: error: lists or quotes are nested more than 50 levels deep here (use fewer levels: a list inside a list inside a list is already hard to follow)"}},
		{"ordinary nesting and deep code are fine", map[string]string{ha: article("") + "- a\n  - b\n    - c\n      > d\n\n```\n" + strings.Repeat(" ", 300) + "code\n```\n"}, Options{}, nil},
	})
}

func TestControlCharacters(t *testing.T) {
	c := "content/contacts/c.md"
	runCases(t, []loadCase{
		{"YAML \\u001b", map[string]string{ha: article("author: \"Ann\\u001b]0;x\\u0007\"\n")}, Options{},
			[]string{"content/articles/a.md:5:9: error: this value holds an invisible control character (U+001B), perhaps written as the escape \\u001b (remove it)"}},
		{"YAML \\e and \\a", map[string]string{ha: "---\ntitle: \"\\e[2J\"\ndate: 2020-12-04\nsummary: \"\\a\"\n---\n"}, Options{},
			[]string{"content/articles/a.md:2:8: error: this value holds an invisible control character (U+001B), perhaps written as the escape \\u001b (remove it)"}},
		{"YAML C1 in a key", map[string]string{ha: article("ignore: {\"x\\x9b\": \"r\"}\n")}, Options{},
			[]string{"content/articles/a.md:5:10: error: this value holds an invisible control character (U+009B), perhaps written as the escape \\u009b (remove it)"}},
		{"TOML \\u0007", map[string]string{c: "+++\ntitle = \"C\\u0007\"\nsummary = \"S\"\nurl = \"https://example.org/\"\nsource = \"https://example.org/\"\nverified_on = 2026-11-01\n+++\n"}, Options{},
			[]string{"content/contacts/c.md:2:9: error: this value holds an invisible control character (U+0007), perhaps written as the escape \\u0007 (remove it)"}},
		{"literal C1 in front matter", map[string]string{ha: article("author: \"A\u0085B\"\n")}, Options{},
			[]string{"content/articles/a.md:5:11: error: the front matter contains an invisible control character (U+0085) (delete it and type the text again)"}},
		{"literal ESC in the body", map[string]string{ha: article("") + "Text \x1b[31mred\n"}, Options{},
			[]string{"content/articles/a.md:7:6: error: the text contains an invisible control character (U+001B) (delete it and type the text again)"}},
		{"C1 in the body", map[string]string{ha: article("") + "Text\n\u009b31m\n"}, Options{},
			[]string{"content/articles/a.md:8:1: error: the text contains an invisible control character (U+009B) (delete it and type the text again)"}},
		{"tab and newline are fine", map[string]string{ha: article("author: \"A\\tB\"\n") + "Text\twith a tab\n"}, Options{}, nil},
	})
}

func TestNameLengths(t *testing.T) {
	long := strings.Repeat("abcdefghi-", 30)
	runCases(t, []loadCase{
		{"300-character slug", map[string]string{ha: article("slug: " + long + "\n")}, Options{},
			[]string{"content/articles/a.md:5:7: error: slug is 300 characters long, more than the 100 an address part may have (shorten it, for example to abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi)"}},
		{"long file name", map[string]string{"content/articles/" + long + ".md": okArticle}, Options{},
			[]string{"content/articles/" + long + ".md: error: the file name is 300 characters long, more than the 100 a name may have (rename it to abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi.md)"}},
		{"long folder name", map[string]string{"content/" + long + "/_index.md": page("")}, Options{},
			[]string{"content/" + long + ": error: the folder name is 300 characters long, more than the 100 a name may have (rename it to abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi-abcdefghi)"}},
		{"100 characters is fine", map[string]string{ha: article("slug: " + long[:100] + "\n")}, Options{}, nil},
	})
}

func TestContactMarkup(t *testing.T) {
	c := "content/contacts/c.md"
	runCases(t, []loadCase{
		{"tags in title and summary", map[string]string{c: "---\ntitle: <b>Line</b>\nsummary: \"<i>S</i>\"\nurl: https://example.org/\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{"content/contacts/c.md:2:1: error: title: \"<b>Line</b>\" holds markup (<b>), but a contact's text is shown exactly as typed (remove it and write the plain text)", "content/contacts/c.md:3:1: error: summary: \"<i>S</i>\" holds markup (<i>), but a contact's text is shown exactly as typed (remove it and write the plain text)"}},
		{"entity and comment", map[string]string{c: contact("hours: \"9&ndash;5 <!-- x -->\"\nphones:\n  - number: \"101\"\n    label: \"&#60;b>\"\n")}, Options{},
			[]string{"content/contacts/c.md:7:1: error: hours: \"9&ndash;5 <!-- x -->\" holds markup (&ndash;), but a contact's text is shown exactly as typed (remove it and write the plain text)", "content/contacts/c.md:10:5: error: phones.0.label: \"&#60;b>\" holds markup (&#60;), but a contact's text is shown exactly as typed (remove it and write the plain text)"}},
		{"plain text with < is fine", map[string]string{c: contact("hours: \"9 to 5, < 1 hour wait, Q&A\"\n")}, Options{}, nil},
	})
}

func TestFileSizeLimit(t *testing.T) {
	big := article("") + strings.Repeat("Words and more words.\n", maxFileSize/22+1)
	runCases(t, []loadCase{
		{"page over 1 MB", map[string]string{ha: big}, Options{},
			[]string{ha + ": error: this file is larger than 1 MB, too long for one page (split it into several pages, and keep images and documents as separate files)"}},
		{"site.yaml over 1 MB", map[string]string{"site.yaml": okSite + strings.Repeat("# comment\n", maxFileSize/10+1), ha: okArticle}, Options{},
			[]string{"site.yaml: error: site.yaml is larger than 1 MB (it needs only a few lines: check that it is the right file)"}},
		{"just under 1 MB is read", map[string]string{ha: big[:maxFileSize]}, Options{}, nil},
	})
}

func TestUnclosedBracketLine(t *testing.T) {
	msg := ": error: the [ or { on this line is not closed (add the ] or } after the last item, or put the text in quotes)"
	runCases(t, []loadCase{
		{"list on line 5", map[string]string{ha: "---\ntitle: T\ndate: 2020-12-04\nsummary: S\ntopics: [a, b\nauthor: A\n---\n"}, Options{}, []string{ha + ":5:9" + msg}},
		{"list on the last line", map[string]string{ha: "---\ntitle: T\ndate: 2020-12-04\nsummary: S\ntopics: [a, b\n---\n"}, Options{}, []string{ha + ":5:9" + msg}},
		{"group on line 2", map[string]string{ha: "---\nnewsletter: {issue: x\ntitle: T\n---\n"}, Options{}, []string{ha + ":2:13" + msg}},
	})
}

func TestBracketLimit(t *testing.T) {
	runCases(t, []loadCase{
		{"a paragraph of brackets", map[string]string{ha: article("") + "Text " + strings.Repeat("[", 2000) + "\n"}, Options{},
			[]string{ha + ":7:1006: error: this paragraph has more than 1000 [ (break it into paragraphs, or write the brackets as \\[)"}},
		{"over lines of one paragraph", map[string]string{ha: article("") + strings.Repeat("[a]\n", 1001)}, Options{},
			[]string{ha + ":1007:1: error: this paragraph has more than 1000 [ (break it into paragraphs, or write the brackets as \\[)"}},
		{"many paragraphs are fine", map[string]string{ha: article("") + strings.Repeat("[a](/x/)\n\n", 1500)}, Options{}, nil},
	})
}

// An article in the newsletter shows its title, summary and author exactly as
// typed in the plain-text email, so markup there is refused at the field; an
// article only on the website may hold it (the templates escape it).
func TestNewsletterArticleMarkup(t *testing.T) {
	nl := "newsletter:\n  issue: \"2026-11\"\n  order: 1\n"
	runCases(t, []loadCase{
		{"tag in the title", map[string]string{ha: "---\ntitle: <b>Bold</b> news\nsummary: S.\ndate: 2026-11-01\n" + nl + "---\nText.\n"}, Options{},
			[]string{"content/articles/a.md:2:1: error: title: \"<b>Bold</b> news\" holds markup (<b>), but an article in the newsletter shows it exactly as typed in the plain-text email (remove it and write the plain text)"}},
		{"entity in the summary and a tag in the author", map[string]string{ha: "---\ntitle: T\nsummary: \"Fish &amp; chips\"\ndate: 2026-11-01\nauthor: <i>Team</i>\n" + nl + "---\nText.\n"}, Options{},
			[]string{
				"content/articles/a.md:3:1: error: summary: \"Fish &amp; chips\" holds markup (&amp;), but an article in the newsletter shows it exactly as typed in the plain-text email (remove it and write the plain text)",
				"content/articles/a.md:5:1: error: author: \"<i>Team</i>\" holds markup (<i>), but an article in the newsletter shows it exactly as typed in the plain-text email (remove it and write the plain text)",
			}},
		{"plain text with < and & is fine", map[string]string{ha: "---\ntitle: Q&A, 5 < 6\nsummary: S.\ndate: 2026-11-01\n" + nl + "---\nText.\n"}, Options{}, nil},
		{"markup outside the newsletter is left to the templates", map[string]string{ha: "---\ntitle: <b>Bold</b>\nsummary: S.\ndate: 2026-11-01\n---\nText.\n"}, Options{}, nil},
	})
}

// A web address with a user name or password is refused without repeating
// it: diagnostics reach CI logs.
func TestURLUserInfoNotEchoed(t *testing.T) {
	runCases(t, []loadCase{
		{"password in a contact's url", map[string]string{"content/contacts/c.md": "---\ntitle: C\nsummary: S\nurl: https://user:s3cret@example.org/\nsource: https://example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{"content/contacts/c.md:4:6: error: url: the address holds a user name or password before the @, which would be published on every page (remove it; a site's address never needs one)"}},
		{"user name in a source", map[string]string{"content/contacts/c.md": "---\ntitle: C\nsummary: S\nurl: https://example.org/\nsource: https://admin@example.org/\nverified_on: 2026-11-01\n---\n"}, Options{},
			[]string{"content/contacts/c.md:5:9: error: source: the address holds a user name or password before the @, which would be published on every page (remove it; a site's address never needs one)"}},
	})
}

func TestBaseURLUserInfoNotEchoed(t *testing.T) {
	cfg := "title: T\nbase_url: https://editor:s3cret@safe.example.org/\norganisation:\n  name: O\n  url: https://example.org/\n"
	_, got := loadFiles(t, map[string]string{"site.yaml": cfg, "content/_index.md": page("")}, Options{})
	all := strings.Join(got, "\n")
	if strings.Contains(all, "s3cret") || !strings.Contains(all, "site.yaml:2:11: error: base_url: the address holds a user name or password") {
		t.Errorf("got:\n%s", all)
	}
}

// TestStaticReplacesPage: a file in static/ at a published page's address
// would replace the page; drafts, contacts and files beside the page are
// not at its address.
func TestStaticReplacesPage(t *testing.T) {
	const msg = ": error: static%s is at this page's address %s and would replace it (remove or rename that file, or give the page another slug)"
	runCases(t, []loadCase{
		{"an article", map[string]string{ha: okArticle, "static/articles/a/index.html": "<p>old</p>"}, Options{},
			[]string{"content/articles/a.md:1:1" + fmt.Sprintf(msg, "/articles/a/index.html", "/articles/a/")}},
		{"a section page", map[string]string{ha: okArticle, "content/articles/_index.md": page(""), "static/articles/index.html": "<p>old</p>"}, Options{},
			[]string{"content/articles/_index.md:1:1" + fmt.Sprintf(msg, "/articles/index.html", "/articles/")}},
		{"a slug", map[string]string{ha: article("slug: new-name\n"), "static/articles/new-name/index.html": "<p>old</p>"}, Options{},
			[]string{"content/articles/a.md:5:7" + fmt.Sprintf(msg, "/articles/new-name/index.html", "/articles/new-name/")}},
		{"beside the page", map[string]string{ha: okArticle, "static/articles/a/old.html": "<p>old</p>"}, Options{}, nil},
		{"a draft", map[string]string{ha: article("draft: true\n"), "static/articles/a/index.html": "<p>old</p>"}, Options{}, nil},
		{"a contact", map[string]string{"content/contacts/c.md": contact(""), "static/contacts/c/index.html": "<p>old</p>"}, Options{}, nil},
	})
}

// TestDeviceNames: a file or folder whose name Windows keeps for a device
// is refused wherever it is, so the site can be checked out on Windows.
func TestDeviceNames(t *testing.T) {
	const msg = "Windows keeps the name %q for a device, so colleagues on Windows could not copy or open the site (rename it, for example to %s)"
	runCases(t, []loadCase{
		{"a page", map[string]string{ha: okArticle, "content/articles/con.md": okArticle}, Options{},
			[]string{"content/articles/con.md: error: " + fmt.Sprintf(msg, "con.md", "con-page.md")}},
		{"a folder in content", map[string]string{ha: okArticle, "content/aux/x.md": page("")}, Options{},
			[]string{"content/aux: error: " + fmt.Sprintf(msg, "aux", "aux-page")}},
		{"a page's image", map[string]string{"content/articles/a/index.md": okArticle, "content/articles/a/LPT1.png": "x"}, Options{},
			[]string{"content/articles/a/LPT1.png: error: " + fmt.Sprintf(msg, "LPT1.png", "LPT1-page.png")}},
		{"a static file", map[string]string{ha: okArticle, "static/nul.txt": "x"}, Options{},
			[]string{"static/nul.txt: error: " + fmt.Sprintf(msg, "nul.txt", "nul-file.txt")}},
		{"a static folder", map[string]string{ha: okArticle, "static/com3/a.txt": "x"}, Options{},
			[]string{"static/com3: error: " + fmt.Sprintf(msg, "com3", "com3-file")}},
		{"names that only start like one", map[string]string{ha: okArticle, "content/articles/console.md": okArticle, "static/auxiliary.txt": "x", "static/com10.txt": "x"}, Options{}, nil},
	})
}
