package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"safeguard/internal/buildrecord"
	"safeguard/internal/content"
	"safeguard/internal/devserver"
	"safeguard/internal/diag"
	"safeguard/internal/publish"
	"safeguard/internal/site"
)

// TestServeSoak makes hundreds of random edits to a source folder while
// serve runs and pages are requested: edits, broken front matter, new pages,
// renames, deletes, new and removed folders, site and contact changes. The
// server must answer every request and, once the edits stop, serve exactly
// what a fresh build of the folder publishes.
func TestServeSoak(t *testing.T) {
	const (
		seed     = 20201118
		minEdits = 220
		budget   = 40 * time.Second // for the edits; settling has its own deadline
	)
	root := t.TempDir()
	s := &soakSite{t: t, root: root, rng: rand.New(rand.NewPCG(seed, seed)), broken: map[string]string{}}
	s.init()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := filepath.Join(t.TempDir(), "ready")
	var out, errOut lockedBuffer
	previews := make(chan *preview, 1)
	exited := make(chan int, 1)
	go func() {
		exited <- serve(ctx, serveOptions{
			src: root, bind: "127.0.0.1", port: 0, readyFile: ready,
			started: func(p *preview) { previews <- p },
		}, stdio{in: strings.NewReader(""), out: &out, err: &errOut})
	}()
	p := <-previews
	addr := waitReady(t, ready, exited)

	// Requests run all along; every answer must be a page, a redirect or
	// the site's 404 page.
	var requests, bad atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			r := rand.New(rand.NewPCG(seed, uint64(g)))
			for {
				select {
				case <-stop:
					return
				default:
				}
				paths := s.urls()
				path := paths[r.IntN(len(paths))]
				resp, err := client.Get(addr + strings.TrimPrefix(path, "/"))
				if err != nil {
					bad.Add(1)
					t.Errorf("GET %s: %v", path, err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch resp.StatusCode {
				case 200, 301, 404:
				default:
					bad.Add(1)
					t.Errorf("GET %s: status %d", path, resp.StatusCode)
				}
			}
		})
	}

	start := time.Now()
	edits := 0
	for edits < minEdits || (time.Since(start) < budget && edits < 2*minEdits) {
		if time.Since(start) > 2*budget {
			break
		}
		s.randomEdit()
		edits++
		// Sometimes a burst (one batch), sometimes time for a rebuild.
		if s.rng.IntN(3) > 0 {
			time.Sleep(time.Duration(s.rng.IntN(60)) * time.Millisecond)
		}
	}
	s.fixAll()
	t.Logf("%d edits in %v (%v)", edits, time.Since(start).Round(time.Millisecond), s.counts)
	if edits < 200 {
		t.Errorf("only %d edits", edits)
	}

	want := freshBuild(t, root, addr)

	// The preview settles on the same site.
	deadline := time.Now().Add(60 * time.Second)
	var got devserver.Files
	var problems []string
	for {
		got, problems = p.dev.Snapshot()
		if len(problems) == 0 && maps.EqualFunc(got, want, bytes.Equal) {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("served site differs from a fresh build after 60s; problems shown: %q", problems)
			diffTrees(t, got, want)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	wg.Wait()

	// Served bytes are the build's bytes; HTML pages differ only by the
	// reload script and the editor's links.
	script := regexp.MustCompile(`<script src="/__safeguard/reload\.js" data-build="[^"]*"></script>|<link rel="stylesheet" href="/__safeguard/overlay\.css"><nav class="safeguard-edit" aria-label="Preview editor">.*?</nav>`)
	client := &http.Client{Timeout: 30 * time.Second}
	for _, name := range sortedNames(want) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		resp, err := client.Get(addr + name)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = script.ReplaceAll(body, nil)
		if name != "404.html" && resp.StatusCode != 200 || !bytes.Equal(body, want[name]) {
			t.Errorf("GET /%s: status %d, body differs from the build's file", name, resp.StatusCode)
		}
	}

	cancel()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("serve exited %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	t.Logf("%d requests, %d bad; serve said:\n%s", requests.Load(), bad.Load(), lastLines(out.String(), 5))
	if strings.Contains(errOut.String(), "panic") {
		t.Errorf("stderr mentions a panic:\n%s", errOut.String())
	}
}

// soakSite is the source folder under test and what the test knows of it.
type soakSite struct {
	t      *testing.T
	root   string
	rng    *rand.Rand
	mu     sync.Mutex
	pages  []string          // article files, relative to content/articles
	broken map[string]string // relative path -> good content, for files saved broken
	n      int
	counts map[string]int
}

const soakSiteYAML = `title: %s
base_url: https://safe.example.org/
verify_within_months: 1200
organisation:
  name: City of Example
  url: https://www.example.gov.uk/
`

func (s *soakSite) init() {
	s.counts = map[string]int{}
	s.write("site.yaml", fmt.Sprintf(soakSiteYAML, "Safe City"))
	s.write("content/_index.md", "---\ntitle: Home\nreview_by: 2999-12-31\n---\nWelcome to the site.\n")
	s.write("content/articles/_index.md", "---\ntitle: Articles\n---\n")
	s.write("content/contacts/_index.md", "---\ntitle: Contacts\n---\n")
	s.write("content/contacts/emergency.md", s.contact("Emergency"))
	// Pages every footer links to (the build checks links).
	for _, name := range []string{"accessibility", "cookies", "privacy"} {
		s.write("content/"+name+".md", "---\ntitle: "+name+"\nreview_by: 2999-12-31\n---\nAbout "+name+".\n")
	}
	s.write("content/site-map.md", "---\ntitle: Site map\nlayout: site-map\nreview_by: 2999-12-31\n---\nEvery page.\n")
	for range 12 {
		s.newArticle()
	}
}

func (s *soakSite) contact(title string) string {
	return "---\ntitle: " + title + "\nsummary: Call 999 if someone is in danger now.\nphones:\n  - number: \"999\"\nemergency: true\nsource: https://www.example.gov.uk/\nverified_on: 2026-11-01\n---\n"
}

func (s *soakSite) article(title string, n int) string {
	news := ""
	if n%3 == 0 {
		news = fmt.Sprintf("newsletter:\n  issue: \"2020-12\"\n  order: %d\n", n)
	}
	return fmt.Sprintf("---\ntitle: %s\nsummary: A short summary of article %d.\ndate: 2020-12-%02d\nreview_by: 2999-12-31\ncontacts: [emergency]\n%s---\nThis is the text of article %d. It is short and plain.\n\n## More\n\nAnother paragraph, number %d.\n", title, n, 1+n%28, news, n, s.rng.IntN(1000))
}

func (s *soakSite) write(rel, data string) {
	s.t.Helper()
	p := filepath.Join(s.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *soakSite) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// urls are addresses worth requesting now (some may be gone: 404 is fine).
func (s *soakSite) urls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []string{"/", "/articles/", "/articles/index.xml", "/sitemap.xml", "/contacts/", "/no-such-page/", "/articles/nothing"}
	for _, p := range s.pages {
		out = append(out, "/articles/"+slug(p)+"/")
	}
	return out
}

func slug(rel string) string {
	rel = strings.TrimSuffix(rel, "/index.md")
	return strings.TrimSuffix(rel, ".md")
}

func (s *soakSite) newArticle() {
	s.n++
	var rel string
	if s.n%4 == 0 {
		rel = fmt.Sprintf("bundle-%d/index.md", s.n) // a new folder
	} else {
		rel = fmt.Sprintf("article-%d.md", s.n)
	}
	s.write("content/articles/"+rel, s.article(fmt.Sprintf("Article number %d", s.n), s.n))
	s.mu.Lock()
	s.pages = append(s.pages, rel)
	s.mu.Unlock()
}

func (s *soakSite) pick() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.rng.IntN(len(s.pages))
	return i, s.pages[i]
}

