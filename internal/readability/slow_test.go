package readability

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sameAsSlow fails t when the fast paths and the slow paths of slow.go
// disagree on text. Syllables has no slow path: its counts are stored
// expectations (syllables_test.go).
func sameAsSlow(t *testing.T, text string) {
	t.Helper()
	want := splitSlow(text)
	if got := Split(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("Split(%q) = %#v, want %#v", text, got, want)
	}
	var seq []Sentence
	for s := range Sentences(text) {
		seq = append(seq, s)
	}
	if !reflect.DeepEqual(seq, want) {
		t.Fatalf("Sentences(%q) = %#v, want %#v", text, seq, want)
	}
	for s := range Sentences(text) { // stopping early must not panic
		if s != seq[0] {
			t.Fatalf("Sentences(%q): first %#v, want %#v", text, s, seq[0])
		}
		break
	}
	var st Stats
	for _, s := range want {
		st.Add(Stats{Sentences: 1, Words: s.Words, Syllables: s.Syllables})
	}
	if got := Measure(text); got != st {
		t.Fatalf("Measure(%q) = %v, want %v", text, got, st)
	}
	if got, want := Words(text), wordsSlow(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("Words(%q) = %q, want %q", text, got, want)
	}
	if got, want := Passive(text), passiveSlow(text); got != want {
		t.Fatalf("Passive(%q) = %q, want %q", text, got, want)
	}
	for _, s := range want {
		if got, want := Passive(s.Text), passiveSlow(s.Text); got != want {
			t.Fatalf("Passive(%q) = %q, want %q", s.Text, got, want)
		}
	}
}

// tricky are inputs at the edges of the method: abbreviations, closing
// marks, curly quotes, hyphens, accented and non-Latin letters, Unicode
// spaces, letters whose lower case has another length, invalid UTF-8.
var tricky = []string{
	"", " ", "\u00a0", "\u0085x", ".", "a.", "A. B.", "e.g. A", "E.G. Then", "(e.g. Then", "“i.e. Then",
	"Ask Dr. Smith. She knows!", "Call 999. Then wait.", "Is it safe? \"Yes,\" she said.", "Done.) Next",
	"Done.’ Next", "Done.” “Next”", "Done.\xff Next", "Done. \xffNext", "Approx. 5. APPROX. Six.", "Mrs. X", "İ. Then",
	"\u212a. Then", "ST. Then", "No. 10 is here.", "x.y. Z", "It is.\u2003Then", "It is. ‘Quoted’",
	"well-being", "well‐being", "-", "--a--b", "‐", "a‐", "re-re-re", "self-employed", "a\xe2\x80", "\xe2\x80\x90x",
	"café", "CAFÉ", "naïve", "résumé", "élan", "É", "9.30am", "1,000", "٣", "Ⅻ", "ǅ", "ﬁnance",
	"radicalisation", "RADICALISED", "Everybody", "FEBRUARY", "areas", "idea", "ideas", "people", "centre",
	"safely", "statements", "extremisms", "troubled", "controlled", "wanted", "pushes", "changes", "lives",
	"yoyo", "y", "by", "rhythm", "queue", "quiet", "science", "scientific", "violent", "fluoride", "neon",
	"george", "peoples", "create", "creating", "the", "ye", "ee", "eee", "aeiouy", "bcdfg", "bcd-",
	strings.Repeat("supercalifragilistic", 5), strings.Repeat("a", 70) + "ed", strings.Repeat("É", 40),
	"Calls are not recorded.", "The form was sent to the council.", "A plan is agreed by the panel.",
	"It is usually given in writing.", "Your concern will be taken seriously.", "Someone is being radicalised.",
	"People at risk of being drawn in.", "It isn’t given.", "It ISN'T GIVEN", "It is, given", "It is often, given",
	"It was really truly madly deeply loved", "It was a\xffly given", "It was ab\xffly given", "It is İİed",
	"It is \u212aed", "They were \xff\xffed", "He was ‘told’", "He was \"told,\"", "is is is told", "were  \t\n told",
	"was\u00a0told", "is “not” told", "It was 'never' written.", "It is well-founded", "be'ed", "be’ed",
	"It\u2019s been sent", "They’re been done", "be\u2019’’ made", "been being been told", "am all in",
	"It is upset.", "It is hundred.", "It was connected and linked.", "It is x\u0130ly made", "is ǅǅǅly made",
	"They were (told)", "They were told)", "They were—told", "They were/told", "Was it done?",
}

func TestSlowTricky(t *testing.T) {
	for _, text := range tricky {
		sameAsSlow(t, text)
		sameAsSlow(t, text+" "+text)
		sameAsSlow(t, strings.ToUpper(text))
	}
}

// fuzzSeeds are the inputs of the existing fuzz corpus (testdata/fuzz).
func fuzzSeeds(t testing.TB) []string {
	var out []string
	files, _ := filepath.Glob("testdata/fuzz/*/*")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if s, ok := strings.CutPrefix(line, "string("); ok {
				if v, err := strconv.Unquote(strings.TrimSuffix(s, ")")); err == nil {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// TestSlowRandom compares the fast and slow paths on the corpus (the
// test paragraphs, the real content, the fuzz corpus) and on many random
// cuts and mutations of it.
func TestSlowRandom(t *testing.T) {
	texts := append(append(corpus(t), fuzzSeeds(t)...), tricky...)
	for _, text := range texts {
		sameAsSlow(t, text)
	}
	inserts := []string{" ", ".", ". ", "! ", "? ", "\n", "\u00a0", "\u2003", "’", "'", "“", "”", "\"", "(", ")", "]",
		"-", "‐", "–", "—", "/", ",", ";", ":", "é", "É", "İ", "\u212a", "ǅ", "\xff", "\xe2\x80", "e.g. ",
		"Dr. ", " is ", " are not ", " was ", " been ", " isn’t ", " often ", " really ", "ed ", "ly ", " given ",
		"A", "Z", "9", "ies", "ea", "io", "ism", "es ", "ement ", "y"}
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		text := texts[r.IntN(len(texts))]
		if len(text) > 0 {
			i := r.IntN(len(text) + 1)
			j := i + r.IntN(len(text)-i+1)
			text = text[i:j]
		}
		for range r.IntN(6) {
			i := r.IntN(len(text) + 1)
			switch r.IntN(4) {
			case 0:
				if i < len(text) {
					text = text[:i] + text[i+1:]
				}
			case 1:
				text = text[:i] + strings.ToUpper(text[i:min(i+8, len(text))]) + text[min(i+8, len(text)):]
			default:
				text = text[:i] + inserts[r.IntN(len(inserts))] + text[i:]
			}
		}
		sameAsSlow(t, text)
	}
}

// FuzzSlow compares the fast and slow paths on any text; run it with
// go test -fuzz FuzzSlow ./internal/readability/.
func FuzzSlow(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range corpus(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sameAsSlow(t, text)
	})
}
