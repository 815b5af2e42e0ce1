package readability

import (
	"strings"
	"testing"
)

// FuzzSplit checks Split's promises on any text: each sentence is the text
// between its offsets, trimmed, in order, with at least one word.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Call 999. Then wait.", "e.g. A. B! “C?” D", "a.b. c", "¿Qué? Sí.", "\u00a0. .\n!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, s := range Split(text) {
			if s.Start < last || s.End > len(text) || s.Start > s.End {
				t.Fatalf("offsets %d:%d out of order or range (last %d, len %d)", s.Start, s.End, last, len(text))
			}
			if text[s.Start:s.End] != s.Text || strings.TrimSpace(s.Text) != s.Text {
				t.Fatalf("sentence %q is not text[%d:%d] = %q trimmed", s.Text, s.Start, s.End, text[s.Start:s.End])
			}
			if s.Words < 1 || s.Syllables < s.Words {
				t.Fatalf("sentence %q: %d words, %d syllables", s.Text, s.Words, s.Syllables)
			}
			last = s.End
		}
		_ = Passive(text)
	})
}
