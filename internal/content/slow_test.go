package content

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"safeguard/internal/diag"
	"safeguard/internal/gen"
)

// corpus returns the FuzzLoad seeds and the inputs of testdata/load.inputs:
// a fuzzing run's corpus, kept as one file because load.golden records what
// the loader makes of each (only inputs that found a bug stay in
// testdata/fuzz).
func corpus(t testing.TB) [][]byte {
	out := [][]byte{
		[]byte(okArticle), []byte(okContact), []byte("\ufeff" + okArticle),
		[]byte(article("newsletter: {issue: \"2020-12\", order: 1}\ncontacts: [ae]\n")),
		[]byte("+++\ntitle = \"T\"\ndate = 2020-12-04\nsummary = \"S\"\n[[phones]]\nnumber = \"101\"\n+++\nText {{< contact \"ae\" >}}\n"),
		[]byte("---\r\ntitle: T\r\n---\r\n{{% contact `ae` %}} {{</* x */>}}\r\n"),
		[]byte("---\ntitle: [\n---\n"), []byte("---\n"), nil, []byte("\x00"), []byte("---\ntitle: caf\xe9\n---\n"),
		[]byte("\n\n  ---  \ntitle: T\n  ---  \nbody\n---\nmore\n"), []byte("---\ntitle: T\n---"), []byte("---\n---\n"),
		[]byte("---\ntitle: " + strings.Repeat("x", 9000) + "\n---\n" + strings.Repeat("body\n", 2000)),
		[]byte("+++\ntitle = \"T\"\n+++\r\n\r\nbody\r\n"), []byte("---\ntitle: T\n---\n---\n"),
	}
	f, err := os.Open(filepath.Join("testdata", "load.inputs"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if l := sc.Text(); strings.HasPrefix(l, "[]byte(") {
			s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(l, "[]byte("), ")"))
			if err != nil {
				t.Fatalf("testdata/load.inputs:%d: %v", n, err)
			}
			out = append(out, []byte(s))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameAsSlow fails when the fast and slow paths of slow.go disagree on one
// file.
func sameAsSlow(t *testing.T, data []byte) {
	t.Helper()
	l1, c1, n1, b1 := firstBad(data)
	l2, c2, n2, b2 := firstBadSlow(data)
	if l1 != l2 || c1 != c2 || n1 != n2 || b1 != b2 {
		t.Fatalf("firstBad(%q) = %d %d %v %v, want %d %d %v %v", data, l1, c1, n1, b1, l2, c2, n2, b2)
	}
}

// bodyCases are bodies near each of checkBody's limits, for the fast and
// slow paths to agree on.
func bodyCases() []string {
	nest := func(n int, marker string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + marker + " item\n")
		}
		return b.String()
	}
	return []string{
		"", "plain text\n", "caf\u00e9 \u00a3100 \u00a0 no-break\n", "tab\there\n",
		"bell\x07\n", "del\x7f\n", "nel\u0085 here\n", "c1 \u009f\n", "cr\r\n", "\xc2", "\xc2\x80",
		"bad \xe0\xc2\x85 utf-8\n", "\xff\xc2\x9f",
		strings.Repeat("[", maxBrackets) + "\n", strings.Repeat("[", maxBrackets+1) + "\n",
		strings.Repeat("[a]\n", maxBrackets) + "\n" + strings.Repeat("[b]\n", 10),
		strings.Repeat("[x\n\n", maxBrackets+5),
		strings.Repeat("> ", maxDepth) + "quote\n", strings.Repeat("> ", maxDepth+1) + "quote\n",
		strings.Repeat("- ", maxDepth+1) + "\n", strings.Repeat("1. ", maxDepth+1) + "x\n",
		nest(maxDepth/2+2, "-"), nest(maxDepth+2, "*"), strings.Repeat(" ", 200) + "indented code\n",
		"text\n" + strings.Repeat("\t", 30) + "- deep\n", "-x\n+\n*\t\n12345678901. no\n",
		strings.Repeat("> ", maxDepth+1) + "\x01\n" + strings.Repeat("[", maxBrackets+1),
	}
}

// sameBody fails when checkBody and checkBodySlow disagree on one body.
func sameBody(t *testing.T, body string) {
	t.Helper()
	got, want := checkBody(body, 7), checkBodySlow(body, 7)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("checkBody(%q) = %v, want %v", body, got, want)
	}
}

// TestSlowPaths runs the fast and slow paths over the fuzz corpus.
func TestSlowPaths(t *testing.T) {
	for _, b := range corpus(t) {
		sameAsSlow(t, b)
		sameBody(t, string(b))
	}
	for _, b := range bodyCases() {
		sameBody(t, b)
	}
	if d := checkBodySlow(bodyCases()[len(bodyCases())-1], 1); len(d) != 3 {
		t.Fatalf("the last body case should break all three limits, got %v", d)
	}
	sameAsSlow(t, []byte("caf\xc3\xa9\n\xed\xa0\x80"))
	sameAsSlow(t, []byte("ok\n\xef\xbf\xbd\x00"))
}

