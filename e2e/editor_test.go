package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestEditor drives the editor of safeguard serve in Chromium as a writer
// would: edit a page's title, meet an impossible date, make a new article,
// and checks the editor's pages with axe-core and the Nu HTML checker, with
// JavaScript on and off. With SAFEGUARD_UPDATE_SCREENSHOTS=1 it saves its
// screenshots into docs/editing/ for docs/editing.md.
func TestEditor(t *testing.T) {
	java := needTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	site := copySite(t)
	base := startServe(ctx, t, site)
	b := startBrowser(ctx, t, strings.TrimSuffix(base, "/"))
	if err := call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 800, Height: 1000, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("SAFEGUARD_UPDATE_SCREENSHOTS") == "1"
	shot := func(name string) {
		if !shots {
			return
		}
		res, err := chromedp.Call(b.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "editing", name), res.Data, 0o644); err != nil {
			t.Error(err)
		}
	}
	vnuDir := t.TempDir()
	keep := func(name string) {
		outer, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		os.WriteFile(filepath.Join(vnuDir, name+".html"), []byte("<!DOCTYPE html>\n"+outer), 0o644)
	}
	eval := func(js string) string {
		s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	// waitFor polls a condition in the page (the preview rebuilds and
	// reloads by itself after a save).
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(90 * time.Second)
		for {
			ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not seen within 90s (%v); page: %s", what, err, eval(`location.href + " " + document.title`))
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	// axe-core cannot run while the page's scripts are off (its promises
	// never settle), so it runs with them on; the editor's pages have no
	// script, so the page checked is the page a browser without JavaScript
	// shows, which is what this proves.
	axeCheck := func(name string) {
		t.Helper()
		if n := eval(`String(document.querySelectorAll("script").length)`); n != "0" {
			t.Errorf("%s: the editor page has %s scripts, want none", name, n)
		}
		for _, v := range runAxeNow(t, b) {
			t.Errorf("%s: %s", name, v)
		}
	}
	set := func(sel, val string) {
		eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); e.value = %s; return "" })()`, strconv.Quote(sel), strconv.Quote(val)))
	}
	// click waits for the element (a page may be reloading after a
	// rebuild) and clicks it.
	click := func(sel string) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false; e.click(); return true })()`, strconv.Quote(sel))
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("cannot click %s (%v); page: %s", sel, err, eval(`location.href`))
			}
			time.Sleep(200 * time.Millisecond)
		}
	}

	for _, js := range []bool{true, false} {
		mode := "with JavaScript"
		if !js {
			mode = "without JavaScript"
		}
		if err := call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
			t.Fatal(err)
		}
		// Open a page and follow its Edit this page link.
		article := base + "articles/prevent-forum-for-colleges-and-universities/"
		if err := chromedp.Do(b.ctx, chromedp.Navigate(article)); err != nil {
			t.Fatal(err)
		}
		if js {
			eval(`(() => { document.querySelector("nav.safeguard-edit").scrollIntoView(false); return "" })()`)
			shot("edit-link.png")
		}
		click(`nav.safeguard-edit a`)
		waitFor("the edit form "+mode, `document.querySelector('#f-title') !== null`)
		if js {
			axeCheck("edit form " + mode)
		}
		if js {
			keep("edit")
			shot("edit-form.png")
			eval(`(() => { const d = document.querySelector("details"); d.open = true; d.scrollIntoView(); return "" })()`)
			shot("text-and-save.png")
		}
		title := "Colleges and universities meet at the Prevent forum"
		if !js {
			title = "The Prevent forum for colleges and universities"
		}
		set("#f-title", title)
		click(`button[value=save]`)
		waitFor("the page with its new title "+mode, fmt.Sprintf(`location.pathname === "/articles/prevent-forum-for-colleges-and-universities/" && document.querySelector("h1") && document.querySelector("h1").textContent.trim() === %s`, strconv.Quote(title)))
		if js {
			shot("saved.png")
		}

		// An impossible date: the error summary links to the day box.
		click(`nav.safeguard-edit a`)
		waitFor("the edit form again "+mode, `document.querySelector('#f-date-day') !== null`)
		set("#f-date-day", "31")
		set("#f-date-month", "2")
		click(`button[value=save]`)
		waitFor("the error summary "+mode, `document.querySelector('.govuk-error-summary a[href="#f-date-day"]') !== null`)
		if got := eval(`document.querySelector('.govuk-error-summary a[href="#f-date-day"]').textContent`); got != "Date must be a real date" {
			t.Errorf("error summary %s: %q", mode, got)
		}
		if got := eval(`document.querySelector('#f-date-error') ? document.querySelector('#f-date-error').textContent : ""`); !strings.Contains(got, "Date must be a real date") {
			t.Errorf("error beside the date %s: %q", mode, got)
		}
		if js {
			axeCheck("form with errors " + mode)
		}
		if js {
			keep("errors")
			shot("error-summary.png")
		}
		click(`.govuk-error-summary a[href="#f-date-day"]`)
		waitFor("focus on the day box "+mode, `document.activeElement && document.activeElement.id === "f-date-day"`)

		// A new article through the form, found in the article list.
		if err := chromedp.Do(b.ctx, chromedp.Navigate(base)); err != nil {
			t.Fatal(err)
		}
		click(`nav.safeguard-edit a[href="/_edit/_new"]`)
		waitFor("the new page form "+mode, `document.querySelector('#kind-article') !== null`)
		if js {
			axeCheck("new page form " + mode)
		}
		if js {
			keep("new")
			shot("new-page.png")
		}
		newTitle := "Talking to young people about extremism"
		if !js {
			newTitle = "Signs that someone is being groomed online"
		}
		click("#kind-article")
		set("#title", newTitle)
		click(`form[action="/_edit/_new"] button`)
		waitFor("the new article's form "+mode, `document.querySelector('#f-summary') !== null`)
		if js {
			axeCheck("new article form " + mode)
		}
		if js {
			keep("new-article")
		}
		set("#f-summary", "How to start a conversation, and where to get help.")
		set("#body", "Talk about what they see online. Listen and ask open questions.\n\n## Get help\n\nCall the police on 101 if you are worried.\n")
		click(`button[value=save]`)
		waitFor("the saved new article "+mode, `!location.pathname.startsWith("/_edit/") || document.querySelector('.govuk-error-summary') !== null`)
		if msg := eval(`document.querySelector('.govuk-error-summary') ? document.querySelector('.govuk-error-summary').textContent : ""`); msg != "" {
			t.Fatalf("the new article was refused %s: %s", mode, msg)
		}
		if err := chromedp.Do(b.ctx, chromedp.Navigate(base+"articles/")); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(90 * time.Second)
		for !strings.Contains(eval(`document.body.textContent`), newTitle) {
			if time.Now().After(deadline) {
				t.Fatalf("the new article %q is not in the article list %s", newTitle, mode)
			}
			time.Sleep(300 * time.Millisecond)
			chromedp.Do(b.ctx, chromedp.Navigate(base+"articles/"))
		}
		if js {
			shot("article-list.png")
		}
	}
	call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})

	n, msgs := validate(ctx, java, vnuDir)
	for _, m := range msgs {
		t.Error(m)
	}
	t.Logf("W3C Nu HTML checker: %d editor pages, %d errors", n, len(msgs))
}

