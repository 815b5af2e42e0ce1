package readability

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// corpus returns the paragraphs of testdata/paragraphs.txt and of the real
// content in the repository (front matter dropped), the kind of text the
// check package passes in.
func corpus(tb testing.TB) []string {
	tb.Helper()
	var paras []string
	blank := regexp.MustCompile(`\n\s*\n`)
	add := func(text string) {
		for _, p := range blank.Split(text, -1) {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	raw, err := os.ReadFile("testdata/paragraphs.txt")
	if err != nil {
		tb.Fatal(err)
	}
	add(string(raw))
	err = filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(b)
		if rest, ok := strings.CutPrefix(text, "---\n"); ok {
			if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
				text = body
			}
		}
		add(text)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return paras
}

// checkerLike does what check.checkWriting does with each block of a page:
// split it into sentences, sum the counts and look for a passive phrase in
// every sentence.
func checkerLike(paras []string, split func(string) []Sentence, passive func(string) string) (st Stats, passives int) {
	for _, p := range paras {
		for _, s := range split(p) {
			st.Add(Stats{Sentences: 1, Words: s.Words, Syllables: s.Syllables})
			if passive(s.Text) != "" {
				passives++
			}
		}
	}
	return st, passives
}

// checkerSeq is checkerLike with the loop over readability.Sentences that
// check.checkWriting could use instead of Split.
func checkerSeq(paras []string) (st Stats, passives int) {
	for _, p := range paras {
		for s := range Sentences(p) {
			st.Add(Stats{Sentences: 1, Words: s.Words, Syllables: s.Syllables})
			if Passive(s.Text) != "" {
				passives++
			}
		}
	}
	return st, passives
}

func TestCheckerSeq(t *testing.T) {
	paras := corpus(t)
	st, n := checkerSeq(paras)
	wst, wn := checkerLike(paras, splitSlow, passiveSlow)
	if st != wst || n != wn {
		t.Errorf("checkerSeq = %v, %d; want %v, %d", st, n, wst, wn)
	}
}

func BenchmarkChecker(b *testing.B) {
	paras := corpus(b)
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(n))
		b.ReportAllocs()
		for b.Loop() {
			checkerLike(paras, Split, Passive)
		}
	})
	b.Run("seq", func(b *testing.B) {
		b.SetBytes(int64(n))
		b.ReportAllocs()
		for b.Loop() {
			checkerSeq(paras)
		}
	})
	b.Run("slow", func(b *testing.B) {
		b.SetBytes(int64(n))
		b.ReportAllocs()
		for b.Loop() {
			checkerLike(paras, splitSlow, passiveSlow)
		}
	})
}

func BenchmarkParts(b *testing.B) {
	paras := corpus(b)
	var sentences, words []string
	for _, p := range paras {
		for _, s := range Split(p) {
			sentences = append(sentences, s.Text)
		}
		words = append(words, Words(p)...)
	}
	b.Run("Split", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range paras {
				Split(p)
			}
		}
	})
	b.Run("Passive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range sentences {
				Passive(s)
			}
		}
	})
	b.Run("Syllables", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range words {
				Syllables(w)
			}
		}
	})
}
