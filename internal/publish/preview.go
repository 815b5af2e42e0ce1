package publish

import (
	"bytes"
	"context"
	"maps"
	"sync"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
	"safeguard/internal/watch"
)

// Snapshot is one preview build.
type Snapshot struct {
	// Files are the whole site and the newsletter fragments, by slash path
	// relative to the site's root. They are never changed afterwards, so they
	// can be served while the next batch is built.
	Files   map[string][]byte
	Written int  // site files this build wrote (all of them for a full build)
	Full    bool // a full Hugo build on a fresh site
	Timings Timings
}

// Apply rebuilds the preview after the changes in b (b.Full, or the first
// call, builds everything): it reloads the content (only the changed files
// when that is enough; the loader's input gate looks at those paths only),
// and has the
// session rebuild what the changes affect while the newsletter renders the
// same model. The snapshot's content checks wait for a pause (Paused).
//
// On errors it returns the diagnostics and no snapshot: the previous one
// stays the current one, and the changes are kept for the next attempt.
func (p *Pipeline) Apply(ctx context.Context, b watch.Batch) (*Snapshot, diag.List) {
	p.mu.Lock()
	defer p.mu.Unlock()
	snap, w, diags := p.apply(ctx, b)
	if snap == nil {
		p.failed = true
		p.checks.fail()
		return nil, diags
	}
	p.serve(snap, w)
	return snap, diags
}

// serve records snap as the one served, whose checks are wanted next: the
// content rules and the output rules on the snapshot, as build runs them.
func (p *Pipeline) serve(snap *Snapshot, w modelWork) {
	p.failed = false
	p.served = snap.Files
	p.checks.serve(func() diag.List {
		// No check.Cache: it would keep every page's parsed text
		// between checks, 10% more memory at 1,000 articles, for a
		// check that only runs while the writer pauses.
		d := w.check(nil)
		d.Append(p.outputCheck(w.model, snap.Files))
		return d
	})
}

// RecycleDue reports whether the preview's Hugo site has made enough
// incremental builds that it should be replaced (by Recycle, when the writer
// pauses), releasing the memory watch mode accumulates.
func (p *Pipeline) RecycleDue() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sess != nil && p.sess.RecycleDue()
}

// Recycle rebuilds the preview in full on a fresh Hugo site. The site is the
// same unless something changed unseen, so it returns a snapshot only when
// what is served should change: the files differ, or the last Apply failed.
// A failed recycle returns nil too; the next Apply reports the problems.
func (p *Pipeline) Recycle(ctx context.Context) *Snapshot {
	p.mu.Lock()
	defer p.mu.Unlock()
	snap, w, _ := p.apply(ctx, watch.Batch{Full: true})
	if snap == nil || !p.failed && maps.EqualFunc(p.served, snap.Files, bytes.Equal) {
		return nil
	}
	p.serve(snap, w)
	return snap
}

// apply is Apply without the bookkeeping of what is served.
func (p *Pipeline) apply(ctx context.Context, b watch.Batch) (*Snapshot, modelWork, diag.List) {
	start := time.Now()
	var t Timings
	p.pending = append(p.pending, b.Events...)

	model, diags := p.load(b.Full)
	t.Load = time.Since(start)
	if diags.HasErrors() || model == nil {
		if model == nil && !diags.HasErrors() {
			diags.Internalf("", 0, 0, "internal", "the content loader returned no site")
		}
		return nil, modelWork{}, diags
	}
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build", "build stopped: %v", err)
		return nil, modelWork{}, diags
	}
	if p.sess == nil {
		sess, err := site.NewSession(model.Root, site.Options{BaseURL: p.opts.BaseURL})
		if err != nil {
			diags.Systemf("", 0, 0, diag.RuleSystem, "%v", err)
			return nil, modelWork{}, diags
		}
		p.sess = sess
	}

	// The newsletter renders the model on a core Hugo's partial rebuild
	// leaves idle.
	w := p.work(model)
	var (
		frags []newsletter.File
		nd    diag.List
		newsT time.Duration
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		start := time.Now()
		frags, nd = w.news(p.news)
		newsT = time.Since(start)
	}()
	u, hd := p.sess.Apply(ctx, model, p.pending, b.Full)
	<-done // on every path, so two renders never overlap
	t.Newsletter = newsT
	diags.Append(hd)
	if hd.HasErrors() || u == nil {
		return nil, modelWork{}, diags
	}
	p.pending = nil // Hugo has seen them
	diags.Append(nd)
	if nd.HasErrors() {
		return nil, modelWork{}, diags
	}

	files := make(map[string][]byte, len(u.Files)+len(frags))
	for k, v := range u.Files {
		files[k] = v
	}
	for _, f := range frags {
		files[f.Path] = f.Data
	}
	t.Hugo = u.Hugo
	t.Total = time.Since(start)
	return &Snapshot{Files: files, Written: u.Written, Full: u.Full, Timings: t}, w, diags
}

