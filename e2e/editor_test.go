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
// would, with JavaScript on and off: edit a title (the Saved banner takes
// the focus), meet an impossible date (the error summary takes it), make a
// new article with an address made from a Welsh or an emoji title, add a
// contact from the picker, preview it, and save; a second writer (another
// tab, or a change on disk) saved the same page meanwhile: the conflict
// page, resolved each way, loses nothing; Save as draft of a linked page
// asks first; an Arabic title is asked for an address, saved as a draft
// with a problem, and build still publishes the rest. axe-core and the Nu
// HTML checker run on every editor page. With
// SAFEGUARD_UPDATE_SCREENSHOTS=1 it saves its screenshots into
// docs/editing/ for docs/editing.md.
func TestEditor(t *testing.T) {
	java := needTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()

	site := copySite(t)
	base, bin := startServe(ctx, t, site)
	b := startBrowser(ctx, t, strings.TrimSuffix(base, "/"))
	if err := call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 800, Height: 1000, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("SAFEGUARD_UPDATE_SCREENSHOTS") == "1"
	vnuDir := t.TempDir()
	// tab is one browser session's helpers.
	type tab struct {
		shot     func(name string)
		keep     func(name string)
		eval     func(js string) string
		waitFor  func(what, js string)
		axeCheck func(name string)
		set      func(sel, val string)
		typeIn   func(sel, val string)
		click    func(sel string)
		nav      func(u string)
	}
	newTab := func(tctx context.Context) *tab {
		tb := &tab{}
		tb.shot = func(name string) {
			if !shots {
				return
			}
			res, err := chromedp.Call(tctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
			if err != nil {
				t.Errorf("screenshot %s: %v", name, err)
				return
			}
			if err := os.WriteFile(filepath.Join("..", "docs", "editing", name), res.Data, 0o644); err != nil {
				t.Error(err)
			}
		}
		tb.keep = func(name string) {
			outer, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			os.WriteFile(filepath.Join(vnuDir, name+".html"), []byte("<!DOCTYPE html>\n"+outer), 0o644)
		}
		tb.eval = func(js string) string {
			t.Helper()
			s, err := chromedp.Run(tctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatalf("%s: %v", js, err)
			}
			return s
		}
		// waitFor polls a condition in the page (the preview rebuilds and
		// reloads by itself after a save).
		tb.waitFor = func(what, js string) {
			t.Helper()
			deadline := time.Now().Add(90 * time.Second)
			for {
				ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js))
				if err == nil && ok {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s: not seen within 90s (%v); page: %s", what, err, tb.eval(`location.href + " " + document.title + " " + document.body.innerText.slice(0, 800)`))
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
		// axe-core cannot run while the page's scripts are off (its
		// promises never settle), so it runs with them on; the editor's
		// pages work the same without their one script.
		tb.axeCheck = func(name string) {
			t.Helper()
			for _, v := range runAxeIn(t, tctx) {
				t.Errorf("%s: %s", name, v)
			}
		}
		tb.set = func(sel, val string) {
			tb.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); e.value = %s; return "" })()`, strconv.Quote(sel), strconv.Quote(val)))
		}
		// typeIn sets a value as typing does, with an input event.
		tb.typeIn = func(sel, val string) {
			tb.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); e.focus(); e.value = %s; e.dispatchEvent(new Event("input", {bubbles: true})); return "" })()`, strconv.Quote(sel), strconv.Quote(val)))
		}
		// click waits for the element (a page may be reloading after a
		// rebuild) and clicks it.
		tb.click = func(sel string) {
			t.Helper()
			js := fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false; e.click(); return true })()`, strconv.Quote(sel))
			deadline := time.Now().Add(30 * time.Second)
			for {
				ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js))
				if err == nil && ok {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("cannot click %s (%v); page: %s", sel, err, tb.eval(`location.href`))
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
		tb.nav = func(u string) {
			t.Helper()
			if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
				t.Fatal(err)
			}
		}
		return tb
	}
	w := newTab(b.ctx)
	file := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	focused := func(sel string) string {
		return fmt.Sprintf(`document.activeElement === document.querySelector(%s)`, strconv.Quote(sel))
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
		w.nav(article)
		if js {
			w.eval(`(() => { document.querySelector("nav.safeguard-edit").scrollIntoView(false); return "" })()`)
			w.shot("edit-link.png")
		}
		w.click(`nav.safeguard-edit a`)
		w.waitFor("the edit form "+mode, `document.querySelector('#f-title') !== null`)
		if got := w.eval(`document.querySelector('#f-slug').value`); got != "prevent-forum-for-colleges-and-universities" {
			t.Errorf("the edit form shows the address %q %s", got, mode)
		}
		if js {
			w.axeCheck("edit form " + mode)
			w.keep("edit")
			w.shot("edit-form.png")
			w.eval(`(() => { const d = document.querySelector("details"); d.open = true; d.scrollIntoView(); return "" })()`)
			w.shot("text-and-save.png")
		}
		title := "Colleges and universities meet at the Prevent forum"
		if !js {
			title = "The Prevent forum for colleges and universities"
		}
		w.set("#f-title", title)
		w.click(`button[value=save]`)
		// The Saved banner, with the focus, and a link to the page.
		w.waitFor("the Saved banner "+mode, `document.querySelector('.govuk-notification-banner') !== null`)
		w.waitFor("the focus on the Saved banner "+mode, focused(".govuk-notification-banner"))
		if js {
			w.axeCheck("saved " + mode)
			w.keep("saved")
			w.shot("saved.png")
		}
		w.click(`.govuk-notification-banner__link`)
		w.waitFor("the page with its new title "+mode, fmt.Sprintf(`location.pathname === "/articles/prevent-forum-for-colleges-and-universities/" && document.querySelector("h1") && document.querySelector("h1").textContent.trim() === %s`, strconv.Quote(title)))

		// An impossible date: the error summary has the focus and links
		// to the day box.
		w.click(`nav.safeguard-edit a`)
		w.waitFor("the edit form again "+mode, `document.querySelector('#f-date-day') !== null`)
		w.set("#f-date-day", "31")
		w.set("#f-date-month", "2")
		w.click(`button[value=save]`)
		w.waitFor("the error summary "+mode, `document.querySelector('.govuk-error-summary a[href="#f-date-day"]') !== null`)
		w.waitFor("the focus on the error summary "+mode, focused(".govuk-error-summary"))
		if got := w.eval(`document.querySelector('.govuk-error-summary a[href="#f-date-day"]').textContent`); got != "Date must be a real date" {
			t.Errorf("error summary %s: %q", mode, got)
		}
		if got := w.eval(`document.querySelector('#f-date-error') ? document.querySelector('#f-date-error').textContent : ""`); !strings.Contains(got, "Date must be a real date") {
			t.Errorf("error beside the date %s: %q", mode, got)
		}
		if js {
			w.axeCheck("form with errors " + mode)
			w.keep("errors")
			w.shot("error-summary.png")
		}
		w.click(`.govuk-error-summary a[href="#f-date-day"]`)
		w.waitFor("focus on the day box "+mode, `document.activeElement && document.activeElement.id === "f-date-day"`)

		// A conflict. With JavaScript: a second browser session saves the
		// summary while this one changes the title; without: a change on
		// disk (a colleague's, or git pull) while this one changes the text.
		conflictPage := "articles/safeguarding-our-communities-through-prevent"
		rel := "content/" + conflictPage + ".md"
		w.nav(base + "_edit/" + conflictPage + "/")
		w.waitFor("the form of the conflict page "+mode, `document.querySelector('#f-title') !== null`)
		if js {
			tctx, cancelTab := chromedp.NewContext(b.ctx)
			other := newTab(tctx)
			other.nav(base + "_edit/" + conflictPage + "/")
			other.waitFor("the second session's form", `document.querySelector('#f-summary') !== null`)
			other.set("#f-summary", "How Prevent keeps our communities safe, and who to call.")
			other.click(`button[value=save]`)
			other.waitFor("the second session's save", `document.querySelector('.govuk-notification-banner') !== null`)
			cancelTab()
			w.set("#f-title", "Safeguarding our communities with Prevent")
		} else {
			before := file(rel)
			changed := strings.TrimRight(before, "\n") + "\n\nA paragraph added on disk by a colleague.\n"
			if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(rel)), []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			w.set("#body", w.eval(`document.querySelector('#body').value`)+"\nMy own new paragraph.\n")
		}
		w.click(`button[value=save]`)
		w.waitFor("the conflict page "+mode, `document.querySelector('h1') && document.querySelector('h1').textContent === "Someone else changed this page"`)
		if js {
			w.axeCheck("conflict " + mode)
			w.keep("conflict")
			w.shot("conflict.png")
			// Three-way: the title is theirs to choose (it changed here),
			// the summary the other session's (it did not).
			if w.eval(`String(document.querySelector('#pick-title').checked && document.querySelector('#pick-summary-theirs').checked)`) != "true" {
				t.Errorf("conflict preselection: %s", w.eval(`document.querySelector('main').innerText`))
			}
		} else {
			w.keep("conflict-text")
			if !strings.Contains(w.eval(`document.querySelector('#pick-body-mine-text').value`), "My own new paragraph.") {
				t.Error("the writer's text is not on the conflict page to copy")
			}
			w.click("#pick-body-theirs")
		}
		w.click(`.govuk-button[value=save]`)
		w.waitFor("saved after the conflict "+mode, `document.querySelector('.govuk-notification-banner') !== null`)
		got := file(rel)
		if js && (!strings.Contains(got, "Safeguarding our communities with Prevent") || !strings.Contains(got, "How Prevent keeps our communities safe, and who to call.")) {
			t.Errorf("after the conflict %s, a change was lost:\n%s", mode, got)
		}
		if !js && (!strings.Contains(got, "A paragraph added on disk by a colleague.") || strings.Contains(got, "My own new paragraph.")) {
			t.Errorf("after the conflict %s, the text kept is not the one chosen:\n%s", mode, got)
		}

		// Save as draft of a page other pages link to asks first.
		w.nav(base + "_edit/act-early/signs-to-look-for/")
		w.waitFor("the form of a linked page "+mode, `document.querySelector('#f-title') !== null`)
		w.click(`button[value=draft]`)
		w.waitFor("the draft question "+mode, `document.querySelector('h1') && document.querySelector('h1').textContent === "Take this page off the site?" && document.querySelectorAll('main li').length > 0`)
		if js {
			w.axeCheck("draft question " + mode)
			w.keep("draft-question")
		}
		if strings.Contains(file("content/act-early/signs-to-look-for.md"), "draft") {
			t.Fatal("the page became a draft before the writer said yes")
		}
		w.click(`main form a.govuk-link`)
		w.waitFor("back at the page "+mode, `location.pathname === "/act-early/signs-to-look-for/"`)

		// A new article, its address made from the title as it is typed
		// (with JavaScript) or after a first Continue (without).
		w.nav(base)
		w.click(`nav.safeguard-edit a[href="/_edit/_new"]`)
		w.waitFor("the new page form "+mode, `document.querySelector('#kind-article') !== null && document.readyState === "complete"`)
		newTitle, addr := "🎉 Talking to young people about extremism", "talking-to-young-people-about-extremism"
		if !js {
			newTitle, addr = "Gŵyl yr Haf: a summer festival for families", "gwyl-yr-haf-a-summer-festival-for-families"
		}
		w.click("#kind-article")
		w.typeIn("#title", newTitle)
		if js {
			w.waitFor("the address made from the title", fmt.Sprintf(`document.querySelector('#address').value === %s`, strconv.Quote(addr)))
			w.axeCheck("new page form " + mode)
			w.keep("new")
			w.shot("new-page.png")
		} else {
			w.click(`form[action="/_edit/_new"] button`)
			w.waitFor("the address made from the title "+mode, fmt.Sprintf(`document.querySelector('#address') && document.querySelector('#address').value === %s`, strconv.Quote(addr)))
			w.keep("new-address")
		}
		w.click(`form[action="/_edit/_new"] button`)
		w.waitFor("the new article's form "+mode, `document.querySelector('#f-summary') !== null`)
		if js {
			w.axeCheck("new article form " + mode)
			w.keep("new-article")
		}
		w.set("#f-summary", "How to start a conversation, and where to get help.")
		w.set("#body", "Talk about what they see online. Listen and ask open questions.\n\n## Get help\n\nCall the police on 101 if you are worried.\n")
		// The contact picker: at the cursor with JavaScript, at the end
		// with a note without.
		w.eval(`(() => { const s = document.querySelector('#pick-contact'); s.value = [...s.options].find(o => o.value === "police-non-emergency" || o.value === "emergency").value; return "" })()`)
		contact := w.eval(`document.querySelector('#pick-contact').value`)
		if js {
			w.eval(`(() => { const b = document.querySelector('#body'); b.focus(); b.setSelectionRange(0, 0); b.blur(); return "" })()`)
			w.click("#add-contact")
			if got := w.eval(`document.querySelector('#body').value`); !strings.HasPrefix(got, "{{< contact \""+contact+"\" >}}Talk about") {
				t.Errorf("the contact was not put at the cursor: %q", got)
			}
		} else {
			w.click("#add-contact")
			w.waitFor("the contact added at the end", `document.querySelector('#pick-contact-note') !== null`)
			if got := w.eval(`document.querySelector('#body').value`); !strings.HasSuffix(strings.TrimSpace(got), "{{< contact \""+contact+"\" >}}") {
				t.Errorf("the contact was not added at the end: %q", got)
			}
			w.keep("contact-added")
		}
		// The Preview: the page with the site's templates, nothing saved.
		w.click(`button[value=preview]`)
		w.waitFor("the preview "+mode, fmt.Sprintf(`(() => { const f = document.querySelector('iframe[title="Preview of the page"]'); const h = f && f.contentDocument && f.contentDocument.querySelector('h1'); return !!h && h.textContent.includes(%s) })()`, strconv.Quote(strings.TrimPrefix(newTitle, "🎉 "))))
		if _, err := os.Stat(filepath.Join(site, "content", "articles", addr+".md")); err == nil {
			t.Fatalf("the preview wrote the page %s", mode)
		}
		if js {
			w.axeCheck("preview " + mode)
			w.keep("preview")
			w.eval(`(() => { document.querySelector('h2').scrollIntoView(); return "" })()`)
			w.shot("preview.png")
		}
		w.click(`button[value=save]`)
		w.waitFor("the saved new article "+mode, `document.querySelector('.govuk-notification-banner') !== null || document.querySelector('.govuk-error-summary') !== null`)
		if msg := w.eval(`document.querySelector('.govuk-error-summary') ? document.querySelector('.govuk-error-summary').textContent : ""`); msg != "" {
			t.Fatalf("the new article was refused %s: %s", mode, msg)
		}
		if _, err := os.Stat(filepath.Join(site, "content", "articles", addr+".md")); err != nil {
			t.Fatalf("the new article is not at its address %s: %v", mode, err)
		}
		w.nav(base + "articles/")
		deadline := time.Now().Add(90 * time.Second)
		for !strings.Contains(w.eval(`document.body.textContent`), strings.TrimPrefix(newTitle, "🎉 ")) {
			if time.Now().After(deadline) {
				t.Fatalf("the new article %q is not in the article list %s", newTitle, mode)
			}
			time.Sleep(300 * time.Millisecond)
			w.nav(base + "articles/")
		}
		if js {
			w.shot("article-list.png")
		}
	}
	call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})

	// An Arabic title: no sound address in a-z, so the writer is asked;
	// saved as a draft with a problem left, build publishes the rest.
	w.nav(base + "_edit/_new")
	w.waitFor("the new page form", `document.querySelector('#kind-article') !== null && document.readyState === "complete"`)
	w.click("#kind-article")
	w.typeIn("#title", "حماية الأطفال")
	time.Sleep(time.Second)
	if got := w.eval(`document.querySelector('#address').value`); got != "" {
		t.Errorf("an address was made from an Arabic title: %q", got)
	}
	w.click(`form[action="/_edit/_new"] button`)
	w.waitFor("the question for an address", `document.querySelector('.govuk-error-summary a[href="#address"]') !== null`)
	w.axeCheck("address asked")
	w.keep("address-asked")
	w.set("#address", "himayat-al-atfal")
	w.click(`form[action="/_edit/_new"] button`)
	w.waitFor("the Arabic article's form", `document.querySelector('#f-summary') !== null`)
	w.click(`button[value=draft]`)
	w.waitFor("the draft saved with its problems", `document.querySelector('.govuk-notification-banner') !== null && document.querySelector('.govuk-error-summary') !== null`)
	w.axeCheck("draft saved")
	w.keep("draft-saved")
	w.shot("draft-saved.png")
	if got := file("content/articles/himayat-al-atfal.md"); !strings.Contains(got, "title: \"حماية الأطفال\"") || !strings.Contains(got, "draft: true") {
		t.Errorf("the Arabic draft:\n%s", got)
	}
	out, err := exec.CommandContext(ctx, bin, "build", "-s", site, "-d", filepath.Join(t.TempDir(), "public")).CombinedOutput()
	if err != nil {
		t.Errorf("build with a draft that has a problem: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "content/articles/himayat-al-atfal.md") || !strings.Contains(string(out), "warning:") || !strings.Contains(string(out), "this draft is not published") {
		t.Errorf("build does not list the draft's problem as a warning:\n%s", out)
	}

	n, msgs := validate(ctx, java, vnuDir)
	for _, m := range msgs {
		t.Error(m)
	}
	t.Logf("W3C Nu HTML checker: %d editor pages, %d errors", n, len(msgs))
}

// runAxeIn runs axe-core on the page of a browser tab as it is (the
// debugger's evaluate runs even when the page's scripts are off) and
// returns its violations. Frames (the preview's) are the site's own pages,
// which the site's browser test checks.
func runAxeIn(t *testing.T, ctx context.Context) []string {
	t.Helper()
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatalf("cannot inject axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](fmt.Sprintf(`axe.run(document, {iframes: false, runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r => ({violations: r.violations, passes: r.passes.length}))`, tags), chromedp.EvalAwaitPromise))
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
// 127.0.0.1 and a free port, until the test ends; it returns the preview's
// address and the safeguard it built.
func startServe(ctx context.Context, t *testing.T, dir string) (base, bin string) {
	t.Helper()
	bin = filepath.Join(t.TempDir(), "safeguard")
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
			base = strings.TrimSpace(string(b))
			resp, err := http.Get(base)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					return base, bin
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("safeguard serve did not start within 2 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
