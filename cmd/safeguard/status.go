package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/content"
)

const statusSynopsis = "safeguard status [-s SRC] [--today YYYY-MM-DD]"

const statusDescription = `
List what needs the team's attention, soonest first: pages whose review is
overdue or due within 30 days, contacts to verify again, scheduled articles with
their publish dates, then drafts and pages with no review date. Each line gives
the file to edit.

Exit status: 0 listed (even when things are due), 1 the content has errors
(run 'safeguard check'), 2 misuse, 3 could not finish: a system error (the
list cannot be written).
`

func runStatus(ctx context.Context, args []string, std stdio) int {
	var (
		source string
		today  time.Time
	)
	fs := newFlagSet("status", statusSynopsis, statusDescription, std)
	sourceFlag(fs, &source)
	fs.Var(dateFlag{&today}, "today", "measure dates from this `day` (YYYY-MM-DD) instead of today")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	site, l := content.Load(source, content.Options{Today: today, Drafts: true, Future: true})
	if site == nil {
		printDiagnostics(std.err, l)
		return exitContent
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
