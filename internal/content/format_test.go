package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestBOMCRLFAndTOML(t *testing.T) {
	const a = "content/articles/a.md"
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	runCases(t, []loadCase{
		{"BOM", map[string]string{a: "\ufeff" + okArticle}, Options{}, nil},
		{"BOM keeps columns", map[string]string{a: "\ufeff---\ntitle: T\ndate: 2020-02-30\nsummary: S\n---\n"}, Options{},
			[]string{a + ":3:7: error: date: \"2020-02-30\" is not a date (use YYYY-MM-DD)"}},
		{"CRLF", map[string]string{a: crlf(okArticle)}, Options{}, nil},
		{"CRLF keeps lines", map[string]string{a: crlf("---\ntitle: T\nsummary: S\ndate: 2020-02-30\n---\nText {{< nope >}}\n")}, Options{},
			[]string{
				a + ":4:7: error: date: \"2020-02-30\" is not a date (use YYYY-MM-DD)",
				a + ":6:6: error: unknown shortcode \"nope\" (the only shortcode is contact: {{< contact \"file-name\" >}})",
			}},
		{"TOML valid", map[string]string{a: "+++\ntitle = \"T\"\ndate = 2020-12-04\nsummary = \"S\"\ntopics = [\"Prevent\"]\n[newsletter]\nissue = \"2020-12\"\norder = 1\n+++\nText.\n"}, Options{}, nil},
		{"TOML positions", map[string]string{a: "+++\ntitle = \"T\"\nsummary = \"S\"\ndate = \"2020-13-01\"\nreviw_by = 2021-01-01\n[newsletter]\nissue = \"2020-12\"\n  order = 0\n+++\n"}, Options{},
			[]string{
				a + ":4:8: error: date: \"2020-13-01\" is not a date (use YYYY-MM-DD)",
				a + ":5:1: error: unknown field \"reviw_by\" (did you mean review_by?)",
				a + ":8:11: error: newsletter.order: 0 is not a position in the issue (use 1 for the first article, 2 for the next)",
			}},
		{"TOML inline table and array of tables", map[string]string{"content/contacts/c.md": "+++\ntitle = \"C\"\nsummary = \"S\"\nsource = \"https://example.org/\"\nverified_on = 2026-11-01\n[[phones]]\nnumber = \"101\"\n[[phones]]\nnumber = \"0207 332 3808\"\n+++\n",
			"content/act-early/x.md": "+++\ntitle = \"A\"\nsummary = \"S\"\ncall_to_action = { label = \"Go\", url = \"http://x.org\" }\n+++\n"}, Options{},
			[]string{
				"content/act-early/x.md:4:40: error: call_to_action.url: \"http://x.org\" is not secure (use https://)",
				"content/contacts/c.md:9:10: error: phones.1.number: \"0207 332 3808\" is not in the usual groups (write it as 020 7332 3808)",
			}},
		{"TOML event time", map[string]string{"content/events/e.md": "+++\ntitle = \"E\"\nstart = 2020-11-26T10:00:00\naudience = \"A\"\nonline = true\n+++\n"}, Options{}, nil},
		{"TOML offset time refused", map[string]string{"content/events/e.md": "+++\ntitle = \"E\"\nstart = 2020-11-26T10:00:30Z\naudience = \"A\"\nonline = true\n+++\n"}, Options{},
			[]string{"content/events/e.md:3:9: error: start: \"2020-11-26T10:00:30Z\" is not a date or a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM, London time)"}},
	})
}

