package check

import (
	"slices"
	"testing"
	"testing/fstest"
)

func builtHTML(body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("<!doctype html><html lang=en><head><title>t</title></head><body>" + body + "</body></html>")}
}

type outputCase struct {
	name  string
	rule  string
	files map[string]string
	built fstest.MapFS
	want  []string
}

func outputCases() []outputCase {
	about := page("", "Who we are.\n")
	// menu is what the templates put on every page.
	const menu = `<nav><a href="/">Home</a> <a href="/about/">About</a></nav>`
	cases := []outputCase{
		{"anchor that exists", "broken-anchor",
			map[string]string{"content/about.md": about, a: page("", "See [who we are](/about/#who-we-are).\n")},
			fstest.MapFS{"index.html": builtHTML(menu), "about/index.html": builtHTML(menu + `<h2 id="who-we-are">Who we are</h2>`), "a/index.html": builtHTML(menu + `<a href="/about/#who-we-are">who we are</a>`)},
			nil},
		{"anchor that does not exist", "broken-anchor",
			map[string]string{"content/about.md": about, a: page("", "See [who we are](/about/#who-we-were).\n")},
			fstest.MapFS{"index.html": builtHTML(menu), "about/index.html": builtHTML(menu + `<h2 id="who-we-are">Who we are</h2>`), "a/index.html": builtHTML(menu + `<a href="/about/#who-we-were">who we are</a>`)},
			[]string{a + ":6:5: error"}},
		{"anchor on the same page", "broken-anchor",
			map[string]string{a: page("", "## Help\n\nSee [help](#help) and [more help](#more-help).\n")},
			fstest.MapFS{"a/index.html": builtHTML(`<h2 id="help">Help</h2><a href="#help">help</a><a href="#more-help">more help</a>`)},
			[]string{a + ":8:23: error"}},
		{"template links that exist", "broken-link",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu), "about/index.html": builtHTML(menu), "css/site.css": {Data: []byte("body{}")}, "a/index.html": builtHTML(`<link rel="stylesheet" href="/css/site.css">`)},
			nil},
		{"template link to nothing", "broken-link",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu + `<a href="/cookies/">Cookies</a>`), "about/index.html": builtHTML(menu)},
			[]string{"public/index.html:0:0: error"}},
		{"template image missing", "broken-link",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu), "about/index.html": builtHTML(menu + `<img src="/logo.svg" alt="Logo">`)},
			[]string{"content/about.md:0:0: error"}},
		{"layout image with alt text", "image-alt",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu + `<img src="/logo.svg" alt="">`), "about/index.html": builtHTML(menu), "logo.svg": {Data: []byte("<svg/>")}},
			nil},
		{"layout image without alt attribute", "image-alt",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu + `<img src="/logo.svg">`), "about/index.html": builtHTML(menu + `<img src="/logo.svg">`), "logo.svg": {Data: []byte("<svg/>")}},
			[]string{"content/about.md:0:0: error"}},
		{"page in the menu", "orphan-page",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(menu), "about/index.html": builtHTML(menu)},
			nil},
		{"page linked only from the site map", "orphan-page",
			map[string]string{"content/about.md": about, "content/site-map.md": page("layout: site-map\n", "All pages.\n")},
			fstest.MapFS{"index.html": builtHTML(`<a href="/site-map/">Site map</a>`), "about/index.html": builtHTML(""), "site-map/index.html": builtHTML(`<a href="/about/">About</a>`)},
			[]string{"content/about.md:2:1: warning"}},
		{"page nothing links to", "orphan-page",
			map[string]string{"content/about.md": about},
			fstest.MapFS{"index.html": builtHTML(""), "about/index.html": builtHTML(`<a href="/about/">About (itself)</a>`)},
			[]string{"content/about.md:2:1: warning"}},
		{"article reached from its list", "orphan-page",
			map[string]string{"content/articles/x.md": "---\ntitle: X\nsummary: S.\ndate: 2026-01-01\nreview_by: 2027-01-01\n---\nText.\n"},
			fstest.MapFS{"index.html": builtHTML(""), "articles/x/index.html": builtHTML("")},
			nil},
	}
	return cases
}

func TestOutputRules(t *testing.T) {
	for _, tc := range outputCases() {
		t.Run(tc.name, func(t *testing.T) {
			fsys := siteFS(tc.files)
			got := Output(load(t, fsys), tc.built, Options{Today: today})
			if g := only(got, tc.rule); !slices.Equal(g, tc.want) {
				t.Errorf("%s diagnostics:\n got %q\nwant %q\nall:\n%s", tc.rule, g, tc.want, got.Error())
			}
		})
	}
}

// TestOutputShrunkCache runs the output rules the way a build does: Source
// first with a cache, then Shrink, then OutputBuilt on an index filled file
// by file. Every case must give what Output gives.
func TestOutputShrunkCache(t *testing.T) {
	for _, tc := range outputCases() {
		t.Run(tc.name, func(t *testing.T) {
			fsys := siteFS(tc.files)
			s := load(t, fsys)
			cache := NewCache()
			Source(s, Options{Today: today, Cache: cache})
			cache.Shrink()
			idx := NewBuilt()
			for name, f := range tc.built {
				idx.Add(name, f.Data)
			}
			got := OutputBuilt(s, idx, tc.built, Options{Today: today, Cache: cache})
			want := Output(s, tc.built, Options{Today: today})
			if !slices.Equal(got.Sort(), want.Sort()) {
				t.Errorf("with a shrunk cache:\n%s\nwithout:\n%s", got.Error(), want.Error())
			}
			// A later Source sees the whole page again.
			if a, b := Source(s, Options{Today: today, Cache: cache}), Source(s, Options{Today: today}); !slices.Equal(a.Sort(), b.Sort()) {
				t.Errorf("Source after Shrink:\n%s\nfresh:\n%s", a.Error(), b.Error())
			}
		})
	}
}
