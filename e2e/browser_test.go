package e2e

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"safeguard/internal/content"
	"safeguard/internal/publish"
	"safeguard/internal/testenv"
)

const (
	chromiumPath = "/usr/bin/chromium"
	axePath      = "node_modules/axe-core/axe.min.js"
	vnuPath      = "node_modules/vnu-jar/build/dist/vnu.jar"

	// pageBudget is the most an article page may load: HTML, CSS, JavaScript
	// and fonts, uncompressed, images aside (see the site design).
	pageBudget = 50 * 1024

	howToInstall = "run `bash scripts/test` from the repository root, which installs them, " +
		"or by hand: apt-get install -y chromium default-jre-headless nodejs npm && " +
		"(cd e2e && npm ci --ignore-scripts)"
)

// axeTags is the rule set GOV.UK Frontend tests its components with: WCAG 2.2
// A and AA, plus axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// target is one page checked in the browser.
type target struct {
	kind     string // page type, for messages
	url      string // site-relative
	exit     bool   // the page must offer the quick exit
	exitOff  bool   // the page must not offer it (quick_exit: false)
	notFound bool   // served with status 404
	theme    bool   // made by the site theme: the shared page parts must be there
	reviewed bool   // has last_reviewed: "Page last reviewed" must show
	reviewBy bool   // has review_by: "Next review due" must show
}

// needTools skips the test when SAFEGUARD_SKIP_BROWSER=1, and naming every
// missing tool when some are missing (testenv.Missing: under scripts/test and
// CI that fails it); it returns the java binary for vnu. The browser tests
// share it so that each says the same about what to install.
func needTools(t *testing.T) (java string) {
	t.Helper()
	if os.Getenv("SAFEGUARD_SKIP_BROWSER") == "1" {
		t.Skip("SAFEGUARD_SKIP_BROWSER=1")
	}
	var missing []string
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, chromiumPath+" (Debian package chromium)")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing = append(missing, "java (Debian package default-jre-headless)")
	}
	for _, f := range []string{axePath, vnuPath} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, "e2e/"+f+" (npm package in e2e/package.json)")
		}
	}
	if len(missing) > 0 {
		testenv.Missing(t, "the browser tests need %s: %s", strings.Join(missing, ", "), howToInstall)
	}
	return java
}

func TestBrowser(t *testing.T) {
	java := needTools(t)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// SAFEGUARD_E2E_SOURCE checks another source folder (a council's own
	// content) instead of this repository's.
	root, err := filepath.Abs(cmp.Or(os.Getenv("SAFEGUARD_E2E_SOURCE"), ".."))
	if err != nil {
		t.Fatal(err)
	}
	// SAFEGUARD_E2E_OUT keeps the built site in that (new or empty) folder, to
	// look at after a failure.
	out := os.Getenv("SAFEGUARD_E2E_OUT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "public")
	}
	model := buildSite(ctx, t, root, out)

	// The HTML checker runs in its own JVM while the browser works.
	type vnuResult struct {
		files int
		msgs  []string
	}
	vnuDone := make(chan vnuResult, 1)
	go func() {
		start := time.Now()
		n, msgs := validate(ctx, java, out)
		t.Logf("W3C Nu HTML checker took %v", time.Since(start).Round(100*time.Millisecond))
		vnuDone <- vnuResult{n, msgs}
	}()

	checkFeeds(t, out, model.Config.BaseURL)
	srv := serve(t, out)
	targets := pickTargets(t, model, out)
	start := time.Now()
	checkInBrowser(ctx, t, srv, targets, model.Config.QuickExitURL)
	t.Logf("browser checks took %v", time.Since(start).Round(100*time.Millisecond))

	v := <-vnuDone
	for _, msg := range v.msgs {
		t.Error(msg)
	}
	t.Logf("W3C Nu HTML checker: %d documents, %d errors", v.files, len(v.msgs))
}

