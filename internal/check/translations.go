package check

import (
	"safeguard/internal/content"
)

// stale is a translation made from an older version of the page it
// translates: the original was reviewed (and so perhaps changed) after the
// version the translation was made from.
type stale struct {
	page, original *content.Page
	from           content.Pos // where the translation says which version it was made from
}

// staleTranslations are the translations of s whose original's
// last_reviewed is later than their translated_from_reviewed (or, when they
// do not say, than their own last_reviewed), for check and status alike.
func staleTranslations(s *content.Site) []stale {
	var byPath map[string]*content.Page
	var out []stale
	for _, p := range s.Pages {
		if p.Translation == "" {
			continue
		}
		if byPath == nil {
			byPath = make(map[string]*content.Page, len(s.Pages))
			for _, o := range s.Pages {
				byPath[o.Path] = o
			}
		}
		orig := byPath[p.Original]
		if orig == nil || orig.LastReviewed.IsZero() {
			continue
		}
		from, field := p.TranslatedFrom, "translated_from_reviewed"
		if from.IsZero() {
			from, field = p.LastReviewed, "last_reviewed"
		}
		if from.IsZero() || day(orig.LastReviewed).After(day(from)) {
			pos := p.Fields[field]
			out = append(out, stale{page: p, original: orig, from: pos})
		}
	}
	return out
}

// checkTranslations warns about each stale translation: readers of that
// language may be reading advice the original no longer gives.
func (c *checker) checkTranslations() {
	for _, st := range staleTranslations(c.s) {
		o := st.original
		c.out.Warnf(st.page.Path, st.from.Line, st.from.Col, "translation-stale",
			"%s was reviewed on %s, after the version this translation was made from (compare the two, update the translation, then set translated_from_reviewed: %s)",
			o.Path, ukDate(o.LastReviewed), o.LastReviewed.Format("2006-01-02"))
	}
}
