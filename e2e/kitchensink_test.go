package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"safeguard/internal/imagemeta"
)

// photoBudget is what the article with a phone photo may weigh on a phone,
// everything included (HTML, CSS, JavaScript, images).
const photoBudget = 150 * 1024

// markdownLeftovers are pieces of Markdown syntax that must never reach a
// reader: each means a construct was published as typed instead of rendered.
var markdownLeftovers = []string{"[^", "- [ ]", "- [x]", "{lang=", "{dir=", "{#", "**", "~~", "|---", "| ---", "{{<", "{{%", "](", "![", "```"}

// TestKitchenSink builds testdata/kitchensink (every construct a writer can
// type) with a full-size phone photo added, and checks every web page with
// axe-core (WCAG 2.2 AA and best practice) and the W3C Nu HTML checker, that
// no Markdown syntax is left in any page's visible text, and what the article
// with the photo weighs on a phone.
func TestKitchenSink(t *testing.T) {
	java := needTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	root := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "testdata", "kitchensink"))); err != nil {
		t.Fatal(err)
	}
	// The photo is made here, not kept in the repository: 4032×2268 pixels
	// of a gradient with noise, saved at quality 95 like a phone's camera.
	bundle := filepath.Join(root, "content", "articles", "photo-from-a-phone")
	size := writePhoto(t, filepath.Join(bundle, "photo.jpg"), 4032, 2268)
	t.Logf("phone photo: 4032×2268 pixels, %d bytes (%.1f MB)", size, float64(size)/1e6)
	index := filepath.Join(bundle, "index.md")
	md, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(index, []byte(strings.Replace(string(md), "(community-centre.png)", "(photo.jpg)", 1)), 0o644)

	out := filepath.Join(t.TempDir(), "public")
	buildSite(ctx, t, root, out)

	vnuDone := make(chan []string, 1)
	go func() {
		n, msgs := validate(ctx, java, out)
		t.Logf("W3C Nu HTML checker: %d documents", n)
		vnuDone <- msgs
	}()

	// Every web page of the build (newsletter fragments are not documents).
	var pages []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		if len(b) >= 15 && strings.EqualFold(string(b[:15]), "<!doctype html>") {
			rel, _ := filepath.Rel(out, p)
			u := "/" + filepath.ToSlash(rel)
			pages = append(pages, strings.TrimSuffix(u, "index.html"))
		}
		return nil
	})
	sort.Strings(pages)

	srv := serve(t, out)
	b := startBrowser(ctx, t, srv.base)

	// The phone first, with an empty cache: 390 CSS pixels wide at a device
	// pixel ratio of 2.
	photoURL := "/articles/photo-from-a-phone/"
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	srv.reset()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.base+photoURL)); err != nil {
		t.Fatalf("cannot load %s: %v", photoURL, err)
	}
	// The load event waits for the images above the fold; give lazy ones a
	// moment too, so nothing the page pulls in is missed.
	time.Sleep(500 * time.Millisecond)
	sent, _ := srv.snapshot()
	var total int64
	var parts []string
	for p, n := range sent {
		total += n
		parts = append(parts, fmt.Sprintf("%s %d B", p, n))
	}
	sort.Strings(parts)
	t.Logf("the article with a %.1f MB phone photo weighs %d bytes (%.1f KB) on a phone (390 px, DPR 2; budget %d KB), everything included: %s",
		float64(size)/1e6, total, float64(total)/1024, photoBudget/1024, strings.Join(parts, ", "))
	if total > photoBudget {
		t.Errorf("%s weighs %d bytes on a phone, over the %d byte budget", photoURL, total, photoBudget)
	}
	var photoSeen bool
	for p := range sent {
		photoSeen = photoSeen || strings.Contains(p, "/articles/photo-from-a-phone/photo")
	}
	if !photoSeen {
		t.Errorf("%s: the photo was not loaded, so its weight was not measured", photoURL)
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(axeTags)
	runAxe := fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r => ({violations: r.violations, passes: r.passes.length}))`, tags)
	// The visible text, without code (where Markdown may be what is meant).
	visible := `(() => { const b = document.body.cloneNode(true); b.querySelectorAll('pre, code, script, style').forEach(e => e.remove()); document.documentElement.appendChild(b); const s = b.innerText; b.remove(); return s; })()`
	for _, u := range pages {
		if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.base+u)); err != nil {
			t.Errorf("%s: cannot load: %v", u, err)
			continue
		}
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
			t.Fatalf("cannot inject axe-core: %v", err)
		}
		res, err := chromedp.Run(b.ctx, chromedp.Evaluate[axeResult](runAxe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("%s: axe.run failed: %v", u, err)
		}
		for _, v := range res.Violations {
			var nodes []string
			for _, n := range v.Nodes {
				nodes = append(nodes, fmt.Sprintf("%v %s", n.Target, n.HTML))
			}
			t.Errorf("%s: axe %s (%s): %s\n\t%s", u, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
		}
		text, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](visible))
		if err != nil {
			t.Errorf("%s: cannot read the visible text: %v", u, err)
		}
		for _, m := range markdownLeftovers {
			if i := strings.Index(text, m); i >= 0 {
				t.Errorf("%s: Markdown syntax %q is visible: %q", u, m, text[max(0, i-40):min(len(text), i+40)])
			}
		}
		for _, l := range b.takeLogs() {
			// The editors' issue page frames its fragments: the real host
			// serves /newsletter/* with frame-ancestors 'self' (_headers),
			// this test server sends the site-wide policy everywhere.
			if strings.HasPrefix(u, "/newsletter/") && strings.Contains(l, "frame-ancestors") {
				continue
			}
			t.Errorf("%s: %s", u, l)
		}
		if off := b.takeOffHost(); len(off) > 0 {
			t.Errorf("%s: requests to other hosts: %v", u, off)
		}
	}
	t.Logf("checked %d pages with axe-core (%s) and for Markdown left in the text: %s", len(pages), strings.Join(axeTags, ", "), strings.Join(pages, " "))

	checkPortrait(t, b, srv.base+photoURL)
	checkWideTable(t, b, srv.base+"/articles/kitchen-sink/")
	checkNoMetadata(t, out)
	checkNumberOrder(t, b.ctx, srv.base, "/articles/in-arabic/", "/articles/croeso/")

	for _, msg := range <-vnuDone {
		t.Error(msg)
	}
}

// checkNumberOrder loads each page and measures where the groups of the
// phone number 0800 011 3764 are drawn in every text that holds it (an
// Arabic passage or page): left to right, whatever the direction of the
// text around them. Without isolation a right-to-left paragraph draws
// "3764 011 0800".
func checkNumberOrder(t *testing.T, ctx context.Context, base string, urls ...string) {
	t.Helper()
	const js = `(() => {
	const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
	const out = [];
	let n;
	while ((n = w.nextNode())) {
		const i = n.data.indexOf('0800 011 3764');
		if (i < 0) continue;
		out.push([0, 5, 9].map(o => { const r = document.createRange(); r.setStart(n, i + o); r.setEnd(n, i + o + 3); return r.getBoundingClientRect().left; }));
	}
	return out;
})()`
	for _, u := range urls {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+u)); err != nil {
			t.Errorf("%s: cannot load: %v", u, err)
			continue
		}
		xs, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](js))
		if err != nil {
			t.Errorf("%s: cannot measure: %v", u, err)
			continue
		}
		if len(xs) == 0 {
			t.Errorf("%s: no text holds 0800 011 3764", u)
		}
		for _, x := range xs {
			if !(x[0] < x[1] && x[1] < x[2]) {
				t.Errorf("%s: the groups of 0800 011 3764 are drawn at x = %v, out of order", u, x)
			}
		}
		t.Logf("%s: groups of 0800 011 3764 drawn at x = %v", u, xs)
	}
}

// writePhoto writes a w×h JPEG at quality 95 that compresses about as badly
// as a phone photo (5.7 MB at 4032×2268) and keeps detail when scaled down,
// as a photo does: a gradient with noise in 6-pixel blocks and per pixel,
// from a fixed seed. It returns the file's size.
func writePhoto(t *testing.T, name string, w, h int) int64 {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewSource(1))
	const block = 6
	bw := w/block + 1
	blocks := make([]int, bw*(h/block+1))
	for i := range blocks {
		blocks[i] = r.Intn(81) - 40
	}
	clamp := func(v int) uint8 { return uint8(min(max(v, 0), 255)) }
	for y := range h {
		for x := range w {
			n := r.Intn(41) - 20 + blocks[(y/block)*bw+x/block]
			img.SetRGBA(x, y, color.RGBA{clamp(60 + 120*x/w + n), clamp(90 + 100*y/h + n), clamp(140 + n), 255})
		}
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// portraitResult is what the page says about its portrait photo.
type portraitResult struct {
	Found                       bool
	NaturalWidth, NaturalHeight int
	Width, Height               int // the <img> attributes
	TopRed, BottomRed           bool
	Caption                     string
}

// checkPortrait: the kitchen sink's portrait photo (landscape pixels with
// EXIF orientation 6) is drawn upright: the image the browser loads is
// taller than wide, its width and height attributes have the same shape,
// the red band imagemeta.Photo paints along the top of the upright picture
// is at the top, and its title is the visible caption under it.
func checkPortrait(t *testing.T, b *browser, url string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		t.Errorf("%s: cannot load: %v", url, err)
		return
	}
	const js = `(async () => {
		const img = document.querySelector('img[alt="The front door of the community centre, taken upright"]');
		if (!img) return {Found: false};
		img.loading = 'eager';
		img.scrollIntoView();
		if (!img.complete || img.naturalWidth === 0) await new Promise(r => { img.onload = r; img.onerror = r; setTimeout(r, 5000); });
		const c = document.createElement('canvas');
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext('2d');
		g.drawImage(img, 0, 0);
		const red = y => { const d = g.getImageData(Math.floor(c.width / 2), y, 1, 1).data; return d[0] > 150 && d[2] < 100; };
		const fig = img.closest('figure');
		return {Found: true, NaturalWidth: img.naturalWidth, NaturalHeight: img.naturalHeight,
			Width: +img.getAttribute('width'), Height: +img.getAttribute('height'),
			TopRed: red(Math.floor(c.height / 20)), BottomRed: red(Math.floor(c.height * 19 / 20)),
			Caption: fig && fig.querySelector('figcaption') ? fig.querySelector('figcaption').innerText : ''};
	})()`
	r, err := chromedp.Run(b.ctx, chromedp.Evaluate[portraitResult](js, chromedp.EvalAwaitPromise))
	if err != nil || !r.Found {
		t.Errorf("%s: the portrait photo was not found: %v", url, err)
		return
	}
	t.Logf("portrait photo: drawn from a %d×%d image, <img width=%d height=%d>, red band at the top %v, caption %q", r.NaturalWidth, r.NaturalHeight, r.Width, r.Height, r.TopRed, r.Caption)
	if r.NaturalWidth == 0 || r.NaturalWidth >= r.NaturalHeight || !r.TopRed || r.BottomRed {
		t.Errorf("%s: the portrait photo is not upright: %+v", url, r)
	}
	// naturalWidth is the chosen srcset file's width over its density, so
	// the shapes agree to a pixel's rounding, not exactly.
	if d := r.Width*r.NaturalHeight - r.Height*r.NaturalWidth; max(d, -d)*100 > r.Height*r.NaturalWidth {
		t.Errorf("%s: the portrait's width and height (%d×%d) are not the shape of the image (%d×%d)", url, r.Width, r.Height, r.NaturalWidth, r.NaturalHeight)
	}
	if r.Caption != "Our front door on a weekday morning" {
		t.Errorf("%s: the photo's caption is %q", url, r.Caption)
	}
}

// tableResult is where the keyboard got to in the wide table.
type tableResult struct {
	Focused, Label, Hint string
	Overflows            bool
	ScrollLeft           float64
	Display              string
}

// checkWideTable: on a phone, the kitchen sink's 8-column table is wider
// than the screen; Tab reaches its region, which has a name, and the arrow
// key scrolls it; the table itself is still a table to assistive
// technology (display: table), and a hint says it scrolls. (axe's
// scrollable-region-focusable ran over the page above.)
func checkWideTable(t *testing.T, b *browser, url string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 900))
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		t.Errorf("%s: cannot load: %v", url, err)
		return
	}
	const wide = `[...document.querySelectorAll('.table-wrap')].find(w => w.querySelectorAll('thead th').length === 8)`
	key := func(k, code string, vk int64) {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
			if err := call(b.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: typ, Key: k, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}); err != nil {
				t.Fatalf("cannot press %s: %v", k, err)
			}
		}
	}
	reached := false
	for i := 0; i < 80 && !reached; i++ {
		key("Tab", "Tab", 9)
		reached, _ = chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.activeElement === `+wide))
	}
	if !reached {
		t.Errorf("%s: Tab never reached the wide table's region", url)
		return
	}
	for range 5 {
		key("ArrowRight", "ArrowRight", 39)
	}
	time.Sleep(300 * time.Millisecond) // scrolling by key may be smooth
	r, err := chromedp.Run(b.ctx, chromedp.Evaluate[tableResult](`(() => { const w = `+wide+`; const n = w.nextElementSibling;
		return {Focused: document.activeElement.className, Label: w.getAttribute('aria-label') || '', Hint: n && n.classList.contains('table-hint') ? n.innerText : '',
			Overflows: w.scrollWidth > w.clientWidth, ScrollLeft: w.scrollLeft, Display: getComputedStyle(w.querySelector('table')).display}; })()`))
	if err != nil {
		t.Errorf("%s: %v", url, err)
		return
	}
	t.Logf("wide table on a phone: region %q reached by Tab, scrolled %.0f px by the arrow key, hint %q", r.Label, r.ScrollLeft, r.Hint)
	if !r.Overflows || r.ScrollLeft <= 0 || r.Label == "" || r.Display != "table" || r.Hint == "" {
		t.Errorf("%s: the wide table cannot be scrolled with the keyboard as it should: %+v", url, r)
	}
}

// checkNoMetadata reads every image the build published: none carries
// EXIF, XMP, IPTC or GPS coordinates.
func checkNoMetadata(t *testing.T, out string) {
	t.Helper()
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".jpg", ".jpeg", ".png", ".webp", ".gif":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			if m := imagemeta.Read(data); m.Any() {
				t.Errorf("%s carries metadata: %+v", p, m)
			}
		}
		return nil
	})
	t.Logf("%d published images, none with EXIF, XMP, IPTC or GPS", n)
	if n == 0 {
		t.Error("no published images were read")
	}
}