// buildSite publishes the content of root into out the way `safeguard build`
// does, and returns the content model, from which the pages to check are chosen.
func buildSite(ctx context.Context, t *testing.T, root, out string) *content.Site {
	t.Helper()
	// A fixed day: this test is about the pages, not the content's review dates
	// (check and build refuse overdue content on the real day, as they should).
	today := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	res, diags := publish.Build(ctx, publish.Options{Source: root, Today: today}, publish.Output{Dest: out})
	if diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", diags)
	}
	t.Logf("built %d pages (%d files, %d newsletter fragments) in %v", res.Pages, res.Files, res.Fragments, res.Timings.Total.Round(time.Millisecond))
	for _, d := range diags {
		t.Logf("build warning: %s", d)
	}
	model, diags := content.Load(root, content.Options{})
	if diags.HasErrors() || model == nil {
		t.Fatalf("content does not load:\n%v", diags)
	}
	return model
}

// checkFeeds checks what machines read: sitemap.xml lists pages that exist
// (and no contact file), robots.txt points at it, and the articles feed is RSS.
func checkFeeds(t *testing.T, out, baseURL string) {
	t.Helper()
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := readXML(filepath.Join(out, "sitemap.xml"), &sitemap); err != nil {
		t.Errorf("sitemap.xml: %v", err)
	}
	for _, u := range sitemap.URLs {
		rel, ok := strings.CutPrefix(u.Loc, baseURL)
		switch {
		case !ok:
			t.Errorf("sitemap.xml: %s is not under %s", u.Loc, baseURL)
		case strings.HasPrefix(rel, "contacts/") && rel != "contacts/":
			t.Errorf("sitemap.xml lists a contact file: %s", u.Loc)
		case !exists(filepath.Join(out, filepath.FromSlash(rel), "index.html")):
			t.Errorf("sitemap.xml lists %s, which was not built", u.Loc)
		}
	}
	if len(sitemap.URLs) < 10 {
		t.Errorf("sitemap.xml lists %d pages", len(sitemap.URLs))
	}
	robots, err := os.ReadFile(filepath.Join(out, "robots.txt"))
	if err != nil || !strings.Contains(string(robots), "Sitemap: "+baseURL+"sitemap.xml") {
		t.Errorf("robots.txt does not point at %ssitemap.xml (%v)", baseURL, err)
	}
	var rss struct {
		Channel struct {
			Title string `xml:"title"`
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := readXML(filepath.Join(out, "articles", "index.xml"), &rss); err != nil {
		t.Errorf("articles feed: %v", err)
	}
	if rss.Channel.Title == "" || len(rss.Channel.Items) == 0 {
		t.Errorf("articles feed: want a title and items, got %q and %d items", rss.Channel.Title, len(rss.Channel.Items))
	}
	for _, it := range rss.Channel.Items {
		if !strings.HasPrefix(it.Link, baseURL+"articles/") {
			t.Errorf("articles feed: %q links to %s, not an article", it.Title, it.Link)
		}
	}
}

func readXML(name string, v any) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}

// pickTargets chooses one page of every type from the model. For the article
// it takes the biggest one, so that the weight check sees the worst case.
func pickTargets(t *testing.T, m *content.Site, out string) []target {
	t.Helper()
	var ts []target
	seen := map[string]bool{}
	add := func(kind string, p *content.Page) {
		if p == nil {
			t.Errorf("content/ has no %s page to check", kind)
			return
		}
		if seen[p.URL] {
			return
		}
		seen[p.URL] = true
		ts = append(ts, target{kind: kind, url: p.URL, exit: p.QuickExit, exitOff: !p.QuickExit, theme: true,
			reviewed: !p.LastReviewed.IsZero(), reviewBy: !p.ReviewBy.IsZero()})
	}
	find := func(match func(p *content.Page) bool) *content.Page {
		for _, p := range m.Pages {
			if match(p) {
				return p
			}
		}
		return nil
	}
	var article *content.Page
	var biggest int64 = -1
	for _, p := range m.Pages {
		if p.Kind != content.KindArticle || p.IsIndex {
			continue
		}
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(p.URL), "index.html")); err == nil && fi.Size() > biggest {
			article, biggest = p, fi.Size()
		}
	}
	add("article", article) // first: its weight is measured with an empty cache
	add("home", find(func(p *content.Page) bool { return p.URL == "/" }))
	add("article list", find(func(p *content.Page) bool { return p.Kind == content.KindArticle && p.IsIndex }))
	// The articles of one year: a page made from the model, not a file.
	var newest time.Time
	for _, p := range m.Pages {
		if p.Kind == content.KindArticle && !p.IsIndex && p.Date.After(newest) {
			newest = p.Date
		}
	}
	if !newest.IsZero() {
		ts = append(ts, target{kind: "articles of a year", url: fmt.Sprintf("/articles/%d/", newest.Year()), exit: true, theme: true})
	}
	// The events of an earlier year, when there are any (made from the model too).
	latestEarlier := 0
	for _, p := range m.Pages {
		if p.Event == nil {
			continue
		}
		y := p.Event.Start.Year()
		if !p.Event.End.IsZero() {
			y = p.Event.End.Year()
		}
		if y < time.Now().Year() && y > latestEarlier {
			latestEarlier = y
		}
	}
	if latestEarlier > 0 {
		ts = append(ts, target{kind: "events of a year", url: fmt.Sprintf("/events/%d/", latestEarlier), exit: true, theme: true})
	}
	add("ACT Early landing", find(func(p *content.Page) bool { return p.Kind == content.KindActEarly && p.IsIndex }))
	add("ACT Early page", find(func(p *content.Page) bool { return p.Kind == content.KindActEarly && !p.IsIndex }))
	add("contacts", find(func(p *content.Page) bool { return p.Kind == content.KindContact && p.IsIndex }))
	add("event list", find(func(p *content.Page) bool { return p.Kind == content.KindEvent && p.IsIndex }))
	add("event", find(func(p *content.Page) bool { return p.Kind == content.KindEvent && !p.IsIndex }))
	add("about page", find(func(p *content.Page) bool { return p.Section == "about" && !p.IsIndex }))
	add("accessibility statement", find(func(p *content.Page) bool { return p.URL == "/accessibility/" }))
	add("privacy", find(func(p *content.Page) bool { return p.URL == "/privacy/" }))
	add("site map", find(func(p *content.Page) bool { return p.Layout == "site-map" }))
	ts = append(ts, target{kind: "404", url: "/no-such-page/", exit: true, notFound: true, theme: true})
	if _, err := os.Stat(filepath.Join(out, "newsletter", "index.html")); err == nil {
		// The editors' page is not in the content model; it may leave out
		// the quick exit (it is for staff), so only the rest is checked.
		ts = append(ts, target{kind: "newsletter editors' page", url: "/newsletter/"})
	}
	return ts
}

