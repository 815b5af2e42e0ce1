package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/deploy"
	"safeguard/internal/deployconfig"
	"safeguard/internal/headers"
	"safeguard/internal/publish"
)

const deploySynopsis = "safeguard deploy [-s SRC] [--target NAME] [--from DIR] [--dry-run] [--confirm] [--force] [--allow-empty] [--reupload] [--workers N] [--timeout D] [--break-lock] [--print-headers HOST]"

const deployDescription = `
Publish the site to a target named in site.yaml's deploy: section: an Azure
storage container (azblob://$web), an S3 bucket (s3://bucket?region=...), a
Google Cloud Storage bucket (gs://bucket) or a folder (file:///path).

It builds SRC first, as safeguard build does (or takes a finished build with
--from), compares it with what the target holds, and prints the plan:
  Plan for azure (azblob://$web): upload 12 files (84.1 KB), delete 1, unchanged 230
Only a build is deployed, and only the files it wrote (its record,
public/.safeguard-build.json, lists them with their hashes); a file copied
into the folder by hand, or a secret, never is. Only changed files are
uploaded, with their Content-Type, Cache-Control and, for text on storage
services, gzip. Stylesheets, scripts and images go first, then the pages,
then the home page, the 404 page, the sitemap and the feeds, deletes last:
if a deploy stops part way, every live page still finds what it links to,
and running it again sends only what is left. A deploy that would delete
more than deploy.max_delete_percent of the live files (25 unless set) is
refused without --force, and one that would delete all of them without
--allow-empty. While it runs, the target holds a lock: a second deploy is
refused, naming when and where the first started. After it, a CloudFront
distribution or Google Cloud CDN named in the target is invalidated, and for
Azure Front Door the purge command is printed.

Credentials come from the environment only, never from site.yaml:
  azblob  AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or AZURE_STORAGE_SAS_TOKEN,
          or 'az login'; or AZURE_STORAGE_CONNECTION_STRING)
  s3      AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)
  gs      GOOGLE_APPLICATION_CREDENTIALS

--print-headers HOST prints the site's security headers for a host that
needs them set by hand, and stops: cloudfront (response headers policies),
frontdoor (an Azure CLI rule set), netlify (_headers), staticwebapp
(staticwebapp.config.json), meta (the <meta> policy in every page).

Exit status: 0 deployed (or planned), 1 the build or its files are wrong
or the delete guard stopped it, 2 misuse (a wrong flag, an unknown target,
a folder no build made, missing or refused credentials), 3 the deploy could
not finish (the network, the service, a timeout, another deploy running).
`

// deployOptions are the flags of safeguard deploy.
type deployOptions struct {
	source       string
	target       string
	from         string
	dryRun       bool
	force        bool
	allowEmpty   bool
	confirm      bool
	reupload     bool
	breakLock    bool
	workers      int
	timeout      time.Duration
	printHeaders string
	getenv       func(string) string
}

func runDeploy(ctx context.Context, args []string, std stdio) int {
	o := deployOptions{getenv: os.Getenv}
	fs := newFlagSet("deploy", deploySynopsis, deployDescription, std)
	sourceFlag(fs, &o.source)
	fs.StringVar(&o.target, "target", "", "the `name` of a target in site.yaml's deploy: section (default: the first)")
	fs.StringVar(&o.from, "from", "", "deploy this finished build `folder` instead of building SRC first")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the plan and change nothing")
	fs.BoolVar(&o.confirm, "confirm", false, "ask before changing anything")
	fs.BoolVar(&o.force, "force", false, "deploy even when it deletes more than deploy.max_delete_percent of the live files")
	fs.BoolVar(&o.allowEmpty, "allow-empty", false, "with --force, allow a deploy that deletes every live file")
	fs.BoolVar(&o.reupload, "reupload", false, "upload every file, changed or not (what hugo deploy --force does)")
	fs.BoolVar(&o.breakLock, "break-lock", false, "remove the lock a stopped deploy left on the target first")
	fs.IntVar(&o.workers, "workers", deploy.Workers, "how many files to send at once")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up when the whole deploy takes longer than `duration` (each request has at most 2m of it)")
	fs.StringVar(&o.printHeaders, "print-headers", "", "print the security headers for `host` (cloudfront, frontdoor, netlify, staticwebapp, meta) and stop")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	if o.workers < 1 || o.workers > 64 {
		fmt.Fprintf(std.err, "safeguard deploy: --workers: %d is not a number of files to send at once (use 1 to 64)\n", o.workers)
		return exitUsage
	}
	if o.timeout <= 0 {
		fmt.Fprintf(std.err, "safeguard deploy: --timeout: %s is not a time to wait (write one such as 30m or 2h)\n", o.timeout)
		return exitUsage
	}
	return deployRun(ctx, o, std)
}

