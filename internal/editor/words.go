package editor

import (
	"regexp"
	"strings"

	"safeguard/internal/content"
)

// The loader and the checks speak to writers who edit files in a text
// editor: they name front matter, file names under content/ and fields by
// their names in the file. The editor's writers see a form, so every
// message it shows goes through writerWords: fields by their labels (done
// where a message is placed), pages by their titles, no file-system words.

var (
	addValueRE  = regexp.MustCompile(`\(add [a-z_.]+: with a value to the front matter\)`)
	draftFromRE = regexp.MustCompile(`remove draft: true from (content/[^\s,;()]+?\.md)`)
	pathRE      = regexp.MustCompile(`content/[^\s,;()"]*`)
	mdRE        = regexp.MustCompile(`\b([\w-]+)\.md\b`)
	wordsRE     = strings.NewReplacer(
		"contacts are the file names in content/contacts/", "choose one of the site's contacts",
		"with a contact file name", "with a contact",
		"contact file names", "contacts",
		"docs/content-model.md", "the guide for writers",
		"the front matter", "the page's fields",
		"front matter", "fields",
		"YAML", "the page's fields",
		"TOML", "the page's fields",
		"Hugo", "the site builder",
		`"file-name"`, `"name"`,
		"file names", "names",
		"file name", "name",
	)
)

// writerWords rewrites a message for the editor's form: pages named by
// their titles (site may be nil), and none of the words listed in
// forbiddenWords (conflict_test.go).
func writerWords(site *content.Site, msg string) string {
	msg = addValueRE.ReplaceAllString(msg, "(fill it in)")
	msg = draftFromRE.ReplaceAllStringFunc(msg, func(m string) string {
		return "publish " + pageName(site, draftFromRE.FindStringSubmatch(m)[1]) + " first"
	})
	msg = wordsRE.Replace(msg)
	msg = pathRE.ReplaceAllStringFunc(msg, func(m string) string { return pageName(site, strings.TrimRight(m, ".:")) })
	msg = mdRE.ReplaceAllString(msg, "$1")
	return msg
}

// pageName is how a writer knows the page of a file: its title and address.
func pageName(site *content.Site, rel string) string {
	if site != nil {
		for _, list := range [][]*content.Page{site.Pages, site.Skipped} {
			for _, p := range list {
				if p.Path == rel {
					return "\u201c" + p.Title + "\u201d (" + p.URL + ")"
				}
			}
		}
	}
	name := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")
	if name == "" {
		return "the site's pages"
	}
	return "the page " + name
}
