package newsletter

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/golden"
)

// loadAt loads testdata/alerts as a build at now (London time) would.
func loadAt(t *testing.T, now string) *content.Site {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02T15:04", now, content.London)
	if err != nil {
		t.Fatal(err)
	}
	s, d := content.Load("testdata/alerts", content.Options{Today: at, Now: at})
	if s == nil || d.HasErrors() {
		t.Fatalf("loading testdata/alerts:\n%v", d.Errors())
	}
	return s
}

// TestAlertsGolden pins an urgent notice at the top of an issue: a warning
// with a link into the site (made absolute), and an information notice with
// one to another site, as fragments of their own and in the whole issue,
// HTML and plain text; every file passes the fragment rules.
func TestAlertsGolden(t *testing.T) {
	for _, c := range []struct {
		now   string
		names []string
	}{
		{"2026-12-24T09:00", []string{"2026-12/alerts/helpline-closed.html", "2026-12/alerts/helpline-closed.txt", "2026-12/issue.html", "2026-12/issue.txt"}},
		{"2026-12-31T12:00", []string{"2027-01/alerts/forum-online.html", "2027-01/alerts/forum-online.txt", "2027-01/issue.txt"}},
	} {
		files, d := NewGenerator().Files(loadAt(t, c.now))
		if len(d) > 0 {
			t.Fatalf("at %s, diagnostics:\n%v", c.now, d)
		}
		got := filesByPath(files)
		for _, name := range c.names {
			data, ok := got["newsletter/"+name]
			if !ok {
				t.Errorf("at %s, no file newsletter/%s", c.now, name)
				continue
			}
			golden.Check(t, filepath.Join("testdata", "golden", "alerts_"+strings.ReplaceAll(name, "/", "_")), string(data), *update)
		}
		if n := lintAll(t, files); n < 3 {
			t.Errorf("at %s, %d fragments checked: want the alert's and the articles'", c.now, n)
		}
	}
}

// TestAlertsWindow: an alert is at the top of each issue whose month its
// window reaches while it shows (Starts <= now < Ends), and nowhere before
// it starts or after it ends; an all-day end lasts to midnight.
func TestAlertsWindow(t *testing.T) {
	const helpline, forum = "Our helpline is closed 24 to 26 December", "The forum moves online"
	for _, c := range []struct {
		now          string
		dec, january []string // the titles at the top of each issue
	}{
		{"2026-12-24T08:59", nil, nil},
		{"2026-12-24T09:00", []string{helpline}, nil},
		{"2026-12-26T23:59", []string{helpline}, nil},
		{"2026-12-27T00:00", nil, nil},
		{"2026-12-29T23:59", nil, nil},
		{"2026-12-30T00:00", []string{forum}, []string{forum}},
		{"2027-01-03T23:59", []string{forum}, []string{forum}},
		{"2027-01-04T00:00", nil, nil},
	} {
		s := loadAt(t, c.now)
		issues, d := NewGenerator().Issues(s)
		if len(d) > 0 {
			t.Fatalf("at %s, diagnostics:\n%v", c.now, d)
		}
		for _, iss := range issues {
			want := c.dec
			if iss.ID == "2027-01" {
				want = c.january
			}
			var titles []string
			for _, f := range iss.Alerts {
				titles = append(titles, f.Title)
			}
			if !slices.Equal(titles, want) {
				t.Errorf("at %s, issue %s opens with alerts %q, want %q", c.now, iss.ID, titles, want)
			}
			whole, text := IssueHTML(s, iss), IssueText(iss)
			for _, title := range []string{helpline, forum} {
				in := slices.Contains(want, title)
				if bytes.Contains(whole, []byte(title)) != in || bytes.Contains(text, []byte(title)) != in {
					t.Errorf("at %s, issue %s: %q in the HTML %v, in the text %v; want %v", c.now, iss.ID, title,
						bytes.Contains(whole, []byte(title)), bytes.Contains(text, []byte(title)), in)
				}
			}
			// At the top: the text twin's first line is the notice's heading.
			if len(want) > 0 {
				first, _, _ := strings.Cut(string(text), "\n")
				if !strings.HasSuffix(first, ": "+want[0]) {
					t.Errorf("at %s, issue %s's text starts %q, want the notice %q", c.now, iss.ID, first, want[0])
				}
			}
		}
	}
}

// TestAlertsCached: a preview generator asked again after the time moved on
// drops an alert that has ended from the issue and from its files.
func TestAlertsCached(t *testing.T) {
	g := NewGenerator()
	during, _ := g.Files(loadAt(t, "2026-12-24T09:00"))
	after, _ := g.Files(loadAt(t, "2026-12-27T00:00"))
	if _, ok := filesByPath(during)["newsletter/2026-12/alerts/helpline-closed.html"]; !ok {
		t.Fatal("during its window, the alert has no fragment")
	}
	got := filesByPath(after)
	if _, ok := got["newsletter/2026-12/alerts/helpline-closed.html"]; ok {
		t.Error("after its window, the alert's fragment is still written")
	}
	if bytes.Contains(got["newsletter/2026-12/issue.html"], []byte("helpline")) {
		t.Error("after its window, the alert is still in the whole issue")
	}
}

// TestAlertOtherLanguage: an alert written in another language (language:)
// has its fragment's wrapper in that language and the word safeguard adds
// ("Warning") in the site's, and the whole issue around it still passes
// every rule (it is then checked in full, not taken as clean).
func TestAlertOtherLanguage(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/alerts")); err != nil {
		t.Fatal(err)
	}
	welsh := "---\ntitle: Mae ein llinell gymorth ar gau\nseverity: warning\nlanguage: cy\nstarts: 2026-12-24T09:00\nends: 2026-12-26\n---\n\nMewn argyfwng, ffoniwch 999.\n"
	if err := os.WriteFile(filepath.Join(root, "content", "alerts", "llinell-gymorth.md"), []byte(welsh), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 24, 10, 0, 0, 0, content.London)
	s, d := content.Load(root, content.Options{Today: at, Now: at})
	if s == nil || d.HasErrors() {
		t.Fatalf("loading:\n%v", d.Errors())
	}
	files, d := NewGenerator().Files(s)
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%v", d)
	}
	got := filesByPath(files)
	frag := string(got["newsletter/2026-12/alerts/llinell-gymorth.html"])
	for _, want := range []string{`<div lang="cy" dir="ltr" style="`, `<span lang="en-GB" dir="ltr" style="color:#8a1538;">Warning:</span> Mae ein llinell gymorth ar gau</h2>`} {
		if !strings.Contains(frag, want) {
			t.Errorf("the Welsh alert's fragment lacks %q:\n%s", want, frag)
		}
	}
	if !bytes.Contains(got["newsletter/2026-12/issue.html"], []byte(`<div lang="cy" dir="ltr"`)) {
		t.Error("the whole issue lacks the Welsh alert")
	}
	lintAll(t, files)
}
