package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
)

// Output says where a build to disk goes; the preview keeps its output in
// memory and has none.
type Output struct {
	Dest string // output folder; "" means Source/public
	// DryRun builds and checks into a temporary folder that is removed
	// afterwards and never touches Dest; it goes on after content-check errors
	// so every problem is reported (safeguard check).
	DryRun bool
	// Strict refuses to publish while a review or a contact verification is
	// overdue. Without it they are warnings: refusing the build does not take
	// a stale page down, it only blocks the fix (check keeps them as errors).
	Strict bool
}

// Timings are the time spent in each stage, for --timings and the benchmark.
// The content checks and the newsletter's generation run while Hugo builds,
// so the stages overlap and do not add up to Total. A preview build runs
// only Load, Hugo and Newsletter (its content checks wait for a pause).
type Timings struct {
	Load        time.Duration // reading and validating content
	Check       time.Duration // content checks on the model
	Hugo        time.Duration // the Hugo build, static files and _headers (the preview: Hugo's Build call alone)
	Newsletter  time.Duration // newsletter fragments
	OutputCheck time.Duration // checks on the built site
	Swap        time.Duration // replacing Dest with the new build
	Total       time.Duration
}

// Result says what a build produced.
type Result struct {
	Dest      string // absolute output folder
	Pages     int    // HTML pages written by Hugo
	Files     int    // every file written (pages, feeds, assets, static, newsletter)
	Fragments int    // newsletter article fragments
	Overdue   int    // reviews and contact verifications overdue, published with a warning
	Timings   Timings
}

// Build runs a whole build once: New(opts).Build(ctx, out).
func Build(ctx context.Context, opts Options, out Output) (Result, diag.List) {
	return New(opts).Build(ctx, out)
}

// Build loads the content, checks it, builds the website and the newsletter
// fragments, checks the output, and replaces out.Dest with the result.
// Diagnostics include warnings; the build failed when they hold an error,
// and then Dest is untouched. Calls on one pipeline reuse what did not
// change (parsed pages, rendered fragments).
func (p *Pipeline) Build(ctx context.Context, out Output) (res Result, diags diag.List) {
	p.mu.Lock()
	defer p.mu.Unlock()
	start := time.Now()
	defer func() { res.Timings.Total = time.Since(start) }()
	opts := p.opts

	source, dest, err := folders(opts.Source, out.Dest)
	if err == nil {
		err = CheckDest(source, dest)
	}
	res.Dest = dest
	if err == nil && !out.DryRun { // a dry run never writes to dest
		dest, err = throughLink(dest)
	}
	if err != nil {
		diags.Errorf("", 0, 0, "output", "%v", err)
		return res, diags
	}

	// Load.
	t := time.Now()
	model, d := p.loader.Load()
	diags.Append(d)
	res.Timings.Load = time.Since(t)
	if model == nil || d.HasErrors() {
		return res, diags
	}
	// The loader's input gate has refused whatever Hugo must not open
	// (images too large to process among them).
	w := p.work(model)
	if opts.BaseURL != "" {
		model = p.withBaseURL(model)
		w = p.work(model)
	}

	// Build into a staging folder beside Dest, so the swap is a rename on one
	// file system; a dry run builds into a temporary folder.
	staging, err := newStaging(dest, out.DryRun)
	if err != nil {
		diags.Systemf("", 0, 0, diag.RuleSystem, "cannot create a staging folder: %v", err)
		return res, diags
	}
	defer os.RemoveAll(staging) // after a swap it no longer exists

	// The content checks and the newsletter need only the model, so they run
	// while Hugo builds (Hugo leaves cores idle in parts of its build). The
	// newsletter files wait in a spool file until Hugo has finished, and are
	// written out then (see spool). The results are taken in the same order
	// as if the stages ran one after another: content-check errors stop the
	// build before Hugo's are looked at.
	cache := check.NewCache()
	built := check.NewBuilt()
	var (
		wg            sync.WaitGroup
		checkDiags    diag.List
		newsDiags     diag.List
		newsErr       error
		spooled       *spool
		checkT, newsT time.Duration
	)
	wg.Go(func() {
		t := time.Now()
		checkDiags = w.check(cache)
		cache.Shrink() // keep only what the output check needs while Hugo runs
		checkT = time.Since(t)
	})
	wg.Go(func() {
		t := time.Now()
		defer func() { newsT = time.Since(t) }()
		files, d := w.news(newsletter.NewGenerator()) // see modelWork.news
		newsDiags = d
		if d.HasErrors() || ctx.Err() != nil {
			return
		}
		spooled, newsErr = newSpool(staging, files)
	})

	t = time.Now()
	var sres site.Result
	var hugoDiags diag.List
	if err := ctx.Err(); err == nil {
		sres, hugoDiags = site.Build(ctx, model, site.Output{Dest: staging, OnHTML: built.Add}, site.Options{BaseURL: opts.BaseURL, Today: model.Now})
	}
	res.Timings.Hugo = time.Since(t)
	wg.Wait()
	defer func() {
		if spooled != nil {
			spooled.close()
		}
	}()

	if !out.Strict && !out.DryRun {
		res.Overdue = warnOverdue(checkDiags)
	}
	diags.Append(checkDiags)
	res.Timings.Check = checkT
	if checkDiags.HasErrors() && !out.DryRun {
		return res, diags
	}
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build", "build stopped: %v", err)
		return res, diags
	}
	diags.Append(hugoDiags)
	if hugoDiags.HasErrors() {
		return res, diags
	}
	res.Pages, res.Files = sres.Pages, sres.Files

	// Newsletter fragments.
	t = time.Now()
	diags.Append(newsDiags.Without(checkDiags)) // one mistake, one message
	if newsErr != nil {
		diags.Systemf("", 0, 0, "newsletter", "%v", newsErr)
	}
	if spooled != nil { // nil when the newsletter had errors
		n, frags, err := spooled.writeOut(staging, func(f newsletter.File) { built.Add(f.Path, f.Data) })
		if err != nil {
			diags.Systemf("", 0, 0, "newsletter", "%v", err)
		}
		res.Files += n
		res.Fragments = frags
	}
	res.Timings.Newsletter = newsT + time.Since(t)
	if diags.HasErrors() && !out.DryRun {
		return res, diags
	}

	// Check what was built.
	t = time.Now()
	d = w.checkOutput(built, os.DirFS(staging), cache)
	diags.Append(d)
	res.Timings.OutputCheck = time.Since(t)
	if diags.HasErrors() || out.DryRun {
		return res, diags
	}
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build", "build stopped: %v", err)
		return res, diags
	}

	t = time.Now()
	if err := recordAndSwap(staging, dest); err != nil {
		diags.Systemf("", 0, 0, diag.RuleSystem, "%v", err)
	}
	res.Timings.Swap = time.Since(t)
	return res, diags
}

