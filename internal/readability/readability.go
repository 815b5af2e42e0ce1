package readability

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text, with byte offsets into that text so a
// caller can map it back to a line of the source.
type Sentence struct {
	Text       string // the sentence as written, trimmed
	Start, End int    // byte offsets of Text in the text passed to Split
	Words      int
	Syllables  int
}

// Stats are the counts the formulas need.
type Stats struct {
	Sentences, Words, Syllables int
}

// Add sums counts, so a page's figure is over all its paragraphs together.
func (s *Stats) Add(o Stats) {
	s.Sentences += o.Sentences
	s.Words += o.Words
	s.Syllables += o.Syllables
}

// ReadingEase is the Flesch reading ease: higher is easier; 60 and above is
// plain English. It is 0 for a text with no words.
func (s Stats) ReadingEase() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*float64(s.Words)/float64(s.Sentences) - 84.6*float64(s.Syllables)/float64(s.Words)
}

// Grade is the Flesch-Kincaid grade level: the US school year a reader needs.
// It is 0 for a text with no words.
func (s Stats) Grade() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}

// Measure counts the sentences, words and syllables of one block of text.
func Measure(text string) Stats {
	var st Stats
	for s := range Sentences(text) {
		st.Sentences++
		st.Words += s.Words
		st.Syllables += s.Syllables
	}
	return st
}

// abbreviations end with a full stop that does not end a sentence (lower case,
// without the final stop).
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "eg": true, "ie": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "st": true, "no": true, "vs": true, "approx": true, "cf": true,
	"inc": true, "ltd": true, "co": true, "jan": true, "feb": true, "aug": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "tel": true, "ref": true,
}

// maxAbbreviation is the length of the longest abbreviation: a longer ASCII
// word needs no lookup.
const maxAbbreviation = len("approx")

// Split cuts text into sentences (see the package comment for the method).
// Sentences without any word are dropped.
func Split(text string) []Sentence {
	var out []Sentence
	for s := range Sentences(text) {
		out = append(out, s)
	}
	return out
}

// Sentences yields the sentences Split returns, in order, without building
// the list: a caller that looks at each sentence once (as the check package
// does for every paragraph of every page) saves the slice.
func Sentences(text string) iter.Seq[Sentence] {
	return func(yield func(Sentence) bool) { eachSentence(text, yield) }
}

// eachSentence calls fn for each sentence of text, in order, until fn
// returns false. It runs on every
// paragraph of every page, so it scans bytes rather than decoding every
// rune: the common terminators are ASCII, and in UTF-8 an ASCII byte is never
// part of a longer character; the others are found by their first byte.
func eachSentence(text string, fn func(Sentence) bool) {
	start := 0
	for i := 0; i < len(text); {
		d, size := indexTerminator(text[i:])
		if d < 0 {
			break
		}
		i += d
		r := text[i]
		// Chinese and Japanese put no space after a full stop.
		wide := size == 3 && (text[i] == 0xE3 || text[i] == 0xEF)
		// Take the run of terminators and closing marks.
		j := i + size
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ')' || c == ']' {
					j++
					continue
				}
				break
			}
			if _, n := terminatorAt(text[j:]); n > 0 {
				j += n
				continue
			}
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if r2 == '”' || r2 == '’' {
				j += s2
				continue
			}
			if r2 == '」' || r2 == '』' {
				// A quotation inside a Japanese sentence: 「大丈夫？」と聞いた。
				wide = false
				j += s2
				continue
			}
			break
		}
		if j == len(text) {
			break
		}
		if wide {
			if !emitSentence(text, start, j, fn) {
				return
			}
			start, i = j, j
			continue
		}
		if !isSpaceAt(text, j) {
			i = j
			continue
		}
		k := skipSpace(text, j)
		if k < len(text) {
			next, _ := utf8.DecodeRuneInString(text[k:])
			// A letter of a script without capitals (Bengali, Arabic) starts
			// a sentence as a capital does.
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '\'' || next == '“' || next == '‘' || next == '(' || unicode.Is(unicode.Lo, next)) {
				i = j
				continue
			}
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = j
			continue
		}
		if !emitSentence(text, start, j, fn) {
			return
		}
		start = j
		i = k
	}
	emitSentence(text, start, len(text), fn)
}

