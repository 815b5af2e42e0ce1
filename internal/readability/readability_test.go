package readability

import (
	"encoding/json"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The tolerance against the reference (testdata/reference.mjs, the npm
// packages text-readability and syllable): reading ease within 6 points, grade
// within 1.0, syllables within 6% per paragraph, and the same word and sentence
// counts. Syllable counting is a heuristic on both sides, so exact equality is
// not expected. Measured when written: reading ease at most 5.1 points apart
// (on the legal paragraph, where the reference counts "2015" as no syllables
// and "foregoing" as two) and at most 1.6 on the others; grade at most 0.71.
//
// To regenerate testdata/reference.json after editing testdata/paragraphs.txt,
// follow the steps at the top of testdata/reference.mjs (Node and npm, in a
// temporary folder; node_modules is never committed).
const (
	easeTolerance     = 6.0
	gradeTolerance    = 1.0
	syllableTolerance = 0.06
)

type reference struct {
	Start     string  `json:"start"`
	Words     int     `json:"words"`
	Sentences int     `json:"sentences"`
	Syllables int     `json:"syllables"`
	Ease      float64 `json:"ease"`
	Grade     float64 `json:"grade"`
}

func TestAgainstReference(t *testing.T) {
	text, err := os.ReadFile("testdata/paragraphs.txt")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var refs []reference
	if err := json.Unmarshal(raw, &refs); err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(string(text), -1) {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	if len(paras) != len(refs) {
		t.Fatalf("%d paragraphs but %d reference figures (regenerate testdata/reference.json)", len(paras), len(refs))
	}
	var maxEase, maxGrade float64
	for i, p := range paras {
		st := Measure(p)
		ref := refs[i]
		dEase := math.Abs(st.ReadingEase() - ref.Ease)
		dGrade := math.Abs(st.Grade() - ref.Grade)
		dSyl := math.Abs(float64(st.Syllables-ref.Syllables)) / float64(ref.Syllables)
		maxEase, maxGrade = max(maxEase, dEase), max(maxGrade, dGrade)
		t.Logf("%q: words %d/%d sentences %d/%d syllables %d/%d ease %.1f/%.1f grade %.1f/%.1f",
			ref.Start, st.Words, ref.Words, st.Sentences, ref.Sentences, st.Syllables, ref.Syllables,
			st.ReadingEase(), ref.Ease, st.Grade(), ref.Grade)
		if st.Sentences != ref.Sentences {
			t.Errorf("%q: %d sentences, reference %d", ref.Start, st.Sentences, ref.Sentences)
		}
		if st.Words != ref.Words {
			t.Errorf("%q: %d words, reference %d", ref.Start, st.Words, ref.Words)
		}
		if dSyl > syllableTolerance {
			t.Errorf("%q: %d syllables, reference %d (more than %.0f%% apart)", ref.Start, st.Syllables, ref.Syllables, syllableTolerance*100)
		}
		if dEase > easeTolerance {
			t.Errorf("%q: reading ease %.1f, reference %.1f", ref.Start, st.ReadingEase(), ref.Ease)
		}
		if dGrade > gradeTolerance {
			t.Errorf("%q: grade %.1f, reference %.1f", ref.Start, st.Grade(), ref.Grade)
		}
	}
	t.Logf("largest differences: reading ease %.2f, grade %.2f", maxEase, maxGrade)
}
