package editor

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// A change saved on disk after the form was opened is never overwritten:
// the conflict page shows both versions field by field and writes nothing;
// the writer's choices then save, keeping what they chose of each.
func TestConflictFromDisk(t *testing.T) {
	root, _, srv := start(t)
	v := formValues(t, srv, "/_edit/articles/prevent/")
	// A colleague (or git pull) changes the summary and the text.
	theirs := strings.Replace(testSite["content/articles/prevent.md"], "summary: What Prevent is.", "summary: What Prevent is, and who it helps.", 1)
	theirs = strings.Replace(theirs, "Prevent helps people.", "Prevent helps people early.", 1)
	if err := os.WriteFile(filepath.Join(root, "content/articles/prevent.md"), []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	// The writer changes the title and saves their (older) form.
	v.Set("f.title", "Prevent explained")
	v.Set("action", "save")
	status, _, body := post(t, srv, "/_edit/_save", v, nil)
	if status != http.StatusConflict || !strings.Contains(body, "Someone else changed this page") {
		t.Fatalf("stale save: %d\n%s", status, body)
	}
	if got := read(t, root, "content/articles/prevent.md"); got != theirs {
		t.Fatalf("the stale save wrote:\n%s", got)
	}
	for _, want := range []string{"Keep yours: <strong>Prevent explained</strong>", "Keep the one saved: <strong>About Prevent</strong>", "Keep the one saved: <strong>What Prevent is, and who it helps.</strong>", "Prevent helps people early."} {
		if !strings.Contains(body, want) {
			t.Errorf("conflict page has no %q", want)
		}
	}
	// Three-way: the writer's title is chosen, the colleague's summary and
	// text are kept, as the writer did not change them.
	c := parseForm(body, "/_edit/_save")
	if c.Get("pick.f.title") != "mine" || c.Get("pick.f.summary") != "theirs" || c.Get("pick.body") != "theirs" {
		t.Errorf("preselected: title %q summary %q body %q", c.Get("pick.f.title"), c.Get("pick.f.summary"), c.Get("pick.body"))
	}
	c.Set("action", "save")
	status, loc, body := post(t, srv, "/_edit/_save", c, nil)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?saved=yes") {
		t.Fatalf("resolve: %d %q\n%s", status, loc, body)
	}
	got := read(t, root, "content/articles/prevent.md")
	for _, want := range []string{`title: "Prevent explained"`, "summary: What Prevent is, and who it helps.", "Prevent helps people early."} {
		if !strings.Contains(got, want) {
			t.Errorf("after resolving, no %q in\n%s", want, got)
		}
	}
	// Choosing the writer's text instead keeps it.
	v = formValues(t, srv, "/_edit/articles/prevent/")
	if err := os.WriteFile(filepath.Join(root, "content/articles/prevent.md"), []byte(strings.Replace(got, "early", "very early", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	v.Set("body", "\nMy own words.\n")
	v.Set("action", "save")
	_, _, body = post(t, srv, "/_edit/_save", v, nil)
	c = parseForm(body, "/_edit/_save")
	c.Set("pick.body", "mine")
	c.Set("action", "save")
	if status, _, body := post(t, srv, "/_edit/_save", c, nil); status != http.StatusSeeOther {
		t.Fatalf("resolve with mine: %d\n%s", status, body)
	}
	if got := read(t, root, "content/articles/prevent.md"); !strings.HasSuffix(got, "\nMy own words.\n") {
		t.Errorf("the writer's text was lost:\n%s", got)
	}
}

// Two saves from the same version at the same moment: exactly one is
// written, the other gets the conflict page (run with -race).
func TestConcurrentSaves(t *testing.T) {
	root, _, srv := start(t)
	v := formValues(t, srv, "/_edit/articles/prevent/")
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, title := range []string{"First writer", "Second writer"} {
		w := url.Values{}
		for k, x := range v {
			w[k] = x
		}
		w.Set("f.title", title)
		w.Set("action", "save")
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/_edit/_save", strings.NewReader(w.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", srv.URL)
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	saved, conflicts := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusSeeOther:
			saved++
		case http.StatusConflict:
			conflicts++
		}
	}
	if saved != 1 || conflicts != 1 {
		t.Fatalf("statuses %v, want one save and one conflict", statuses)
	}
	got := read(t, root, "content/articles/prevent.md")
	if strings.Contains(got, "First writer") == strings.Contains(got, "Second writer") {
		t.Errorf("file:\n%s", got)
	}
}

// Delete from a form opened on an older version asks again and deletes
// nothing.
func TestDeleteConflict(t *testing.T) {
	root, ed, srv := start(t)
	v := formValues(t, srv, "/_edit/articles/prevent/")
	name := filepath.Join(root, "content/articles/prevent.md")
	if err := os.WriteFile(name, []byte(strings.Replace(testSite["content/articles/prevent.md"], "helps people", "helps many people", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, body := post(t, srv, "/_edit/_delete", url.Values{"token": {ed.token}, "page": {"articles/prevent"}, "version": {v.Get("version")}, "confirm": {"yes"}}, nil)
	if status != http.StatusConflict || !strings.Contains(body, "This page changed since you opened it") || !strings.Contains(body, "helps many people") {
		t.Fatalf("stale delete: %d\n%s", status, body)
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatal("deleted a page that changed")
	}
	c := parseForm(body, "/_edit/_delete")
	if status, _, _ := post(t, srv, "/_edit/_delete", c, nil); status != http.StatusSeeOther {
		t.Fatalf("delete after seeing the change: %d", status)
	}
}

// More phone number rows than any contact needs are refused with a clear
// message, before a page is built from them.
func TestRowsBounded(t *testing.T) {
	_, _, srv := start(t)
	v := formValues(t, srv, "/_edit/contacts/emergency/")
	v.Set("f.phones.20000.number", "1")
	v.Set("action", "save")
	status, _, body := post(t, srv, "/_edit/_save", v, nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "at most 50 phone numbers") {
		t.Fatalf("%d\n%s", status, body)
	}
}

var (
	textRE    = regexp.MustCompile(`(?s)(<textarea[^>]*>).*?</textarea>`)
	summaryRE = regexp.MustCompile(`<li><a href="#[^"]*">([^<]*)</a></li>`)
)

// forbiddenWords never appear in what the editor shows a writer
// (writerWords rewrites the messages that would hold them).
var forbiddenWords = []string{"front matter", "yaml", "toml", "content/", ".md", "hugo", "file name"}

// No page the editor shows a writer names front matter, YAML, Hugo, files
// or folders: every kind of page and message, from each path through it.
func TestWritersWords(t *testing.T) {
	root, ed, srv := start(t)
	os.WriteFile(filepath.Join(root, "content/articles/lists.md"), []byte("---\ntitle: Lists\nsummary: Lists.\ndate: 2026-11-01\nreview_by: 2027-01-10\ncontacts: [nobody]\n---\n\nSee [a file](/articles/other.md) and {{< contact \"nobody\" >}} and [gone](/articles/gone/).\n"), 0o644)
	var pages []string
	add := func(what, body string) { pages = append(pages, what+"\n"+body) }
	add("new form", getPage(t, srv, "/_edit/_new"))
	add("edit form", getPage(t, srv, "/_edit/articles/prevent/"))
	add("toml", getPage(t, srv, "/_edit/toml/"))
	add("not found", getPage(t, srv, "/_edit/nowhere/"))
	add("contact form", getPage(t, srv, "/_edit/contacts/emergency/"))
	add("broken page", getPage(t, srv, "/_edit/articles/lists/?saved=draft"))
	_, _, b := post(t, srv, "/_edit/_new", url.Values{"token": {ed.token}}, nil)
	add("new, empty", b)
	_, _, b = post(t, srv, "/_edit/_new", url.Values{"token": {ed.token}, "kind": {"article"}, "title": {"حماية الأطفال"}}, nil)
	add("new, arabic", b)
	_, _, b = post(t, srv, "/_edit/_new", url.Values{"token": {ed.token}, "kind": {"article"}, "title": {"About"}, "address": {"prevent"}}, nil)
	add("new, taken", b)
	_, _, b = post(t, srv, "/_edit/_new", url.Values{"token": {ed.token}, "kind": {"article"}, "title": {"Schools"}, "address": {"schools"}}, nil)
	add("new page form", b)
	nv := parseForm(b, "/_edit/_save")
	nv.Set("action", "save")
	_, _, b = post(t, srv, "/_edit/_save", nv, nil)
	add("new page with placeholders", b)
	for _, set := range []map[string]string{
		{"f.date.day": "31", "f.date.month": "2"},
		{"f.summary": ""},
		{"f.title": ""},
		{"body": "Text.\n\n# A second title\n\n{{< contact \"nobody\" >}}\n\n[x](/nowhere/) [y](other.md)\n\n{{< unknown >}}\n"},
		{"f.contacts": "nobody"},
		{"f.slug": "Not A Slug"},
		{"f.language": "english"},
		{"action": "preview"},
		{"action": "contact", "pick_contact": "emergency"},
		{"action": "draft"},
		{"f.slug": "prevent-duty"},
		{"page": "../site"},
		{"page": "gone"},
		{"f.phones.99.number": "1"},
	} {
		v := formValues(t, srv, "/_edit/articles/prevent/")
		v.Set("action", "save")
		for k, x := range set {
			v.Set(k, x)
		}
		_, _, b := post(t, srv, "/_edit/_save", v, nil)
		add("save "+v.Encode(), b)
	}
	v := formValues(t, srv, "/_edit/articles/prevent/")
	os.WriteFile(filepath.Join(root, "content/articles/prevent.md"), []byte(strings.Replace(testSite["content/articles/prevent.md"], "About", "All about", 1)), 0o644)
	v.Set("action", "save")
	v.Set("f.title", "Mine")
	_, _, b = post(t, srv, "/_edit/_save", v, nil)
	add("conflict", b)
	_, _, b = post(t, srv, "/_edit/_delete", url.Values{"token": {ed.token}, "page": {"articles/prevent"}, "version": {"old"}, "confirm": {"yes"}}, nil)
	add("delete conflict", b)
	_, _, b = post(t, srv, "/_edit/_delete", url.Values{"token": {ed.token}, "page": {"articles/prevent"}, "version": {"old"}}, nil)
	add("delete confirm", b)
	for _, p := range pages {
		what, body, _ := strings.Cut(p, "\n")
		// The writer's own text is theirs: what the editor says is scanned.
		body = textRE.ReplaceAllString(body, "<textarea></textarea>")
		if testing.Verbose() {
			for _, m := range summaryRE.FindAllStringSubmatch(body, -1) {
				t.Logf("%s: %s", what[:min(len(what), 30)], m[1])
			}
		}
		lower := strings.ToLower(body)
		for _, word := range forbiddenWords {
			if i := strings.Index(lower, word); i >= 0 {
				t.Errorf("%s: %q in %q", what, word, body[max(0, i-120):min(len(body), i+80)])
			}
		}
		if strings.Contains(body, root) {
			t.Errorf("%s: the source folder's path is shown", what)
		}
	}
}

// A form whose body does not arrive within the read timeout is refused,
// and nothing is written.
func TestSlowBodyRefused(t *testing.T) {
	root, ed, srv := start(t)
	ed.bodyTimeout = time.Second
	before := read(t, root, "content/articles/prevent.md")
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/_edit/_save", pr)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", srv.URL)
	go pw.Write([]byte("action=save&f.title=Slow"))
	start := time.Now()
	resp, err := noRedirect.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("slow body: %d", resp.StatusCode)
		}
	}
	if d := time.Since(start); d < time.Second || d > 30*time.Second {
		t.Errorf("refused after %v, want about 1s", d)
	}
	if got := read(t, root, "content/articles/prevent.md"); got != before {
		t.Error("written")
	}
}
