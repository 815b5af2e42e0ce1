package check

import (
	"fmt"
	"testing"
	"time"

	"safeguard/internal/content"
)

// TestChanges lists every kind of change with its instant: a contact's
// verification (the day after it runs out), a planned event (a month after
// its start), an event's end, a review date, a scheduled article; a held
// event and a draft never change the site by themselves.
func TestChanges(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/contacts/helpline.md": contactFile("verified_on: 2026-03-10\n"),
		"content/events/planned.md":    "---\ntitle: Planned\nsummary: Soon.\nstart: 2027-02-01\nplace: Hall\naudience: All\nstatus: planned\nreview_by: 2027-09-01\n---\nText.\n",
		"content/events/held.md":       "---\ntitle: Held\nsummary: Done.\nstart: 2027-01-20T10:00\nplace: Hall\naudience: All\nstatus: held\nreview_by: 2027-09-01\n---\nText.\n",
		"content/events/talk.md":       "---\ntitle: Talk\nsummary: A talk.\nstart: 2027-01-20T10:00\nend: 2027-01-20T11:30\nplace: Hall\naudience: All\nreview_by: 2027-09-01\n---\nText.\n",
		"content/articles/later.md":    "---\ntitle: Later\nsummary: Later.\ndate: 2027-01-15\nreview_by: 2027-09-01\n---\nText.\n",
		"content/articles/draft.md":    "---\ntitle: Draft\nsummary: Draft.\ndate: 2027-01-02\ndraft: true\nreview_by: 2027-09-01\n---\nText.\n",
		"content/alerts/closed.md":     "---\ntitle: Closed\nseverity: warning\nstarts: 2027-01-18T09:00\nends: 2027-01-19\n---\nCall 999.\n",
	})
	s, d := content.NewLoaderFS(fsys, "/src", content.Options{Today: today, Drafts: true, Future: true}).Load()
	if s == nil {
		t.Fatal(d.Error())
	}
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, london)
	var got []string
	for _, c := range Changes(s, now) {
		got = append(got, fmt.Sprintf("%s %s %s", c.At.UTC().Format(time.RFC3339), c.What, c.Path))
	}
	want := []string{
		"2027-01-15T00:00:00Z " + ChangeScheduled + " content/articles/later.md",
		"2027-01-18T09:00:00Z " + ChangeAlertStarts + " content/alerts/closed.md",
		"2027-01-20T00:00:00Z " + ChangeAlertEnds + " content/alerts/closed.md",
		"2027-01-20T11:30:00Z " + ChangeEventOver + " content/events/talk.md",
		"2027-03-01T00:00:00Z " + ChangeEventOver + " content/events/planned.md",
		"2027-03-11T00:00:00Z " + ChangeContactOverdue + " content/contacts/helpline.md",
	}
	if len(got) < len(want) {
		t.Fatalf("changes:\n%v\nwant first:\n%v", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("change %d = %q, want %q", i, got[i], w)
		}
	}
	next := NextChange(s, now)
	if len(next) != 1 || next[0].Path != "content/articles/later.md" {
		t.Errorf("NextChange = %+v, want the scheduled article alone", next)
	}
	if n := NextChange(s, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); len(n) != 0 {
		t.Errorf("NextChange in 2030 = %+v, want none", n)
	}
}
