package publish

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"safeguard/internal/diag"
)

// grammarSeed fixes the articles TestGrammar writes; change it to explore.
const grammarSeed = 24

// gen writes Markdown from a grammar of what a writer types, each piece
// carrying words of its own (qz000q, qz001q, …) that every output must show.
type gen struct {
	r     *rand.Rand
	n     int
	words []string
	notes []string // footnotes to define at the end
	refs  []string // reference links to define at the end
}

func (g *gen) word() string {
	w := fmt.Sprintf("qz%03dq", g.n)
	g.n++
	g.words = append(g.words, w)
	return w
}

// inline is one piece of text inside a paragraph, heading, list item or cell.
func (g *gen) inline() string {
	w := g.word()
	switch g.r.IntN(21) {
	case 0:
		return "*" + w + "*"
	case 1:
		return "**" + w + "**"
	case 2:
		return "***" + w + "***"
	case 3:
		return "_" + w + "_"
	case 4:
		return "~~" + w + "~~"
	case 5:
		return "`" + w + "`"
	case 6:
		return "[" + w + " guidance](https://www.gov.uk/" + w + ")"
	case 7:
		return "[" + w + " contacts](/contacts/)"
	case 8:
		return "[" + w + " help][ref" + w + "]" + g.ref("ref"+w)
	case 9:
		return w + "[^n" + w + "]" + g.note("n"+w)
	case 10:
		return "a <3 " + w
	case 11:
		return "5 > 3 " + w
	case 12:
		return `\<br/> ` + w
	case 13:
		return `\*` + w + `\*`
	case 14:
		return `\[` + w + `\]`
	case 15:
		return w + " &amp; " + g.word()
	case 16:
		return w + " -- " + g.word()
	case 17:
		return `"` + w + `" it's`
	case 18:
		return "<b>" + w + "</b>" // raw HTML: the tags are left out, the words stay
	case 19:
		return "[" + w + " articles](../)" // relative, as on the web page
	}
	return w
}

func (g *gen) ref(name string) string {
	g.refs = append(g.refs, "["+name+"]: https://www.gov.uk/"+name)
	return ""
}

func (g *gen) note(name string) string {
	g.notes = append(g.notes, "[^"+name+"]: The note "+g.word()+".")
	return ""
}

func (g *gen) text(n int) string {
	var parts []string
	for range n {
		parts = append(parts, g.inline())
	}
	return strings.Join(parts, " ")
}

// block is one block of an article body.
func (g *gen) block() string {
	switch g.r.IntN(16) {
	case 0:
		return "## " + g.text(2)
	case 1:
		return "## " + g.text(1) + "\n\n### " + g.text(2)
	case 2:
		return "- " + g.text(2) + "\n- " + g.text(2) + "\n- " + g.text(1)
	case 3:
		return "1. " + g.text(2) + "\n2. " + g.text(2)
	case 4:
		return "- " + g.text(2) + "\n  - " + g.text(2) + "\n- " + g.text(1)
	case 5:
		return "- [ ] " + g.text(2) + "\n- [x] " + g.text(2)
	case 6:
		return "> " + g.text(3)
	case 7:
		return "```\n" + g.word() + " " + g.word() + "\n```"
	case 8:
		return "| " + g.text(1) + " | " + g.text(1) + " |\n| --- | ---: |\n| " + g.text(1) + " | " + g.text(1) + " |"
	case 9:
		if g.r.IntN(4) > 0 {
			return "| " + g.text(1) + " | " + g.text(1) + " | " + g.text(1) + " |\n| :--- | :---: | --- |\n| " + g.text(2) + " | " + g.text(1) + " | " + g.text(1) + " |"
		}
		// too wide for email on a phone
		return "| " + g.word() + " | " + g.word() + " | " + g.word() + " | " + g.word() + " |\n| --- | --- | --- | --- |\n| " + g.word() + " | " + g.word() + " | " + g.word() + " | " + g.word() + " |"
	case 10:
		return g.word() + "\n: " + g.text(2)
	case 11:
		return `{{< contact "emergency" >}}`
	case 12:
		return "---\n\n" + g.text(3)
	case 13:
		return `\# ` + g.word() + "\n\n" + `1\. ` + g.word()
	case 14:
		return "    " + g.word() + " " + g.word()
	}
	return g.text(3 + g.r.IntN(4))
}

