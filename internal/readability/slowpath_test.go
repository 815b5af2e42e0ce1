package readability

// The slow paths: the plain form of Split, Words and Passive, as they were
// written before the allocation-free rewrite. The tests and the fuzz target
// FuzzSlow hold the fast code to them on every input, as math/big's tests
// hold its assembly to addVV_g; only they call them, so they are built with
// the tests alone. A change of behaviour must be made in both.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSlow is Split written plainly: decode every rune, build every word.
func splitSlow(text string) []Sentence {
	var out []Sentence
	start := 0
	emit := func(end int) {
		raw := text[start:end]
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		t := strings.TrimSpace(raw)
		words, syl := 0, 0
		for _, w := range wordsSlow(t) {
			words++
			syl += Syllables(w)
		}
		if words > 0 {
			out = append(out, Sentence{Text: t, Start: start + lead, End: start + lead + len(t), Words: words, Syllables: syl})
		}
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
			if !strings.ContainsRune(".!?\"')]”’", r2) {
				break
			}
			j += s2
		}
		if j == len(text) {
			break
		}
		if r2, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(r2) {
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
		if r == '.' && isAbbreviationSlow(text[start:i]) {
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

// isAbbreviationSlow is isAbbreviation without the ASCII shortcut.
func isAbbreviationSlow(s string) bool {
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	w := strings.ToLower(strings.TrimLeft(s[i+1:], "(\"'“‘"))
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

// wordsSlow is Words written with strings.FieldsFunc and strings.TrimFunc.
func wordsSlow(text string) []string {
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '–' || r == '—' }
	notWordEdge := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	var out []string
	for _, f := range strings.FieldsFunc(text, isSep) {
		if w := strings.TrimFunc(f, notWordEdge); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// passiveSlow is Passive written with strings.Fields and a lower-case copy
// of every word.
func passiveSlow(sentence string) string {
	words := strings.Fields(sentence)
	clean := make([]string, len(words))
	for i, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		clean[i] = strings.ReplaceAll(strings.ToLower(w), "’", "'")
	}
	for i, w := range clean {
		if !isBeForm([]byte(w)) {
			continue
		}
		// Stop at punctuation that ends the clause.
		for j := i + 1; j < len(clean) && j <= i+3; j++ {
			c := clean[j]
			if isParticiple([]byte(c)) {
				return strings.Join(words[i:j+1], " ")
			}
			if !(between[c] || (strings.HasSuffix(c, "ly") && len(c) > 4)) || strings.ContainsAny(words[j], ",;:") {
				break
			}
		}
	}
	return ""
}
