package check

import (
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"safeguard/internal/golden"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"safeguard/internal/content"
)

// sameScan reports how scanHTML's result for one file differs from
// scanHTMLSlow's, or "" when it does not.
func sameScan(file string, data []byte) string {
	got, want := scanHTML(file, data), scanHTMLSlow(file, data)
	switch {
	case got.file != want.file || got.url != want.url:
		return "file " + got.file + " url " + got.url + ", want " + want.file + " " + want.url
	case !slices.Equal(got.ids, want.ids):
		return "ids " + strings.Join(got.ids, " ") + "\nwant " + strings.Join(want.ids, " ")
	case !slices.Equal(got.noAlt, want.noAlt):
		return "images without alt " + strings.Join(got.noAlt, " ") + "\nwant " + strings.Join(want.noAlt, " ")
	case len(got.links) != len(want.links):
		return "a different number of links"
	}
	for i, l := range got.links {
		if l.attr != want.links[i].attr || l.val != want.links[i].val {
			return "link " + l.attr + "=" + l.val + ", want " + want.links[i].attr + "=" + want.links[i].val
		}
	}
	return ""
}

// htmlSnippets are the kinds of markup the scanner must treat exactly as the
// tokenizer does; mutate splices them into real pages.
var htmlSnippets = []string{
	`<a href="/x/" id=top name=n>`, `<A HREF='/y/#z' NAME="q">`, `<a name=a name=b href=/1 href=/2>`,
	`<img src=/i.png>`, `<img>`, `<IMAGE SRC=/j.png ALT>`, `<img alt="" src="/k.png"/>`, `<img/src=/l.png>`,
	`<link rel="Canonical stylesheet" href=/c/>`, `<link href=/d/ rel=alternate>`, `<link rel=icon href=/e.svg>`,
	`<script src=/s.js></script>`, `<script>var a = "<a href='/no/' id=no>";</script>`, `<style>a{}</style><a id=s>`,
	`<source src=/v.mp4>`, `<area href=/m/ id=m>`, `<div id="x&amp;y" ID=z>`, `<p iD=é>`, `<p hidden>`,
	`<!-- <a href=/c/> -->`, `<![CDATA[<a href=/cd/>]]>`, `<textarea><a id=t></textarea>`, `<title><a id=u></title>`,
	`<a href="/a&#x2F;b/&amp;c">`, "<a href=\"/n\x00l/\" i\x00d=q>", "<a\x00 id=w>", "<img\nsrc=/r.png\r\nalt>",
	`<a href = "/sp/" >`, `<a =href=/eq/>`, `<a href=>`, `<a href=/unterminated`, `<div id=`, `</a id=end>`,
	`<svg><image href=/svg.png id=g /></svg>`, `<math><a id=ma></math>`, `<plaintext><a id=p>`, `<xmp><a id=x></xmp>`,
	`<noscript><a href=/ns/></noscript>`, `<iframe><a href=/if/></iframe>`, `<? pi ?>`, `<!doctype html>`, `</>`, `<`, `&lt;a id=e&gt;`,
	`<script><!--<script></script><a id=hid>--></script><a id=after>`, `<script>x<!-x</script><a id=s2>`, `<script>a</scriptx><a id=s3></SCRIPT >`,
	`<title>x</titl</TITLE/><a id=t2>`, `<style>a</style`, `<!DOCTYPE`, `<!->`, `<!>`, `<?x>`, `</ x><a id=e2>`, `</3>`, `<!---->`, `<!--->`, `<!-- --!>`,
	`<script/>`, `<title a=">">`, `<a href='/q"'>`, `<a href="/q'">`, `<img src="/s p.png" alt>`, `<a href=/amp?a=1&b=2>`, `<a href=/x&y/>`,
	`<area/href=/ar/>`, `<link rel=" alternate " href=/alt/>`, `<link rel=CANONICAL href=/can/>`, `<a/name=sl>`, `<a id>`, `<a id=>`, `<a id= x>`,
}

// mutate cuts, repeats and splices snippets into a page.
func mutate(r *rand.Rand, data []byte) []byte {
	s := string(data)
	for range 1 + r.IntN(4) {
		i := 0
		if len(s) > 0 {
			i = r.IntN(len(s) + 1)
		}
		switch r.IntN(4) {
		case 0:
			s = s[:i] + htmlSnippets[r.IntN(len(htmlSnippets))] + s[i:]
		case 1:
			j := i + r.IntN(len(s)-i+1)
			s = s[:i] + s[j:]
		case 2:
			s = s[:i]
		case 3:
			j := i + r.IntN(min(64, len(s)-i)+1)
			s = s[:j] + s[i:]
		}
	}
	return []byte(s)
}

