package newsletter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
	"safeguard/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func loadSite(t testing.TB, root string) *content.Site {
	t.Helper()
	s, d := content.Load(root, content.Options{Today: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)})
	if s == nil || d.HasErrors() {
		t.Fatalf("loading %s:\n%v", root, d.Errors())
	}
	return s
}

func filesByPath(files []File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

func moduleRoot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// TestGolden pins the output of representative articles: headings, lists,
// links of every kind, a contact shortcode, images, a table, code, a quote.
func TestGolden(t *testing.T) {
	s := loadSite(t, "testdata/site")
	files, d := NewGenerator().Files(s)
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%v", d)
	}
	got := filesByPath(files)
	for _, name := range []string{
		"2020-12/kitchen-sink.html", "2020-12/kitchen-sink.txt",
		"2020-12/first-in-issue.html", "2020-12/first-in-issue.txt",
		"2020-12/issue.html", "2020-12/issue.txt",
	} {
		data, ok := got["newsletter/"+name]
		if !ok {
			t.Errorf("no file newsletter/%s", name)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("newsletter/%s differs from %s (run go test -update if the change is intended)\n--- got ---\n%s", name, golden, data)
		}
	}
}

// TestGeneratedFilesPassLint checks every fragment of the test site with the
// rule checker, independently of Files' own check.
func TestGeneratedFilesPassLint(t *testing.T) {
	s := loadSite(t, "testdata/site")
	files, _ := NewGenerator().Files(s)
	lintAll(t, files)
}

func lintAll(t *testing.T, files []File) (fragments int) {
	t.Helper()
	for _, f := range files {
		dir, name := filepath.Split(f.Path)
		if dir == "newsletter/" || name == "index.html" {
			continue // editors' pages, manifest, script and stylesheet are not email
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			fragments++
			for _, v := range emailcheck.Lint(f.Data) {
				if name == "issue.html" && v.Rule == "size" {
					continue // a whole issue's size is Files' warning (Gmail's clipping limit), not the 20 KB aim of one article
				}
				t.Errorf("%s: %v", f.Path, v)
			}
			txt := filesByPath(files)[strings.TrimSuffix(f.Path, ".html")+".txt"]
			for _, v := range emailcheck.LintTwin(f.Data, txt) {
				t.Errorf("%s: %v", f.Path, v)
			}
		case strings.HasSuffix(name, ".txt"):
			for _, v := range emailcheck.LintText(f.Data) {
				t.Errorf("%s: %v", f.Path, v)
			}
		}
	}
	return fragments
}

// TestRealContent lints every fragment made from the repository's content/.
func TestRealContent(t *testing.T) {
	root := moduleRoot(t)
	s, d := content.Load(root, content.Options{})
	if s == nil {
		t.Fatalf("the repository's content does not load:\n%v", d.Errors())
	}
	files, nd := NewGenerator().Files(s)
	if nd.HasErrors() {
		t.Fatalf("newsletter errors:\n%v", nd.Errors())
	}
	for _, w := range nd {
		t.Logf("%v", w)
	}
	n := lintAll(t, files)
	got := filesByPath(files)
	dec := 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, "newsletter/2020-12/") && strings.HasSuffix(f.Path, ".html") && !strings.HasSuffix(f.Path, "/issue.html") && !strings.HasSuffix(f.Path, "/index.html") {
			dec++
		}
		if strings.HasSuffix(f.Path, ".html") || strings.HasSuffix(f.Path, ".txt") {
			t.Logf("%-70s %6d bytes", f.Path, len(f.Data))
		}
	}
	if dec < 2 {
		t.Errorf("the December 2020 issue has %d fragments, want at least 2", dec)
	}
	if _, ok := got["newsletter/index.json"]; !ok {
		t.Error("no manifest")
	}
	t.Logf("%d fragments (issues included) pass every rule", n)
}

