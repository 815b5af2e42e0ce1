package archetype

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/gosimple/slug"

	"safeguard/internal/content"
)

// unsound are the scripts whose letters cannot be turned into a-z soundly:
// abjads write no vowels (حماية الأطفال would become "hmy-l-tfl"), and a Han
// character is read differently in each language that writes it. For a title
// in one of them the writer is asked for an address.
var unsound = []*unicode.RangeTable{unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Han, unicode.Hiragana, unicode.Katakana}

// Address makes a page's address (the last part of its web address) from
// its title: letters with accents folded (Welsh ŵ to w, ü to u), other
// alphabets transliterated (Cyrillic, Greek, Bengali) by gosimple/slug's
// tables, "&" written as "and", emoji and punctuation dropped, and the
// result put through the one name rule (content.ValidName). ok is false
// when the title is in a script that cannot be transliterated soundly, or
// nothing is left: the writer must then give the address.
func Address(title string) (string, bool) {
	for _, r := range title {
		if unicode.IsLetter(r) && unicode.In(r, unsound...) {
			return "", false
		}
	}
	s := content.NameFrom(slug.Make(title))
	if s == "page" && !strings.Contains(strings.ToLower(title), "page") || !content.ValidName(s) {
		return "", false
	}
	if content.DeviceName(s) {
		s += "-page" // a page titled "Aux" is made on Windows too
	}
	return s, true
}

// File is the page file for a kind of page and an address, through the one
// name rule: the editor derives a new page's file from these two, never
// from a name a form sends.
func File(kind content.Kind, address string) (string, error) {
	if !content.ValidName(address) {
		return "", fmt.Errorf("%q cannot be an address", address)
	}
	if content.DeviceName(address) {
		return "", fmt.Errorf("%q cannot be an address: Windows keeps the name for a device, so the page's file could not be made there (choose another, for example %s-page)", address, address)
	}
	return path.Join("content", content.SectionOf(kind), address+".md"), nil
}

// Free returns address, or the first of address-2, address-3, ... that no
// file of that kind has yet (exists says whether a file is there).
func Free(kind content.Kind, address string, exists func(rel string) bool) string {
	for i := 1; i < 100; i++ {
		a := address
		if i > 1 {
			a = fmt.Sprintf("%s-%d", address, i)
		}
		if rel, err := File(kind, a); err == nil && !exists(rel) {
			return a
		}
	}
	return ""
}
