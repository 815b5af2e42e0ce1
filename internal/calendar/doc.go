// Package calendar writes the events' iCalendar files (RFC 5545): one per
// event, linked from its page ("Add to your calendar"), and a feed of
// upcoming events that residents and partner organisations subscribe to.
// They are made from the validated model, like the newsletter, so a calendar
// says exactly what the event page says.
//
// github.com/arran4/golang-ical writes the files (escaping and folding long
// lines as RFC 5545 asks).
package calendar
