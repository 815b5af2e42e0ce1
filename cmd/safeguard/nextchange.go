package main

import (
	"fmt"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/content"
)

// nextChangeJSON is status --next-change --format json: At is null when
// nothing will change by itself.
type nextChangeJSON struct {
	At      *time.Time       `json:"at"`     // UTC, RFC 3339
	London  string           `json:"london"` // the same instant in London, RFC 3339 with its offset
	Changes []nextChangeItem `json:"changes"`
}

type nextChangeItem struct {
	What  string `json:"what"`
	Title string `json:"title"`
	File  string `json:"file"`
}

// printNextChange prints the next change after now (the start of --today
// in London when given, for tests and planning).
func printNextChange(std stdio, site *content.Site, today time.Time, format string) int {
	now := time.Now()
	if h, m, _ := today.Clock(); h != 0 || m != 0 {
		now = today // --today YYYY-MM-DDTHH:MM, in London: that very moment
	} else if !today.IsZero() {
		now = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, londonTZ)
	}
	next := check.NextChange(site, now)
	out := &errWriter{w: std.out}
	if format == "json" {
		j := nextChangeJSON{Changes: []nextChangeItem{}}
		if len(next) > 0 {
			at := next[0].At.UTC()
			j.At, j.London = &at, next[0].At.In(londonTZ).Format(time.RFC3339)
		}
		for _, c := range next {
			j.Changes = append(j.Changes, nextChangeItem{What: c.What, Title: c.Title, File: c.Path})
		}
		writeJSONValue(out, j)
	} else if len(next) == 0 {
		fmt.Fprintln(out, "Nothing will change by itself: no scheduled articles, upcoming events, or review or verification dates ahead.")
	} else {
		at := next[0].At
		fmt.Fprintf(out, "Next change: %s London time (%s)\n", at.In(londonTZ).Format("Monday 2 January 2006 15:04 MST"), at.UTC().Format("2006-01-02 15:04 UTC"))
		for _, c := range next {
			fmt.Fprintf(out, "  %s: %s (%s)\n", c.What, c.Title, c.Path)
		}
	}
	if out.err != nil {
		fmt.Fprintf(std.err, "safeguard status: cannot write the next change: %v\n", out.err)
		return exitSystem
	}
	return exitOK
}

// londonTZ is where the site's dates are: Europe/London (time/tzdata is
// built in, so this never fails).
var londonTZ = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()