// FuzzSlowPaths compares the fast and slow paths on any input; run it with
// go test -fuzz FuzzSlowPaths ./internal/content/.
func FuzzSlowPaths(f *testing.F) {
	for _, b := range corpus(f) {
		f.Add(b)
	}
	f.Add([]byte("caf\xc3\xa9\n\xed\xa0\x80"))
	f.Add([]byte("ok\n\xef\xbf\xbd\x00"))
	for _, b := range bodyCases() {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsSlow(t, data)
		sameBody(t, string(data))
	})
}

var genToday = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

func genSite(t testing.TB, dir string, articles int, seed int64) {
	t.Helper()
	if _, err := gen.Write(dir, gen.Options{Articles: articles, Seed: seed, Today: genToday}); err != nil {
		t.Fatal(err)
	}
}

type loadResult struct {
	site *Site
	d    diag.List
}

// compareLoads fails unless got equals a fresh Load.
func compareLoads(t *testing.T, what string, dir string, opts Options, got loadResult) {
	t.Helper()
	site, d := NewLoader(dir, opts).Load()
	if !reflect.DeepEqual(got.site, site) || !reflect.DeepEqual(got.d, d) {
		t.Fatalf("%s: differs from a fresh Load:\n got %v (site %v)\nwant %v (site %v)", what, got.d, got.site != nil, d, site != nil)
	}
}

// TestDiskSameAsFS loads a generated site from disk, with the loader's own
// reads, and through os.DirFS: the results must be the same.
func TestDiskSameAsFS(t *testing.T) {
	dir := t.TempDir()
	genSite(t, dir, 200, 7)
	opts := Options{Today: genToday}
	site, d := NewLoader(dir, opts).Load()
	if site == nil {
		t.Fatal(d)
	}
	fsSite, fsD := NewLoaderFS(os.DirFS(dir), site.Root, opts).Load()
	// Only a loader on disk knows where a file is on disk.
	for _, f := range site.Files.files {
		f.Source = ""
	}
	if !reflect.DeepEqual(site, fsSite) || !reflect.DeepEqual(d, fsD) {
		t.Fatalf("Load from disk and from os.DirFS differ:\n%v\n%v", d, fsD)
	}
}

// editor changes a generated site at random, introducing and fixing errors.
type editor struct {
	t     *testing.T
	dir   string
	r     *randSource
	orig  map[string]string // slash path -> first content
	mtime time.Time
}

type randSource struct{ state uint64 }

func (r *randSource) n(k int) int {
	r.state = r.state*6364136223846793005 + 1442695040888963407
	return int((r.state >> 33) % uint64(k))
}

func (e *editor) write(rel, s string) {
	e.t.Helper()
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.mtime = e.mtime.Add(time.Second)
	if err := os.Chtimes(p, e.mtime, e.mtime); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editor) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(rel)))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// mutate returns a changed version of s.
func (e *editor) mutate(rel, s string, others []string) string {
	insert := func(field string) string {
		if strings.HasPrefix(s, "---\n") {
			return "---\n" + field + "\n" + s[4:]
		}
		return "---\n" + field + "\n---\n" + s
	}
	switch e.r.n(17) {
	case 0:
		return s + "\nMore text about safeguarding.\n"
	case 1:
		return s + "\nCall {{< contact \"nobody\" >}} or {{< contact \"emergencyy\" >}}.\n"
	case 2:
		return strings.Replace(s, "title:", "title: [", 1)
	case 3:
		if i := strings.Index(s[min(3, len(s)):], "\n---\n"); i >= 0 {
			return s[:i+3] + "\n- - -\n" + s[i+3+5:]
		}
		return s
	case 4, 5, 6:
		return e.orig[rel]
	case 7:
		return insert("draft: true")
	case 8:
		o := others[e.r.n(len(others))]
		return insert("slug: " + strings.TrimSuffix(filepath.Base(o), ".md"))
	case 9:
		return insert(fmt.Sprintf("newsletter: {issue: \"2026-0%d\", order: %d}", 1+e.r.n(2), 1+e.r.n(2)))
	case 10:
		return ""
	case 11:
		i := e.r.n(len(s) + 1)
		return s[:i] + "\x00" + s[i:]
	case 12:
		return strings.ReplaceAll(s, "\n", "\r\n")
	case 13:
		return "\ufeff" + s
	case 14:
		return e.read(others[e.r.n(len(others))])
	case 15:
		return insert("weight: x")
	default:
		return insert("future: true\nlayout: site-map")
	}
}

// TestReloadRandom applies random edits to generated sites and checks after
// each that Reload returns what a fresh Load returns, and that it declines
// (ok == false, nothing changed) when a file is created, removed or not a
// known Markdown file.
func TestReloadRandom(t *testing.T) {
	seeds, steps := 3, 50
	if testing.Short() {
		seeds, steps = 1, 30
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			reloadRandom(t, int64(seed+1), steps)
		})
	}
}