// server serves the build on 127.0.0.1 with the security headers of its
// _headers file, and counts the bytes of every response.
type server struct {
	base string // http://127.0.0.1:port

	mu    sync.Mutex
	sent  map[string]int64 // path -> body bytes, since the last reset
	types map[string]string
}

func (s *server) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = map[string]int64{}
	s.types = map[string]string{}
}

func (s *server) snapshot() (map[string]int64, map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneMap(s.sent), cloneMap(s.types)
}

func cloneMap[V any](m map[string]V) map[string]V {
	c := make(map[string]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

func serve(t *testing.T, dir string) *server {
	t.Helper()
	headers := siteHeaders(t, dir)
	files := http.FileServer(http.Dir(dir))
	notFound, _ := os.ReadFile(filepath.Join(dir, "404.html"))
	s := &server{}
	s.reset()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		cw := &countingWriter{ResponseWriter: w}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(name); err != nil || (fi.IsDir() && !exists(filepath.Join(name, "index.html"))) {
			cw.Header().Set("Content-Type", "text/html; charset=utf-8")
			cw.WriteHeader(http.StatusNotFound)
			cw.Write(notFound)
		} else {
			files.ServeHTTP(cw, r)
		}
		s.mu.Lock()
		s.sent[r.URL.Path] += cw.n
		s.types[r.URL.Path] = cw.Header().Get("Content-Type")
		s.mu.Unlock()
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
	})
	s.base = "http://" + ln.Addr().String()
	return s
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// siteHeaders reads the "/*" block of the build's _headers file, so that the
// browser enforces the same Content-Security-Policy a static host would.
func siteHeaders(t *testing.T, dir string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatalf("the build has no _headers file: %v", err)
	}
	h := map[string]string{}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "/*":
			in = true
		case in && strings.TrimSpace(line) == "":
			in = false
		case in:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
			if ok {
				h[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	if h["Content-Security-Policy"] == "" {
		t.Fatalf("_headers sets no Content-Security-Policy for /*")
	}
	return h
}

// browser is one headless Chromium with a fresh profile, whose requests are all
// intercepted: those to the test server go on, all others fail and are kept.
type browser struct {
	ctx     context.Context
	local   string
	mu      sync.Mutex
	offHost []string // requests that would have left 127.0.0.1
	logs    []string // console errors, failed resources and uncaught exceptions
}

func (b *browser) takeOffHost() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.offHost
	b.offHost = nil
	return r
}

func (b *browser) takeLogs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.logs
	b.logs = nil
	return r
}

