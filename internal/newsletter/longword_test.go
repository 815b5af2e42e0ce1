package newsletter

import (
	"strings"
	"testing"

	"safeguard/internal/emailcheck"
	"safeguard/internal/markdown"
)

// A word no plain-text line can hold is refused with the page's line, instead
// of a fragment whose text twin breaks rule 12; a long word that fits a line
// of email is allowed and stands on a line alone.
func TestLongWord(t *testing.T) {
	s := loadSite(t, "testdata/site")
	for _, p := range s.Pages {
		if p.Slug != "kitchen-sink" {
			continue
		}
		for _, tc := range []struct {
			word    string
			wantErr bool
		}{
			{strings.Repeat("e", 120), false},
			{strings.Repeat("e", 950), true},
		} {
			page := *p
			page.Body = "First line.\n\nSome text before " + tc.word + " and after.\n"
			page.ContactShortcodes, page.ShortcodeSpans = nil, markdown.Shortcodes(page.Body)
			out := renderArticle(s, &page, nil)
			errs := out.diags.Errors()
			if !tc.wantErr {
				if len(errs) > 0 {
					t.Errorf("%d-character word: %v", len(tc.word), errs)
				}
				if vs := emailcheck.LintText(out.text); len(vs) > 0 {
					t.Errorf("%d-character word: text breaks %v", len(tc.word), vs)
				}
				continue
			}
			if len(errs) != 1 || errs[0].Rule != "newsletter-long-word" || errs[0].Line != p.BodyLine+2 {
				t.Errorf("%d-character word: got %v, want one newsletter-long-word error on line %d", len(tc.word), errs, p.BodyLine+2)
			}
		}
		return
	}
	t.Fatal("no kitchen-sink page in testdata/site")
}
