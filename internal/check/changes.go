package check

import (
	"cmp"
	"slices"
	"time"

	"safeguard/internal/content"
)

// Change is a moment when the site, or what check says of it, changes by
// itself with the calendar, without anyone editing a file: only a build
// after that moment shows it. CI rebuilds on a schedule for these.
type Change struct {
	At    time.Time // the instant, in London time
	What  string    // one of the Change* constants
	Title string
	Path  string
}

// What a Change is.
const (
	ChangeScheduled      = "scheduled article goes live"
	ChangeEventOver      = "event moves to past events"
	ChangeReviewOverdue  = "review date passes (check fails)"
	ChangeContactOverdue = "contact verification runs out (check fails)"
	ChangeAlertStarts    = "alert starts showing"
	ChangeAlertEnds      = "alert stops showing"
)

// changeSources are the kinds of content whose meaning depends on the
// clock, each listing its changes. A new kind with dates of its own (an
// alert's start and end) adds its function here; NextChange and the
// status command need nothing else.
var changeSources = []func(s *content.Site) []Change{
	scheduledChanges,
	eventChanges,
	reviewChanges,
	contactChanges,
	alertChanges,
}

// Changes lists every change after now, soonest first. Load the site with
// Future set (and Drafts: drafts are left out, as nothing publishes them
// by itself).
func Changes(s *content.Site, now time.Time) []Change {
	if s == nil {
		return nil
	}
	var out []Change
	for _, src := range changeSources {
		for _, c := range src(s) {
			if c.At.After(now) {
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Change) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.What, b.What), cmp.Compare(a.Path, b.Path))
	})
	return out
}

// NextChange is the earliest change after now and every other change at
// the same instant; none when nothing will change by itself.
func NextChange(s *content.Site, now time.Time) []Change {
	all := Changes(s, now)
	n := 0
	for n < len(all) && all[n].At.Equal(all[0].At) {
		n++
	}
	return all[:n]
}

// livePages are the pages that are, or will be, published without an
// edit: all but drafts.
func livePages(s *content.Site) []*content.Page {
	var out []*content.Page
	for _, p := range append(slices.Clone(s.Pages), s.Skipped...) {
		if !p.Draft {
			out = append(out, p)
		}
	}
	return out
}

// londonDay is the start of t's calendar day in London.
func londonDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, london)
}

// scheduledChanges: an article dated after today is left out of the build
// until the start of its day in London (content's loader).
func scheduledChanges(s *content.Site) []Change {
	var out []Change
	for _, p := range livePages(s) {
		if p.Kind == content.KindArticle && !p.IsIndex && !p.Date.IsZero() {
			out = append(out, Change{At: londonDay(p.Date.In(london).Date()), What: ChangeScheduled, Title: p.Title, Path: p.Path})
		}
	}
	return out
}

// eventChanges: an event moves from upcoming to past when its end (or
// start) has gone by; a planned event (month known, day not) a month after
// its start; a held one already has. This is the rule of the layout
// layouts/_partials/event-past.html, which a build applies at build time.
func eventChanges(s *content.Site) []Change {
	var out []Change
	for _, p := range livePages(s) {
		ev := p.Event
		if ev == nil || ev.Status == "held" || ev.Start.IsZero() {
			continue
		}
		at := ev.Start
		switch {
		case ev.Status == "planned":
			at = ev.Start.AddDate(0, 1, 0)
		case !ev.End.IsZero():
			at = ev.End
		}
		out = append(out, Change{At: at.In(london), What: ChangeEventOver, Title: p.Title, Path: p.Path})
	}
	return out
}

// reviewChanges: the day after review_by, check (and build --strict)
// refuses the page as overdue, as checkReview counts days.
func reviewChanges(s *content.Site) []Change {
	var out []Change
	for _, p := range livePages(s) {
		if p.ReviewBy.IsZero() || !needsReview(p, parseMarkdown(p, nil)) {
			continue
		}
		y, m, d := day(p.ReviewBy).Date()
		out = append(out, Change{At: londonDay(y, m, d+1), What: ChangeReviewOverdue, Title: p.Title, Path: p.Path})
	}
	return out
}

// contactChanges: the day after a contact's verification runs out, as
// checkContacts counts it.
func contactChanges(s *content.Site) []Change {
	var out []Change
	for _, ct := range s.Contacts {
		if ct.Page == nil || ct.Page.Draft || ct.VerifiedOn.IsZero() {
			continue
		}
		y, m, d := contactLimit(s, ct).Date()
		out = append(out, Change{At: londonDay(y, m, d+1), What: ChangeContactOverdue, Title: ct.Title, Path: ct.Page.Path})
	}
	return out
}

// alertChanges: an alert shows on every page from its start and vanishes at
// its end (content.Alert.Active), at the first build after each.
func alertChanges(s *content.Site) []Change {
	var out []Change
	for _, p := range livePages(s) {
		if a := p.Alert; a != nil {
			out = append(out,
				Change{At: a.Starts.In(london), What: ChangeAlertStarts, Title: p.Title, Path: p.Path},
				Change{At: a.Ends.In(london), What: ChangeAlertEnds, Title: p.Title, Path: p.Path})
		}
	}
	return out
}
