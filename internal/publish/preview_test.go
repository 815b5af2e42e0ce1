package publish

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/diag"
	"safeguard/internal/watch"
)

const previewURL = "http://127.0.0.1:1313/"

// newPreview is a pipeline over a fresh copy of the site fixture, as serve
// makes it, with the fixture's day as today.
func newPreview(t *testing.T) (*Pipeline, string) {
	t.Helper()
	root := fixture(t, "site")
	p := New(Options{Source: root, BaseURL: previewURL, Today: today})
	t.Cleanup(func() { p.Close() })
	return p, root
}

func changed(root, rel string, op watch.Op) watch.Batch {
	return watch.Batch{Events: []watch.Event{{Name: filepath.Join(root, filepath.FromSlash(rel)), Op: op}}}
}

// mustApply applies b and fails the test on errors.
func mustApply(t *testing.T, p *Pipeline, b watch.Batch) *Snapshot {
	t.Helper()
	snap, d := p.Apply(context.Background(), b)
	if snap == nil || d.HasErrors() {
		t.Fatalf("apply failed:\n%s", d.Sort())
	}
	return snap
}

func edit(t *testing.T, root, rel, old, new string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	write(t, path, strings.Replace(string(data), old, new, 1))
}

// TestPreviewSnapshot checks that one snapshot holds the site, built for the
// preview's address, and the newsletter fragments exactly as a build writes
// them (linking to the published site), and that an edit rebuilds only part.
func TestPreviewSnapshot(t *testing.T) {
	p, root := newPreview(t)
	snap := mustApply(t, p, watch.Batch{Full: true})
	if !snap.Full || snap.Written == 0 {
		t.Errorf("first build: full %v, wrote %d files", snap.Full, snap.Written)
	}
	page := string(snap.Files["articles/one/index.html"])
	if !strings.Contains(page, "Keeping people safe") {
		t.Fatalf("article page missing or wrong:\n%.300s", page)
	}
	if !strings.Contains(string(snap.Files["sitemap.xml"]), previewURL+"articles/one/") {
		t.Error("pages not built for the preview's address")
	}

	dest := filepath.Join(t.TempDir(), "out")
	if _, d := Build(context.Background(), Options{Source: root, Today: today}, Output{Dest: dest}); d.HasErrors() {
		t.Fatalf("build failed:\n%s", d)
	}
	frags := 0
	err := filepath.WalkDir(filepath.Join(dest, "newsletter"), func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if got, ok := snap.Files[filepath.ToSlash(rel)]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: the preview's copy differs from the build's", rel)
		}
		frags++
		return nil
	})
	if err != nil || frags == 0 {
		t.Fatalf("no newsletter files built (%v)", err)
	}

	edit(t, root, "content/articles/one.md", "We work with schools", "We work with colleges")
	next := mustApply(t, p, changed(root, "content/articles/one.md", watch.Write))
	if next.Full || next.Written == 0 || next.Written >= len(next.Files) {
		t.Errorf("an edit: full %v, wrote %d of %d files", next.Full, next.Written, len(next.Files))
	}
	if !strings.Contains(string(next.Files["articles/one/index.html"]), "colleges") {
		t.Error("edit not in the page")
	}
	var inFragment bool
	for name, data := range next.Files {
		if strings.HasPrefix(name, "newsletter/") && bytes.Contains(data, []byte("colleges")) {
			inFragment = true
		}
	}
	if !inFragment {
		t.Error("edit not in the newsletter fragment")
	}
	if strings.Contains(string(snap.Files["articles/one/index.html"]), "colleges") {
		t.Error("an earlier snapshot was changed")
	}
}

