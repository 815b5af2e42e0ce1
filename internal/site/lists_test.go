package site

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"safeguard/internal/watch"
)

// listsFixture is a source folder of n articles over three years, built with
// the built-in theme (no layouts of its own): article i is dated i*40 days
// after 1 January 2023. The home page and the articles page have a
// last_reviewed date, as every page of real content has: without one, Hugo
// dates a section by its newest page and, finding that date recomputed after
// any save, re-renders every page that links to the section (all of them).
func listsFixture(t *testing.T, n int) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "site.yaml"), "title: Safe City\nbase_url: https://safe.example.org/\norganisation:\n  name: City of Example\n  url: https://www.example.gov.uk/\n")
	writeFile(t, filepath.Join(root, "content/_index.md"), "---\ntitle: Home\nlast_reviewed: 2025-12-01\n---\n")
	writeFile(t, filepath.Join(root, "content/site-map.md"), "---\ntitle: Site map\nlayout: site-map\nlast_reviewed: 2025-12-01\n---\n")
	writeFile(t, filepath.Join(root, "content/articles/_index.md"), "---\ntitle: Articles\nlast_reviewed: 2025-12-01\n---\n")
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		writeArticle(t, root, i, fmt.Sprintf("Article %d", i), start.AddDate(0, 0, i*40))
	}
	return root
}

func writeArticle(t *testing.T, root string, i int, title string, date time.Time) {
	t.Helper()
	writeFile(t, filepath.Join(root, fmt.Sprintf("content/articles/a%02d.md", i)),
		fmt.Sprintf("---\ntitle: %s\nsummary: Summary of article %d.\ndate: %s\n---\nText %d.\n", title, i, date.Format(time.DateOnly), i))
}