func TestPageFieldsBodyAndPositions(t *testing.T) {
	src := "\ufeff\n---\r\ntitle: T\r\ndate: 2020-12-04\r\nsummary: S\r\nnewsletter:\r\n  issue: \"2020-12\"\r\n  order: 2\r\ntopics: [a, b]\r\n---\r\nLine one\r\n\r\nLine {{< contact \"ae\" >}}\r\n"
	site, d := loadFiles(t, map[string]string{"content/articles/a.md": src, "content/contacts/ae.md": okContact}, Options{})
	if d != nil {
		t.Fatal(d)
	}
	p := site.Pages[0]
	if p.Body != "Line one\n\nLine {{< contact \"ae\" >}}\n" || p.BodyLine != 11 {
		t.Errorf("body %q at line %d", p.Body, p.BodyLine)
	}
	if p.ContactShortcodes[0].Pos != (Pos{13, 6}) {
		t.Errorf("shortcode at %v", p.ContactShortcodes[0].Pos)
	}
	want := map[string]Pos{"title": {3, 1}, "date": {4, 1}, "summary": {5, 1}, "newsletter": {6, 1},
		"newsletter.issue": {7, 3}, "newsletter.order": {8, 3}, "topics": {9, 1}, "topics.0": {9, 10}, "topics.1": {9, 13}}
	for k, v := range want {
		if p.Fields[k] != v {
			t.Errorf("Fields[%q] = %v, want %v", k, p.Fields[k], v)
		}
	}
	if len(p.Fields) != len(want) {
		t.Errorf("Fields = %v", p.Fields)
	}
	if !p.Date.Equal(time.Date(2020, 12, 4, 0, 0, 0, 0, london)) || p.Article.Newsletter == nil || *p.Article.Newsletter != (Newsletter{"2020-12", 2}) {
		t.Errorf("page = %+v, article %+v", p, p.Article)
	}
}

// TestCache loads, edits one file, deletes one and adds one, checking that
// only changed files are parsed again and that cross-file checks rerun.
func TestCache(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"content/contacts/ae.md": {Data: []byte(okContact), ModTime: t0},
		"content/articles/a.md":  {Data: []byte(article("contacts: [ae]\n")), ModTime: t0},
		"content/articles/b.md":  {Data: []byte(okArticle), ModTime: t0},
	}
	l := NewLoaderFS(fsys, "/src", Options{Today: testToday})
	s1, d := l.Load()
	if d != nil {
		t.Fatal(d)
	}
	parsedA := l.cache["content/articles/a.md"].p
	parsedB := l.cache["content/articles/b.md"].p

	// Unchanged: nothing parsed again, same result.
	s2, d := l.Load()
	if d != nil || len(s2.Pages) != 3 || l.cache["content/articles/a.md"].p != parsedA {
		t.Fatalf("second load re-parsed or differs: %v", d)
	}
	if s1.Pages[0] == s2.Pages[0] {
		t.Error("loads share Page values")
	}

	// Edit b (same size, new time) to break it; a is not parsed again.
	fsys["content/articles/b.md"] = &fstest.MapFile{Data: []byte(strings.Replace(okArticle, "2020-12-04", "2020-12-40", 1)), ModTime: t0.Add(time.Second)}
	s3, d := l.Load()
	if s3 != nil || len(d) != 1 || d[0].String() != `content/articles/b.md:3:7: error: date: "2020-12-40" is not a date (use YYYY-MM-DD)` {
		t.Fatalf("after edit: %v", d)
	}
	if l.cache["content/articles/a.md"].p != parsedA || l.cache["content/articles/b.md"].p == parsedB {
		t.Error("edit re-parsed the wrong files")
	}

	// Fix b, delete the contact: the reference check reruns on unchanged a.
	fsys["content/articles/b.md"] = &fstest.MapFile{Data: []byte(okArticle), ModTime: t0.Add(2 * time.Second)}
	delete(fsys, "content/contacts/ae.md")
	_, d = l.Load()
	if len(d) != 1 || d[0].String() != `content/articles/a.md:5:12: error: contact "ae" does not exist (contacts are the file names in content/contacts/)` {
		t.Fatalf("after delete: %v", d)
	}
	if _, ok := l.cache["content/contacts/ae.md"]; ok {
		t.Error("deleted file still cached")
	}

	// Add the contact back under the name a uses, plus a new article.
	fsys["content/contacts/ae.md"] = &fstest.MapFile{Data: []byte(okContact), ModTime: t0.Add(3 * time.Second)}
	fsys["content/articles/c.md"] = &fstest.MapFile{Data: []byte(okArticle), ModTime: t0.Add(3 * time.Second)}
	s5, d := l.Load()
	if d != nil || len(s5.Pages) != 4 || s5.Contacts["ae"] == nil || l.cache["content/articles/a.md"].p != parsedA {
		t.Fatalf("after add: %v", d)
	}
}
