// Package golden compares a test's output with a stored expectation in
// testdata, the way the standard library's regexp tests keep theirs: the
// stored file is the reference, and rewriting it (update) is a deliberate act
// whose diff is read before it is committed.
//
// The update flag stays in each test package (one -update for all its golden
// files): a flag declared here would clash with those.
package golden

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Check fails t when got differs from the file at path, naming the first
// line that differs. With update it writes got to path first.
func Check(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := FirstDiff(string(want), got); d != "" {
		t.Fatalf("%s %s (run with -update after a deliberate change)", path, d)
	}
}

// FirstDiff describes the first line where got differs from want, or
// returns "" when they are equal.
func FirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, wl, gl)
		}
	}
	return ""
}