func startBrowser(ctx context.Context, t *testing.T, local string) *browser {
	t.Helper()
	profile := t.TempDir()
	// Exactly the flags that make Debian's Chromium start quickly on a
	// machine without internet (see the browser-testing notes).
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// Closing the contexts stops the browser process, also when the test fails.
	t.Cleanup(func() { bcancel(); acancel() })

	b := &browser{ctx: bctx, local: local}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatalf("cannot start %s: %v (%s)", chromiumPath, err, howToInstall)
	}
	paused := chromedp.Events(bctx, fetch.RequestPaused)
	entries := chromedp.Events(bctx, cdplog.EntryAdded)
	exceptions := chromedp.Events(bctx, runtime.ExceptionThrown)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if strings.HasPrefix(u, local+"/") || u == local {
				chromedp.Call(bctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			b.mu.Lock()
			b.offHost = append(b.offHost, u)
			b.mu.Unlock()
			chromedp.Call(bctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				b.mu.Lock()
				b.logs = append(b.logs, fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
				b.mu.Unlock()
			}
		}
	}()
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.logs = append(b.logs, "exception: "+(&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			b.mu.Unlock()
		}
	}()
	for _, step := range []error{
		call(bctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}),
		call(bctx, cdplog.Enable, cdp.Empty{}),
		call(bctx, network.Enable, network.EnableParams{}),
		// Every page load fetches everything again, so that the bytes the
		// server counts are what a first visit costs.
		call(bctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}),
	} {
		if step != nil {
			t.Fatalf("cannot set up the browser: %v", step)
		}
	}
	return b
}

func call[P, R any](ctx context.Context, cmd cdp.Command[P, R], p P) error {
	_, err := chromedp.Call(ctx, cmd, p)
	return err
}

// axeResult is the part of axe.run's result the test reports.
type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes int `json:"passes"`
}

