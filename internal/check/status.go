package check

import (
	"cmp"
	"slices"
	"time"

	"safeguard/internal/content"
)

// Item is one line of the team's to-do list (safeguard status): a draft, a
// scheduled page, a review due or overdue, or a contact to verify again.
type Item struct {
	Date  time.Time // when it is due or publishes; zero for drafts and missing review dates
	What  string    // "draft", "scheduled", "review overdue", "review due", "no review date", "verify contact", "contact overdue", "translation stale", "alert showing", "alert to come"
	Title string
	Path  string
}

// Due lists what needs the team's attention, soonest first, undated items
// (drafts, pages without a review date) last. Load the site with Drafts and
// Future set to see drafts and scheduled pages.
func Due(s *content.Site, opts Options) []Item {
	if s == nil {
		return nil
	}
	today := opts.today()
	soon := today.AddDate(0, 0, dueWithin)
	var items []Item
	pages := append(slices.Clone(s.Pages), s.Skipped...)
	for _, p := range pages {
		if p.Draft {
			items = append(items, Item{What: "draft", Title: p.Title, Path: p.Path})
			continue
		}
		if p.Alert != nil {
			continue // listed below, with their windows
		}
		if p.Kind == content.KindArticle && !p.Date.IsZero() && day(p.Date).After(today) {
			items = append(items, Item{Date: day(p.Date), What: "scheduled", Title: p.Title, Path: p.Path})
		}
		if !needsReview(p, parseMarkdown(p, nil)) {
			continue
		}
		switch rb := day(p.ReviewBy); {
		case p.ReviewBy.IsZero():
			items = append(items, Item{What: "no review date", Title: p.Title, Path: p.Path})
		case rb.Before(today):
			items = append(items, Item{Date: rb, What: "review overdue", Title: p.Title, Path: p.Path})
		case !rb.After(soon):
			items = append(items, Item{Date: rb, What: "review due", Title: p.Title, Path: p.Path})
		}
	}
	for _, st := range staleTranslations(s) {
		items = append(items, Item{Date: day(st.original.LastReviewed), What: "translation stale", Title: st.page.Title, Path: st.page.Path})
	}
	for _, ct := range s.Contacts {
		if ct.Page == nil || ct.VerifiedOn.IsZero() {
			continue
		}
		switch limit := contactLimit(s, ct); {
		case limit.Before(today):
			items = append(items, Item{Date: limit, What: "contact overdue", Title: ct.Title, Path: ct.Page.Path})
		case !limit.After(soon):
			items = append(items, Item{Date: limit, What: "verify contact", Title: ct.Title, Path: ct.Page.Path})
		}
	}
	// Alerts change the site by themselves: one showing now is listed with
	// the day it ends, one to come with the day it starts.
	active, upcoming := s.Alerts()
	for _, p := range active {
		items = append(items, Item{Date: day(p.Alert.Ends.Add(-time.Nanosecond)), What: "alert showing", Title: p.Title, Path: p.Path})
	}
	for _, p := range upcoming {
		items = append(items, Item{Date: day(p.Alert.Starts), What: "alert to come", Title: p.Title, Path: p.Path})
	}
	slices.SortFunc(items, func(a, b Item) int {
		if a.Date.IsZero() != b.Date.IsZero() {
			if a.Date.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.What, b.What), cmp.Compare(a.Path, b.Path))
	})
	return items
}
