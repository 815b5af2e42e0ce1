package site

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"

	"safeguard/internal/content"
)

// The article lists are pages made here from the model, not lists Hugo
// works out in templates. Hugo's partial rebuild re-renders a page when a
// page it read changed, so a list that reads every article (a 500-page
// paginated list at 10,000 articles) is re-rendered on every save. Instead:
//
//   - the articles section shows the newest articles and links to one page
//     per year (/articles/2024/), which lists that year's articles by month;
//   - which articles each list holds, in which order, is written into the
//     front matter of generated pages: one per year, and one page that is
//     never published (listsPath) holding the newest articles and the years,
//     read by the section page, the home page, the feed and the site map.
//
// A list page then reads only the articles it shows, and its generated file
// changes exactly when its membership or order does (a new, deleted or
// re-dated article), which a preview session tells Hugo as a file change. A
// title or summary edit re-renders only the lists that show the article.

// generatedDir is where the generated content files live, in the in-memory
// layer of the source file system, mounted as content.
var generatedDir = filepath.Join(string(filepath.Separator), "_safeguard", "generated")

// listsPath is the generated page holding the newest articles and the years,
// relative to content/.
const listsPath = "articles/_lists/index.md"

// latestCount is how many of the newest articles the lists page holds: the
// feed's length (services.rss.limit) and the site map's.
const latestCount = 20

// GeneratedContent returns the content files made from s, by slash path
// relative to content/: the article lists (see lists.go). A build mounts them
// as content from memory; the benchmarks' hugo command from a folder
// (HugoConfigFor).
func GeneratedContent(s *content.Site) map[string][]byte {
	taken := map[string]bool{}
	for _, p := range s.Pages {
		taken[p.URL] = true
	}
	out := map[string][]byte{}
	articleLists(s, taken, out)
	eventLists(s, taken, out, thisYear(s))
	return out
}

// sectionPages returns the pages of kind in s other than section pages,
// and the address of content/<section>/_index.md ("" when there is none).
func sectionPages(s *content.Site, kind content.Kind, section string) (pages []*content.Page, sectionURL string) {
	for _, p := range s.Pages {
		if p.Kind != kind {
			continue
		}
		if p.IsIndex {
			if p.Section == section && strings.Count(p.Path, "/") == 2 {
				sectionURL = p.URL
			}
			continue
		}
		pages = append(pages, p)
	}
	return pages, sectionURL
}

// articleLists adds the article lists to out.
func articleLists(s *content.Site, taken map[string]bool, out map[string][]byte) {
	articles, sectionURL := sectionPages(s, content.KindArticle, "articles")
	if sectionURL == "" {
		// No content/articles/_index.md: Hugo still makes the section.
		sectionURL = "/articles/"
		if len(articles) == 0 {
			return
		}
	}
	// Newest first, as .ByDate.Reverse; the same day by path.
	slices.SortStableFunc(articles, func(a, b *content.Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})

	type month struct {
		Name  string   `json:"name"`
		ID    string   `json:"id"`
		Pages []string `json:"pages"`
	}
	type year struct {
		Year   int    `json:"year"`
		URL    string `json:"url"` // site-relative, without the leading slash (for relURL)
		Count  int    `json:"count"`
		months []month
	}
	// The year pages link to each other without counts, so a new article
	// changes only its own year's page.
	type yearLink struct {
		Year int    `json:"year"`
		URL  string `json:"url"`
	}
	var years []*year
	for _, p := range articles {
		if p.Date.IsZero() {
			continue // the loader requires a date; nothing to file it under
		}
		y := p.Date.Year()
		if len(years) == 0 || years[len(years)-1].Year != y {
			u := fmt.Sprintf("%s%d/", sectionURL, y)
			if taken[u] {
				continue // a page of the site has that address
			}
			years = append(years, &year{Year: y, URL: strings.TrimPrefix(u, "/")})
		}
		cur := years[len(years)-1]
		name := p.Date.Format("January 2006")
		if len(cur.months) == 0 || cur.months[len(cur.months)-1].Name != name {
			cur.months = append(cur.months, month{Name: name, ID: strings.ToLower(p.Date.Format("January-2006"))})
		}
		m := &cur.months[len(cur.months)-1]
		m.Pages = append(m.Pages, hugoPath(p))
		cur.Count++
	}

	var latest []string
	for _, p := range articles[:min(latestCount, len(articles))] {
		latest = append(latest, hugoPath(p))
	}
	section := strings.Trim(sectionURL, "/")
	links := make([]yearLink, len(years))
	for i, y := range years {
		links[i] = yearLink{Year: y.Year, URL: y.URL}
	}
	out[listsPath] = frontMatter(map[string]any{
		"title": "Article lists",
		// Read by templates, never published nor listed.
		"build":   map[string]any{"render": "never", "list": "never", "publishResources": false},
		"sitemap": map[string]any{"disable": true},
		"latest":  latest,
		"count":   len(articles),
		"years":   years,
	})
	for _, y := range years {
		out[fmt.Sprintf("%s/%d/_index.md", section, y.Year)] = frontMatter(map[string]any{
			"title":   fmt.Sprintf("Articles from %d", y.Year),
			"summary": fmt.Sprintf("Every article published in %d, newest first.", y.Year),
			"layout":  "archive",
			"year":    y.Year,
			"months":  y.months,
			// Every year page links to the others.
			"years": links,
		})
	}
}

// eventsListsPath is the generated page holding the events the events page
// shows, relative to content/.
const eventsListsPath = "events/_lists/index.md"

