package readability

// The implementation as it was before the allocation-free rewrite, kept
// verbatim (renamed) so the differential tests can prove the new code gives
// exactly the same results for every input.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Measure counts the sentences, words and syllables of one block of text.
func oldMeasure(text string) Stats {
	var st Stats
	for _, s := range oldSplit(text) {
		st.Sentences++
		st.Words += s.Words
		st.Syllables += s.Syllables
	}
	return st
}

// oldAbbreviations end with a full stop that does not end a sentence (lower case,
// without the final stop).
var oldAbbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "eg": true, "ie": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "st": true, "no": true, "vs": true, "approx": true, "cf": true,
	"inc": true, "ltd": true, "co": true, "jan": true, "feb": true, "aug": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "tel": true, "ref": true,
}

// Split cuts text into sentences (see the package comment for the method).
// Sentences without any word are dropped.
func oldSplit(text string) []Sentence {
	var out []Sentence
	start := 0
	emit := func(end int) {
		raw := text[start:end]
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		t := strings.TrimSpace(raw)
		if t == "" {
			return
		}
		words, syl := 0, 0
		oldEachWord(t, func(w string) {
			words++
			syl += oldSyllables(w)
		})
		if words == 0 {
			return
		}
		out = append(out, Sentence{Text: t, Start: start + lead, End: start + lead + len(t), Words: words, Syllables: syl})
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		// Take the run of terminators and closing marks.
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if strings.ContainsRune(".!?\"')]”’", r2) {
				j += s2
				continue
			}
			break
		}
		if j == len(text) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r2) {
			i = j
			continue
		}
		k := j
		for k < len(text) {
			r3, s3 := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r3) {
				break
			}
			k += s3
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if k < len(text) && !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘(", next)) {
			i = j
			continue
		}
		if r == '.' && oldIsAbbreviation(text[start:i]) {
			i = j
			continue
		}
		emit(j)
		start = j
		i = k
	}
	emit(len(text))
	return out
}

// isAbbreviation reports whether the word before a full stop at the end of s is
// an abbreviation or a single letter (an initial).
func oldIsAbbreviation(s string) bool {
	// Only the last word matters; look back to the previous space rather than
	// splitting the whole text, which would be slow on long paragraphs.
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	w := strings.ToLower(strings.TrimLeft(s[i+1:], "(\"'“‘"))
	if w == "" {
		return false
	}
	if oldAbbreviations[w] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

// Words returns the words of text: fields holding at least one letter or
// digit, with surrounding punctuation removed.
func oldWords(text string) []string {
	var out []string
	oldEachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls fn for each word of text, without building a list: pages
// are long and this runs on every build.
func oldEachWord(text string, fn func(string)) {
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '–' || r == '—' }
	notWordEdge := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for len(text) > 0 {
		i := strings.IndexFunc(text, func(r rune) bool { return !isSep(r) })
		if i < 0 {
			return
		}
		text = text[i:]
		j := strings.IndexFunc(text, isSep)
		if j < 0 {
			j = len(text)
		}
		if w := strings.TrimFunc(text[:j], notWordEdge); w != "" {
			fn(w)
		}
		text = text[j:]
	}
}

func oldIsVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// Syllables estimates the syllables of one word (see the package comment).
func oldSyllables(word string) int {
	if parts := strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '‐' }); len(parts) > 1 {
		n := 0
		for _, p := range parts {
			n += oldSyllables(p)
		}
		return n
	}
	var buf [64]byte
	b := buf[:0]
	digits := false
	for _, r := range word {
		switch {
		case r >= 'a' && r <= 'z':
			b = append(b, byte(r))
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r == 'é' || r == 'è' || r == 'ê' || r == 'É':
			b = append(b, 'e')
		case unicode.IsDigit(r):
			digits = true
		}
	}
	w := string(b)
	if w == "" {
		// a number, or a word in letters the heuristic does not know
		if digits || strings.IndexFunc(word, unicode.IsLetter) >= 0 {
			return 1
		}
		return 0
	}
	if len(w) <= 2 {
		return 1
	}
	if n, ok := oldExceptions[w]; ok {
		return n
	}
	count := 0
	prevVowel := false
	for i := 0; i < len(w); i++ {
		v := oldIsVowel(w[i]) && !(w[i] == 'y' && i == 0)
		if v && !prevVowel {
			count++
		}
		prevVowel = v
	}
	n := len(w)
	consonant := func(i int) bool { return i >= 0 && i < n && !oldIsVowel(w[i]) }
	switch {
	case strings.HasSuffix(w, "e") && consonant(n-2):
		// silent final e, but "-le"/"-re" after a consonant is said ("people", "centre")
		if !((w[n-2] == 'l' || w[n-2] == 'r') && consonant(n-3)) {
			count--
		}
	case strings.HasSuffix(w, "es") && consonant(n-3):
		// "makes", "lives": silent; "places", "boxes", "pushes", "changes": said
		c := w[n-3]
		said := c == 's' || c == 'x' || c == 'z' || c == 'c' || c == 'g' ||
			strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") ||
			((c == 'l' || c == 'r') && consonant(n-4))
		if !said {
			count--
		}
	case strings.HasSuffix(w, "ed") && consonant(n-3):
		c := w[n-3]
		// "used", "controlled": silent; "wanted", "needed", "troubled": said
		if c != 't' && c != 'd' && !((c == 'l' || c == 'r') && consonant(n-4) && w[n-4] != c) {
			count--
		}
	}
	for _, suf := range []string{"ely", "ement", "ements", "eful", "eness", "eless", "ety"} {
		if strings.HasSuffix(w, suf) && consonant(n-len(suf)-1) && n-len(suf)-2 >= 0 {
			count--
			break
		}
	}
	// "-ism" is said as two syllables ("extremism").
	if strings.HasSuffix(w, "ism") || strings.HasSuffix(w, "isms") {
		count++
	}
	// Vowel pairs said as two syllables.
	for i := 0; i+1 < n; i++ {
		pair := w[i : i+2]
		switch pair {
		case "ia", "iu", "ua", "uo", "eo", "ie", "ea", "io":
		default:
			continue
		}
		if i > 0 && oldIsVowel(w[i-1]) {
			continue
		}
		if i+2 < n && oldIsVowel(w[i+2]) {
			continue
		}
		split := false
		switch pair {
		case "ia", "iu":
			// "media", "medium"; not "social", "initial" (-cia-, -tia-, -sia-)
			split = i == 0 || !strings.ContainsRune("cts", rune(w[i-1])) || i+2 == n
		case "io":
			// "radio", "violent"; not "nation", "vision", "precious", "region"
			split = i == 0 || !strings.ContainsRune("ctsxg", rune(w[i-1]))
		case "ua", "uo":
			// "usual", "actually", "fluoride"; not "quality" (qu-)
			split = i > 0 && w[i-1] != 'q' && w[i-1] != 'g'
		case "eo":
			// "video", "neon"; not "people", "george"
			split = i > 0 && !strings.HasPrefix(w[i:], "eop") && w[i-1] != 'g'
		case "ie":
			// "science", "quiet", "variety"; not "field", "believe", "cities"
			split = strings.HasPrefix(w[i:], "ient") || strings.HasPrefix(w[i:], "ience") || strings.HasPrefix(w[i:], "iet")
		case "ea":
			// "area", "idea", "create"; not "each", "team", "great"
			split = i+2 == n || strings.HasPrefix(w[i:], "eate") || strings.HasPrefix(w[i:], "eati")
		}
		if split {
			count++
		}
	}
	if count < 1 {
		count = 1
	}
	return count
}