// indexTerminator is the byte index of the first sentence terminator in s and
// its length in bytes, or -1: ".", "!", "?", and the full stops and question
// marks of other scripts (see terminatorAt).
func indexTerminator(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '.', '!', '?':
			return i, 1
		case 0xE0, 0xD8, 0xDB, 0xE3, 0xEF: // the first bytes of the others
			if _, n := terminatorAt(s[i:]); n > 0 {
				return i, n
			}
		}
	}
	return -1, 0
}

// terminatorAt reports whether s starts with a terminator of another script:
// the danda of Bengali and Hindi (।, ॥), the Arabic question mark (؟), the
// Urdu full stop (۔), and the ideographic full stop and full-width question
// and exclamation marks of Chinese and Japanese (。？！).
func terminatorAt(s string) (rune, int) {
	if s == "" || s[0] < utf8.RuneSelf {
		return 0, 0
	}
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '।', '॥', '؟', '۔', '。', '？', '！':
		return r, n
	}
	return 0, 0
}

// isSpaceAt reports whether the character at byte i of s is white space.
func isSpaceAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// skipSpace returns the index of the first character at or after i that is
// not white space, or len(s).
func skipSpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// asciiSpace, wordSep and alnum are the ASCII cases of unicode.IsSpace, of
// the separators between words, and of unicode.IsLetter || unicode.IsDigit,
// looked up rather than decoded on the hot paths.
var asciiSpace, wordSep, alnum, letterOrQuote [utf8.RuneSelf]bool

func init() {
	for c := range utf8.RuneSelf {
		r := rune(c)
		asciiSpace[c] = unicode.IsSpace(r)
		wordSep[c] = unicode.IsSpace(r) || r == '/'
		alnum[c] = unicode.IsLetter(r) || unicode.IsDigit(r)
		letterOrQuote[c] = unicode.IsLetter(r) || r == '\''
	}
}

// emitSentence passes text[start:end], trimmed, to fn when it has a word,
// and reports whether to go on.
func emitSentence(text string, start, end int, fn func(Sentence) bool) bool {
	raw := text[start:end]
	t := strings.TrimSpace(raw)
	if t == "" {
		return true
	}
	words, syl := 0, 0
	var buf [64]byte
	for i := 0; i < len(t); {
		var w string
		w, i = nextWord(t, i)
		if w != "" {
			words++
			syl += countSyllables(w, &buf)
		}
	}
	if words == 0 {
		return true
	}
	lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
	return fn(Sentence{Text: t, Start: start + lead, End: start + lead + len(t), Words: words, Syllables: syl})
}

