package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/publish"
)

const buildSynopsis = "safeguard build [-s SRC] [-d DEST] [--base-url URL] [--drafts] [--future] [--today YYYY-MM-DD[THH:MM]] [--strict] [--timings]"

const buildDescription = `
Build the website and the newsletter fragments from the content in SRC into
DEST. Everything is read and checked first; every problem is printed as
path:line:col: error: message (how to fix), sorted by file and line.

The new site is built in a staging folder beside DEST and replaces DEST only
when the whole build succeeded: after a failed build DEST is exactly as it
was. Drafts and articles dated in the future are left out unless asked for.

A page whose review date has passed, or a contact not verified in time, is
a warning for build, so an urgent fix is never blocked; --strict refuses to
publish then, as check and status report them as errors.

On success one line says what was written and how long it took, for example:
  Built 37 pages, 2 newsletter fragments into public in 812 ms
and, when some are overdue, how many, for example:
  Built 37 pages, 2 newsletter fragments into public in 812 ms (2 overdue: see the warnings above and review them soon)
With --timings a second line gives the time spent in each stage, in this
fixed format (milliseconds):
  timings: load=12.0ms check=3.1ms hugo=640.2ms newsletter=8.5ms output-check=40.7ms swap=1.2ms

Hugo's names for the flags work too: --destination, --baseURL (or -b),
-D/--buildDrafts, -F/--buildFuture.

Exit status: 0 built, 1 the content or the build has errors, 2 misuse,
3 could not finish: a system error (a folder or file that cannot be written).
`

// buildOptions are the flags of safeguard build.
type buildOptions struct {
	source  string
	dest    string
	baseURL string
	drafts  bool
	future  bool
	today   time.Time
	timings bool
	strict  bool
}

func runBuild(ctx context.Context, args []string, std stdio) int {
	var o buildOptions
	fs := newFlagSet("build", buildSynopsis, buildDescription, std)
	sourceFlag(fs, &o.source)
	destHelp := "output `folder` (default SRC/public); it is replaced as a whole"
	fs.StringVar(&o.dest, "d", "", destHelp)
	fs.StringVar(&o.dest, "destination", "", "same as -d `folder`")
	baseHelp := "the `address` the site will be published at, e.g. https://safer.example.org/ (default: base_url in site.yaml)"
	fs.StringVar(&o.baseURL, "base-url", "", baseHelp)
	fs.StringVar(&o.baseURL, "baseURL", "", "same as --base-url `address`")
	fs.StringVar(&o.baseURL, "b", "", "same as --base-url `address`")
	fs.BoolVar(&o.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&o.drafts, "D", false, "same as --drafts")
	fs.BoolVar(&o.drafts, "buildDrafts", false, "same as --drafts")
	fs.BoolVar(&o.future, "future", false, "include articles dated after today")
	fs.BoolVar(&o.future, "F", false, "same as --future")
	fs.BoolVar(&o.future, "buildFuture", false, "same as --future")
	fs.Var(dateFlag{&o.today}, "today", "build as if today were this `day` (YYYY-MM-DD): decides which articles are in the future and which dates are overdue; YYYY-MM-DDTHH:MM also says which alerts show (London time)")
	fs.BoolVar(&o.strict, "strict", false, "refuse to publish while a review or a contact verification is overdue (without it they are warnings)")
	fs.BoolVar(&o.timings, "timings", false, "print a second line with the time each stage took (format above)")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	if o.baseURL != "" {
		if err := content.CheckBaseURL(o.baseURL); err != nil {
			fmt.Fprintf(std.err, "safeguard build: --base-url: %v\n", err)
			return exitUsage
		}
	}
	if fi, err := os.Stat(o.source); err != nil || !fi.IsDir() {
		fmt.Fprintf(std.err, "safeguard build: the source folder %s does not exist or is not a folder (give the folder holding content/ with -s)\n", o.source)
		return exitUsage
	}
	if err := publish.CheckDest(o.source, o.dest); err != nil {
		fmt.Fprintf(std.err, "safeguard build: %v\n", err)
		return exitUsage
	}

	res, diags := publish.Build(ctx, publish.Options{
		Source:  o.source,
		BaseURL: o.baseURL,
		Drafts:  o.drafts,
		Future:  o.future,
		Today:   o.today,
		// A draft's problems never stop an urgent fix going out.
		LeftOutWarn: true,
	}, publish.Output{Dest: o.dest, Strict: o.strict})
	if code := printDiagnostics(std.err, diags); code != exitOK {
		errs, _ := diags.Counts()
		fmt.Fprintf(std.err, "Build failed with %s; nothing was published (the previous output is unchanged).\n", nounCount(errs, "error"))
		return code
	}
	printSummary(std.out, res, o.timings)
	return exitOK
}

func printSummary(w io.Writer, res publish.Result, timings bool) {
	overdue := ""
	if res.Overdue > 0 {
		overdue = fmt.Sprintf(" (%d overdue: see the warnings above and review them soon)", res.Overdue)
	}
	fmt.Fprintf(w, "Built %s, %s into %s in %d ms%s\n",
		nounCount(res.Pages, "page"), nounCount(res.Fragments, "newsletter fragment"), displayPath(res.Dest), res.Timings.Total.Milliseconds(), overdue)
	if timings {
		t := res.Timings
		fmt.Fprintf(w, "timings: load=%s check=%s hugo=%s newsletter=%s output-check=%s swap=%s\n",
			ms(t.Load), ms(t.Check), ms(t.Hugo), ms(t.Newsletter), ms(t.OutputCheck), ms(t.Swap))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// nounCount writes "1 page", "2 pages".
func nounCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// displayPath shows path relative to the current folder when it is inside it.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return path
}