// TestPreviewFailedBatchKeepsSnapshot checks that a batch that fails leaves
// the last good snapshot served and its changes pending: the fix may arrive
// as a change to another file.
func TestPreviewFailedBatchKeepsSnapshot(t *testing.T) {
	p, root := newPreview(t)
	good := mustApply(t, p, watch.Batch{Full: true})
	p.Checks().Idle()
	r := <-p.Checks().Done()

	edit(t, root, "content/articles/one.md", "date: 2026-11-01", "date: 2026-13-45")
	snap, d := p.Apply(context.Background(), changed(root, "content/articles/one.md", watch.Write))
	if snap != nil || !d.HasErrors() {
		t.Fatalf("broken date accepted:\n%s", d)
	}
	if got := d.Sort().Error(); !strings.Contains(got, "content/articles/one.md:4:") {
		t.Errorf("diagnostic lacks the position:\n%s", got)
	}
	if !sameMap(p.served, good.Files) {
		t.Error("a failed batch changed what is served")
	}
	if _, ok := p.Checks().Result(r); ok {
		t.Error("a check of the build before a failed one was shown")
	}
	p.Checks().Idle()
	if p.checks.running {
		t.Error("a check started for a build that failed")
	}

	// The text changes too while the date is broken; the fix comes with
	// another file's event, and the missed change is still applied.
	edit(t, root, "content/articles/one.md", "We work with schools", "We work with colleges")
	edit(t, root, "content/articles/one.md", "date: 2026-13-45", "date: 2026-11-01")
	fixed := mustApply(t, p, changed(root, "content/privacy.md", watch.Write))
	if !strings.Contains(string(fixed.Files["articles/one/index.html"]), "colleges") {
		t.Error("the change made while the content was broken was lost")
	}
}

// TestPreviewRecycle checks that recycling yields no new snapshot when the
// site is the same, and one when something changed unseen.
func TestPreviewRecycle(t *testing.T) {
	p, root := newPreview(t)
	mustApply(t, p, watch.Batch{Full: true})
	if snap := p.Recycle(context.Background()); snap != nil {
		t.Error("recycling an unchanged site returned a new snapshot")
	}
	edit(t, root, "content/privacy.md", "We do not collect data", "We collect no data")
	snap := p.Recycle(context.Background())
	if snap == nil || !snap.Full {
		t.Fatal("recycling after an unseen change returned no full snapshot")
	}
	if !strings.Contains(string(snap.Files["privacy/index.html"]), "We collect no data") {
		t.Error("recycled snapshot lacks the change")
	}

	// After a failed batch the problems are shown instead of the site: a
	// recycle that builds the same site again must bring it back.
	edit(t, root, "content/privacy.md", "title: Privacy", "title: [Privacy")
	if s, _ := p.Apply(context.Background(), changed(root, "content/privacy.md", watch.Write)); s != nil {
		t.Fatal("broken front matter accepted")
	}
	edit(t, root, "content/privacy.md", "title: [Privacy", "title: Privacy")
	if snap := p.Recycle(context.Background()); snap == nil || snap.Files["privacy/index.html"] == nil {
		t.Error("recycling after a failed batch did not serve the site again")
	}
}

// TestPreviewChecks checks the scheduling of the content checks: they run
// when the writer pauses, report the served build, and a result overtaken by
// a newer build is dropped while that build is checked next.
func TestPreviewChecks(t *testing.T) {
	p, root := newPreview(t)
	c := p.Checks()
	mustApply(t, p, watch.Batch{Full: true})
	c.Idle()
	d, ok := c.Result(<-c.Done())
	if !ok || d.HasErrors() {
		t.Fatalf("check of the first build: shown %v, errors:\n%s", ok, d)
	}

	// A review date in the past is an error of the checks, not the build.
	edit(t, root, "content/articles/one.md", "review_by: 2027-05-01", "review_by: 2026-11-02")
	mustApply(t, p, changed(root, "content/articles/one.md", watch.Write))
	c.Idle()
	// A newer build is served while that check runs, and the writer pauses
	// again: its check waits for the running one.
	edit(t, root, "content/articles/one.md", "We work with schools", "We work with colleges")
	mustApply(t, p, changed(root, "content/articles/one.md", watch.Write))
	c.Idle()
	if c.next == nil {
		t.Fatal("the newer build's check was not queued behind the running one")
	}
	if _, ok := c.Result(<-c.Done()); ok {
		t.Error("the overtaken check's result was shown")
	}
	d, ok = c.Result(<-c.Done())
	if !ok {
		t.Fatal("the served build's check was dropped")
	}
	if !hasRule(d, "content/articles/one.md", "review-overdue") {
		t.Errorf("check lacks the overdue review:\n%s", d)
	}
	c.Idle()
	if c.running {
		t.Error("a build already checked was checked again")
	}
}

func hasRule(d diag.List, file, rule string) bool {
	for _, x := range d.Errors() {
		if x.Path == file && x.Rule == rule {
			return true
		}
	}
	return false
}

func sameMap(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}
