package deploy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
	"golang.org/x/sync/errgroup"
)

// GuardError refuses a deploy that would delete more than the allowed share
// of the live site, or all of it.
type GuardError struct {
	Deletes, Remote, MaxPercent int
}

func (e *GuardError) Error() string {
	if e.Deletes == e.Remote {
		return fmt.Sprintf("this deploy would delete all %d files on the live site and leave it empty (check that the build is the right one; if an empty site is really meant, run again with --force --allow-empty)", e.Remote)
	}
	return fmt.Sprintf("this deploy would delete %d of the %d files on the live site, more than the %d%% allowed (check that the build is the right one; if the deletes are meant, run again with --force, or raise deploy.max_delete_percent in site.yaml)",
		e.Deletes, e.Remote, e.MaxPercent)
}

// Guard returns a *GuardError when the plan deletes more than maxPercent of
// what is live (unless force), or all of it (unless allowEmpty, even with
// force: a wrong or empty folder must never wipe the site by a habit of
// typing --force).
func (p *Plan) Guard(maxPercent int, force, allowEmpty bool) error {
	if len(p.Deletes) == 0 {
		return nil
	}
	if len(p.Deletes) == p.Remote && !allowEmpty {
		return &GuardError{len(p.Deletes), p.Remote, maxPercent}
	}
	if force || len(p.Deletes)*100 <= maxPercent*p.Remote {
		return nil
	}
	return &GuardError{len(p.Deletes), p.Remote, maxPercent}
}

// Progress is reported after each file.
type Progress struct {
	Done, Total int   // files uploaded or deleted, of all in the plan
	Bytes       int64 // bytes uploaded so far
	TotalBytes  int64
}

// Options steer Apply.
type Options struct {
	MaxDeletePercent int  // the guard; see Plan.Guard
	Force            bool // allow more deletes than MaxDeletePercent
	AllowEmpty       bool // allow deleting every file
	// Progress, when set, is called after every file, from one goroutine at
	// a time.
	Progress func(Progress)
}

// Result is what Apply did.
type Result struct {
	Uploaded, Deleted int
	Bytes             int64
	// Done counts the uploads finished in each stage; Stage is the stage
	// that was under way when Apply returned (after the last, the deletes).
	Done  [3]int
	Stage Stage
}

// Live says what a reader sees after a deploy stopped with res: every file
// is the old or the new version, which stages are new, and what a rerun
// sends.
func (p *Plan) Live(res Result) string {
	var count, added [3]int
	for _, f := range p.Uploads {
		count[f.Stage]++
		if f.New {
			added[f.Stage]++
		}
	}
	var parts []string
	for s := StageAssets; s <= StageLast; s++ {
		switch {
		case count[s] == 0:
		case res.Done[s] == count[s]:
			parts = append(parts, fmt.Sprintf("the new %s are live (%d of %d)", s, res.Done[s], count[s]))
		case res.Done[s] > 0:
			parts = append(parts, fmt.Sprintf("%d of the %d new %s are live", res.Done[s], count[s], s))
		case added[s] == count[s]:
			parts = append(parts, fmt.Sprintf("the %s are not published yet", s))
		default:
			parts = append(parts, fmt.Sprintf("the %s are still the old ones", s))
		}
	}
	msg := "The live site is whole: each file is the old or the new version, and no live page links to a stylesheet, script or image that is not there"
	if len(parts) > 0 {
		msg += "; " + strings.Join(parts, ", ")
	}
	if res.Stage > StageLast && res.Deleted < len(p.Deletes) {
		msg += fmt.Sprintf("; %d of %d old files are deleted", res.Deleted, len(p.Deletes))
	}
	left := len(p.Uploads) - res.Uploaded + len(p.Deletes) - res.Deleted
	return msg + fmt.Sprintf(". Run deploy again to finish (%s left; what is done is not sent again).", fileCount(left))
}

