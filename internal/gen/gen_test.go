package gen_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/gen"
)

var day = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, opts gen.Options) (string, gen.Summary) {
	t.Helper()
	dir := t.TempDir()
	s, err := gen.Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, s
}

func TestSameSeedSameBytes(t *testing.T) {
	a, sa := write(t, gen.Options{Articles: 100, Seed: 7, Today: day})
	b, sb := write(t, gen.Options{Articles: 100, Seed: 7, Today: day})
	c, _ := write(t, gen.Options{Articles: 100, Seed: 8, Today: day})
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != len(tb) || sa.Files != len(ta) || sa.Bytes != sb.Bytes {
		t.Fatalf("file counts differ: %d and %d files, summary says %d", len(ta), len(tb), sa.Files)
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	same := 0
	for p, data := range ta {
		if bytes.Equal(data, tc[p]) {
			same++
		}
	}
	if same > len(ta)/2 {
		t.Errorf("seeds 7 and 8 gave %d of %d identical files; the seed must change the text", same, len(ta))
	}
}

var (
	fmRe      = regexp.MustCompile(`(?s)\A---\n(.*?)\n---\n\n(.*)\z`)
	issueRe   = regexp.MustCompile(`(?m)^newsletter:\n  issue: "(\d{4}-\d{2})"\n  order: (\d+)$`)
	headingRe = regexp.MustCompile(`(?m)^(#+) `)
	linkRe    = regexp.MustCompile(`\]\((/[^)]*|https://[^)]*|[a-z]+\.png)\)`)
	listRe    = regexp.MustCompile(`(?m)^(- |\d+\. )`)
)

// TestShape checks what the benchmark relies on and the loader does not:
// word counts, heading order, lists, links that resolve, images, and a quarter
// of the articles in newsletter issues with distinct orders.
func TestShape(t *testing.T) {
	dir, s := write(t, gen.Options{Articles: 100, Seed: 1, Today: day})
	tree := readTree(t, dir)

	urls := map[string]bool{"/": true, "/contacts/": true}
	// Only published pages count: a link to a draft or a future article fails.
	for _, u := range s.URLs {
		urls[u] = true
	}
	for p := range tree {
		for _, sec := range []string{"act-early", "events", "about"} {
			if rest, ok := strings.CutPrefix(p, "content/"+sec+"/"); ok && !strings.HasPrefix(rest, "_") {
				urls["/"+sec+"/"+strings.TrimSuffix(rest, ".md")+"/"] = true
			}
		}
		if rest, ok := strings.CutPrefix(p, "content/"); ok && !strings.Contains(rest, "/") && rest != "_index.md" {
			urls["/"+strings.TrimSuffix(rest, ".md")+"/"] = true
		}
	}

	issues := map[string]map[string]bool{}
	inIssues, lists, shortcodes, external := 0, 0, 0, 0
	for _, p := range s.Articles {
		m := fmRe.FindSubmatch(tree[p])
		if m == nil {
			t.Fatalf("%s: no front matter block", p)
		}
		front, body := string(m[1]), string(m[2])
		for _, need := range []string{"title: ", "summary: ", "date: ", "last_reviewed: ", "review_by: "} {
			if !strings.Contains(front, need) {
				t.Errorf("%s: front matter lacks %q", p, need)
			}
		}
		if im := issueRe.FindStringSubmatch(front); im != nil {
			inIssues++
			if issues[im[1]] == nil {
				issues[im[1]] = map[string]bool{}
			}
			if issues[im[1]][im[2]] {
				t.Errorf("%s: order %s used twice in issue %s", p, im[2], im[1])
			}
			issues[im[1]][im[2]] = true
		}
		prose := regexp.MustCompile(`(?m)^(\{\{<.*|!\[.*)$`).ReplaceAllString(body, "")
		if n := len(strings.Fields(prose)); n < 400 || n > 800 {
			t.Errorf("%s: %d words, want 400 to 800", p, n)
		}
		prev := 1
		hs := headingRe.FindAllStringSubmatch(body, -1)
		if len(hs) < 2 {
			t.Errorf("%s: %d headings, want sections", p, len(hs))
		}
		for _, h := range hs {
			if l := len(h[1]); l < 2 || l > prev+1 {
				t.Errorf("%s: heading level %d after level %d", p, l, prev)
			} else {
				prev = l
			}
		}
		lists += len(listRe.FindAllString(body, -1))
		shortcodes += strings.Count(body, `{{< contact "`)
		for _, l := range linkRe.FindAllStringSubmatch(body, -1) {
			switch target := l[1]; {
			case strings.HasPrefix(target, "https://"):
				external++
			case strings.HasSuffix(target, ".png"):
				img := strings.TrimSuffix(p, "index.md") + target
				if _, ok := tree[img]; !ok || !strings.HasSuffix(p, "/index.md") {
					t.Errorf("%s: image %s is not in the bundle", p, target)
				}
			case !urls[target]:
				t.Errorf("%s: link to %s, which is not a published page", p, target)
			}
		}
	}
	if want := len(s.Articles) + s.Drafts + s.Future; want != 100 {
		t.Errorf("summary: %d published + %d drafts + %d future, want 100", len(s.Articles), s.Drafts, s.Future)
	}
	if s.Drafts == 0 || s.Future == 0 {
		t.Errorf("summary: %d drafts and %d future articles; want some of each", s.Drafts, s.Future)
	}
	if inIssues != s.InIssues || inIssues < 20 || inIssues > 26 || len(issues) != s.Issues {
		t.Errorf("%d articles in %d issues (summary: %d in %d), want about a quarter of 100", inIssues, len(issues), s.InIssues, s.Issues)
	}
	if lists == 0 || shortcodes == 0 || external == 0 || s.Images == 0 {
		t.Errorf("want lists, contact shortcodes, external links and images; got %d list items, %d shortcodes, %d external links, %d images", lists, shortcodes, external, s.Images)
	}
}

// TestLoads checks that a generated folder is valid content for today.
func TestLoads(t *testing.T) {
	dir, s := write(t, gen.Options{Articles: 100, Seed: 3})
	site, diags := content.Load(dir, content.Options{})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	if site == nil {
		t.Fatal("content.Load returned no site")
	}
	kinds := map[content.Kind]int{}
	for _, p := range site.Pages {
		if !p.IsIndex {
			kinds[p.Kind]++
		}
	}
	want := map[content.Kind]int{
		content.KindArticle: len(s.Articles), content.KindActEarly: s.ActEarly,
		content.KindEvent: s.Events, content.KindContact: s.Contacts, content.KindPage: s.Plain,
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s pages: loaded %d, generated %d", k, kinds[k], n)
		}
	}
	if len(site.Skipped) != s.Drafts+s.Future {
		t.Errorf("skipped %d pages, generated %d drafts and %d future articles", len(site.Skipped), s.Drafts, s.Future)
	}
}