// earlierEvents is how many events of the years before this one the events
// page shows under "Past events", besides this year's.
const earlierEvents = 5

// thisYear is the year in London at the moment the site is built for
// (s.Now: build's --today, or the time of the load), so that a build for
// another day lists the events as it will then: the events of earlier years
// are on their years' pages. A preview running past New Year moves them at
// the next save.
func thisYear(s *content.Site) int {
	now := s.Now
	if now.IsZero() { // a Site made by hand, not loaded
		now = time.Now()
	}
	return now.In(content.London).Year()
}

// eventLists adds the event lists to out: the events page shows the events
// of this year and later (the template tells upcoming from past) and the
// latest few before them; every earlier year has a page of its own.
func eventLists(s *content.Site, taken map[string]bool, out map[string][]byte, year int) {
	events, sectionURL := sectionPages(s, content.KindEvent, "events")
	events = slices.DeleteFunc(events, func(p *content.Page) bool { return p.Event == nil })
	if sectionURL == "" {
		sectionURL = "/events/"
	}
	if len(events) == 0 {
		return
	}
	// In the order of their start, as .Pages.ByParam "start".
	slices.SortStableFunc(events, func(a, b *content.Page) int {
		if c := a.Event.Start.Compare(b.Event.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	// An event belongs to the year it ends in (a New Year's Eve event
	// lasting into January is this year's).
	yearOf := func(p *content.Page) int {
		if !p.Event.End.IsZero() {
			return p.Event.End.Year()
		}
		return p.Event.Start.Year()
	}
	type yearLink struct {
		Year int    `json:"year"`
		URL  string `json:"url"`
	}
	var shown, earlier []string
	byYear := map[int][]string{}
	var links []yearLink
	for i, p := range events {
		y := yearOf(p)
		if y >= year {
			shown = append(shown, hugoPath(p))
			continue
		}
		earlier = append(earlier, hugoPath(p))
		u := fmt.Sprintf("%s%d/", sectionURL, y)
		if taken[u] {
			continue
		}
		if byYear[y] == nil {
			links = append(links, yearLink{Year: y, URL: strings.TrimPrefix(u, "/")})
		}
		byYear[y] = append(byYear[y], hugoPath(events[i]))
	}
	slices.SortFunc(links, func(a, b yearLink) int { return b.Year - a.Year })
	shown = append(earlier[max(0, len(earlier)-earlierEvents):], shown...)
	out[eventsListsPath] = frontMatter(map[string]any{
		"title":   "Event lists",
		"build":   map[string]any{"render": "never", "list": "never", "publishResources": false},
		"sitemap": map[string]any{"disable": true},
		"pages":   shown,
		"years":   links,
	})
	section := strings.Trim(sectionURL, "/")
	for _, l := range links {
		out[fmt.Sprintf("%s/%d/_index.md", section, l.Year)] = frontMatter(map[string]any{
			"title":   fmt.Sprintf("Events in %d", l.Year),
			"summary": fmt.Sprintf("Every event held in %d.", l.Year),
			"layout":  "archive",
			"year":    l.Year,
			"pages":   byYear[l.Year],
			"years":   links,
		})
	}
}

// hugoPath is the page's file as templates look it up (site.GetPage).
func hugoPath(p *content.Page) string {
	return "/" + strings.TrimPrefix(p.Path, "content/")
}

// frontMatter is a content file of front matter only, in JSON (which Hugo
// reads as front matter when a file starts with "{").
func frontMatter(fm map[string]any) []byte {
	data, err := json.MarshalIndent(fm, "", " ")
	if err != nil {
		panic(err) // only strings, numbers, slices and maps
	}
	return append(data, '\n')
}

// HugoConfigFor is HugoConfig for the plain hugo command (the benchmarks'
// reference): GeneratedContent is written into dir, a new folder outside the
// source folder, and mounted as content, as a build does from memory.
func HugoConfigFor(s *content.Site, opts Options, dir string) (map[string]any, error) {
	for rel, data := range GeneratedContent(s) {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return nil, err
		}
	}
	cfg := HugoConfig(s, opts)
	withGeneratedMount(cfg, dir)
	return cfg, nil
}

// withGeneratedMount adds the mount of the generated content in dir to cfg.
func withGeneratedMount(cfg map[string]any, dir string) {
	module := maps.Clone(cfg["module"].(map[string]any))
	mounts := slices.Clone(module["mounts"].([]any))
	module["mounts"] = append(mounts, map[string]any{"source": dir, "target": "content"})
	cfg["module"] = module
}

// writeGenerated writes files (from GeneratedContent) under generatedDir in
// fs and removes the ones of old that files no longer has. It returns the
// absolute names of the files that changed, were added and were removed.
func writeGenerated(fs afero.Fs, old, files map[string][]byte) (changed, added, removed []string, err error) {
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		data := files[rel]
		name := filepath.Join(generatedDir, filepath.FromSlash(rel))
		prev, ok := old[rel]
		switch {
		case !ok:
			added = append(added, name)
		case string(prev) != string(data):
			changed = append(changed, name)
		default:
			continue
		}
		if err := fs.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, nil, nil, err
		}
		if err := afero.WriteFile(fs, name, data, 0o644); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(old)) {
		if _, ok := files[rel]; !ok {
			name := filepath.Join(generatedDir, filepath.FromSlash(rel))
			removed = append(removed, name)
			if err := fs.Remove(name); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	return changed, added, removed, nil
}