func fileCount(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// Apply carries out a plan: the assets, then the pages, then the home
// page, 404 page, sitemap and feeds, each stage only when the one before it
// finished without error, then the deletes. Stopped at any point (an error,
// or ctx cancelled), every page that is live links only to files that are
// live too. Each uploaded file carries its headers' sum, so a rerun sends
// only what is left.
func (t *Target) Apply(ctx context.Context, p *Plan, opts Options) (Result, error) {
	var res Result
	if err := p.Guard(opts.MaxDeletePercent, opts.Force, opts.AllowEmpty); err != nil {
		return res, &Error{KindContent, err.Error(), err}
	}
	var (
		done  atomic.Int64
		bytes atomic.Int64
		mu    sync.Mutex
	)
	total := len(p.Uploads) + len(p.Deletes)
	// report passes on the count this call made, not a fresh load: two
	// uploads finishing together would otherwise both report the later
	// count, and a count would be skipped.
	report := func(n, b int64) {
		if opts.Progress != nil {
			mu.Lock()
			opts.Progress(Progress{Done: int(n), Total: total, Bytes: b, TotalBytes: p.Bytes})
			mu.Unlock()
		}
	}
	start := 0
	for s := StageAssets; s <= StageLast; s++ {
		res.Stage = s
		end := start
		for end < len(p.Uploads) && p.Uploads[end].Stage == s {
			end++
		}
		stage := p.Uploads[start:end]
		start = end
		var stageDone atomic.Int64
		err := each(ctx, t.workers(), len(stage), func(ctx context.Context, i int) error {
			f := &stage[i]
			if err := t.Retry.do(ctx, func(ctx context.Context) error { return t.upload(ctx, f) }); err != nil {
				return explain(t.scheme, "uploading "+strconv.Quote(f.Key), err)
			}
			stageDone.Add(1)
			report(done.Add(1), bytes.Add(f.Size))
			return nil
		})
		res.Done[s] = int(stageDone.Load())
		res.Uploaded, res.Bytes = int(done.Load()), bytes.Load()
		if err != nil {
			return res, err
		}
	}
	res.Stage = StageLast + 1
	var deleted atomic.Int64
	err := each(ctx, t.workers(), len(p.Deletes), func(ctx context.Context, i int) error {
		key := p.Deletes[i]
		err := t.Retry.do(ctx, func(ctx context.Context) error {
			err := t.Bucket.Delete(ctx, key)
			if gcerrors.Code(err) == gcerrors.NotFound { // gone already: what a delete is for
				return nil
			}
			return err
		})
		if err != nil {
			return explain(t.scheme, "deleting "+strconv.Quote(key), err)
		}
		deleted.Add(1)
		report(done.Add(1), bytes.Load())
		return nil
	})
	res.Deleted = int(deleted.Load())
	t.removeEmptyDirs(p.Deletes)
	return res, err
}

// each runs f for 0..n-1 on workers goroutines and stops at the first error.
func each(ctx context.Context, workers, n int, f func(ctx context.Context, i int) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return f(gctx, i) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err() // stopped from outside after the last call returned
}

// upload writes one file with its headers. The MD5 goes with it: the
// service checks the bytes arrived whole, and lists it for the next plan.
func (t *Target) upload(ctx context.Context, f *File) error {
	b, err := f.body()
	if err != nil {
		return err
	}
	return t.Bucket.WriteAll(ctx, f.Key, b, &blob.WriterOptions{
		ContentType:        f.ContentType,
		CacheControl:       f.CacheControl,
		ContentEncoding:    f.ContentEncoding,
		ContentDisposition: f.ContentDisposition,
		ContentLanguage:    f.ContentLanguage,
		ContentMD5:         f.MD5,
		Metadata:           map[string]string{metaKey: f.headerSum()},
	})
}

// InvalidationPaths are the paths a CDN must forget after the plan is
// applied: changed and deleted files (new ones were never cached), with a
// folder's address beside its index.html. Past 30 paths it is "/*", one
// request that CDNs charge as one path.
func (p *Plan) InvalidationPaths() []string {
	var out []string
	add := func(key string) {
		out = append(out, "/"+key)
		if key == "index.html" {
			out = append(out, "/")
		} else if dir, ok := strings.CutSuffix(key, "/index.html"); ok {
			out = append(out, "/"+dir+"/")
		}
	}
	for _, f := range p.Uploads {
		if !f.New {
			add(f.Key)
		}
	}
	for _, k := range p.Deletes {
		add(k)
	}
	if len(out) > 30 {
		return []string{"/*"}
	}
	return out
}