// load reads the model: only the changed files when the loader can be sure
// that is enough (a save of existing pages: no stat walk of content/, which
// costs 0.15 s at 10,000 articles), otherwise the whole source folder.
func (p *Pipeline) load(full bool) (*content.Site, diag.List) {
	if !full {
		var paths []string
		for _, ev := range watch.Merge(p.pending) {
			paths = append(paths, ev.Name)
		}
		if model, d, ok := p.loader.Reload(paths); ok {
			return model, d
		}
	}
	return p.loader.Load()
}

// Checks returns the scheduler of the preview's content checks.
func (p *Pipeline) Checks() *Checks { return p.checks }

// Checks runs safeguard build's content checks on the served preview, so the
// preview never looks fine while a build would refuse to publish. They take
// longer than a rebuild on a large site (seconds at 10,000 articles) and
// cannot be interrupted, so they start only when the writer pauses (Idle),
// one at a time; a build served meanwhile is checked next, and the result of
// a check that a newer build (or a failed one) has overtaken is dropped.
//
// The event loop calls Idle when the writer pauses and passes every value
// received from Done to Result.
type Checks struct {
	mu      sync.Mutex
	done    chan CheckResult
	gen     int              // the served build; bumped by every Apply
	want    func() diag.List // the served build's check, not started yet
	running bool
	next    func() diag.List // to start when the running check ends
	nextGen int
}

// CheckResult is a finished check, for Checks.Result.
type CheckResult struct {
	gen   int
	diags diag.List
}

func newChecks() *Checks { return &Checks{done: make(chan CheckResult, 1)} }

// serve makes check the one wanted: a new build is served.
func (c *Checks) serve(check func() diag.List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.want = check
}

// fail forgets the wanted checks: the last build failed and its problems are
// shown instead.
func (c *Checks) fail() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.want, c.next = nil, nil
}

// Idle starts the served build's check if it has not run yet (or queues it
// behind the running one). Call it when the writer pauses.
func (c *Checks) Idle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.want != nil {
		c.start(c.want, c.gen)
		c.want = nil
	}
}

func (c *Checks) start(check func() diag.List, gen int) {
	if c.running {
		c.next, c.nextGen = check, gen
		return
	}
	c.running = true
	go func() { c.done <- CheckResult{gen, check()} }()
}

// Done delivers finished checks.
func (c *Checks) Done() <-chan CheckResult { return c.done }

// Result takes a finished check and starts the one waiting behind it. It
// returns the check's diagnostics, and ok false when a newer build was served
// (or failed) since the check started: then its result is out of date and
// must not be shown.
func (c *Checks) Result(r CheckResult) (d diag.List, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.running = false
	if next := c.next; next != nil {
		c.next = nil
		if c.nextGen == c.gen {
			c.start(next, c.nextGen)
		}
	}
	if r.gen != c.gen {
		return nil, false
	}
	return r.diags, true
}