// runAxeNow runs axe-core on the page as it is (the debugger's evaluate
// runs even when the page's scripts are off) and returns its violations.
func runAxeNow(t *testing.T, b *browser) []string {
	t.Helper()
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatalf("cannot inject axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	res, err := chromedp.Run(b.ctx, chromedp.Evaluate[axeResult](fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r => ({violations: r.violations, passes: r.passes.length}))`, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		return []string{"axe.run failed: " + err.Error()}
	}
	var out []string
	for _, v := range res.Violations {
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, fmt.Sprintf("%v %s", n.Target, n.HTML))
		}
		out = append(out, fmt.Sprintf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t")))
	}
	return out
}

// copySite copies the repository's content and site.yaml into a new folder,
// so the editor can change it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("cp", "-r", "../content", "../site.yaml", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("copy the site: %v\n%s", err, out)
	}
	return dir
}

// startServe builds safeguard and runs safeguard serve on the folder, on
// 127.0.0.1 and a free port, until the test ends.
func startServe(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "safeguard")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "safeguard/cmd/safeguard").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(bin, "serve", "-s", dir, "--port", "0", "--ready-file", ready)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("safeguard serve said:\n%s", log.String())
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if b, err := os.ReadFile(ready); err == nil && len(b) > 0 {
			base := strings.TrimSpace(string(b))
			resp, err := http.Get(base)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					return base
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("safeguard serve did not start within 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
