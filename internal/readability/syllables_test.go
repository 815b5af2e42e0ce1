package readability

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/syllables.golden from the current code")

// TestSyllablesGolden compares Syllables on every word and field of the
// test inputs (the tricky cases, the paragraphs, the real content and the
// fuzz corpus, as written and in capitals) with testdata/syllables.golden,
// which was written by the code the heuristic was tuned with. After a
// deliberate change, go test ./internal/readability/ -run SyllablesGolden
// -update rewrites it; read its diff before committing.
func TestSyllablesGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, text := range append(append(corpus(t), fuzzSeeds(t)...), tricky...) {
		for _, s := range []string{text, strings.ToUpper(text)} {
			seen[s] = true
			for _, w := range append(Words(s), strings.Fields(s)...) {
				seen[w] = true
			}
		}
	}
	words := slices.Sorted(func(yield func(string) bool) {
		for w := range seen {
			if !yield(w) {
				return
			}
		}
	})
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%s %d\n", strconv.Quote(w), Syllables(w))
	}
	const golden = "testdata/syllables.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(b.String(), "\n")
	for i, line := range strings.Split(string(want), "\n") {
		if i >= len(got) || got[i] != line {
			g := "(nothing)"
			if i < len(got) {
				g = got[i]
			}
			t.Fatalf("%s line %d: want %s, got %s (run with -update after a deliberate change)", golden, i+1, line, g)
		}
	}
	if len(got) != len(strings.Split(string(want), "\n")) {
		t.Fatalf("%s: %d lines, the inputs now give %d (run with -update after a deliberate change)", golden, len(strings.Split(string(want), "\n")), len(got))
	}
}
