// Package readability measures how hard English prose is to read: sentences,
// words and syllables, the Flesch reading ease and Flesch-Kincaid grade, and
// passive phrases. It works on plain text (the check package extracts the text
// of each paragraph from the Markdown) and returns byte offsets, so callers can
// point at the exact line of a sentence.
//
// The method, kept simple so that a writer can predict it:
//
//   - Sentences: a text is cut after ".", "!" or "?" (and any closing quotes or
//     brackets) when white space and then a capital letter, a digit or an opening
//     quote follow, or the text ends. A full stop after a known abbreviation
//     ("e.g.", "i.e.", "etc.", "Mr", "Dr", "St", "No") or a single letter does
//     not end a sentence. The full stops and question marks of other scripts
//     end sentences too: the danda of Bengali and Hindi (।, ॥), the Arabic
//     question mark (؟), the Urdu full stop (۔), and Chinese and Japanese
//     。？！, which need no space after them. A letter of a script without
//     capitals counts as a capital. Callers pass each paragraph, list item or
//     table cell separately, so a list item without a full stop is a sentence
//     of its own. The formulas are for English: callers leave out passages in
//     other languages.
//   - Words: runs of text between spaces that hold at least one letter or digit;
//     "well-being" and "don't" are one word each.
//   - Syllables: a heuristic. Lower-case letters only; count groups of vowels
//     (a, e, i, o, u, and y after the first letter); take one off for a silent
//     final "e" (but not "-le" or "-re" after a consonant, as in "people" and
//     "centre"), for "-es" and "-ed" endings that are not said as a syllable
//     ("makes", "used", "controlled", but not "places" or "wanted"), and for
//     "-ely", "-ement", "-eful", "-eness", "-eless", "-ety" after a consonant
//     ("safely"); add one for "-ism" and where two vowels are said apart
//     ("media", "radio", "idea", "usual", "science"). A short list of common
//     words the rules get wrong is looked up instead. The parts of a hyphenated
//     word are counted apart ("well-being"). A number is one word of
//     one syllable. Words of one or two letters have one syllable; every word
//     has at least one.
//   - Reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words.
//     Grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59.
//   - Passive voice: a form of "to be" (am, is, are, was, were, be, been; a
//     bare "being" as in "at risk of being drawn in" is not counted), optionally followed by up to two words such as "not", "often" or
//     an "-ly" adverb, then a past participle (a word ending in "-ed" or one of
//     a list of irregular participles such as "given", "made", "told").
//
// The figures are compared in the tests with the npm packages text-readability
// and syllable (testdata/reference.mjs); the tolerance is stated there.
//
// It is pure text arithmetic.
package readability
