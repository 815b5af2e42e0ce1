package calendar

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"safeguard/internal/content"
)

// File is one calendar file of the output.
type File struct {
	Path string // slash separated, under the output folder
	Data []byte
}

// FeedPath is the feed of upcoming events, beside the events section page.
const FeedPath = "events/calendar.ics"

// EventFile is the name of an event's own calendar file in its page's folder.
const EventFile = "event.ics"

// tzid is the time zone every event is written in: times in the content are
// London times, and a calendar shows them in the reader's own zone.
const tzid = "Europe/London"

// Has reports whether an event gets a calendar file: a planned event's date
// is not confirmed yet, so it is not offered for a calendar.
func Has(p *content.Page) bool {
	return p.Event != nil && p.Event.Status != "planned"
}

// Files returns each event's calendar file and the feed of upcoming events
// (those not ended at s.Now), soonest first. The feed is written whenever the
// site has an events section, so its address keeps working when no event is
// planned.
func Files(s *content.Site) []File {
	var (
		events  []*content.Page
		section bool
	)
	for _, p := range s.Pages {
		section = section || p.Kind == content.KindEvent
		if Has(p) {
			events = append(events, p)
		}
	}
	if !section {
		return nil
	}
	slices.SortFunc(events, func(a, b *content.Page) int {
		if c := a.Event.Start.Compare(b.Event.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	var files []File
	var upcoming []*content.Page
	for _, p := range events {
		cal := newCalendar(s, p.Title)
		addEvent(cal, s, p)
		files = append(files, File{Path: strings.TrimPrefix(p.URL, "/") + EventFile, Data: serialize(cal)})
		if ends(p.Event).After(s.Now) {
			upcoming = append(upcoming, p)
		}
	}
	feed := newCalendar(s, s.Config.Title+": events")
	for _, p := range upcoming {
		addEvent(feed, s, p)
	}
	files = append(files, File{Path: FeedPath, Data: serialize(feed)})
	return files
}

// ends is when an event is over: its end, the end of its day when it has
// none and is all day, or its start.
func ends(ev *content.Event) time.Time {
	switch {
	case !ev.End.IsZero() && ev.AllDay && isMidnight(ev.End):
		return ev.End.AddDate(0, 0, 1)
	case !ev.End.IsZero():
		return ev.End
	case ev.AllDay:
		return ev.Start.AddDate(0, 0, 1)
	}
	return ev.Start
}

func isMidnight(t time.Time) bool {
	h, m, sec := t.Clock()
	return h == 0 && m == 0 && sec == 0
}

func newCalendar(s *content.Site, name string) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetProductId("-//safeguard//" + s.Config.Title + "//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(tzid)
	cal.AddVTimezone(london())
	return cal
}

// london is the Europe/London zone as calendars need it spelt out (RFC 5545
// 3.6.5): British Summer Time from the last Sunday of March at 01:00 UTC to
// the last Sunday of October at 02:00 BST.
func london() *ics.VTimezone {
	tz := ics.NewTimezone(tzid)
	rule := func(c *ics.ComponentBase, from, to, name, start, rrule string) {
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), from)
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), to)
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		c.AddProperty(ics.ComponentPropertyDtStart, start)
		c.AddProperty(ics.ComponentPropertyRrule, rrule)
	}
	summer := &ics.Daylight{}
	rule(&summer.ComponentBase, "+0000", "+0100", "BST", "19810329T010000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	winter := ics.NewStandard()
	rule(&winter.ComponentBase, "+0100", "+0000", "GMT", "19961027T020000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	tz.Components = append(tz.Components, summer, winter)
	return tz
}

// addEvent adds p as a VEVENT. Its UID is the page's address on the site's
// host, so a calendar that imported it once updates the same entry when the
// event changes or is cancelled; DTSTAMP is the day it was last reviewed (or
// its start), so a build of unchanged content writes the same bytes and a
// deploy uploads nothing.
func addEvent(cal *ics.Calendar, s *content.Site, p *content.Page) {
	ev := p.Event
	host := "localhost"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	e := cal.AddEvent(strings.ReplaceAll(strings.Trim(p.URL, "/"), "/", "-") + "@" + host)
	stamp := p.LastReviewed
	if stamp.IsZero() {
		stamp = ev.Start
	}
	e.SetDtStampTime(stamp)
	tz := ics.WithTZID(tzid)
	if ev.AllDay {
		e.SetAllDayStartAt(ev.Start)
		e.SetAllDayEndAt(ends(ev))
	} else {
		e.SetProperty(ics.ComponentPropertyDtStart, ev.Start.In(content.London).Format("20060102T150405"), tz)
		if !ev.End.IsZero() {
			e.SetProperty(ics.ComponentPropertyDtEnd, ev.End.In(content.London).Format("20060102T150405"), tz)
		}
	}
	e.SetSummary(p.Title)
	page := strings.TrimSuffix(s.Config.BaseURL, "/") + p.URL
	e.SetURL(page)
	if ev.Online && ev.Place == "" {
		e.SetLocation("Online")
	} else {
		e.SetLocation(ev.Place)
	}
	e.SetDescription(description(p, page))
	switch ev.Status {
	case "cancelled":
		e.SetStatus(ics.ObjectStatusCancelled)
	default:
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	if p.Language != "" {
		e.SetProperty(ics.ComponentPropertySummary, p.Title, &ics.KeyValues{Key: string(ics.ParameterLanguage), Value: []string{p.Language}})
	}
}

// description is what a calendar shows under the title: the summary, who it
// is for, how to book, and the page for everything else.
func description(p *content.Page, page string) string {
	ev := p.Event
	var b strings.Builder
	if ev.Status == "cancelled" {
		b.WriteString("This event is cancelled.\n\n")
	}
	if p.Summary != "" {
		b.WriteString(p.Summary + "\n\n")
	}
	if ev.Audience != "" {
		b.WriteString("For: " + ev.Audience + "\n")
	}
	if bk := ev.Booking; bk != nil && ev.Status != "cancelled" {
		switch {
		case bk.URL != "":
			b.WriteString("Book a place: " + bk.URL + "\n")
		case bk.Email != "":
			b.WriteString("Book a place by email: " + bk.Email + "\n")
		}
	}
	b.WriteString("Details: " + page)
	return b.String()
}

func serialize(cal *ics.Calendar) []byte {
	var buf bytes.Buffer
	// RFC 5545 ends every line with CRLF; the library's default is the
	// machine's own line ending.
	if err := cal.SerializeTo(&buf, ics.WithNewLine("\r\n")); err != nil {
		// Writing to a bytes.Buffer does not fail.
		panic(err)
	}
	return buf.Bytes()
}