func checkInBrowser(ctx context.Context, t *testing.T, srv *server, targets []target, exitURL string) {
	t.Helper()
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(axeTags)
	runAxe := fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r => ({violations: r.violations, passes: r.passes.length}))`, tags)

	b := startBrowser(ctx, t, srv.base)
	var checked []string
	for i, tg := range targets {
		url := srv.base + tg.url
		srv.reset()
		if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
			t.Errorf("%s %s: cannot load: %v", tg.kind, tg.url, err)
			continue
		}
		if i == 0 && tg.kind == "article" {
			checkWeight(t, srv, tg)
		}
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
			t.Fatalf("cannot inject axe-core: %v", err)
		}
		res, err := chromedp.Run(b.ctx, chromedp.Evaluate[axeResult](runAxe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("%s %s: axe.run failed: %v", tg.kind, tg.url, err)
		}
		for _, v := range res.Violations {
			var nodes []string
			for _, n := range v.Nodes {
				nodes = append(nodes, fmt.Sprintf("%v %s", n.Target, n.HTML))
			}
			t.Errorf("%s %s: axe %s (%s): %s\n\t%s", tg.kind, tg.url, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
		}
		checkState(t, b, tg)
		checkReflow(t, b, tg)
		if tg.exit {
			// exit.js adds a live region for the Shift presses: it ran.
			ran, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector('.exit [role=status]') !== null`))
			if err != nil || !ran {
				t.Errorf("%s %s: the quick exit script did not run (%v)", tg.kind, tg.url, err)
			}
		}
		checkWithoutJS(t, b, tg, url, exitURL)
		checkLogs(t, b, tg)
		checked = append(checked, tg.kind)
	}
	t.Logf("checked with axe-core (%s) and without JavaScript: %s", strings.Join(axeTags, ", "), strings.Join(checked, ", "))

	// The quick exit: Shift three times on an article goes to the neutral
	// site. The request is intercepted, so nothing leaves the machine.
	for _, tg := range targets {
		if tg.exit && !tg.notFound {
			checkShiftExit(t, b, srv.base+tg.url, exitURL)
			checkClickExit(t, b, srv.base+tg.url, exitURL)
			checkPlainExit(t, b, srv.base+tg.url, exitURL)
			break
		}
	}
}

// checkWeight adds up what the page loaded (HTML, CSS, JavaScript, fonts).
func checkWeight(t *testing.T, srv *server, tg target) {
	t.Helper()
	// The stylesheet and script are in the page's head: both have been
	// fetched when the load event fires.
	sent, types := srv.snapshot()
	var total int64
	var parts []string
	for p, n := range sent {
		ct := types[p]
		if strings.HasPrefix(ct, "image/") {
			continue
		}
		total += n
		parts = append(parts, fmt.Sprintf("%s %d B", p, n))
	}
	sort.Strings(parts)
	t.Logf("%s %s weighs %.1f KB (HTML, CSS, JavaScript; budget %d KB): %s", tg.kind, tg.url, float64(total)/1024, pageBudget/1024, strings.Join(parts, ", "))
	if total > pageBudget {
		t.Errorf("%s %s weighs %d bytes, over the %d byte budget", tg.kind, tg.url, total, pageBudget)
	}
	var css, js bool
	for _, ct := range types {
		css = css || strings.HasPrefix(ct, "text/css")
		js = js || strings.Contains(ct, "javascript")
	}
	if !css || (tg.exit && !js) {
		t.Errorf("%s %s: the weight was measured without its stylesheet or script (types seen: %v)", tg.kind, tg.url, types)
	}
}

// checkReflow checks the page fits 320 CSS pixels without scrolling sideways
// (WCAG 1.4.10: what 1280 pixels at 400% zoom leave).
func checkReflow(t *testing.T, b *browser, tg target) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Errorf("%s %s: cannot set a 320 pixel viewport: %v", tg.kind, tg.url, err)
		return
	}
	defer chromedp.Do(b.ctx, chromedp.ResetViewport())
	w, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil || w > 320 {
		t.Errorf("%s %s: at 320 pixels wide the page is %d pixels wide (%v): it scrolls sideways", tg.kind, tg.url, w, err)
	}
}

// checkState fails on requests that left 127.0.0.1, cookies and web storage.
func checkState(t *testing.T, b *browser, tg target) {
	t.Helper()
	for _, u := range b.takeOffHost() {
		t.Errorf("%s %s: requested %s, outside 127.0.0.1", tg.kind, tg.url, u)
	}
	cookies, err := chromedp.Call(b.ctx, storage.GetCookies, storage.GetCookiesParams{})
	if err != nil {
		t.Errorf("%s %s: cannot read cookies: %v", tg.kind, tg.url, err)
	}
	for _, c := range cookies.Cookies {
		t.Errorf("%s %s: sets a cookie %q for %s", tg.kind, tg.url, c.Name, c.Domain)
	}
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`localStorage.length + sessionStorage.length`))
	if err != nil || n != 0 {
		t.Errorf("%s %s: web storage holds %d items (%v)", tg.kind, tg.url, n, err)
	}
}