// TestScanHTMLSameAsSlow scans every page of a built site, the snippets,
// and randomly mutated pages with both the scanner and scanHTMLSlow: the
// index must be the same.
func TestScanHTMLSameAsSlow(t *testing.T) {
	smp := loadSample(t)
	for _, name := range smp.names {
		if d := sameScan(name, smp.fsys[name].Data); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
	for _, s := range htmlSnippets {
		if d := sameScan("a/index.html", []byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		name := smp.names[r.IntN(len(smp.names))]
		data := mutate(r, smp.fsys[name].Data)
		if d := sameScan(name, data); d != "" {
			t.Fatalf("%s mutated: %s\n%s", name, d, data)
		}
	}
}

// FuzzScanHTML: whatever the HTML, the index is scanHTMLSlow's.
func FuzzScanHTML(f *testing.F) {
	f.Add(`<!doctype html><h2 id=a>A</h2><a href="/b/#c">b</a><img src=/d.png>`)
	for _, s := range htmlSnippets {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if d := sameScan("x/index.html", []byte(doc)); d != "" {
			t.Error(d)
		}
	})
}

var update = flag.Bool("update", false, "rewrite testdata/output.golden from the current code")

// TestOutputGolden runs the output rules on the output test cases, the
// built sample and mutated copies of it, and compares the diagnostics, in
// order, with testdata/output.golden, written by the code before the rules
// were made faster (and kept equal to it by the tests of that time). After a
// deliberate change, go test ./internal/check/ -run OutputGolden -update
// rewrites it; read its diff before committing.
func TestOutputGolden(t *testing.T) {
	if os.Getenv("SAFEGUARD_CHECK_SITE") != "" {
		t.Skip("SAFEGUARD_CHECK_SITE replaces the sample the expectations were written for")
	}
	var out strings.Builder
	run := func(name string, s *content.Site, built fstest.MapFS, opts Options) {
		idx := NewBuilt()
		for file, f := range built {
			idx.Add(file, f.Data)
		}
		fmt.Fprintf(&out, "== %s\n", name)
		for _, d := range OutputBuilt(s, idx, built, opts) {
			out.WriteString(d.String() + "\n")
		}
	}
	for _, tc := range outputCases() {
		fsys := siteFS(tc.files)
		s := load(t, fsys)
		run(tc.name, s, tc.built, Options{Today: today})
	}
	smp := loadSample(t)
	run("sample", smp.site, smp.fsys, smp.opts)
	names := slices.Sorted(maps.Keys(smp.fsys))
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 40 {
		built := fstest.MapFS{}
		for _, name := range names {
			f := smp.fsys[name]
			switch r.IntN(40) {
			case 0:
				continue // a page or file missing
			case 1, 2:
				if strings.HasSuffix(name, ".html") {
					f = &fstest.MapFile{Data: mutate(r, f.Data)}
				}
			}
			built[name] = f
		}
		s := *smp.site
		switch i % 4 {
		case 1:
			s.Config.BaseURL = "https://safer-city.example.org/sub/"
		case 2:
			s.Config.BaseURL = "http://SAFER-city.example.org/"
		case 3:
			s.Config.BaseURL = "::not a url"
		}
		run(fmt.Sprintf("mutated sample %d (%s)", i, s.Config.BaseURL), &s, built, smp.opts)
	}
	golden.Check(t, "testdata/output.golden", out.String(), *update)
}

// TestRelCanonical holds relCanonical to hasRel, the tokenizer path's
// reading of rel.
func TestRelCanonical(t *testing.T) {
	words := []string{"canonical", "CANONICAL", "Alternate", "alternates", "canon", "icon", "\u212a", "İ", " ", "\t", "\v", "\f", "\r\n", "\u00a0", "\u2028", "x"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(words[r.IntN(len(words))])
		}
		rel := b.String()
		if got, want := relCanonical([]byte(rel)), hasRel(rel, "canonical", "alternate"); got != want {
			t.Fatalf("relCanonical(%q) = %v, want %v", rel, got, want)
		}
	}
}