// folders makes source and dest absolute, dest defaulting to source/public.
func folders(source, dest string) (string, string, error) {
	if source == "" {
		source = "."
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return "", "", err
	}
	if dest == "" {
		return src, filepath.Join(src, "public"), nil
	}
	dst, err := filepath.Abs(dest)
	return src, dst, err
}

// CheckDest refuses an output folder that the build would destroy or read
// from: the source folder itself, a folder holding it, or a folder inside
// content/, layouts/, assets/ or static/. Replacing any of those would delete
// the content (or feed the output back in as input). Commands call it before
// Build to report a misuse.
func CheckDest(source, dest string) error {
	src, dst, err := folders(source, dest)
	if err != nil {
		return err
	}
	if err := notSource(src, dst, dest, "-d", "building would replace your content"); err != nil {
		return err
	}
	dst = resolve(dst)
	fi, err := os.Stat(dst)
	if err != nil {
		return nil // a new folder
	}
	if !fi.IsDir() {
		return fmt.Errorf("the output folder %s is a file, not a folder (choose another with -d)", dest)
	}
	// The output folder is replaced as a whole: never a folder of other files
	// (a mistyped -d ~/Documents must not delete documents). A folder with an
	// index.html is taken to be a website, such as an earlier build.
	entries, err := os.ReadDir(dst)
	if err != nil {
		return fmt.Errorf("cannot read the output folder %s: %v", dest, err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dst, "index.html")); err != nil {
			return fmt.Errorf("the output folder %s holds files but no index.html, so it is not a website; building replaces the whole folder (choose a new or empty folder with -d, or empty this one yourself)", dest)
		}
	}
	return nil
}