func TestWrapText(t *testing.T) {
	long := "https://www.gov.uk/guidance/get-help-if-youre-worried-about-someone-being-radicalised"
	lines := wrapText("See the guidance at "+long+" today, and talk to someone you trust about it.", 78)
	for _, l := range lines {
		if runeLen(l) > 78 && l != long {
			t.Errorf("line %q is %d long", l, runeLen(l))
		}
	}
	if lines[1] != long {
		t.Errorf("the long address is not on a line of its own: %q", lines)
	}
}

// TestOrderAndManifest checks issue order (newest first), fragment order
// (newsletter.order) and that the manifest's sizes and hashes match the files.
func TestOrderAndManifest(t *testing.T) {
	s := loadSite(t, "testdata/site")
	files, _ := NewGenerator().Files(s)
	got := filesByPath(files)
	var m Manifest
	if err := json.Unmarshal(got["newsletter/index.json"], &m); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Issues, ",") != "2020-12,2020-11" {
		t.Errorf("issues %v, want newest first", m.Issues)
	}
	var order []string
	for _, f := range m.Fragments {
		order = append(order, f.Issue+"/"+f.Slug)
		for _, a := range []Artifact{f.HTML, f.Text} {
			data, ok := got[a.Path]
			if !ok {
				t.Errorf("manifest lists %s, which was not made", a.Path)
				continue
			}
			sum := sha256.Sum256(data)
			if a.Bytes != len(data) || a.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: manifest says %d bytes %s", a.Path, a.Bytes, a.SHA256)
			}
			if a.URL != "https://safer.example.org/"+a.Path {
				t.Errorf("%s: URL %s", a.Path, a.URL)
			}
		}
	}
	if want := "2020-12/first-in-issue,2020-12/kitchen-sink,2020-11/older-issue"; strings.Join(order, ",") != want {
		t.Errorf("fragments %v, want %s", order, want)
	}
	if m.Fragments[0].URL != "https://safer.example.org/articles/first-in-issue/" || m.Fragments[0].Title == "" || m.Fragments[0].Summary == "" {
		t.Errorf("first fragment %+v", m.Fragments[0])
	}
	issue := string(got["newsletter/2020-12/issue.html"])
	if a, b := strings.Index(issue, "Safeguarding our communities"), strings.Index(issue, "Everything an article can hold"); a < 0 || b < a {
		t.Errorf("issue.html is not in newsletter order")
	}
	for _, p := range []string{"newsletter/index.html", "newsletter/2020-12/index.html", "newsletter/2020-11/index.html", "newsletter/copy.js", "newsletter/editor.css"} {
		if _, ok := got[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	idx := string(got["newsletter/index.html"])
	if strings.Index(idx, "2020-12/") > strings.Index(idx, "2020-11/") {
		t.Error("the issues page does not list the newest issue first")
	}
	editors := string(got["newsletter/2020-12/index.html"])
	for _, want := range []string{
		`<meta name="robots" content="noindex">`,
		`<script src="../copy.js" defer></script>`,
		`<link rel="stylesheet" href="../editor.css">`,
		`<a class="skip" href="#main">`, `<main id="main">`,
		`<iframe src="kitchen-sink.html" title="Email preview of ‘Everything an article can hold’"`,
		`<a href="kitchen-sink.html">`, `<a href="kitchen-sink.txt">`,
		`data-copy="kitchen-sink.html"`, `data-copy="kitchen-sink.txt"`,
	} {
		if !strings.Contains(editors, want) {
			t.Errorf("the editors' page lacks %s", want)
		}
	}
	if strings.Count(editors, "<h1>") != 1 || strings.Contains(editors, "<script>") || strings.Contains(editors, " style=") {
		t.Error("the editors' page needs one h1 and no inline script or style (CSP default-src 'self')")
	}
}

// TestCache checks that a second call renders nothing unchanged, and that an
// edit to an article, a contact it shows or an image re-renders only what
// depends on it.
func TestCache(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	s := loadSite(t, root)
	g := NewGenerator()
	first, _ := g.Files(s)
	if g.renders != 3 {
		t.Fatalf("first call rendered %d articles, want 3", g.renders)
	}
	again, _ := g.Files(s)
	if g.renders != 3 {
		t.Errorf("second call rendered %d more articles, want 0", g.renders-3)
	}
	if len(first) != len(again) {
		t.Errorf("second call made %d files, first %d", len(again), len(first))
	}

	// Edit one article: only it is rendered again.
	edited := *s
	edited.Pages = nil
	for _, p := range s.Pages {
		if p.Slug == "older-issue" {
			cp := *p
			cp.Body += "\nA new sentence.\n"
			p = &cp
		}
		edited.Pages = append(edited.Pages, p)
	}
	files, _ := g.Files(&edited)
	if g.renders != 4 {
		t.Errorf("after editing one article %d renders, want 4", g.renders)
	}
	if !strings.Contains(string(filesByPath(files)["newsletter/2020-11/older-issue.txt"]), "A new sentence.") {
		t.Error("the edit is not in the output")
	}

	// Edit a contact used by first-in-issue only.
	edited.Contacts = map[string]*content.Contact{}
	for k, c := range s.Contacts {
		if k == "community-safety-team" {
			cp := *c
			cp.Email = "prevent@cityoflondon.gov.uk"
			c = &cp
		}
		edited.Contacts[k] = c
	}
	g.Files(&edited)
	if g.renders != 5 {
		t.Errorf("after editing one contact %d renders, want 5", g.renders)
	}

	// Replace the kitchen sink's image with one of another size.
	img := filepath.Join(root, "content/articles/kitchen-sink/map.png")
	logo, _ := os.ReadFile(filepath.Join(root, "static/images/logo.png"))
	if err := os.WriteFile(img, logo, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(img, later, later)
	edited.Files = loadSite(t, root).Files // the loader's inventory sees the new image
	files, _ = g.Files(&edited)
	if g.renders != 6 {
		t.Errorf("after changing an image %d renders, want 6", g.renders)
	}
	if !strings.Contains(string(filesByPath(files)["newsletter/2020-12/kitchen-sink.html"]), `width="120" height="80"`) {
		t.Error("the new image size is not in the output")
	}
}

// withArticle renders the test site with one more article of issue 2021-01,
// whose body starts at line 10.
func withArticle(s *content.Site, name, body string, ignore map[string]string) (*content.Page, []File, diag.List) {
	p := &content.Page{
		Path: "content/articles/" + name + ".md", Kind: content.KindArticle, Slug: name,
		URL: "/articles/" + name + "/", Title: "Test " + name, Summary: "A test.",
		Body: body, ShortcodeSpans: markdown.Shortcodes(body), BodyLine: 10, Ignore: ignore,
		Article: &content.Article{Newsletter: &content.Newsletter{Issue: "2021-01", Order: 1}},
	}
	site := *s
	site.Pages = append([]*content.Page{p}, s.Pages...)
	files, d := NewGenerator().Files(&site)
	return p, files, d
}

// TestArticleErrors: what an email cannot carry is an error naming the file,
// line and column, under the rulebook's name (the web page's name for the
// same mistake), and the article's fragment is not made.
func TestArticleErrors(t *testing.T) {
	s := loadSite(t, "testdata/site")
	for _, tc := range []struct {
		name, body string
		rule       string
		line, col  int // of the problem, counting the body from line 10
		want       string
	}{
		{"javascript", "Intro.\n\nA [bad link](javascript:alert(1)).\n", "unsafe-link", 12, 3, "could run script"},
		{"other-scheme", "Intro.\n\nA [chat with us](sms:+447700900123).\n", "email-link", 12, 3, "cannot be used in an email"},
		{"http", "A [plain link to Example](http://example.org/).\n", "http-link", 10, 3, "use https://"},
		{"vague", "Intro.\n\n\nFor help [click here](https://example.org/).\n", "link-text", 13, 10, "does not say where the link goes"},
		{"shortcode", "Intro.\n\n{{< youtube \"abc\" >}}\n", "newsletter-shortcode", 12, 1, "cannot be shown in the newsletter"},
		{"missing-contact", "Intro.\n\n{{< contact \"nobody\" >}}\n", "newsletter-shortcode", 12, 1, "cannot be shown in the newsletter"},
		{"missing-image", "Intro.\n\n![A photo of the forum](photo.png)\n", "broken-image", 12, 1, "does not exist"},
		{"no-alt", "Intro.\n\n![](/images/logo.png)\n", "image-alt", 12, 1, "no alt text"},
		{"remote-image", "Intro.\n\n![A photo](https://example.org/photo.png)\n", "remote-image", 12, 1, "another site"},
		{"control", "Intro.\n\nA bell \x07 rings.\n", "newsletter-characters", 12, 8, "not allowed in email"},
		{"footnote-without-note", "Intro.\n\nA claim.[^missing]\n", "newsletter-footnote", 12, 9, "footnote [^missing] has no note"},
		{"footnote-in-a-list", "- a point[^gone]\n", "newsletter-footnote", 10, 10, "footnote [^gone] has no note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, files, d := withArticle(s, tc.name, tc.body, nil)
			var mine diag.List
			for _, x := range d {
				if x.Path == p.Path {
					mine = append(mine, x)
				}
			}
			if len(mine) != 1 || mine[0].Severity != diag.Error || mine[0].Rule != tc.rule || mine[0].Line != tc.line || mine[0].Col != tc.col || !strings.Contains(mine[0].Message, tc.want) {
				t.Errorf("diagnostics %v, want one %s error at %d:%d containing %q", mine, tc.rule, tc.line, tc.col, tc.want)
			}
			if _, ok := rules.Lookup(tc.rule); !ok {
				t.Errorf("rule %s is not in the rulebook", tc.rule)
			}
			for _, f := range files {
				if strings.Contains(f.Path, "/"+tc.name+".") {
					t.Errorf("%s was made despite the error", f.Path)
				}
			}
		})
	}
}

// TestWideTable: a table wider than a phone is shown in the email as one
// block of "Column: value" lines per row, with a warning at its line, and the
// fragment is made; a page can switch the rule off (the table stays a
// table), and a table of 3 columns is a table.
func TestWideTable(t *testing.T) {
	s := loadSite(t, "testdata/site")
	wide := "Intro.\n\n| Day | Time | Place | Phone |\n|---|---|---|---|\n| Monday | 9am | Hall | 020 7606 3030 |\n| Friday | | Online | **Free** |\n"
	for _, tc := range []struct {
		name, body string
		ignore     bool
		warn       bool
		html, text []string
	}{
		{"wide", wide, false, true,
			[]string{`<p style="` + styleRow + `"><strong>Day:</strong> Monday<br>` + "\n" + `<strong>Time:</strong> 9am<br>` + "\n" + `<strong>Place:</strong> Hall<br>` + "\n" + `<strong>Phone:</strong> 020 7606 3030</p>`,
				`<p style="` + styleRow + `"><strong>Day:</strong> Friday<br>` + "\n" + `<strong>Place:</strong> Online<br>` + "\n" + `<strong>Phone:</strong> <strong>Free</strong></p>`},
			[]string{"Day: Monday\nTime: 9am\nPlace: Hall\nPhone: 020 7606 3030\n\nDay: Friday\nPlace: Online\nPhone: Free\n"}},
		{"ignored", wide, true, false, []string{`<table style=`, `<th scope="col"`}, []string{"Day | Time | Place | Phone"}},
		{"narrow", "Intro.\n\n| Day | Time | Place |\n|---|---|---|\n| Monday | 9am | Hall |\n", false, false, []string{`<table style=`}, []string{"Day | Time | Place"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ignore map[string]string
			if tc.ignore {
				ignore = map[string]string{"newsletter-wide-table": "read on desktops"}
			}
			p, files, d := withArticle(s, tc.name, tc.body, ignore)
			var mine diag.List
			for _, x := range d {
				if x.Path == p.Path {
					mine = append(mine, x)
				}
			}
			if tc.warn {
				if len(mine) != 1 || mine[0].Severity != diag.Warning || mine[0].Line != 12 || mine[0].Rule != "newsletter-wide-table" || !strings.Contains(mine[0].Message, "4 columns") {
					t.Errorf("diagnostics %v, want one warning at line 12 about 4 columns", mine)
				}
			} else if len(mine) != 0 {
				t.Errorf("diagnostics %v, want none", mine)
			}
			got := filesByPath(files)
			html, text := string(got["newsletter/2021-01/"+tc.name+".html"]), string(got["newsletter/2021-01/"+tc.name+".txt"])
			for _, w := range tc.html {
				if !strings.Contains(html, w) {
					t.Errorf("the fragment lacks %s:\n%s", w, html)
				}
			}
			for _, w := range tc.text {
				if !strings.Contains(text, w) {
					t.Errorf("the text twin lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestIssueHTMLEscapesLanguage: the whole issue writes the language code as
// each fragment does, escaped, whatever site.yaml holds.
func TestIssueHTMLEscapesLanguage(t *testing.T) {
	s := &content.Site{Config: content.Config{Language: `en"><script>`}}
	got := string(IssueHTML(s, &Issue{ID: "2020-12"}))
	if strings.Contains(got, "<script>") || !strings.Contains(got, `lang="en&#34;&gt;&lt;script&gt;"`) {
		t.Errorf("IssueHTML did not escape the language code:\n%s", got)
	}
}

// TestArticlePublished: what the web page publishes with a warning, or with
// a rule the page switched off, the newsletter publishes too: raw HTML is
// left out with a warning at its line and column, a relative link resolves
// as on the web page, and a switch (front matter or line) covers the fragment
// and its text twin, the email rule checker's findings included.
func TestArticlePublished(t *testing.T) {
	s := loadSite(t, "testdata/site")
	for _, tc := range []struct {
		name, body string
		ignore     map[string]string
		warn       string // a warning's rule:line:col, or ""
		html, text string // in the fragment and the text twin
	}{
		{"raw-html", "Intro.\n\n<div>Boxed</div>\n", nil, "raw-html:12:1", "Intro.", "Intro."},
		{"inline-html", "Intro with <b>bold</b> words.\n", nil, "raw-html:10:12", "bold", "Intro with bold words."},
		{"comment", "Intro.\n\n<!-- a note to editors -->\n", nil, "", "Intro.", "Intro."},
		{"relative", "A [relative link to a page](other-page/).\n", nil, "", `href="https://safer.example.org/articles/relative/other-page/"`, "(https://safer.example.org/articles/relative/other-page/)"},
		{"vague-ignored", "For help [click here](https://example.org/).\n", map[string]string{"link-text": "quoted from a leaflet"}, "", ">click here</a>", "click here (https://example.org/)"},
		{"vague-ignored-line", "Intro.\n\n<!-- safeguard-ignore link-text: quoted -->\nFor help [click here](https://example.org/).\n", nil, "", ">click here</a>", "click here"},
		{"http-ignored", "A [plain link to Example](http://example.org/).\n", map[string]string{"http-link": "the site has no https"}, "", `href="http://example.org/"`, "(http://example.org/)"},
		{"literal-tag", "Type \\<br/> to break a line.\n", nil, "", "Type &lt;br/&gt; to break", "Type `<br/>` to break a line."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, files, d := withArticle(s, tc.name, tc.body, tc.ignore)
			var got []string
			for _, x := range d {
				if x.Path == p.Path {
					got = append(got, fmt.Sprintf("%s:%d:%d", x.Rule, x.Line, x.Col))
					if x.Severity == diag.Error {
						t.Errorf("error: %v", x)
					}
				}
			}
			if want := []string{tc.warn}; tc.warn == "" && len(got) > 0 || tc.warn != "" && !slices.Equal(got, want) {
				t.Errorf("diagnostics %v, want %q", got, tc.warn)
			}
			var h, txt string
			for _, f := range files {
				switch f.Path {
				case "newsletter/2021-01/" + tc.name + ".html":
					h = string(f.Data)
				case "newsletter/2021-01/" + tc.name + ".txt":
					txt = string(f.Data)
				}
			}
			if !strings.Contains(h, tc.html) {
				t.Errorf("fragment lacks %q:\n%s", tc.html, h)
			}
			if !strings.Contains(txt, tc.text) {
				t.Errorf("text twin lacks %q:\n%s", tc.text, txt)
			}
		})
	}
}
