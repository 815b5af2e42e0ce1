package newsletter

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"safeguard/internal/content"
)

func TestSlugClashes(t *testing.T) {
	frag := func(file, slug string, order int, slugLine int) *Fragment {
		p := &content.Page{Path: "content/articles/" + file, Slug: slug, Fields: map[string]content.Pos{}}
		if slugLine > 0 {
			p.Fields["slug"] = content.Pos{Line: slugLine, Col: 7}
		}
		return &Fragment{Issue: "2026-11", Order: order, Slug: slug, Source: p.Path, page: p}
	}
	cases := []struct {
		name  string
		frags []*Fragment
		want  []string // "path:line: names other" per error
	}{
		{"all different", []*Fragment{frag("a.md", "a", 1, 0), frag("b.md", "b", 2, 0)}, nil},
		{"slug issue", []*Fragment{frag("a.md", "issue", 1, 3)}, []string{"content/articles/a.md:3: issue.html"}},
		{"slug index", []*Fragment{frag("index-page.md", "index", 1, 4)}, []string{"content/articles/index-page.md:4: index.html"}},
		{"slug Issue in capitals", []*Fragment{frag("a.md", "Issue", 1, 3)}, []string{"content/articles/a.md:3: issue.html"}},
		{"neighbours", []*Fragment{frag("a.md", "help", 1, 3), frag("b.md", "help", 2, 3)}, []string{"content/articles/b.md:3: content/articles/a.md"}},
		{"not neighbours", []*Fragment{frag("a.md", "help", 1, 3), frag("b.md", "other", 2, 0), frag("c.md", "help", 3, 5)}, []string{"content/articles/c.md:5: content/articles/a.md"}},
		{"three of one slug", []*Fragment{frag("help.md", "help", 1, 0), frag("b.md", "help", 2, 3), frag("c.md", "Help", 3, 3)}, []string{"content/articles/b.md:3: content/articles/help.md", "content/articles/c.md:3: content/articles/help.md"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := slugClashes(&Issue{ID: "2026-11", Fragments: tc.frags})
			var got []string
			for _, x := range d.Sort() {
				other := ""
				for _, f := range tc.frags {
					if f.Source != x.Path && strings.Contains(x.Message, f.Source) {
						other = f.Source
					}
				}
				if strings.Contains(x.Message, "own file") {
					other = path.Base(strings.Fields(strings.SplitN(x.Message, "newsletter/2026-11/", 2)[1])[0])
					other = strings.TrimSuffix(other, "),")
				}
				got = append(got, fmt.Sprintf("%s:%d: %s", x.Path, x.Line, other))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q\n%s", got, tc.want, d)
			}
		})
	}
}

// TestReservedSlugsCoverIssueFiles: every file an issue writes beside its
// fragments has a name in reservedSlugs.
func TestReservedSlugsCoverIssueFiles(t *testing.T) {
	s := &content.Site{Config: content.Config{Title: "T", BaseURL: "https://example.org/"}}
	iss := &Issue{ID: "2026-11", Title: "x"}
	for _, f := range IssueFiles(s, iss) {
		name := strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path))
		if !slices.Contains(reservedSlugs, name) {
			t.Errorf("the issue writes %s, but %q is not a reserved slug", f.Path, name)
		}
	}
}
