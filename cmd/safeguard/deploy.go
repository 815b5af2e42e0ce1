package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/deploy"
	"safeguard/internal/headers"
	"safeguard/internal/publish"
)

const deploySynopsis = "safeguard deploy [-s SRC] [--target NAME] [--dry-run] [--force] [--from DIR] [--print-headers HOST]"

const deployDescription = `
Publish the site to a target named in site.yaml's deploy: section: an Azure
storage container (azblob://$web), an S3 bucket (s3://bucket?region=...), a
Google Cloud Storage bucket (gs://bucket) or a folder (file:///path).

It builds SRC first, as safeguard build does (or takes a finished build with
--from), compares it with what the target holds, and prints the plan:
  Plan for azure (azblob://$web): upload 12 files (84.1 KB), delete 1, unchanged 230
Only changed files are uploaded, with their Content-Type, Cache-Control and,
for text on storage services, gzip. New files and assets go first, changed
pages after them, deletes last: if a deploy stops half way, every live page
still finds what it links to. A deploy that would delete more than
deploy.max_delete_percent of the live files (25 unless set) is refused
without --force. After it, a CloudFront distribution named in the target is
invalidated, and for Azure Front Door the purge command is printed.

Credentials come from the environment only, never from site.yaml:
  azblob  AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or AZURE_STORAGE_SAS_TOKEN,
          or 'az login'; or AZURE_STORAGE_CONNECTION_STRING)
  s3      AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)
  gs      GOOGLE_APPLICATION_CREDENTIALS

--print-headers HOST prints the site's security headers for a host that
needs them set by hand, and stops: cloudfront (response headers policies),
frontdoor (an Azure CLI rule set), netlify (_headers), staticwebapp
(staticwebapp.config.json), meta (the <meta> policy in every page).

Exit status: 0 deployed (or planned), 1 the build, the target or the deploy
failed, 2 misuse (a wrong flag, an unknown target, missing credentials).
`

// deployOptions are the flags of safeguard deploy.
type deployOptions struct {
	source       string
	target       string
	from         string
	dryRun       bool
	force        bool
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
	fs.BoolVar(&o.force, "force", false, "deploy even when it deletes more than deploy.max_delete_percent of the live files")
	fs.StringVar(&o.printHeaders, "print-headers", "", "print the security headers for `host` (cloudfront, frontdoor, netlify, staticwebapp, meta) and stop")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	return deployRun(ctx, o, std)
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
		fmt.Fprintf(std.err, "safeguard deploy: the source folder %s does not exist or is not a folder (give the folder holding site.yaml with -s)\n", o.source)
		return exitUsage
	}
	if o.from != "" {
		if fi, err := os.Stat(o.from); err != nil || !fi.IsDir() {
			fmt.Fprintf(std.err, "safeguard deploy: --from: %s does not exist or is not a folder (give the folder a build wrote, such as public)\n", o.from)
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
		if _, cred := err.(*deploy.CredentialError); cred {
			return exitUsage
		}
		return exitContent
	}
	defer bucket.Close()

	dir := o.from
	if dir == "" {
		res, diags := publish.Build(ctx, publish.Options{Source: o.source}, publish.Output{})
		if code := printDiagnostics(std.err, diags); code != exitOK {
			errs, _ := diags.Counts()
			fmt.Fprintf(std.err, "Build failed with %s; nothing was deployed.\n", nounCount(errs, "error"))
			return code
		}
		printSummary(std.out, res, false)
		dir = res.Dest
	}

	t := deploy.NewTarget(bucket, target.URL)
	start := time.Now()
	plan, err := t.MakePlan(ctx, dir)
	if err != nil {
		fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
		return exitContent
	}
	printPlan(std.out, target, plan, o.dryRun)
	if !o.force {
		if err := plan.Guard(cfg.Deploy.MaxDeletePercent); err != nil {
			fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
			return exitContent
		}
	}
	if o.dryRun {
		fmt.Fprintln(std.out, "Dry run: nothing was changed.")
		return exitOK
	}
	if len(plan.Uploads)+len(plan.Deletes) == 0 {
		fmt.Fprintf(std.out, "Nothing to deploy: %s is up to date.\n", target.Name)
		return exitOK
	}
	prog := newProgressLine(std.err)
	res, err := t.Apply(ctx, plan, deploy.Options{MaxDeletePercent: cfg.Deploy.MaxDeletePercent, Force: o.force, Progress: prog.update})
	prog.end()
	if err != nil {
		fmt.Fprintf(std.err, "safeguard deploy: %s: %v\n", target.Name, err)
		fmt.Fprintf(std.err, "Deploy stopped after %s of %d: the live site is whole (each file is the old or the new version); run deploy again to finish.\n",
			nounCount(res.Uploaded, "upload"), len(plan.Uploads))
		return exitContent
	}
	fmt.Fprintf(std.out, "Deployed to %s: uploaded %s (%s), deleted %d, %d unchanged, in %d ms\n",
		target.Name, nounCount(res.Uploaded, "file"), sizeText(res.Bytes), res.Deleted, plan.Unchanged, time.Since(start).Milliseconds())
	return invalidate(ctx, target, plan, std)
}

// invalidate tells the target's CDN what changed.
func invalidate(ctx context.Context, target content.DeployTarget, plan *deploy.Plan, std stdio) int {
	paths := plan.InvalidationPaths()
	if len(paths) == 0 {
		return exitOK
	}
	if id := target.CloudFrontDistribution; id != "" {
		inv, err := deploy.CloudFront(ctx, id, paths)
		if err != nil {
			fmt.Fprintf(std.err, "safeguard deploy: the site is deployed, but %v (CloudFront may serve old copies until they expire; run deploy again or invalidate in the console)\n", err)
			return exitContent
		}
		fmt.Fprintf(std.out, "CloudFront %s: invalidation %s of %s started\n", id, inv, nounCount(len(paths), "path"))
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
func printPlan(w io.Writer, target content.DeployTarget, p *deploy.Plan, all bool) {
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
		fmt.Fprintf(w, "  %-6s %s (%s, %s)\n", verb, f.Key, f.ContentType, f.CacheControl)
	}
	for _, k := range p.Deletes {
		fmt.Fprintf(w, "  delete %s\n", k)
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
