package content

import (
	"testing"
	"testing/fstest"
	"time"
)

var testToday = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// mapFS builds a source folder from file contents.
func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s), ModTime: testToday}
	}
	return m
}

// loadFiles loads files and returns the Site and the diagnostics as strings.
func loadFiles(t testing.TB, files map[string]string, opts Options) (*Site, []string) {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = testToday
	}
	site, d := NewLoaderFS(mapFS(files), "/src", opts).Load()
	var out []string
	for _, x := range d {
		out = append(out, x.String())
	}
	if (site == nil) != d.HasErrors() {
		t.Fatalf("site nil = %v but HasErrors = %v", site == nil, d.HasErrors())
	}
	return site, out
}
