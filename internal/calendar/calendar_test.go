package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"safeguard/internal/content"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, content.London)
	if err != nil {
		panic(err)
	}
	return t
}

func event(slug, title string, ev content.Event) *content.Page {
	if ev.Status == "" {
		ev.Status = "scheduled"
	}
	return &content.Page{Path: "content/events/" + slug + ".md", Kind: content.KindEvent, Slug: slug,
		URL: "/events/" + slug + "/", Title: title, Summary: "About " + title + ".", Event: &ev,
		LastReviewed: at("2026-11-01T00:00")}
}

func site(now time.Time, pages ...*content.Page) *content.Site {
	return &content.Site{Config: content.Config{Title: "Safer City", BaseURL: "https://safer.example.org/"}, Now: now, Pages: pages}
}

// decode reads a calendar file with a second implementation of RFC 5545.
func decode(t *testing.T, data []byte) *goical.Calendar {
	t.Helper()
	for _, line := range strings.SplitAfter(string(data), "\r\n") {
		if len(strings.TrimSuffix(line, "\r\n")) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
		if strings.Contains(strings.TrimSuffix(line, "\r\n"), "\n") {
			t.Errorf("a line ends without CR: %q", line)
		}
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("not a calendar: %v\n%s", err, data)
	}
	return cal
}

