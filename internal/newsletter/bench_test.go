package newsletter

import (
	"fmt"
	"strings"
	"testing"

	"safeguard/internal/content"
	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
)

// benchSite is a site of n articles, a quarter of them in monthly issues of
// 25, each body about 4 KB of ordinary Markdown with a contact shortcode.
func benchSite(b *testing.B, n int) *content.Site {
	b.Helper()
	s := loadSite(b, "testdata/site")
	body := strings.Repeat("Prevent is about keeping people safe. It gives [support early](/contacts/) before any crime.\n\n- Talk to your children.\n- Notice changes.\n\n", 25) +
		"{{< contact \"act-early-support-line\" >}}\n"
	var pages []*content.Page
	for i := range n {
		p := &content.Page{
			Path: fmt.Sprintf("content/articles/a%05d.md", i), Kind: content.KindArticle,
			Slug: fmt.Sprintf("a%05d", i), URL: fmt.Sprintf("/articles/a%05d/", i),
			Title: fmt.Sprintf("Article %d", i), Summary: "A summary that stands alone.",
			Body: body, ShortcodeSpans: markdown.Shortcodes(body), BodyLine: 8, Article: &content.Article{},
			ContactShortcodes: []content.Shortcode{{Name: "contact", Args: []string{"act-early-support-line"}}},
		}
		if i%4 == 0 {
			k := i / 4
			p.Article.Newsletter = &content.Newsletter{Issue: fmt.Sprintf("%04d-%02d", 2000+k/25/12, k/25%12+1), Order: k%25 + 1}
		}
		pages = append(pages, p)
	}
	s.Pages = pages
	return s
}

// BenchmarkFilesUnchanged is the preview server's case: Files again after a
// save that changed no newsletter article (10,000 articles, 2,500 in issues).
func BenchmarkFilesUnchanged(b *testing.B) {
	s := benchSite(b, 10000)
	g := NewGenerator()
	if _, d := g.Files(s); d.HasErrors() {
		b.Fatal(d)
	}
	b.ResetTimer()
	for range b.N {
		g.Files(s)
	}
}

// BenchmarkFilesOneEdit: one article in an issue changed since the last call.
func BenchmarkFilesOneEdit(b *testing.B) {
	s := benchSite(b, 10000)
	g := NewGenerator()
	g.Files(s)
	p := s.Pages[0]
	b.ResetTimer()
	for i := range b.N {
		cp := *p
		cp.Body = p.Body + fmt.Sprintf("\nEdit %d.\n", i)
		s.Pages[0] = &cp
		g.Files(s)
	}
}

// BenchmarkFilesCold renders everything (the first call, or a build).
func BenchmarkFilesCold(b *testing.B) {
	s := benchSite(b, 10000)
	for range b.N {
		NewGenerator().Files(s)
	}
}

// benchIssue is one issue of 25 articles of benchSite, rendered and checked.
func benchIssue(b *testing.B) (*content.Site, *Issue) {
	b.Helper()
	s := benchSite(b, 100)
	issues, d := NewGenerator().Issues(s)
	if d.HasErrors() || len(issues) != 1 || len(issues[0].Fragments) != 25 {
		b.Fatalf("%d issues, %v", len(issues), d)
	}
	return s, issues[0]
}

// BenchmarkArticle is the cost of one article of BenchmarkFilesCold: render
// it, then check the fragment and its twin.
func BenchmarkArticle(b *testing.B) {
	s, iss := benchIssue(b)
	p := iss.Fragments[0].page
	b.ResetTimer()
	b.Run("render+lint", func(b *testing.B) {
		for range b.N {
			build(emailcheck.New(), s, p, nil)
		}
	})
	b.Run("render", func(b *testing.B) {
		for range b.N {
			renderArticle(s, p, nil)
		}
	})
	out := renderArticle(s, p, nil)
	b.Run("lint", func(b *testing.B) {
		for range b.N {
			lintDiags(emailcheck.New(), p, out.html, out.text, nil)
		}
	})
}

// BenchmarkIssue is the cost of one issue of BenchmarkFilesCold once its
// articles are made: the whole issue's files, editors' page and check.
func BenchmarkIssue(b *testing.B) {
	s, iss := benchIssue(b)
	b.ResetTimer()
	for range b.N {
		g := NewGenerator()
		g.issueFiles(s, iss)
	}
}