// throughLink returns the folder the output really goes to. When dest is a
// symbolic link (public -> /var/www/site, as hosting set-ups often have),
// the build is published through it: staging is made beside the link's
// target and swapped into the target's place, so the link keeps pointing
// at the new site. Replacing the link itself with a folder would leave the
// web server serving the old site from the target.
func throughLink(dest string) (string, error) {
	fi, err := os.Lstat(dest)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		return dest, nil
	}
	target, err := filepath.EvalSymlinks(dest)
	if err != nil {
		link, _ := os.Readlink(dest)
		return "", fmt.Errorf("the output folder %s is a symbolic link to %s, which does not exist (create that folder, or remove the link and build again)", dest, link)
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("the output folder %s is a symbolic link to %s, which is not a folder (point the link at a folder, or choose another with -d)", dest, target)
	}
	return target, nil
}

// CheckWriteDir refuses a folder that files are written into (safeguard
// newsletter -o) when it is the source folder, holds it, or is inside
// content/, layouts/, assets/ or static/: the files would be read back as
// content, or overwrite it.
func CheckWriteDir(source, dir string) error {
	src, dst, err := folders(source, dir)
	if err != nil {
		return err
	}
	return notSource(src, dst, dir, "-o", "the files would be mixed with your content")
}

// notSource is the part of the output checks that build and newsletter
// share: dst (given by the user as name) must not be src, hold it, or be
// inside one of its input folders. flag and why go into the message.
func notSource(src, dst, name, flag, why string) error {
	src, dst = resolve(src), resolve(dst)
	switch {
	case dst == src:
		return fmt.Errorf("the output folder %s is the source folder: %s (choose another folder with %s, e.g. public)", name, why, flag)
	case within(src, dst):
		return fmt.Errorf("the output folder %s holds the source folder: %s (choose another folder with %s, e.g. public)", name, why, flag)
	}
	for _, dir := range []string{"content", "layouts", "assets", "static"} {
		if d := filepath.Join(src, dir); dst == d || within(dst, d) {
			return fmt.Errorf("the output folder %s is inside the source folder's %s/ (choose a folder outside it with %s, e.g. public)", name, dir, flag)
		}
	}
	return nil
}

// within reports whether path is strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// resolve follows symbolic links in the longest existing part of path, so two
// names of one folder compare equal.
func resolve(path string) string {
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// newStaging creates an empty folder to build into: beside dest (same file
// system, so the swap is two renames), or in the temporary folder for a dry run.
func newStaging(dest string, dryRun bool) (string, error) {
	if dryRun {
		return os.MkdirTemp("", "safeguard-check-")
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	removeLeftovers(dest)
	dir, err := os.MkdirTemp(parent, ownedPattern(stagingPrefix))
	if err != nil {
		return "", err
	}
	// MkdirTemp makes it private; the published folder is readable by all,
	// like one made by mkdir.
	return dir, os.Chmod(dir, 0o755)
}

// swap replaces dest with staging: dest is renamed aside, staging renamed into
// its place, then the old output removed. If the second rename fails the old
// output is put back, so dest is never left missing or half written.
func swap(staging, dest string) error {
	var backup string
	if _, err := os.Lstat(dest); err == nil {
		b, err := os.MkdirTemp(filepath.Dir(dest), ownedPattern(backupPrefix))
		if err != nil {
			return fmt.Errorf("cannot make room to replace %s: %v", dest, err)
		}
		if err := os.Remove(b); err != nil {
			return err
		}
		if err := os.Rename(dest, b); err != nil {
			return fmt.Errorf("cannot replace %s: %v (the previous output is unchanged)", dest, err)
		}
		backup = b
	}
	if err := os.Rename(staging, dest); err != nil {
		if backup != "" {
			if rerr := os.Rename(backup, dest); rerr != nil {
				return fmt.Errorf("cannot replace %s: %v; the previous output is in %s (rename it back: %v)", dest, err, backup, rerr)
			}
		}
		return fmt.Errorf("cannot replace %s: %v (the previous output is unchanged)", dest, err)
	}
	if backup != "" {
		if err := os.RemoveAll(backup); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("the new output is in place but the previous one could not be removed from %s: %v", backup, err)
		}
	}
	return nil
}

// overdueRules are the checks that build (unlike build --strict, check and
// status) reports as warnings: an overdue date never blocks an urgent fix.
var overdueRules = map[string]bool{"review-overdue": true, "contact-overdue": true}

// warnOverdue turns the overdue errors in l into warnings and counts them.
func warnOverdue(l diag.List) int {
	n := 0
	for i := range l {
		if overdueRules[l[i].Rule] && l[i].Severity == diag.Error {
			l[i].Severity = diag.Warning
			n++
		}
	}
	return n
}
