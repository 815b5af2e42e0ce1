package site

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	var articles []*content.Page
	sectionURL := ""
	taken := map[string]bool{}
	for _, p := range s.Pages {
		taken[p.URL] = true
		if p.Kind != content.KindArticle {
			continue
		}
		if p.IsIndex {
			if p.Section == "articles" && strings.Count(p.Path, "/") == 2 {
				sectionURL = p.URL
			}
			continue
		}
		articles = append(articles, p)
	}
	if sectionURL == "" {
		// No content/articles/_index.md: Hugo still makes the section.
		sectionURL = "/articles/"
		if len(articles) == 0 {
			return map[string][]byte{}
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

	out := map[string][]byte{}
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
	return out
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
