package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"safeguard/internal/diag"
)

// writeSite writes n articles (and a few contacts they name) to a temporary
// folder, like a large council site.
func writeSite(b *testing.B, n int) string {
	dir := b.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("site.yaml", okSite)
	write("content/contacts/ae.md", okContact)
	for i := range n {
		write(fmt.Sprintf("content/articles/y%d/article-%d.md", i%20, i),
			fmt.Sprintf("---\ntitle: Article %d\ndate: 2020-12-04\nsummary: What Prevent is.\ncontacts: [ae]\ntopics: [Prevent]\n---\n\nSome text about safeguarding, with {{< contact \"ae\" >}} in it.\n\nMore text.\n", i))
	}
	return dir
}

// BenchmarkReload measures a Load after one file of 10,000 changed: the
// preview server did this after every save before Loader.Reload (see
// BenchmarkEdit, which compares the two).
func BenchmarkReload(b *testing.B) {
	dir := writeSite(b, 10000)
	l := NewLoader(dir, Options{Today: testToday})
	if _, d := l.Load(); d.HasErrors() {
		b.Fatal(d)
	}
	edited := filepath.Join(dir, "content", "articles", "y3", "article-3.md")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(edited, fmt.Appendf(nil, "---\ntitle: Article %d\ndate: 2020-12-04\nsummary: S\n---\nText.\n", i%10), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Chtimes(edited, time.Time{}, time.Now().Add(time.Duration(i)*time.Second)); err != nil {
			b.Fatal(err)
		}
		if site, d := l.Load(); site == nil {
			b.Fatal(d)
		}
	}
}

// BenchmarkLoadCold measures a first load of 10,000 articles.
func BenchmarkLoadCold(b *testing.B) {
	dir := writeSite(b, 10000)
	for b.Loop() {
		if site, d := NewLoader(dir, Options{Today: testToday}).Load(); site == nil {
			b.Fatal(d)
		}
	}
}

// BenchmarkEdit measures what the preview server does after one file of a
// generated 10,000-article site was saved: Load (a stat of every file) and
// Reload of the one file. Both include writing the file.
func BenchmarkEdit(b *testing.B) {
	dir := b.TempDir()
	genSite(b, dir, 10000, 1)
	edited := filepath.Join(dir, "content", "articles", "y3", "article-3.md")
	files, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*", "index.md"))
	if len(files) > 0 {
		edited = files[len(files)/2]
	}
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Today: genToday}
	for _, mode := range []string{"Load", "Reload"} {
		b.Run(mode, func(b *testing.B) {
			l := NewLoader(dir, opts)
			if site, d := l.Load(); site == nil {
				b.Fatal(d)
			}
			for i := 0; b.Loop(); i++ {
				if err := os.WriteFile(edited, fmt.Appendf(orig, "\nEdit %d.\n", i%10), 0o644); err != nil {
					b.Fatal(err)
				}
				var site *Site
				var d diag.List
				if mode == "Load" {
					site, d = l.Load()
				} else {
					var ok bool
					if site, d, ok = l.Reload([]string{edited}); !ok {
						b.Fatal("Reload declined")
					}
				}
				if site == nil {
					b.Fatal(d)
				}
			}
		})
	}
}

// BenchmarkLoadColdGen measures a first load of a generated 10,000-article
// site (the start of every build).
func BenchmarkLoadColdGen(b *testing.B) {
	dir := b.TempDir()
	genSite(b, dir, 10000, 1)
	for b.Loop() {
		if site, d := NewLoader(dir, Options{Today: genToday}).Load(); site == nil {
			b.Fatal(d)
		}
	}
}

// BenchmarkCheckBody measures the body scan on 1,000 generated articles, the
// fast path beside the slow one it replaced (slow.go), in the same run:
// go test -bench CheckBody -run '^$' ./internal/content/
func BenchmarkCheckBody(b *testing.B) {
	dir := b.TempDir()
	genSite(b, dir, 1000, 1)
	site, d := NewLoader(dir, Options{Today: genToday}).Load()
	if site == nil {
		b.Fatal(d)
	}
	var bodies []string
	size := 0
	for _, p := range site.Pages {
		bodies = append(bodies, p.Body)
		size += len(p.Body)
	}
	var fast, slow time.Duration
	for b.Loop() {
		t := time.Now()
		for _, s := range bodies {
			if checkBody(s, 1) != nil {
				b.Fatal("a generated body was refused")
			}
		}
		fast += time.Since(t)
		t = time.Now()
		for _, s := range bodies {
			checkBodySlow(s, 1)
		}
		slow += time.Since(t)
	}
	mb := float64(size) * float64(b.N) / 1e6
	b.ReportMetric(mb/fast.Seconds(), "fast-MB/s")
	b.ReportMetric(mb/slow.Seconds(), "slow-MB/s")
	b.ReportMetric(slow.Seconds()/fast.Seconds(), "slow/fast")
}