// isAbbreviation reports whether the word before a full stop at the end of s is
// an abbreviation or a single letter (an initial).
func isAbbreviation(s string) bool {
	// Only the last word matters; look back to the previous space rather than
	// splitting the whole text, which would be slow on long paragraphs.
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	w := strings.TrimLeft(s[i+1:], "(\"'“‘")
	if w == "" {
		return false
	}
	if isASCII(w) {
		// The common case, without a lower-case copy.
		if len(w) == 1 {
			return unicode.IsLetter(rune(w[0]))
		}
		if len(w) > maxAbbreviation {
			return false
		}
		var buf [maxAbbreviation]byte
		return abbreviations[string(lowerASCII(buf[:0], w))]
	}
	w = strings.ToLower(w)
	if abbreviations[w] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII appends s, an ASCII string, to dst in lower case.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Words returns the words of text: fields holding at least one letter or
// digit, with surrounding punctuation removed.
func Words(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		var w string
		if w, i = nextWord(text, i); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// nextWord finds the next run of text at or after byte i between separators
// (white space, "/", "–", "—") and returns it without the punctuation around
// it, which leaves "" when it holds no letter or digit, and the index after
// the run. It returns i = len(text) when there is no run left. It replaces a
// callback per word and strings.IndexFunc per character: pages are long and
// this runs on every build.
func nextWord(text string, i int) (string, int) {
	// Skip separators.
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !wordSep[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordSep(r) {
			break
		}
		i += n
	}
	j := i
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if wordSep[c] {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if isWordSep(r) {
			break
		}
		j += n
	}
	return trimToAlnum(text[i:j]), j
}

func isWordSep(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '–' || r == '—' }

// trimToAlnum is strings.TrimFunc(s, not letter or digit) with the ASCII
// cases looked up.
func trimToAlnum(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if alnum[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += n
	}
	s = s[i:]
	j := len(s)
	for j > 0 {
		if c := s[j-1]; c < utf8.RuneSelf {
			if alnum[c] {
				break
			}
			j--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		j -= n
	}
	return s[:j]
}

func isVowel(b byte) bool { return vowel[b] }

// vowel is looked up: a switch here compiles to several comparisons, and it
// is asked of every letter.
var vowel = [256]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true, 'y': true}

// hyphenAt is the length of the hyphen ("-" or U+2010) at byte i of s, or 0.
// Both are whole characters wherever their bytes appear: UTF-8 never uses
// "-" or the lead byte of "‐" inside another character.
func hyphenAt(s string, i int) int {
	switch {
	case s[i] == '-':
		return 1
	case s[i] == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x90:
		return 3
	}
	return 0
}

// Syllables estimates the syllables of one word (see the package comment).
func Syllables(word string) int {
	var buf [64]byte
	return countSyllables(word, &buf)
}

// countSyllables is Syllables with a buffer for the lower-case letters from
// the caller, so that counting the words of a sentence clears it only once.
func countSyllables(word string, buf *[64]byte) int {
	n, hyphen := syllables(word, buf, true)
	if !hyphen {
		return n
	}
	// The parts of a hyphenated word are counted apart.
	n, parts := 0, 0
	for i := 0; i < len(word); {
		if h := hyphenAt(word, i); h > 0 {
			i += h
			continue
		}
		j := i + 1
		for j < len(word) && hyphenAt(word, j) == 0 {
			j++
		}
		c, _ := syllables(word[i:j], buf, false)
		n += c
		parts++
		i = j
	}
	if parts <= 1 {
		n, _ = syllables(word, buf, false)
	}
	return n
}

// syllables counts the syllables of a word, in one pass over its bytes
// where it can: lower-casing the letters into buf and counting the groups of
// vowels together. With hyphens true it stops at the first hyphen and reports
// it, so that the caller can count the parts apart; with hyphens false a
// hyphen is ignored like any other mark.
func syllables(word string, buf *[64]byte, hyphens bool) (int, bool) {
	w := buf[:0]
	digits := false
	count := 0
	prevVowel := false
	for i := 0; i < len(word); {
		var l byte
		if c := word[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z':
				l = c
			case c >= 'A' && c <= 'Z':
				l = c - 'A' + 'a'
			case c >= '0' && c <= '9':
				digits = true
				continue
			case c == '-' && hyphens:
				return 0, true
			default:
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(word[i:])
			i += n
			switch {
			case r == 'é' || r == 'è' || r == 'ê' || r == 'É':
				l = 'e'
			case unicode.IsDigit(r):
				digits = true
				continue
			case r == '‐' && hyphens:
				return 0, true
			default:
				continue
			}
		}
		// a, e, i, o, u, and y after the first letter
		v := vowel[l] && !(l == 'y' && len(w) == 0)
		if v && !prevVowel {
			count++
		}
		prevVowel = v
		w = append(w, l)
	}
	if len(w) == 0 {
		// a number, or a word in letters the heuristic does not know
		if digits || strings.IndexFunc(word, unicode.IsLetter) >= 0 {
			return 1, false
		}
		return 0, false
	}
	if len(w) <= 2 {
		return 1, false
	}
	if len(w) < 32 && exceptionFirst[w[0]-'a']&exceptionLast[w[len(w)-1]-'a']&(1<<len(w)) != 0 {
		if n, ok := exceptions[string(w)]; ok {
			return n, false
		}
	}
	n := len(w)
	switch {
	case w[n-1] == 'e' && consonantAt(w, n-2):
		// silent final e, but "-le"/"-re" after a consonant is said ("people", "centre")
		if !((w[n-2] == 'l' || w[n-2] == 'r') && consonantAt(w, n-3)) {
			count--
		}
	case hasSuffix(w, "es") && consonantAt(w, n-3):
		// "makes", "lives": silent; "places", "boxes", "pushes", "changes": said
		c := w[n-3]
		said := c == 's' || c == 'x' || c == 'z' || c == 'c' || c == 'g' ||
			hasSuffix(w, "ches") || hasSuffix(w, "shes") ||
			((c == 'l' || c == 'r') && consonantAt(w, n-4))
		if !said {
			count--
		}
	case hasSuffix(w, "ed") && consonantAt(w, n-3):
		c := w[n-3]
		// "used", "controlled": silent; "wanted", "needed", "troubled": said
		if c != 't' && c != 'd' && !((c == 'l' || c == 'r') && consonantAt(w, n-4) && w[n-4] != c) {
			count--
		}
	}
	if l := silentESuffix(w); l > 0 && consonantAt(w, n-l-1) && n-l-2 >= 0 {
		count--
	}
	// "-ism" is said as two syllables ("extremism").
	if hasSuffix(w, "ism") || hasSuffix(w, "isms") {
		count++
	}
	// Vowel pairs said as two syllables.
	for i := 0; i+1 < n; i++ {
		a, b := w[i], w[i+1]
		switch {
		case a == 'i' && (b == 'a' || b == 'u' || b == 'e' || b == 'o'),
			a == 'u' && (b == 'a' || b == 'o'),
			a == 'e' && (b == 'o' || b == 'a'):
		default:
			continue
		}
		if i > 0 && isVowel(w[i-1]) {
			continue
		}
		if i+2 < n && isVowel(w[i+2]) {
			continue
		}
		split := false
		switch {
		case a == 'i' && (b == 'a' || b == 'u'):
			// "media", "medium"; not "social", "initial" (-cia-, -tia-, -sia-)
			split = i == 0 || !(w[i-1] == 'c' || w[i-1] == 't' || w[i-1] == 's') || i+2 == n
		case a == 'i' && b == 'o':
			// "radio", "violent"; not "nation", "vision", "precious", "region"
			split = i == 0 || !(w[i-1] == 'c' || w[i-1] == 't' || w[i-1] == 's' || w[i-1] == 'x' || w[i-1] == 'g')
		case a == 'u':
			// "usual", "actually", "fluoride"; not "quality" (qu-)
			split = i > 0 && w[i-1] != 'q' && w[i-1] != 'g'
		case a == 'e' && b == 'o':
			// "video", "neon"; not "people", "george"
			split = i > 0 && !hasPrefix(w[i:], "eop") && w[i-1] != 'g'
		case a == 'i' && b == 'e':
			// "science", "quiet", "variety"; not "field", "believe", "cities"
			split = hasPrefix(w[i:], "ient") || hasPrefix(w[i:], "ience") || hasPrefix(w[i:], "iet")
		case a == 'e' && b == 'a':
			// "area", "idea", "create"; not "each", "team", "great"
			split = i+2 == n || hasPrefix(w[i:], "eate") || hasPrefix(w[i:], "eati")
		}
		if split {
			count++
		}
	}
	if count < 1 {
		count = 1
	}
	return count, false
}

// silentESuffix is the length of the ending of w that drops a syllable
// after a consonant ("safely", "statement"): "-ely", "-ement", "-ements",
// "-eful", "-eness", "-eless" or "-ety", or 0. No ending is the end of
// another, so at most one matches; the last letter picks the candidates.
func silentESuffix(w []byte) int {
	switch w[len(w)-1] {
	case 'y':
		if hasSuffix(w, "ely") || hasSuffix(w, "ety") {
			return 3
		}
	case 't':
		if hasSuffix(w, "ement") {
			return 5
		}
	case 's':
		if hasSuffix(w, "ements") {
			return 6
		}
		if hasSuffix(w, "eness") || hasSuffix(w, "eless") {
			return 5
		}
	case 'l':
		if hasSuffix(w, "eful") {
			return 4
		}
	}
	return 0
}

func consonantAt(w []byte, i int) bool { return i >= 0 && i < len(w) && !isVowel(w[i]) }

// hasSuffix and hasPrefix compare byte by byte: the suffixes are short and
// most words differ at the first byte, where a string comparison would call
// memequal.
func hasSuffix(w []byte, s string) bool {
	if len(w) < len(s) {
		return false
	}
	return hasPrefix(w[len(w)-len(s):], s)
}

func hasPrefix(w []byte, s string) bool {
	if len(w) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if w[i] != s[i] {
			return false
		}
	}
	return true
}

// exceptions are common words of this kind of content the rules above get
// wrong.
var exceptions = map[string]int{
	"every": 2, "everyone": 3, "everything": 3, "everybody": 4, "business": 2, "businesses": 3,
	"evening": 2, "different": 3, "interested": 3, "family": 3, "families": 3, "several": 3,
	"police": 2, "online": 2, "someone": 2, "something": 2, "sometimes": 2, "somewhere": 2,
	"anyone": 3, "where": 1, "there": 1, "here": 1, "were": 1, "whereas": 2, "being": 2,
	"seeing": 2, "doing": 2, "going": 2, "lives": 1, "give": 1, "gives": 1, "whole": 1,
	"create": 2, "created": 3, "creates": 2, "poem": 2, "toward": 2, "towards": 2,
	"wednesday": 2, "february": 4, "area": 3, "areas": 3, "idea": 3, "ideas": 3, "real": 1,
	"really": 2, "realise": 2, "realised": 2, "science": 2, "quiet": 2, "riot": 2, "diet": 2,
	"element": 3, "elements": 3, "radicalised": 4, "radicalise": 4, "radicalisation": 6, "radicalization": 6,
}

// exceptionFirst and exceptionLast have, for each first (last) letter, a bit
// for each length of an exception starting (ending) with it, so that most
// words skip the map lookup.
var exceptionFirst, exceptionLast [26]uint32

func init() {
	for w := range exceptions {
		exceptionFirst[w[0]-'a'] |= 1 << len(w)
		exceptionLast[w[len(w)-1]-'a'] |= 1 << len(w)
	}
}

// between are words allowed between "to be" and the participle.
var between = map[string]bool{"not": true, "never": true, "also": true, "often": true, "always": true, "usually": true, "only": true, "then": true, "still": true, "just": true, "being": true, "been": true, "sometimes": true, "rarely": true, "all": true}

// notParticiples end in -ed but are usually adjectives after "to be".
var notParticiples = map[string]bool{"need": true, "bed": true, "red": true, "shed": true, "feed": true, "seed": true, "speed": true, "tired": true, "interested": true, "worried": true, "concerned": true, "scared": true, "bored": true, "excited": true, "married": true, "related": true, "based": true, "supposed": true, "prepared": true, "aged": true, "qualified": true, "experienced": true, "detailed": true, "skilled": true, "involved": true, "limited": true, "pleased": true, "determined": true, "confused": true, "isolated": true, "vulnerable": true, "alarmed": true, "upset": true, "embarrassed": true, "ashamed": true, "hundred": true, "unexpected": true, "connected": true}

// irregular past participles that do not end in -ed.
var irregular = map[string]bool{
	"arisen": true, "awoken": true, "beaten": true, "become": true, "begun": true, "bent": true, "bitten": true,
	"blown": true, "broken": true, "brought": true, "built": true, "bought": true, "caught": true, "chosen": true,
	"dealt": true, "done": true, "drawn": true, "driven": true, "eaten": true, "fallen": true, "fed": true,
	"felt": true, "fought": true, "found": true, "forbidden": true, "forgiven": true, "forgotten": true,
	"frozen": true, "given": true, "gone": true, "grown": true, "heard": true, "held": true, "hidden": true,
	"hit": true, "hung": true, "hurt": true, "kept": true, "known": true, "laid": true, "led": true, "left": true,
	"lent": true, "lost": true, "made": true, "meant": true, "met": true, "paid": true, "put": true, "read": true,
	"ridden": true, "run": true, "said": true, "seen": true, "sent": true, "set": true, "shaken": true, "shown": true,
	"shut": true, "sold": true, "sought": true, "spent": true, "spoken": true, "spread": true, "stolen": true,
	"struck": true, "sung": true, "taken": true, "taught": true, "thrown": true, "told": true, "thought": true,
	"understood": true, "undertaken": true, "upheld": true, "withdrawn": true, "woken": true, "won": true,
	"worn": true, "written": true,
}

// Passive returns the first passive phrase of a sentence ("is not recorded"),
// or "" when none is detected.
//
// It runs on every sentence of every page, so it walks the fields in place
// and lower-cases each into a buffer on the stack instead of building lists
// of words and copies.
func Passive(sentence string) string {
	var buf [64]byte
	for i := 0; ; {
		start, end := nextField(sentence, i)
		if start == end {
			return ""
		}
		i = end
		if !isBeForm(cleanWord(buf[:0], sentence[start:end])) {
			continue
		}
		// Stop at punctuation that ends the clause.
		k := end
		for range 3 {
			s, e := nextField(sentence, k)
			if s == e {
				break
			}
			k = e
			c := cleanWord(buf[:0], sentence[s:e])
			if isParticiple(c) {
				return joinFields(sentence[start:e])
			}
			if !(between[string(c)] || (hasSuffix(c, "ly") && len(c) > 4)) || strings.ContainsAny(sentence[s:e], ",;:") {
				break
			}
		}
	}
}

// nextField returns the bounds of the first run of characters that are not
// white space at or after byte i of s (what strings.Fields returns), or
// start == end when there is none.
func nextField(s string, i int) (start, end int) {
	start = skipSpace(s, i)
	end = start
	for end < len(s) {
		if c := s[end]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			end++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += n
	}
	return start, end
}

// cleanWord appends to dst the word as Passive compares it: without the
// characters around it that are not letters or apostrophes, in lower case,
// with "’" as "'".
func cleanWord(dst []byte, field string) []byte {
	w := trimToLetterOrQuote(field)
	// ASCII and "’" only: the common case, lowered in place.
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		case c == 0xe2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99:
			dst = append(dst, '\'')
			i += 2
		default:
			return append(dst[:0], strings.ReplaceAll(strings.ToLower(w), "’", "'")...)
		}
	}
	return dst
}