// checkLogs fails on console errors, CSP violations and uncaught exceptions.
// The 404 page is expected to log its own status.
func checkLogs(t *testing.T, b *browser, tg target) {
	t.Helper()
	for _, l := range b.takeLogs() {
		if tg.notFound && strings.HasPrefix(l, "network:") && strings.Contains(l, "404") {
			continue
		}
		t.Errorf("%s %s: browser logged an error: %s", tg.kind, tg.url, l)
	}
}

// checkWithoutJS reloads the page with JavaScript off and checks what is left.
func checkWithoutJS(t *testing.T, b *browser, tg target, url, exitURL string) {
	t.Helper()
	if err := call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("cannot turn JavaScript off: %v", err)
	}
	defer call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		t.Errorf("%s %s: cannot load without JavaScript: %v", tg.kind, tg.url, err)
		return
	}
	// The page as the browser holds it without JavaScript. Runtime.evaluate
	// runs even with page scripts off: it is the debugger's, not the page's.
	outer, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err != nil {
		t.Errorf("%s %s: cannot read the page without JavaScript: %v", tg.kind, tg.url, err)
		return
	}
	root, err := html.Parse(strings.NewReader(outer))
	if err != nil {
		t.Errorf("%s %s: %v", tg.kind, tg.url, err)
		return
	}
	var mains, h1s, exits, statuses int
	var mainText int
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "main":
			mains++
			mainText = len(strings.TrimSpace(text(n)))
		case n.Data == "h1":
			if strings.TrimSpace(text(n)) != "" {
				h1s++
			}
		case n.Data == "a" && hasAttr(n, "data-quick-exit"):
			rel := strings.Fields(attr(n, "rel"))
			if attr(n, "href") == exitURL && slices.Contains(rel, "nofollow") && slices.Contains(rel, "noreferrer") {
				exits++
			}
		case attr(n, "role") == "status":
			statuses++
		}
	}
	if mains != 1 || h1s != 1 || mainText < 40 {
		t.Errorf("%s %s without JavaScript: want one main with one h1 and content, got %d main, %d h1, %d characters", tg.kind, tg.url, mains, h1s, mainText)
	}
	if tg.exit && exits < 2 {
		t.Errorf("%s %s without JavaScript: want the quick exit button and link to %s with rel=\"nofollow noreferrer\", found %d", tg.kind, tg.url, exitURL, exits)
	}
	if tg.exitOff && exits > 0 {
		t.Errorf("%s %s has quick_exit: false but shows the quick exit", tg.kind, tg.url)
	}
	if statuses > 0 {
		t.Errorf("%s %s: JavaScript still ran when switched off", tg.kind, tg.url)
	}
	if tg.theme {
		checkParts(t, tg, root)
	}
}

