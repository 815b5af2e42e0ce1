package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/publish"
	"safeguard/internal/rules"
)

const checkSynopsis = "safeguard check [-s SRC] [--format text|json|github|azure] [--today YYYY-MM-DD] [--strict] [--drafts] [--future]"

const checkDescription = `
Report everything that is wrong or stale in the content before residents see
it: broken links, anchors and images, pages and contacts past their review
dates, missing alt text, skipped headings, vague link text, plain http: links,
PDFs offered as the only copy, hard-to-read writing, orphan pages and unused
contacts. Nothing is written anywhere.

Each problem is printed as path:line:col: error|warning: message (how to fix),
sorted by file and line, then a summary. Errors stop 'safeguard build' from
publishing; warnings do not. A page can switch a rule off with a reason (see
docs/content-model.md, "In the text").

With --format github or azure each problem is printed as the CI service's
annotation (GitHub Actions' ::error file=...::, Azure Pipelines'
##vso[task.logissue ...]), so it shows on the pull request's line; paths then
start from the current folder (run it from the repository's root).

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 misuse,
3 could not finish: a system error (the report or a folder cannot be written).
`

// checkOptions are the flags of safeguard check.
type checkOptions struct {
	source string
	format string
	today  time.Time
	strict bool
	drafts bool // check drafts too, as 'build --drafts' would publish them
	future bool // check articles dated after today too
}

// dateFlag parses --today as a London calendar day.
type dateFlag struct{ t *time.Time }

func (d dateFlag) String() string {
	if d.t == nil || d.t.IsZero() {
		return ""
	}
	if h, m, _ := d.t.Clock(); h != 0 || m != 0 {
		return d.t.Format("2006-01-02T15:04")
	}
	return d.t.Format("2006-01-02")
}

func (d dateFlag) Set(s string) error {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		// A time too, in London, says which alerts are showing at that
		// moment (a test of an alert's window).
		t, err = time.ParseInLocation("2006-01-02T15:04", s, content.London)
	}
	if err != nil {
		return fmt.Errorf("%q is not a date (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time in London)", s)
	}
	*d.t = t
	return nil
}

func runCheck(ctx context.Context, args []string, std stdio) int {
	var o checkOptions
	fs := newFlagSet("check", checkSynopsis, checkDescription+ruleHelp(), std)
	sourceFlag(fs, &o.source)
	fs.StringVar(&o.format, "format", "text", "output `format`: text (for people), json (for editors and CI), github or azure (annotations on pull requests)")
	fs.Var(dateFlag{&o.today}, "today", "measure review and verification dates from this `day` (YYYY-MM-DD) instead of today")
	fs.BoolVar(&o.strict, "strict", false, "exit 1 on warnings too")
	fs.BoolVar(&o.drafts, "drafts", false, "check pages marked draft: true as well, as 'build --drafts' would publish them")
	fs.BoolVar(&o.future, "future", false, "check articles dated after today as well, as 'build --future' would publish them")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	switch o.format {
	case "text", "json", "github", "azure":
	default:
		fmt.Fprintf(std.err, "safeguard check: --format %q is not known (use text, json, github or azure)\n", o.format)
		return exitUsage
	}
	files, l := checkSite(ctx, o)
	return reportCheck(std, o, files, l)
}

// checkSite builds the site into a temporary folder without touching any
// output (a dry run of publish.Build, so check sees exactly what build would
// refuse), and returns every diagnostic and how many source files there are.
func checkSite(ctx context.Context, o checkOptions) (int, diag.List) {
	_, l := publish.Build(ctx, publish.Options{Source: o.source, Today: o.today, Drafts: o.drafts, Future: o.future}, publish.Output{DryRun: true})
	return countSourceFiles(o.source), l
}

// countSourceFiles counts site.yaml and the Markdown files under content/,
// for the summary line.
func countSourceFiles(source string) int {
	n := 0
	if _, err := os.Stat(filepath.Join(source, "site.yaml")); err == nil {
		n++
	}
	_ = filepath.WalkDir(filepath.Join(source, "content"), func(p string, d iofs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return nil
	})
	return n
}

// reportCheck prints diagnostics in the chosen format and picks the exit code.
func reportCheck(std stdio, o checkOptions, files int, l diag.List) int {
	l = l.Sort()
	errs, warns := l.Counts()
	out := &errWriter{w: std.out}
	switch o.format {
	case "json":
		writeJSON(out, l)
	default:
		switch o.format {
		case "github":
			l.PrintGitHub(out, ciDir(o.source))
		case "azure":
			l.PrintAzure(out, ciDir(o.source))
		default:
			l.Print(out)
		}
		fmt.Fprintf(out, "checked %s: %s, %s\n", plural(files, "file"), plural(errs, "error"), plural(warns, "warning"))
	}
	if out.err != nil {
		fmt.Fprintf(std.err, "safeguard check: cannot write the report: %v\n", out.err)
		return exitSystem
	}
	if code := exitFor(l); code != exitOK {
		return code
	}
	if o.strict && warns > 0 {
		return exitContent
	}
	return exitOK
}

// ciDir is the source folder as a CI annotation's path starts: relative to
// the current folder (the repository's root in a CI job), slash separated.
func ciDir(source string) string {
	if filepath.IsAbs(source) {
		wd, err := os.Getwd()
		if err != nil {
			return ""
		}
		rel, err := filepath.Rel(wd, source)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return ""
		}
		source = rel
	}
	return filepath.ToSlash(filepath.Clean(source))
}

// ruleHelp lists the rulebook (internal/rules) for --help, so the names to
// switch off are at hand.
func ruleHelp() string {
	var b strings.Builder
	b.WriteString("\nRules, one book for the web page and the newsletter: a rule switched off for a\npage is off for its web page, its newsletter fragment and its text twin.\nSwitch one off with a reason: ignore: {rule: \"why\"} in the front matter,\nor <!-- safeguard-ignore rule: why --> on the line before. Rules marked\n\"fixed\" protect readers or the build and cannot be switched off.\n")
	group := func(o rules.Output) string {
		switch o {
		case rules.Email:
			return "Email only (the newsletter's fragment and text twin)"
		case rules.Files:
			return "The site's files"
		}
		return "Pages (the web page, and the newsletter where it applies)"
	}
	last := ""
	for _, r := range rules.All {
		if g := group(r.Where); g != last {
			fmt.Fprintf(&b, "\n %s:\n", g)
			last = g
		}
		sw := ""
		if !r.Switchable() {
			sw = "fixed"
		}
		fmt.Fprintf(&b, "  %-22s %-7s %-5s %s\n", r.Name, r.Severity, sw, r.Protects)
	}
	return b.String()
}

// jsonDiagnostic is a diagnostic as --format json writes it: with what its
// rule protects and whether a page may switch it off, from the rulebook.
type jsonDiagnostic struct {
	diag.Diagnostic
	Protects   string `json:"protects,omitempty"`
	Switchable bool   `json:"switchable"`
}

func writeJSON(w io.Writer, l diag.List) error {
	out := make([]jsonDiagnostic, 0, len(l))
	for _, d := range l {
		r, _ := rules.Lookup(d.Rule)
		out = append(out, jsonDiagnostic{Diagnostic: d, Protects: r.Protects, Switchable: r.Switchable() && r.Name != ""})
	}
	return writeJSONValue(w, out)
}

// writeJSONValue writes v as indented JSON, as every --format json does.
func writeJSONValue(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

var _ flag.Value = dateFlag{}