// htmlRewritten are the HTML pages an incremental build wrote.
func htmlRewritten(u *Update) []string {
	var out []string
	for _, name := range u.Rewritten {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	return out
}

// TestListsFollowSaves edits, re-dates, adds and deletes articles in a
// preview session and checks every list after each save, the pages one
// edit re-renders, and at the end the whole site against a fresh build.
func TestListsFollowSaves(t *testing.T) {
	root := listsFixture(t, 27) // 2023-01-01 to 2025-11-06
	opts := Options{BaseURL: "http://127.0.0.1:1313/"}
	s, err := NewSession(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := build(t, s)
	for _, y := range []string{"2023", "2024", "2025"} {
		has(t, u.Files, "articles/index.html", `href=/articles/`+y+`/`)
		has(t, u.Files, "articles/"+y+"/index.html", "<h1>Articles from "+y+"</h1>")
		has(t, u.Files, "articles/"+y+"/index.html", `href=/articles/`+y+`/ aria-current=page>`+y+`</a>`)
	}
	has(t, u.Files, "articles/2024/index.html", "Article 10")
	lacks(t, u.Files, "articles/2023/index.html", "Article 10<")
	has(t, u.Files, "articles/index.html", "Article 26")
	lacks(t, u.Files, "articles/index.html", "Article 16<") // the 11th newest
	has(t, u.Files, "index.html", "Article 24")
	lacks(t, u.Files, "index.html", "Article 23<")
	has(t, u.Files, "site-map/index.html", "All 27 articles")
	has(t, u.Files, "articles/index.xml", "Article 7<") // the 20th newest
	lacks(t, u.Files, "articles/index.xml", "Article 6<")
	for name := range u.Files {
		if strings.Contains(name, "_lists") || strings.Contains(name, "/page/") {
			t.Errorf("%s published", name)
		}
	}

	t.Run("a title edit re-renders the page and the lists that show it", func(t *testing.T) {
		writeArticle(t, root, 2, "Article 2 renamed", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 80))
		u := apply(t, s, ev(root, "content/articles/a02.md", watch.Write))
		if u.Full {
			t.Fatal("a title edit caused a full build")
		}
		has(t, u.Files, "articles/2023/index.html", "Article 2 renamed")
		want := []string{"articles/2023/index.html", "articles/a02/index.html"}
		if got := htmlRewritten(u); !slices.Equal(got, want) {
			t.Errorf("rewrote %v, want %v", got, want)
		}
	})

	t.Run("a new date moves the article to another year", func(t *testing.T) {
		writeArticle(t, root, 10, "Article 10 renamed", time.Date(2023, 12, 30, 0, 0, 0, 0, time.UTC))
		u := apply(t, s, ev(root, "content/articles/a10.md", watch.Write))
		if u.Full {
			t.Fatal("a date edit caused a full build")
		}
		lacks(t, u.Files, "articles/2024/index.html", "Article 10 renamed")
		has(t, u.Files, "articles/2023/index.html", "Article 10 renamed")
		has(t, u.Files, "articles/2023/index.html", "<h2 id=december-2023>December 2023</h2>")
	})

	t.Run("a new article is the newest everywhere", func(t *testing.T) {
		writeArticle(t, root, 27, "Newest article", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
		u := apply(t, s, ev(root, "content/articles/a27.md", watch.Create))
		for _, name := range []string{"articles/index.html", "index.html", "articles/2025/index.html", "articles/index.xml", "site-map/index.html"} {
			has(t, u.Files, name, "Newest article")
		}
		has(t, u.Files, "site-map/index.html", "All 28 articles")
		lacks(t, u.Files, "index.html", "Article 24<")
	})

	t.Run("a new year gets its page", func(t *testing.T) {
		writeArticle(t, root, 28, "Next year", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		u := apply(t, s, ev(root, "content/articles/a28.md", watch.Create))
		has(t, u.Files, "articles/2026/index.html", "Next year")
		has(t, u.Files, "articles/2023/index.html", `href=/articles/2026/>2026</a>`)
		has(t, u.Files, "articles/index.html", `href=/articles/2026/>2026</a>`)
	})

	t.Run("a deleted article leaves every list", func(t *testing.T) {
		if err := os.Remove(filepath.Join(root, "content/articles/a27.md")); err != nil {
			t.Fatal(err)
		}
		u := apply(t, s, ev(root, "content/articles/a27.md", watch.Remove))
		for _, name := range []string{"articles/index.html", "index.html", "articles/2025/index.html", "articles/index.xml", "site-map/index.html"} {
			lacks(t, u.Files, name, "Newest article")
		}
	})

	t.Run("the session's site equals a fresh build", func(t *testing.T) {
		writeArticle(t, root, 3, "Article 3 renamed", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
		apply(t, s, ev(root, "content/articles/a03.md", watch.Write))
		compareTrees(t, s.snapshot, freshBuild(t, s, opts))
	})
}

// TestEventLists checks the events page and the pages of earlier years: the
// events page shows this year's events and later ones, and the latest few
// before them; an edit to an old event re-renders its page and its year's.
func TestEventLists(t *testing.T) {
	root := listsFixture(t, 1)
	writeFile(t, filepath.Join(root, "content/events/_index.md"), "---\ntitle: Events\nlast_reviewed: 2025-12-01\n---\n")
	year := time.Now().Year()
	event := func(i int, title string, start time.Time) {
		writeFile(t, filepath.Join(root, fmt.Sprintf("content/events/e%02d.md", i)),
			fmt.Sprintf("---\ntitle: %s\nsummary: Event %d.\nstart: %s\nplace: Guildhall\naudience: Everyone\n---\nText.\n", title, i, start.Format(time.DateOnly)))
	}
	for i := range 8 { // two years ago and last year
		event(i, fmt.Sprintf("Old event %d", i), time.Date(year-2+i/4, time.Month(1+(i%4)*3), 10, 0, 0, 0, 0, time.UTC))
	}
	event(8, "Next event", time.Now().AddDate(0, 1, 0))
	s, err := NewSession(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := build(t, s)
	has(t, u.Files, "events/index.html", "Next event")
	has(t, u.Files, "events/index.html", "Old event 3") // the latest 5 before this year: 3 to 7
	lacks(t, u.Files, "events/index.html", "Old event 2<")
	last, before := fmt.Sprint(year-1), fmt.Sprint(year-2)
	has(t, u.Files, "events/index.html", `href=/events/`+last+`/>`+last+`</a>`)
	has(t, u.Files, "events/"+before+"/index.html", "Old event 2")
	lacks(t, u.Files, "events/"+before+"/index.html", "Old event 4<")
	has(t, u.Files, "events/"+last+"/index.html", `aria-current=page>`+last+`</a>`)

	event(1, "Old event 1 renamed", time.Date(year-2, 4, 10, 0, 0, 0, 0, time.UTC))
	u = apply(t, s, ev(root, "content/events/e01.md", watch.Write))
	has(t, u.Files, "events/"+before+"/index.html", "Old event 1 renamed")
	want := []string{"events/" + before + "/index.html", "events/e01/index.html"}
	if got := htmlRewritten(u); !slices.Equal(got, want) {
		t.Errorf("rewrote %v, want %v", got, want)
	}
}
