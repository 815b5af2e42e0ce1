package newsletter

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/diag"
)

// TestSharedDocs: when a build shares its parsed bodies (NewDocs), the checks
// and the newsletter, run at the same time as in a build, parse each page's
// body once between them, hold none afterwards, and say and make exactly
// what they do on their own.
func TestSharedDocs(t *testing.T) {
	s := loadSite(t, "testdata/site")
	opts := check.Options{Today: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
	wantCheck := check.Source(s, opts)
	wantFiles, wantD := NewGenerator().Files(s)

	docs := NewDocs(s)
	inIssues := 0
	for _, p := range s.Pages {
		if inNewsletter(p) {
			inIssues++
		}
	}
	if inIssues == 0 {
		t.Fatal("the test site has no article in an issue: nothing is shared")
	}
	var (
		wg       sync.WaitGroup
		gotCheck diag.List
		files    []File
		d        diag.List
	)
	opts.Docs = docs
	wg.Go(func() { gotCheck = check.Source(s, opts) })
	wg.Go(func() { files, d = NewGenerator().FilesShared(s, docs) })
	wg.Wait()

	if docs.Parses() != len(s.Pages) {
		t.Errorf("%d parses for %d pages (%d in issues): want one per page", docs.Parses(), len(s.Pages), inIssues)
	}
	if docs.Held() != 0 {
		t.Errorf("%d parsed bodies still held after both stages read them", docs.Held())
	}
	if !reflect.DeepEqual(gotCheck, wantCheck) {
		t.Errorf("the checks with shared bodies say\n%v\nalone\n%v", gotCheck, wantCheck)
	}
	sameFiles(t, "shared bodies", files, wantFiles, d, wantD)
}

// TestSharedDocsCached: a generator that reuses what it rendered before (the
// preview's) reads no body, so the checks alone hold none once done.
func TestSharedDocsCached(t *testing.T) {
	s := loadSite(t, "testdata/site")
	g := NewGenerator()
	g.Files(s)
	docs := NewDocs(s)
	if _, d := g.FilesShared(s, docs); d.HasErrors() {
		t.Fatal(d)
	}
	if docs.Parses() != 0 {
		t.Fatalf("the cached generator parsed %d bodies, want 0", docs.Parses())
	}
	check.Source(s, check.Options{Today: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC), Docs: docs})
	if docs.Held() != 0 {
		t.Errorf("%d parsed bodies still held after the checks, though the newsletter will not ask for them", docs.Held())
	}
}