func TestFiles(t *testing.T) {
	long := strings.Repeat("A long title, with a comma; and a semicolon, ", 4) + "ends"
	pages := []*content.Page{
		// Across the clock change: 25 October 2026, BST ends at 02:00.
		event("clock-change", "Night walk", content.Event{Start: at("2026-10-25T00:30"), End: at("2026-10-25T03:00"), Place: "Guildhall, London EC2V 7HH", Audience: "Residents"}),
		event("forum", long, content.Event{Start: at("2027-01-14T10:00"), End: at("2027-01-14T12:30"), Online: true, Audience: "Teachers", Booking: &content.Booking{URL: "https://example.org/book"}}),
		event("fair", "Safety fair", content.Event{Start: at("2027-03-06T00:00"), AllDay: true, Place: "Barbican", Audience: "Everyone"}),
		event("cancelled", "Cancelled talk", content.Event{Start: at("2027-02-01T18:00"), Status: "cancelled", Place: "Online", Audience: "Parents"}),
		event("planned", "Spring forum", content.Event{Start: at("2027-04-01T00:00"), AllDay: true, Status: "planned", Place: "TBC", Audience: "Everyone"}),
	}
	files := Files(site(at("2026-12-07T12:00"), pages...))
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	for _, want := range []string{"events/clock-change/event.ics", "events/forum/event.ics", "events/fair/event.ics", "events/cancelled/event.ics", FeedPath} {
		if byPath[want] == nil {
			t.Errorf("no %s", want)
		}
	}
	if byPath["events/planned/event.ics"] != nil {
		t.Errorf("a planned event (its day not confirmed) has a calendar file")
	}
	if len(files) != 5 {
		t.Errorf("%d files, want 5", len(files))
	}

	for _, tc := range []struct {
		path              string
		start, end        time.Time
		allDay            bool
		summary, location string
		status            goical.EventStatus
		description       string
	}{
		{"events/clock-change/event.ics", at("2026-10-25T00:30"), at("2026-10-25T03:00"), false, "Night walk", "Guildhall, London EC2V 7HH", goical.EventConfirmed, "About Night walk.\n\nFor: Residents\nDetails: https://safer.example.org/events/clock-change/"},
		{"events/forum/event.ics", at("2027-01-14T10:00"), at("2027-01-14T12:30"), false, long, "Online", goical.EventConfirmed, "About " + long + ".\n\nFor: Teachers\nBook a place: https://example.org/book\nDetails: https://safer.example.org/events/forum/"},
		{"events/fair/event.ics", time.Date(2027, 3, 6, 0, 0, 0, 0, content.London), time.Date(2027, 3, 7, 0, 0, 0, 0, content.London), true, "Safety fair", "Barbican", goical.EventConfirmed, ""},
		{"events/cancelled/event.ics", at("2027-02-01T18:00"), time.Time{}, false, "Cancelled talk", "Online", goical.EventCancelled, "This event is cancelled.\n\nAbout Cancelled talk.\n\nFor: Parents\nDetails: https://safer.example.org/events/cancelled/"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			cal := decode(t, byPath[tc.path])
			evs := cal.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			e := evs[0]
			slug := strings.Split(tc.path, "/")[1]
			if uid, _ := e.Props.Text(goical.PropUID); uid != "events-"+slug+"@safer.example.org" {
				t.Errorf("UID %q", uid)
			}
			if p := e.Props.Get(goical.PropDateTimeStamp); p == nil || p.Value != "20261101T000000Z" {
				t.Errorf("DTSTAMP %v, want the day it was last reviewed", p)
			}
			start, err := e.DateTimeStart(time.UTC)
			if err != nil || !start.Equal(tc.start) {
				t.Errorf("DTSTART %v (%v), want %v", start, err, tc.start)
			}
			if p := e.Props.Get(goical.PropDateTimeStart); tc.allDay != (p.ValueType() == goical.ValueDate) {
				t.Errorf("DTSTART value type %v, all day %v", p.ValueType(), tc.allDay)
			} else if !tc.allDay && p.Params.Get(goical.ParamTimezoneID) != "Europe/London" {
				t.Errorf("DTSTART has no TZID=Europe/London: %+v", p)
			}
			end, err := e.DateTimeEnd(time.UTC)
			if tc.end.IsZero() {
				if e.Props.Get(goical.PropDateTimeEnd) != nil {
					t.Errorf("DTEND %v for an event with no end", end)
				}
			} else if err != nil || !end.Equal(tc.end) {
				t.Errorf("DTEND %v (%v), want %v", end, err, tc.end)
			}
			if s, _ := e.Props.Text(goical.PropSummary); s != tc.summary {
				t.Errorf("SUMMARY %q", s)
			}
			if s, _ := e.Props.Text(goical.PropLocation); s != tc.location {
				t.Errorf("LOCATION %q", s)
			}
			if s, _ := e.Status(); s != tc.status {
				t.Errorf("STATUS %q", s)
			}
			if u, err := e.Props.URI(goical.PropURL); err != nil || u.String() != "https://safer.example.org/events/"+slug+"/" {
				t.Errorf("URL %v %v", u, err)
			}
			if tc.description != "" {
				if d, _ := e.Props.Text(goical.PropDescription); d != tc.description {
					t.Errorf("DESCRIPTION %q, want %q", d, tc.description)
				}
			}
			if len(cal.Children) != 2 || cal.Children[0].Name != goical.CompTimezone {
				t.Errorf("the calendar does not spell out Europe/London first: %v", cal.Children)
			}
		})
	}

	// The feed: upcoming only (the clock-change walk is over), soonest
	// first; the cancelled talk stays, so a subscribed calendar sees it
	// cancelled.
	var uids []string
	for _, e := range decode(t, byPath[FeedPath]).Events() {
		uid, _ := e.Props.Text(goical.PropUID)
		uids = append(uids, uid)
	}
	if got, want := strings.Join(uids, " "), "events-forum@safer.example.org events-cancelled@safer.example.org events-fair@safer.example.org"; got != want {
		t.Errorf("feed events %s, want %s", got, want)
	}
}

// The same model gives the same bytes, so a deploy of an unchanged site
// uploads no calendar file.
func TestFilesStable(t *testing.T) {
	mk := func() []File {
		return Files(site(at("2026-12-07T12:00"), event("forum", "Forum", content.Event{Start: at("2027-01-14T10:00"), Place: "Guildhall", Audience: "All"})))
	}
	a, b := mk(), mk()
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Path)
		}
	}
}

// No events section, no calendar; an events section with no event to come
// still has its feed (a valid calendar holding only the time zone).
func TestFilesEmpty(t *testing.T) {
	if f := Files(site(at("2026-12-07T12:00"))); len(f) != 0 {
		t.Errorf("files without events: %v", f)
	}
	idx := &content.Page{Path: "content/events/_index.md", Kind: content.KindEvent, IsIndex: true, URL: "/events/", Title: "Events"}
	files := Files(site(at("2026-12-07T12:00"), idx))
	if len(files) != 1 || files[0].Path != FeedPath {
		t.Fatalf("files %v, want the feed alone", files)
	}
	if n := len(decode(t, files[0].Data).Events()); n != 0 {
		t.Errorf("%d events in an empty feed", n)
	}
}
