package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/content"
)

const statusSynopsis = "safeguard status [-s SRC] [--today YYYY-MM-DD[THH:MM]] [--next-change [--format text|json]]"

const statusDescription = `
List what needs the team's attention, soonest first: pages whose review is
overdue or due within 30 days, contacts to verify again, scheduled articles with
their publish dates, then drafts and pages with no review date. Each line gives
the file to edit.

With --next-change it prints instead when the site next changes by itself,
with no one editing a file, in London time and in UTC: the earliest of a
scheduled article going live, an event moving to past events, a review date
or a contact's verification running out (from then 'safeguard check' fails).
A build after that moment publishes the change: CI's scheduled rebuild does
(docs/publishing.md). --format json prints it for programs.

Exit status: 0 listed (even when things are due), 1 the content has errors
(run 'safeguard check'), 2 misuse, 3 could not finish: a system error (the
list cannot be written).
`

func runStatus(ctx context.Context, args []string, std stdio) int {
	var (
		source string
		today  time.Time
		next   bool
		format string
	)
	fs := newFlagSet("status", statusSynopsis, statusDescription, std)
	sourceFlag(fs, &source)
	fs.Var(dateFlag{&today}, "today", "measure dates from this `day` (YYYY-MM-DD) instead of today; YYYY-MM-DDTHH:MM (London time) also says which alerts show, and --next-change counts from that moment")
	fs.BoolVar(&next, "next-change", false, "print when the site next changes by itself (a scheduled article, an event ending, a review or verification running out)")
	fs.StringVar(&format, "format", "text", "with --next-change: output `format`, text or json")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	if format != "text" && format != "json" || format == "json" && !next {
		fmt.Fprintf(std.err, "safeguard status: --format %q is not known here (use text, or json with --next-change)\n", format)
		return exitUsage
	}
	site, l := content.Load(source, content.Options{Today: today, Drafts: true, Future: true})
	if site == nil {
		printDiagnostics(std.err, l)
		return exitContent
	}
	if next {
		return printNextChange(std, site, today, format)
	}
	items := check.Due(site, check.Options{Today: today})
	out := &errWriter{w: std.out}
	if len(items) == 0 {
		fmt.Fprintln(out, "Nothing due: no drafts, no scheduled pages, and no reviews or contacts due in the next 30 days.")
	}
	now := check.Options{Today: today}
	if len(items) > 0 {
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tWHAT\tTITLE\tFILE")
		for _, it := range items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", when(it.Date, now), it.What, it.Title, it.Path)
		}
		tw.Flush()
	}
	if out.err != nil {
		fmt.Fprintf(std.err, "safeguard status: cannot write the list: %v\n", out.err)
		return exitSystem
	}
	return exitOK
}

// when writes a date for the team: "5 Dec 2026 (in 6 days)".
func when(d time.Time, o check.Options) string {
	if d.IsZero() {
		return "-"
	}
	t := o.Today
	if t.IsZero() {
		t = time.Now()
	}
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	n := int(d.Sub(today).Hours() / 24)
	var rel string
	switch {
	case n == 0:
		rel = "today"
	case n == 1:
		rel = "tomorrow"
	case n == -1:
		rel = "yesterday"
	case n > 1:
		rel = fmt.Sprintf("in %d days", n)
	default:
		rel = fmt.Sprintf("%d days ago", -n)
	}
	return d.Format("2 Jan 2006") + " (" + rel + ")"
}
