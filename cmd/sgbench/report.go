package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// The targets of issue 6.
const (
	targetTimeRatio = 1.15 // safeguard/hugo wall time at 10,000 articles
	targetMemRatio  = 1.25 // safeguard/hugo peak memory at 10,000 articles
	targetSize      = 10000
)

type stats struct {
	wall, cpu time.Duration
	rss       int64
}

func medians(ss []sample) stats {
	var ws, cs []time.Duration
	var rs []int64
	for _, s := range ss {
		ws = append(ws, s.wall)
		cs = append(cs, s.cpu)
		rs = append(rs, s.rss)
	}
	return stats{medianDur(ws), medianDur(cs), medianInt(rs)}
}

// stageMedians returns each stage's median over the runs, in printed order.
func stageMedians(ss []sample) []stage {
	var names []string
	by := map[string][]time.Duration{}
	for _, s := range ss {
		for _, st := range s.stages {
			if _, ok := by[st.name]; !ok {
				names = append(names, st.name)
			}
			by[st.name] = append(by[st.name], st.d)
		}
	}
	out := make([]stage, 0, len(names))
	for _, n := range names {
		out = append(out, stage{n, medianDur(by[n])})
	}
	return out
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(b int64) string           { return fmt.Sprintf("%d MB", (b+(1<<19))>>20) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func perPage(d time.Duration, pages int) float64 {
	if pages == 0 {
		return 0
	}
	return float64(d.Microseconds()) / 1000 / float64(pages)
}

func perSecond(d time.Duration, pages int) float64 {
	if d <= 0 {
		return 0
	}
	return float64(pages) / d.Seconds()
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// printSize prints one size's table.
func printSize(w io.Writer, r sizeResult) {
	sg, hu := medians(r.sg), medians(r.hugo)
	fmt.Fprintf(w, "== %s articles: %s HTML pages (hugo %s), %s source files, %d run(s) each ==\n",
		thousands(r.articles), thousands(r.sgPages), thousands(r.hugoPages), thousands(r.gen.Files), len(r.sg))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\twall (median)\tCPU user+sys (median)\tpeak RSS (median)\tpages/s\tms/page\t")
	fmt.Fprintf(tw, "safeguard\t%s\t%s\t%s\t%.0f\t%.3f\t\n", secs(sg.wall), secs(sg.cpu), mb(sg.rss), perSecond(sg.wall, r.sgPages), perPage(sg.wall, r.sgPages))
	fmt.Fprintf(tw, "hugo\t%s\t%s\t%s\t%.0f\t%.3f\t\n", secs(hu.wall), secs(hu.cpu), mb(hu.rss), perSecond(hu.wall, r.hugoPages), perPage(hu.wall, r.hugoPages))
	fmt.Fprintf(tw, "safeguard/hugo\t%.2f\t%.2f\t%.2f\t\t\t\n", ratio(sg.wall.Seconds(), hu.wall.Seconds()), ratio(sg.cpu.Seconds(), hu.cpu.Seconds()), ratio(float64(sg.rss), float64(hu.rss)))
	tw.Flush()
	if st := stageMedians(r.sg); len(st) > 0 {
		parts := make([]string, len(st))
		for i, s := range st {
			parts[i] = fmt.Sprintf("%s %s", s.name, secs(s.d))
		}
		fmt.Fprintf(w, "safeguard stages (median): %s\n", strings.Join(parts, ", "))
	} else {
		fmt.Fprintln(w, "safeguard stages: no timings: line in the output of safeguard build --timings")
	}
	fmt.Fprintf(w, "all runs, wall (s): safeguard %s; hugo %s\n", runList(r.sg), runList(r.hugo))
	switch {
	case r.sgPages != r.hugoPages:
		fmt.Fprintf(w, "OUTPUT MISMATCH: safeguard wrote %d HTML pages, hugo %d\n", r.sgPages, r.hugoPages)
	default:
		fmt.Fprintf(w, "outputs: same page count")
	}
	if r.sgPages == r.hugoPages {
		fmt.Fprintf(w, "; %d of %d sample files byte-identical", len(r.same), len(r.same)+len(r.diff))
		if len(r.diff) > 0 {
			fmt.Fprintf(w, " (differ: %s)", strings.Join(r.diff, ", "))
		}
		fmt.Fprintln(w)
	}
	if len(r.onlySG)+len(r.onlyHugo) > 0 {
		fmt.Fprintf(w, "files only safeguard wrote: %d %s; only hugo: %d %s\n",
			len(r.onlySG), firstFew(r.onlySG), len(r.onlyHugo), firstFew(r.onlyHugo))
	}
	fmt.Fprintln(w)
}

func runList(ss []sample) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%.2f", s.wall.Seconds())
	}
	return strings.Join(parts, " ")
}

func firstFew(fs []string) string {
	if len(fs) == 0 {
		return ""
	}
	if len(fs) > 3 {
		return "(" + strings.Join(fs[:3], ", ") + ", ...)"
	}
	return "(" + strings.Join(fs, ", ") + ")"
}

// printSummary prints one line per size and the targets.
func printSummary(w io.Writer, rs []sizeResult) {
	fmt.Fprintln(w, "== summary (medians) ==")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tpages\tsafeguard\thugo\ttime ratio\tCPU ratio\tsafeguard RSS\thugo RSS\tRSS ratio\tsafeguard ms/page\thugo ms/page\t")
	for _, r := range rs {
		sg, hu := medians(r.sg), medians(r.hugo)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.3f\t%.3f\t\n", thousands(r.articles), thousands(r.sgPages),
			secs(sg.wall), secs(hu.wall), ratio(sg.wall.Seconds(), hu.wall.Seconds()), ratio(sg.cpu.Seconds(), hu.cpu.Seconds()),
			mb(sg.rss), mb(hu.rss), ratio(float64(sg.rss), float64(hu.rss)),
			perPage(sg.wall, r.sgPages), perPage(hu.wall, r.hugoPages))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "targets:")
	for _, t := range targets(rs) {
		fmt.Fprintln(w, "  "+t)
	}
}

