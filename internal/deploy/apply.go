package deploy

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"gocloud.dev/blob"
	"golang.org/x/sync/errgroup"
)

// Workers is how many files travel at once: uploads wait on the network,
// not on the processor, so more than the cores.
const Workers = 8

// GuardError refuses a deploy that would delete more than the allowed share
// of the live site.
type GuardError struct {
	Deletes, Remote, MaxPercent int
}

func (e *GuardError) Error() string {
	return fmt.Sprintf("this deploy would delete %d of the %d files on the live site, more than the %d%% allowed (check that the build is the right one; if the deletes are meant, run again with --force, or raise deploy.max_delete_percent in site.yaml)",
		e.Deletes, e.Remote, e.MaxPercent)
}

// Guard returns a *GuardError when the plan deletes more than maxPercent of
// what is live.
func (p *Plan) Guard(maxPercent int) error {
	if len(p.Deletes) == 0 || len(p.Deletes)*100 <= maxPercent*p.Remote {
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
	Force            bool // skip the guard
	// Progress, when set, is called after every file, from one goroutine at
	// a time.
	Progress func(Progress)
}

// Result is what Apply did.
type Result struct {
	Uploaded, Deleted int
	Bytes             int64
}

// Apply carries out a plan: new files and assets, then changed pages, then
// deletes, each stage only when the one before it finished without error.
// Stopped at any point (an error, or ctx cancelled), every page that is live
// links only to files that are live too.
func (t *Target) Apply(ctx context.Context, p *Plan, opts Options) (Result, error) {
	var res Result
	if !opts.Force {
		if err := p.Guard(opts.MaxDeletePercent); err != nil {
			return res, err
		}
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
	split := 0 // first changed page: see MakePlan for the order
	for split < len(p.Uploads) && (p.Uploads[split].New || !isPage(p.Uploads[split].Key)) {
		split++
	}
	for _, stage := range [][]File{p.Uploads[:split], p.Uploads[split:]} {
		err := each(ctx, len(stage), func(ctx context.Context, i int) error {
			f := &stage[i]
			if err := t.upload(ctx, f); err != nil {
				return err
			}
			report(done.Add(1), bytes.Add(f.Size))
			return nil
		})
		res.Uploaded, res.Bytes = int(done.Load()), bytes.Load()
		if err != nil {
			return res, explain(t.scheme, "uploading", err)
		}
	}
	err := each(ctx, len(p.Deletes), func(ctx context.Context, i int) error {
		if err := t.Bucket.Delete(ctx, p.Deletes[i]); err != nil {
			return fmt.Errorf("deleting %s: %w", p.Deletes[i], err)
		}
		report(done.Add(1), bytes.Load())
		return nil
	})
	res.Deleted = int(done.Load()) - res.Uploaded
	if err != nil {
		return res, explain(t.scheme, "deleting", err)
	}
	if p.headers != nil {
		if err := t.writeManifest(ctx, p.headers); err != nil {
			return res, explain(t.scheme, "recording the headers", err)
		}
	}
	return res, nil
}

// each runs f for 0..n-1 on Workers goroutines and stops at the first error.
func each(ctx context.Context, n int, f func(ctx context.Context, i int) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(Workers)
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
	w, err := t.Bucket.NewWriter(ctx, f.Key, &blob.WriterOptions{
		ContentType:     f.ContentType,
		CacheControl:    f.CacheControl,
		ContentEncoding: f.ContentEncoding,
		ContentMD5:      f.MD5,
	})
	if err != nil {
		return fmt.Errorf("%s: %w", f.Key, err)
	}
	if _, err := w.Write(b); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", f.Key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", f.Key, err)
	}
	return nil
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