// trimToLetterOrQuote is strings.TrimFunc(s, not a letter, "'" or "’") with
// the ASCII cases looked up.
func trimToLetterOrQuote(s string) string {
	keep := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if letterOrQuote[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if keep(r) {
			break
		}
		i += n
	}
	s = s[i:]
	j := len(s)
	for j > 0 {
		if c := s[j-1]; c < utf8.RuneSelf {
			if letterOrQuote[c] {
				break
			}
			j--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if keep(r) {
			break
		}
		j -= n
	}
	return s[:j]
}

// isBeForm reports whether w is a form of "to be" that starts a passive
// phrase. A bare "being" ("at risk of being drawn in") is left out: it is a
// noun phrase, not a clause a writer can turn round. It is asked of every
// word, and a switch is quicker than hashing the word for a map.
func isBeForm(w []byte) bool {
	switch string(w) {
	case "am", "is", "are", "was", "were", "be", "been", "isn't", "aren't", "wasn't", "weren't":
		return true
	}
	return false
}

// joinFields is strings.Join(strings.Fields(s), " "), without a copy when the
// fields of s are already apart by single spaces.
func joinFields(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (asciiSpace[c] && (c != ' ' || s[i+1] == ' ')) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func isParticiple(w []byte) bool {
	if irregular[string(w)] {
		return true
	}
	if notParticiples[string(w)] {
		return false
	}
	return len(w) > 4 && hasSuffix(w, "ed")
}