// targets says, for each target, whether it is met, not met, or not measured
// by the sizes run.
func targets(rs []sizeResult) []string {
	var at, small, large *sizeResult
	for i := range rs {
		r := &rs[i]
		if r.articles == targetSize {
			at = r
		}
		if small == nil || r.articles < small.articles {
			small = r
		}
		if large == nil || r.articles > large.articles {
			large = r
		}
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT MET"
	}
	var out []string
	if at == nil {
		out = append(out,
			fmt.Sprintf("time ratio <= %.2f at %s articles: not measured (add %d to -sizes)", targetTimeRatio, thousands(targetSize), targetSize),
			fmt.Sprintf("memory ratio <= %.2f at %s articles: not measured", targetMemRatio, thousands(targetSize)))
	} else {
		sg, hu := medians(at.sg), medians(at.hugo)
		tr, mr := ratio(sg.wall.Seconds(), hu.wall.Seconds()), ratio(float64(sg.rss), float64(hu.rss))
		cr := ratio(sg.cpu.Seconds(), hu.cpu.Seconds())
		out = append(out,
			fmt.Sprintf("time ratio <= %.2f at %s articles: %.2f, %s (CPU time ratio %.2f)", targetTimeRatio, thousands(targetSize), tr, verdict(tr <= targetTimeRatio), cr),
			fmt.Sprintf("memory ratio <= %.2f at %s articles: %.2f, %s", targetMemRatio, thousands(targetSize), mr, verdict(mr <= targetMemRatio)))
	}
	if small == nil || small == large {
		out = append(out, "linear scaling (time per page at the largest size no worse than at the smallest): not measured (needs two sizes)")
	} else {
		a, b := perPage(medians(small.sg).wall, small.sgPages), perPage(medians(large.sg).wall, large.sgPages)
		out = append(out, fmt.Sprintf("linear scaling: safeguard %.3f ms/page at %s articles vs %.3f at %s: %s",
			b, thousands(large.articles), a, thousands(small.articles), verdict(b <= a)))
	}
	return out
}