func reloadRandom(t *testing.T, seed int64, steps int) {
	dir := t.TempDir()
	genSite(t, dir, 200, seed)
	opts := Options{Today: genToday}
	if seed%2 == 0 {
		opts.Drafts, opts.Future = true, true
	}
	e := &editor{t: t, dir: dir, r: &randSource{uint64(seed)}, orig: map[string]string{}, mtime: time.Now()}
	var md, other []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(rel, ".md") {
			md = append(md, rel)
		} else if strings.HasPrefix(rel, "content/") {
			other = append(other, rel)
		}
		e.orig[rel] = e.read(rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLoader(dir, opts)
	if _, _, ok := l.Reload(nil); ok {
		t.Fatal("Reload before any Load said ok")
	}
	site, d := l.Load()
	compareLoads(t, "first load", dir, opts, loadResult{site, d})

	// name gives a path in one of the forms Reload accepts.
	name := func(rel string) string {
		switch e.r.n(3) {
		case 0:
			return filepath.Join(dir, filepath.FromSlash(rel))
		case 1:
			return filepath.FromSlash(rel)
		}
		return "./" + rel
	}
	var removed, dirty []string
	counts := map[[2]bool]int{}
	for step := range steps {
		what := fmt.Sprintf("step %d", step)
		var changed []string
		expectOK := true
		switch k := e.r.n(20); {
		case k < 13: // edit one to three known Markdown files
			for range 1 + e.r.n(3) {
				rel := md[e.r.n(len(md))]
				if _, err := os.Lstat(filepath.Join(dir, rel)); err != nil {
					continue // removed earlier
				}
				s := e.mutate(rel, e.read(rel), md)
				if len(dirty) > 0 && e.r.n(3) > 0 {
					// Fix a file edited before.
					rel = dirty[e.r.n(len(dirty))]
					s = e.orig[rel]
				}
				if s == e.orig[rel] {
					dirty = slices.DeleteFunc(dirty, func(p string) bool { return p == rel })
				} else if !slices.Contains(dirty, rel) {
					dirty = append(dirty, rel)
				}
				e.write(rel, s)
				changed = append(changed, name(rel))
				what += " edit " + rel
			}
		case k < 15: // site.yaml
			s := e.orig["site.yaml"]
			switch e.r.n(6) {
			case 0:
				s += "emergency_contact: nobody\n"
			case 1:
				s = "title: [\n"
			case 2:
				s = strings.Replace(s, "emergency_contact: emergency", "emergency_contact: "+strings.TrimSuffix(filepath.Base(md[e.r.n(len(md))]), ".md"), 1)
			}
			e.write("site.yaml", s)
			changed = append(changed, name("site.yaml"), name("layouts/_default/single.html"))
			what += " site.yaml"
		case k == 15: // create a file
			rel := fmt.Sprintf("content/articles/new-%d.md", step)
			if len(removed) > 0 && e.r.n(2) == 0 {
				rel, removed = removed[0], removed[1:]
			}
			e.write(rel, e.orig[md[e.r.n(len(md))]])
			changed, expectOK = []string{name(rel)}, false
			what += " create " + rel
		case k == 16: // remove a file
			rel := md[e.r.n(len(md))]
			dirty = slices.DeleteFunc(dirty, func(p string) bool { return p == rel })
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err == nil {
				removed = append(removed, rel)
			}
			changed, expectOK = []string{name(rel)}, false
			what += " remove " + rel
		case k == 17: // a folder, or a file other than Markdown
			changed, expectOK = []string{name("content/articles")}, false
			if len(other) > 0 && e.r.n(2) == 0 {
				changed = []string{name(other[e.r.n(len(other))])}
			}
			what += fmt.Sprint(" not Markdown ", changed)
		case k == 18: // a known file and an unknown one
			rel := md[e.r.n(len(md))]
			changed, expectOK = []string{name(rel), name("content/nothing-here.md")}, false
			what += " unknown path"
		default: // nothing changed, or only files outside content/
			changed = []string{name("assets/x.css")}
			what += " nothing"
		}

		before := *l.last
		filesBefore := append([]*cached(nil), l.last.files...)
		site, d, ok := l.Reload(changed)
		if ok != expectOK {
			t.Fatalf("%s: Reload(%q) ok = %v", what, changed, ok)
		}
		if !ok {
			if site != nil || d != nil || !reflect.DeepEqual(before, *l.last) || !reflect.DeepEqual(filesBefore, l.last.files) {
				t.Fatalf("%s: Reload said no but changed something", what)
			}
			site, d = l.Load()
		}
		compareLoads(t, what, dir, opts, loadResult{site, d})
		counts[[2]bool{ok, site != nil}]++
	}
	// The edits must reach both outcomes, by both routes.
	t.Logf("(reloaded, site) counts: %v", counts)
	if counts[[2]bool{true, true}] == 0 || counts[[2]bool{true, false}] == 0 {
		t.Errorf("the edits did not reach both a good and a failing Reload: %v", counts)
	}
}