// checkParts checks the parts every page of the theme shares: the skip link
// first, help now with a link to the contacts page, the footer links, the
// language, and the metadata for search engines and link previews.
func checkParts(t *testing.T, tg target, root *html.Node) {
	t.Helper()
	var problems []string
	var body, head, header, footer *html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" {
					problems = append(problems, "<html> has no lang")
				}
			case "head":
				head = n
			case "body":
				body = n
			case "header":
				header = cmp.Or(header, n)
			case "footer":
				footer = n
			}
		}
	}
	if body == nil || head == nil || header == nil || footer == nil {
		t.Errorf("%s %s: want head, body, header and footer", tg.kind, tg.url)
		return
	}
	first := body.FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	if first == nil || first.Data != "a" || attr(first, "href") != "#main" {
		problems = append(problems, "the first thing in <body> is not the skip link to #main")
	}
	if !strings.Contains(text(header), "In an emergency, call") || !hasLink(header, "/contacts/") {
		problems = append(problems, "the header does not say \"In an emergency, call\" with a link to /contacts/")
	}
	for _, href := range []string{"/accessibility/", "/privacy/", "/cookies/", "/site-map/"} {
		if !hasLink(footer, href) {
			problems = append(problems, "the footer has no link to "+href)
		}
	}
	page := text(body)
	if tg.reviewed && !strings.Contains(page, "Page last reviewed") {
		problems = append(problems, "the page has last_reviewed but does not say \"Page last reviewed\"")
	}
	if tg.reviewBy && !strings.Contains(page, "Next review due") {
		problems = append(problems, "the page has review_by but does not say \"Next review due\"")
	}
	for n := range body.Descendants() {
		if n.Type == html.ElementNode && n.Data == "time" && notUKDate.MatchString(text(n)) {
			problems = append(problems, fmt.Sprintf("date %q is not written UK style (18 November 2020)", text(n)))
		}
	}
	meta := map[string]bool{}
	var ld int
	for n := range head.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "meta" && attr(n, "content") != "":
			meta[cmp.Or(attr(n, "name"), attr(n, "property"))] = true
		case n.Data == "link" && attr(n, "rel") == "canonical" && attr(n, "href") != "":
			meta["canonical"] = true
		case n.Data == "link" && attr(n, "rel") == "icon":
			meta["icon"] = true
		case n.Data == "script" && attr(n, "type") == "application/ld+json":
			var v map[string]any
			if err := json.Unmarshal([]byte(text(n)), &v); err != nil || v["@context"] != "https://schema.org" || v["@type"] == nil {
				problems = append(problems, fmt.Sprintf("its JSON-LD is not schema.org data (%v)", err))
			}
			ld++
		}
	}
	want := []string{"description", "theme-color", "og:title", "og:description", "og:url", "og:type", "icon"}
	if !tg.notFound {
		want = append(want, "canonical")
	}
	for _, k := range want {
		if !meta[k] {
			problems = append(problems, "the head has no "+k)
		}
	}
	if ld != 1 {
		problems = append(problems, fmt.Sprintf("want one JSON-LD block, found %d", ld))
	}
	for _, p := range problems {
		t.Errorf("%s %s: %s", tg.kind, tg.url, p)
	}
}

// notUKDate matches dates people in the UK do not write: 2020-11-18,
// 18/11/2020, November 18, 2020.
var notUKDate = regexp.MustCompile(`\d{4}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|[A-Z][a-z]+ \d{1,2},? \d{4}`)

func hasLink(n *html.Node, href string) bool {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == "a" && attr(d, "href") == href {
			return true
		}
	}
	return false
}

// checkShiftExit presses Shift three times and waits for the browser to ask for
// the quick exit address.
func checkShiftExit(t *testing.T, b *browser, url, exitURL string) {
	t.Helper()
	if err := loadPage(b, url); err != nil {
		t.Errorf("quick exit: cannot load %s: %v", url, err)
		return
	}
	b.takeOffHost()
	b.takeLogs()
	for range 3 {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			mod := int64(8) // Shift
			if typ == input.DispatchKeyEventTypeKeyUp {
				mod = 0
			}
			err := call(b.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
				Type: typ, Key: "Shift", Code: "ShiftLeft", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16, Modifiers: mod, Location: 1,
			})
			if err != nil {
				t.Errorf("quick exit: cannot press Shift: %v", err)
				return
			}
		}
	}
	waitExit(t, b, "pressing Shift three times", exitURL)
}