// oldExceptions are common words of this kind of content the rules above get
// wrong.
var oldExceptions = map[string]int{
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

// oldBeForms are the forms of "to be" that start a passive phrase. A bare
// "being" ("at risk of being drawn in") is left out: it is a noun phrase, not a
// clause a writer can turn round.
var oldBeForms = map[string]bool{"am": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "isn't": true, "aren't": true, "wasn't": true, "weren't": true}

// oldBetween are words allowed oldBetween "to be" and the participle.
var oldBetween = map[string]bool{"not": true, "never": true, "also": true, "often": true, "always": true, "usually": true, "only": true, "then": true, "still": true, "just": true, "being": true, "been": true, "sometimes": true, "rarely": true, "all": true}

// oldNotParticiples end in -ed but are usually adjectives after "to be".
var oldNotParticiples = map[string]bool{"need": true, "bed": true, "red": true, "shed": true, "feed": true, "seed": true, "speed": true, "tired": true, "interested": true, "worried": true, "concerned": true, "scared": true, "bored": true, "excited": true, "married": true, "related": true, "based": true, "supposed": true, "prepared": true, "aged": true, "qualified": true, "experienced": true, "detailed": true, "skilled": true, "involved": true, "limited": true, "pleased": true, "determined": true, "confused": true, "isolated": true, "vulnerable": true, "alarmed": true, "upset": true, "embarrassed": true, "ashamed": true, "hundred": true, "unexpected": true, "connected": true}

// oldIrregular past participles that do not end in -ed.
var oldIrregular = map[string]bool{
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
func oldPassive(sentence string) string {
	words := strings.Fields(sentence)
	clean := make([]string, len(words))
	for i, w := range words {
		clean[i] = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }))
		clean[i] = strings.ReplaceAll(clean[i], "’", "'")
	}
	for i, w := range clean {
		if !oldBeForms[w] {
			continue
		}
		// Stop at punctuation that ends the clause.
		for j := i + 1; j < len(clean) && j <= i+3; j++ {
			c := clean[j]
			if oldIsParticiple(c) {
				return strings.Join(words[i:j+1], " ")
			}
			if !(oldBetween[c] || (strings.HasSuffix(c, "ly") && len(c) > 4)) || strings.ContainsAny(words[j], ",;:") {
				break
			}
		}
	}
	return ""
}

func oldIsParticiple(w string) bool {
	if oldIrregular[w] {
		return true
	}
	if oldNotParticiples[w] {
		return false
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}