func (s *soakSite) remove(i int) {
	s.mu.Lock()
	s.pages = append(s.pages[:i], s.pages[i+1:]...)
	s.mu.Unlock()
}

var breakages = []struct{ old, new string }{
	{"date: 2020-12-", "date: 2020-13-"},            // not a date
	{"contacts: [emergency]", "contacts: [nobody]"}, // unknown contact
	{"title: ", "titel: "},                          // unknown field, missing title
	{"---\nThis", "This"},                           // unclosed front matter
}

func (s *soakSite) randomEdit() {
	// Broken files get fixed again soon, as a writer would.
	if len(s.broken) > 0 && s.rng.IntN(2) == 0 {
		s.fixOne()
		return
	}
	switch k := s.rng.IntN(100); {
	case k < 40: // edit the text
		s.counts["edit"]++
		_, rel := s.pick()
		if _, isBroken := s.broken["content/articles/"+rel]; isBroken {
			return
		}
		old := s.read("content/articles/" + rel)
		s.write("content/articles/"+rel, strings.Replace(old, "Another paragraph, number ", fmt.Sprintf("Another paragraph, number %d", s.rng.IntN(10)), 1))
	case k < 52: // break the front matter
		s.counts["break"]++
		_, rel := s.pick()
		full := "content/articles/" + rel
		if _, isBroken := s.broken[full]; isBroken {
			return
		}
		good := s.read(full)
		b := breakages[s.rng.IntN(len(breakages))]
		s.broken[full] = good
		s.write(full, strings.Replace(good, b.old, b.new, 1))
	case k < 67: // a new page, sometimes in a new folder
		s.counts["new"]++
		s.newArticle()
	case k < 77: // delete a page (a bundle's whole folder)
		if len(s.pages) < 5 {
			return
		}
		s.counts["delete"]++
		i, rel := s.pick()
		full := "content/articles/" + rel
		delete(s.broken, full)
		target := full
		if strings.HasSuffix(rel, "/index.md") {
			target = filepath.Dir(full)
		}
		if err := os.RemoveAll(filepath.Join(s.root, target)); err != nil {
			s.t.Fatal(err)
		}
		s.remove(i)
	case k < 90: // rename a page (or a bundle's folder)
		s.counts["rename"]++
		i, rel := s.pick()
		full := "content/articles/" + rel
		if _, isBroken := s.broken[full]; isBroken {
			return
		}
		s.n++
		var from, to, newRel string
		if strings.HasSuffix(rel, "/index.md") {
			from, newRel = filepath.Dir(full), fmt.Sprintf("moved-%d/index.md", s.n)
			to = filepath.Dir("content/articles/" + newRel)
		} else {
			from, newRel = full, fmt.Sprintf("renamed-%d.md", s.n)
			to = "content/articles/" + newRel
		}
		if err := os.Rename(filepath.Join(s.root, from), filepath.Join(s.root, to)); err != nil {
			s.t.Fatal(err)
		}
		s.mu.Lock()
		s.pages[i] = newRel
		s.mu.Unlock()
	case k < 95: // the site's title (a configuration change)
		s.counts["site"]++
		s.write("site.yaml", fmt.Sprintf(soakSiteYAML, fmt.Sprintf("Safe City %d", s.rng.IntN(100))))
	default: // a contact (site params)
		s.counts["contact"]++
		s.write("content/contacts/emergency.md", s.contact(fmt.Sprintf("Emergency %d", s.rng.IntN(100))))
	}
}

