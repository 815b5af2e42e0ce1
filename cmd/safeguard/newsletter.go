package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/newsletter"
	"safeguard/internal/publish"
)

const newsletterSynopsis = "safeguard newsletter [-s SRC] [--issue YYYY-MM] [-o DIR|-] [--text] [--base-url URL] [--today YYYY-MM-DD[THH:MM]]"

const newsletterDescription = `
Writes one @Home issue's email-safe fragments: for each article in the issue
SLUG.html (paste into an email tool's HTML block) and SLUG.txt (its plain-text
twin), and the whole issue as issue.html and issue.txt.

An article is in an issue when its front matter has
  newsletter: {issue: "2020-12", order: 1}
The issue is the newest one unless --issue names another. An urgent notice
(content/alerts/) showing when the command runs is at the top of every issue
whose month its window reaches; --today YYYY-MM-DDTHH:MM makes the issue as it
will be at that moment (London time).

Without -o the files go to SRC/public/newsletter/ISSUE/, where 'safeguard build'
also puts them. With -o - the whole issue is written to standard output (HTML, or
plain text with --text) for piping into another tool; messages go to standard
error. Exit status: 0 done, 1 content errors or no such issue, 2 wrong flags,
3 could not finish: a system error (a folder or file cannot be written).`

type newsletterOptions struct {
	source  string
	issue   string
	out     string
	text    bool
	baseURL string
	drafts  bool
	future  bool
	today   time.Time
}

var issuePattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

func runNewsletter(ctx context.Context, args []string, std stdio) int {
	var o newsletterOptions
	fs := newFlagSet("newsletter", newsletterSynopsis, newsletterDescription, std)
	sourceFlag(fs, &o.source)
	fs.StringVar(&o.issue, "issue", "", "the issue to write, as `YYYY-MM` (default: the newest)")
	fs.StringVar(&o.out, "o", "", "write the files to `DIR`, or the whole issue to standard output with - (default: SRC/public/newsletter/ISSUE)")
	fs.StringVar(&o.out, "output", "", "same as -o")
	fs.BoolVar(&o.text, "text", false, "with -o -: write the plain-text version instead of the HTML")
	fs.StringVar(&o.baseURL, "base-url", "", "the site's https:// `address`, used for every link (default: base_url in site.yaml)")
	fs.StringVar(&o.baseURL, "baseURL", "", "same as --base-url")
	fs.BoolVar(&o.drafts, "drafts", false, "include draft articles")
	fs.BoolVar(&o.future, "future", false, "include articles dated in the future (to prepare the next issue)")
	fs.Var(dateFlag{&o.today}, "today", "make the issue as if today were this `day` (YYYY-MM-DD): decides which articles are in the future; YYYY-MM-DDTHH:MM also says which alerts show (London time)")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	if o.issue != "" && !issuePattern.MatchString(o.issue) {
		fmt.Fprintf(std.err, "safeguard newsletter: --issue %q is not a month (write it as YYYY-MM, such as 2020-12)\n", o.issue)
		return exitUsage
	}
	if o.text && o.out != "-" {
		fmt.Fprintln(std.err, "safeguard newsletter: --text only applies with -o - (to a folder both versions are written)")
		return exitUsage
	}
	if o.baseURL != "" {
		if err := content.CheckBaseURL(o.baseURL); err != nil {
			fmt.Fprintf(std.err, "safeguard newsletter: --base-url: %v\n", err)
			return exitUsage
		}
		// Links in an email must be https: (the fragment rules).
		if u, _ := url.Parse(o.baseURL); u.Scheme != "https" {
			fmt.Fprintf(std.err, "safeguard newsletter: --base-url %q is not an https:// address (such as https://www.example.org/)\n", o.baseURL)
			return exitUsage
		}
	}
	if o.out != "" && o.out != "-" {
		if err := publish.CheckWriteDir(o.source, o.out); err != nil {
			fmt.Fprintf(std.err, "safeguard newsletter: %v\n", err)
			return exitUsage
		}
	}
	return newsletterRun(o, std)
}

func newsletterRun(o newsletterOptions, std stdio) int {
	site, issues, diags := publish.New(publish.Options{Source: o.source, BaseURL: o.baseURL, Drafts: o.drafts, Future: o.future, Today: o.today}).Issues()
	if site == nil {
		return printDiagnostics(std.err, diags)
	}
	name := site.Config.NewsletterName
	if name == "" {
		name = content.DefaultNewsletterName
	}
	if diags.HasErrors() {
		return printDiagnostics(std.err, diags)
	}
	if len(issues) == 0 {
		printDiagnostics(std.err, diags)
		fmt.Fprintf(std.err, "safeguard newsletter: no %s issues: no article has newsletter: {issue: YYYY-MM} in its front matter (see docs/content-model.md)\n", name)
		return exitContent
	}
	iss := issues[0]
	if o.issue != "" {
		i := slices.IndexFunc(issues, func(x *newsletter.Issue) bool { return x.ID == o.issue })
		if i < 0 {
			var ids []string
			for _, x := range issues {
				ids = append(ids, x.ID)
			}
			slices.Sort(ids)
			printDiagnostics(std.err, diags)
			fmt.Fprintf(std.err, "safeguard newsletter: no %s issue %q (issues: %s)\n", name, o.issue, strings.Join(ids, ", "))
			return exitContent
		}
		iss = issues[i]
	}
	printDiagnostics(std.err, diags)

	if o.out == "-" {
		data := newsletter.IssueHTML(site, iss)
		if o.text {
			data = newsletter.IssueText(iss)
		}
		if _, err := std.out.Write(data); err != nil {
			fmt.Fprintf(std.err, "safeguard newsletter: cannot write the issue: %v\n", err)
			return exitSystem
		}
		return exitOK
	}
	dir := o.out
	if dir == "" {
		dir = filepath.Join(o.source, "public", "newsletter", iss.ID)
	}
	files := newsletter.IssueFiles(site, iss)
	prefix := "newsletter/" + iss.ID + "/"
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f.Path, prefix)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(std.err, "safeguard newsletter: cannot create folder %s: %v\n", filepath.Dir(p), err)
			return exitSystem
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintf(std.err, "safeguard newsletter: cannot write %s: %v\n", p, err)
			return exitSystem
		}
	}
	notices := ""
	switch n := len(iss.Alerts); {
	case n == 1:
		notices = " after 1 urgent notice"
	case n > 1:
		notices = fmt.Sprintf(" after %d urgent notices", n)
	}
	fmt.Fprintf(std.out, "%s: %d articles%s, %d files written to %s\n", iss.Title, len(iss.Fragments), notices, len(files), filepath.ToSlash(dir))
	return exitOK
}