// article is one generated body and the words it must show.
type article struct {
	slug, body string
	words      []string
}

func (g *gen) article(i int) article {
	g.words, g.notes, g.refs = nil, nil, nil
	var blocks []string
	for range 3 + g.r.IntN(6) {
		blocks = append(blocks, g.block())
	}
	blocks = append(blocks, g.notes...)
	blocks = append(blocks, g.refs...)
	return article{slug: fmt.Sprintf("g%03d", i), body: strings.Join(blocks, "\n\n") + "\n", words: g.words}
}

var (
	tags       = regexp.MustCompile(`<[^>]*>`)
	residue    = regexp.MustCompile(`\*\*|__|~~|\]\(|\[\^|\{\{|\}\}|\\`)
	posOnError = regexp.MustCompile(`^content/articles/g\d{3}\.md:\d+:\d+: error: `)
)

// visible is the text of HTML as a reader sees it, on one line.
func visible(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(h, " "))), " ")
}

// TestGrammar writes articles of a newsletter issue from the grammar above,
// checks them as safeguard check does, and builds those it accepts with
// Hugo. Each article is either refused with its file, line and column (never
// as a bug in safeguard), or published in all three outputs (web page,
// fragment, text twin) with every one of its words and no Markdown syntax
// left in the text.
func TestGrammar(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice with Hugo")
	}
	root := fixture(t, "site")
	g := &gen{r: rand.New(rand.NewPCG(grammarSeed, 0))}
	var arts []article
	for i := range 150 {
		a := g.article(i)
		arts = append(arts, a)
		write(t, filepath.Join(root, "content/articles", a.slug+".md"), fmt.Sprintf(
			"---\ntitle: Article %s\nsummary: A generated article.\ndate: 2026-11-02\nreview_by: 2027-05-01\nnewsletter: {issue: \"2026-11\", order: %d}\n---\n%s",
			a.slug, i+2, a.body))
	}

	// Every problem, as safeguard check reports it.
	_, l := Build(context.Background(), Options{Source: root, Today: today}, Output{DryRun: true})
	refused := map[string]bool{}
	for _, d := range l {
		if strings.Contains(d.Message, "bug in safeguard") {
			t.Errorf("a writer's text reported as a bug: %v", d)
		}
		if d.Severity != diag.Error {
			continue
		}
		if !posOnError.MatchString(d.String()) {
			t.Errorf("an error without its article, line and column: %v", d)
			continue
		}
		refused[strings.TrimSuffix(filepath.Base(d.Path), ".md")] = true
		t.Logf("refused, as it should be: %v", d)
	}
	for _, a := range arts {
		if refused[a.slug] {
			t.Logf("%s refused", a.slug)
			if err := os.Remove(filepath.Join(root, "content/articles", a.slug+".md")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(refused) > len(arts)/2 {
		t.Errorf("%d of %d articles refused: the grammar tests too little of what is published", len(refused), len(arts))
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, l := Build(context.Background(), Options{Source: root, Today: today}, Output{Dest: dest}); l.HasErrors() {
		t.Fatalf("the accepted articles do not build:\n%s", l.Errors().Error())
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	for _, a := range arts {
		if refused[a.slug] {
			continue
		}
		page := read("articles/" + a.slug + "/index.html")
		if i := strings.Index(page, "<div class=prose>"); i >= 0 {
			page = page[i:]
		}
		if i := strings.Index(page, "</article>"); i >= 0 {
			page = page[:i]
		}
		outputs := map[string]string{
			"web page":  visible(page),
			"fragment":  visible(read("newsletter/2026-11/" + a.slug + ".html")),
			"text twin": strings.Join(strings.Fields(read("newsletter/2026-11/"+a.slug+".txt")), " "),
		}
		for name, text := range outputs {
			for _, w := range a.words {
				if !strings.Contains(text, w) {
					t.Errorf("%s: %s lost %s\nMarkdown:\n%s\n%s:\n%s", a.slug, name, w, a.body, name, text)
					break
				}
			}
			if m := residue.FindString(text); m != "" {
				t.Errorf("%s: %s shows Markdown %q\nMarkdown:\n%s\n%s:\n%s", a.slug, name, m, a.body, name, text)
			}
		}
	}
	t.Logf("%d articles published, %d refused", len(arts)-len(refused), len(refused))
}