func (s *soakSite) fixOne() {
	for _, full := range sortedKeys(s.broken) {
		s.write(full, s.broken[full])
		delete(s.broken, full)
		s.counts["fix"]++
		return
	}
}

func (s *soakSite) fixAll() {
	for len(s.broken) > 0 {
		s.fixOne()
	}
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedNames(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// freshBuild is what the preview must serve for the folder: safeguard build's
// output, except that web pages are built for the preview's address (as
// serve does; the build itself refuses a non-https base URL because of the
// newsletter's absolute links, which keep pointing at the real site).
func freshBuild(t *testing.T, root, addr string) map[string][]byte {
	t.Helper()
	printed := func(d diag.List) string {
		var b strings.Builder
		d.Sort().Print(&b)
		return b.String()
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, d := publish.Build(context.Background(), publish.Options{Source: root}, publish.Output{Dest: dest}); d.HasErrors() {
		t.Fatalf("fresh build of the final folder failed:\n%s", printed(d))
	}
	built := readTree(t, dest)
	model, d := content.Load(root, content.Options{})
	if d.HasErrors() {
		t.Fatal(printed(d))
	}
	pages := filepath.Join(t.TempDir(), "pages")
	if _, d := site.Build(context.Background(), model, site.Output{Dest: pages}, site.Options{BaseURL: addr}); d.HasErrors() {
		t.Fatal(printed(d))
	}
	want := readTree(t, pages)
	for name, data := range built {
		if name == buildrecord.Name {
			continue // the record of a build on disk, for deploy; the preview has none
		}
		if strings.HasPrefix(name, "newsletter/") || strings.HasSuffix(name, ".ics") {
			want[name] = data // made beside Hugo, as in the preview
		} else if _, ok := want[name]; !ok {
			t.Errorf("%s: in the build but not in a site build for the preview's address", name)
		}
	}
	return want
}

func waitReady(t *testing.T, ready string, exited chan int) string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if b, err := os.ReadFile(ready); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited %d before it was ready", code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve not ready after 90s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	n := 0
	report := func(format string, args ...any) {
		if n++; n <= 20 {
			t.Errorf(format, args...)
		}
	}
	for _, name := range sortedNames(want) {
		g, ok := got[name]
		switch {
		case !ok:
			report("%s: missing from the preview", name)
		case !bytes.Equal(g, want[name]):
			report("%s differs:\npreview: %.400s\nbuild:   %.400s", name, g, want[name])
		}
	}
	for _, name := range sortedNames(got) {
		if _, ok := want[name]; !ok {
			report("%s: only in the preview", name)
		}
	}
	if n > 20 {
		t.Errorf("... %d differences in all", n)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// lockedBuffer is an io.Writer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