// deployExit is the exit status for a deploy failure of err's kind.
func deployExit(err error) int {
	switch deploy.KindOf(err) {
	case deploy.KindContent:
		return exitContent
	case deploy.KindUsage:
		return exitUsage
	}
	return exitSystem
}

func deployRun(ctx context.Context, o deployOptions, std stdio) int {
	if o.printHeaders != "" {
		print, ok := headers.Hosts[o.printHeaders]
		if !ok {
			fmt.Fprintf(std.err, "safeguard deploy: --print-headers: %q is not a host safeguard knows (use one of %s)\n", o.printHeaders, strings.Join(hostNames(), ", "))
			return exitUsage
		}
		fmt.Fprint(std.out, print())
		return exitOK
	}
	if fi, err := os.Stat(o.source); err != nil || !fi.IsDir() {
		fmt.Fprintf(std.err, "safeguard deploy: the source folder %s does not exist or is not a folder (give the folder holding site.yaml with -s)\n", strconv.Quote(o.source))
		return exitUsage
	}
	if o.from != "" {
		if fi, err := os.Stat(o.from); err != nil || !fi.IsDir() {
			fmt.Fprintf(std.err, "safeguard deploy: --from: %s does not exist or is not a folder (give the folder a build wrote, such as public)\n", strconv.Quote(o.from))
			return exitUsage
		}
	}
	cfg, diags := content.ReadConfig(o.source)
	if diags.HasErrors() {
		printDiagnostics(std.err, diags)
		fmt.Fprintln(std.err, "Nothing was deployed: site.yaml has errors.")
		return exitContent
	}
	if cfg.Deploy == nil || len(cfg.Deploy.Targets) == 0 {
		fmt.Fprintf(std.err, "safeguard deploy: site.yaml has no deploy: section (add one with a target, such as\n  deploy:\n    targets:\n      - name: azure\n        url: azblob://$web\nREADME.md, Deploy, shows each service)\n")
		return exitUsage
	}
	target, ok := cfg.Deploy.Target(o.target)
	if !ok {
		fmt.Fprintf(std.err, "safeguard deploy: --target: there is no target %q in site.yaml (the targets are: %s)\n", o.target, strings.Join(cfg.Deploy.Names(), ", "))
		return exitUsage
	}

	// Credentials are checked before the build, so a missing one costs nothing.
	bucket, err := deploy.Open(ctx, target.URL, o.getenv)
	if err != nil {
		fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
		return deployExit(err)
	}
	defer bucket.Close()

	dir := o.from
	if dir == "" {
		res, diags := publish.Build(ctx, publish.Options{Source: o.source, LeftOutWarn: true}, publish.Output{}) // as build does: a draft with problems never blocks
		if code := printDiagnostics(std.err, diags); code != exitOK {
			errs, _ := diags.Counts()
			fmt.Fprintf(std.err, "Build failed with %s; nothing was deployed.\n", nounCount(errs, "error"))
			return code
		}
		printSummary(std.out, res, false)
		dir = res.Dest
	}

	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	t := deploy.NewTarget(bucket, target, *cfg.Deploy)
	t.Workers = o.workers
	t.Retry.Timeout = min(t.Retry.Timeout, o.timeout)
	fail := func(err error) int {
		fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
		return deployExit(err)
	}
	if !o.dryRun {
		unlock, err := t.Lock(ctx, o.breakLock)
		if err != nil {
			return fail(err)
		}
		defer unlock()
	}
	start := time.Now()
	plan, err := t.MakePlan(ctx, dir, deploy.PlanOptions{Reupload: o.reupload})
	if err != nil {
		return fail(err)
	}
	if n := len(plan.NotBuilt); n > 0 {
		fmt.Fprintf(std.err, "safeguard deploy: warning: not deploying %s that the build did not write (copied in by hand?): %s\n", nounCount(n, "file"), shown(plan.NotBuilt))
	}
	if n := len(plan.Skipped); n > 0 {
		fmt.Fprintf(std.err, "safeguard deploy: warning: not deploying %s never published: %s\n", nounCount(n, "file"), shown(plan.Skipped))
	}
	printPlan(std.out, target, plan, o.dryRun)
	if err := plan.Guard(cfg.Deploy.MaxDeletePercent, o.force, o.allowEmpty); err != nil {
		return fail(err)
	}
	if o.dryRun {
		fmt.Fprintln(std.out, "Dry run: nothing was changed.")
		return exitOK
	}
	if len(plan.Uploads)+len(plan.Deletes) == 0 {
		fmt.Fprintf(std.out, "Nothing to deploy: %s is up to date.\n", target.Name)
		return exitOK
	}
	if o.confirm && !confirmed(std, fmt.Sprintf("Upload %s and delete %d on %s? Type yes to go on: ", nounCount(len(plan.Uploads), "file"), len(plan.Deletes), target.Name)) {
		fmt.Fprintln(std.out, "Nothing was deployed.")
		return exitOK
	}
	prog := newProgressLine(std.err)
	res, err := t.Apply(ctx, plan, deploy.Options{MaxDeletePercent: cfg.Deploy.MaxDeletePercent, Force: o.force, AllowEmpty: o.allowEmpty, Progress: prog.update})
	prog.end()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(std.err, "safeguard deploy: %s: stopped.\n", target.Name)
		} else {
			fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
		}
		fmt.Fprintf(std.err, "Deploy stopped after %s of %d. %s\n", nounCount(res.Uploaded, "upload"), len(plan.Uploads), plan.Live(res))
		return deployExit(err)
	}
	fmt.Fprintf(std.out, "Deployed to %s: uploaded %s (%s), deleted %d, %d unchanged, in %d ms\n",
		target.Name, nounCount(res.Uploaded, "file"), sizeText(res.Bytes), res.Deleted, plan.Unchanged, time.Since(start).Milliseconds())
	return invalidate(ctx, target, plan, std)
}