// checkClickExit clicks the exit button: the page must be covered at once,
// before the neutral site loads, and the browser must ask for that site.
func checkClickExit(t *testing.T, b *browser, url, exitURL string) {
	t.Helper()
	if err := loadPage(b, url); err != nil {
		t.Errorf("quick exit: cannot load %s: %v", url, err)
		return
	}
	b.takeOffHost()
	b.takeLogs()
	// The click handler runs inside click(): the class it sets is there when
	// click() returns, while the navigation has only started.
	covered, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector('.exit__button').click(),
		document.documentElement.classList.contains('exit-active') && document.querySelector('.exit-cover') !== null &&
		getComputedStyle(document.querySelector('main')).display === 'none'`))
	if err != nil || !covered {
		t.Errorf("quick exit: clicking the button did not cover the page at once (%v)", err)
	}
	waitExit(t, b, "clicking the exit button", exitURL)
}

// checkPlainExit follows the exit button with JavaScript off: a plain link.
func checkPlainExit(t *testing.T, b *browser, url, exitURL string) {
	t.Helper()
	if err := call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("cannot turn JavaScript off: %v", err)
	}
	defer call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	if err := loadPage(b, url); err != nil {
		t.Errorf("quick exit: cannot load %s: %v", url, err)
		return
	}
	b.takeOffHost()
	b.takeLogs()
	// The debugger's evaluation runs with page scripts off; the page has no
	// handler to run, so the click is the link's own.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.exit__button').click()`)); err != nil {
		t.Errorf("quick exit: cannot click the button: %v", err)
		return
	}
	waitExit(t, b, "the exit button without JavaScript", exitURL)
}

// loadPage loads url and waits for its main content. The failed navigation of
// an earlier exit test may still be settling: a load is retried until the page
// itself is there.
func loadPage(b *browser, url string) error {
	var err error
	for range 3 {
		if err = chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
			continue
		}
		var ok bool
		ok, err = chromedp.Run(b.ctx, chromedp.Evaluate[bool](`location.href === `+strconv.Quote(url)+` && document.querySelector('main') !== null`))
		if err == nil && ok {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err == nil {
		err = errors.New("the page did not load")
	}
	return err
}

// waitExit waits for the browser to ask for exitURL (the request is failed, so
// nothing leaves the machine).
func waitExit(t *testing.T, b *browser, how, exitURL string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		b.mu.Lock()
		got := slices.Clone(b.offHost)
		b.mu.Unlock()
		for _, u := range got {
			if u == exitURL {
				t.Logf("quick exit: %s went to %s", how, exitURL)
				return
			}
		}
		if len(got) > 0 {
			t.Errorf("quick exit: %s requested %v, want %s", how, got, exitURL)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("quick exit: %s did not go to %s within 5 s", how, exitURL)
}

func text(n *html.Node) string {
	var sb strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			sb.WriteString(d.Data)
		}
	}
	return sb.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// validate runs the W3C Nu HTML checker over every HTML document of the build
// in one JVM and returns one message per error. Newsletter fragments (no
// doctype) are not documents and are checked by their own tests.
func validate(ctx context.Context, java, dir string) (int, []string) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if len(b) >= 15 && strings.EqualFold(string(b[:15]), "<!doctype html>") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, []string{"cannot list the built pages: " + err.Error()}
	}
	if len(files) == 0 {
		return 0, []string{"no HTML documents in the build"}
	}
	vctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	args := append([]string{"-Xss4m", "-jar", vnuPath, "--errors-only", "--format", "json"}, files...)
	cmd := exec.CommandContext(vctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type    string `json:"type"`
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Column  int    `json:"firstColumn"`
			Message string `json:"message"`
			Extract string `json:"extract"`
			SubType string `json:"subType"`
		} `json:"messages"`
	}
	raw := stderr.Bytes()
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = stdout.Bytes()
	}
	if err := json.Unmarshal(raw, &report); err != nil {
		var ee *exec.ExitError
		if errors.As(runErr, &ee) || runErr != nil {
			return len(files), []string{fmt.Sprintf("the HTML checker failed: %v: %s", runErr, strings.TrimSpace(stderr.String()))}
		}
		return len(files), []string{fmt.Sprintf("cannot read the HTML checker's report: %v: %s", err, raw)}
	}
	var msgs []string
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		name := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dir, name); err == nil {
			name = filepath.ToSlash(rel)
		}
		msgs = append(msgs, fmt.Sprintf("HTML checker: %s:%d:%d: %s (%q)", name, m.Line, m.Column, m.Message, m.Extract))
	}
	if len(msgs) == 0 && runErr != nil {
		msgs = append(msgs, fmt.Sprintf("the HTML checker failed: %v: %s", runErr, strings.TrimSpace(stderr.String())))
	}
	return len(files), msgs
}