// shown lists at most five names, and how many more there are.
func shown(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
}

// confirmed asks question and reads the answer from standard input.
func confirmed(std stdio, question string) bool {
	fmt.Fprint(std.out, question)
	line, _ := bufio.NewReader(std.in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// invalidate tells the target's CDN what changed.
func invalidate(ctx context.Context, target deployconfig.Target, plan *deploy.Plan, std stdio) int {
	paths := plan.InvalidationPaths()
	if len(paths) == 0 {
		return exitOK
	}
	late := func(err error) int {
		fmt.Fprintf(std.err, "safeguard deploy: the site is deployed, but %v (the CDN may serve old copies until they expire; run deploy again or invalidate in the console)\n", err)
		return deployExit(err)
	}
	if id := target.CloudFrontDistribution; id != "" {
		inv, err := deploy.CloudFront(ctx, target.URL, id, paths)
		if err != nil {
			return late(err)
		}
		fmt.Fprintf(std.out, "CloudFront %s: invalidation %s of %s started\n", id, inv, nounCount(len(paths), "path"))
	}
	if g := target.GoogleCDN; g.URLMap != "" {
		client, err := deploy.GoogleClient(ctx)
		if err == nil {
			err = deploy.GoogleCDN(ctx, client, deploy.GoogleCDNEndpoint, g.Project, g.URLMap, paths)
		}
		if err != nil {
			return late(err)
		}
		fmt.Fprintf(std.out, "Cloud CDN %s: invalidation of %s started\n", g.URLMap, nounCount(len(paths), "path"))
	}
	if fd := target.FrontDoor; fd.Endpoint != "" {
		fmt.Fprintf(std.out, "Purge Azure Front Door's cache of the changed files with:\n  %s\n",
			deploy.FrontDoorPurge(fd.Subscription, fd.ResourceGroup, fd.Profile, fd.Endpoint, paths))
	}
	return exitOK
}

func hostNames() []string {
	var out []string
	for h := range headers.Hosts {
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}

// printPlan writes the plan's summary line; a dry run lists every file.
func printPlan(w io.Writer, target deployconfig.Target, p *deploy.Plan, all bool) {
	fmt.Fprintf(w, "Plan for %s (%s): upload %s (%s), delete %d, unchanged %d\n",
		target.Name, strings.SplitN(target.URL, "?", 2)[0], nounCount(len(p.Uploads), "file"), sizeText(p.Bytes), len(p.Deletes), p.Unchanged)
	if !all {
		return
	}
	for _, f := range p.Uploads {
		verb := "update"
		if f.New {
			verb = "add"
		}
		fmt.Fprintf(w, "  %-6s %s (%s, %s)\n", verb, strconv.Quote(f.Key), f.ContentType, f.CacheControl)
	}
	for _, k := range p.Deletes {
		fmt.Fprintf(w, "  delete %s\n", strconv.Quote(k))
	}
}

func sizeText(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
}

// progressLine shows how far a deploy is. On a terminal one line is
// rewritten in place; elsewhere (a CI log) a line is written at each quarter.
type progressLine struct {
	w        io.Writer
	terminal bool
	shown    int // quarters printed, when not a terminal
	last     time.Time
	drawn    bool
}

func newProgressLine(w io.Writer) *progressLine {
	p := &progressLine{w: w}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progressLine) update(pr deploy.Progress) {
	text := fmt.Sprintf("Deploying: %d of %d files, %s of %s", pr.Done, pr.Total, sizeText(pr.Bytes), sizeText(pr.TotalBytes))
	if p.terminal {
		if pr.Done < pr.Total && time.Since(p.last) < 100*time.Millisecond {
			return
		}
		p.last = time.Now()
		fmt.Fprintf(p.w, "\r%s\x1b[K", text)
		p.drawn = true
		return
	}
	if q := pr.Done * 4 / max(pr.Total, 1); q > p.shown {
		p.shown = q
		fmt.Fprintln(p.w, text)
	}
}

func (p *progressLine) end() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
