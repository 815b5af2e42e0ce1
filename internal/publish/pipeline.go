package publish

import (
	"io/fs"
	"sync"
	"time"

	"safeguard/internal/calendar"
	"safeguard/internal/check"
	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
	"safeguard/internal/watch"
)

// Options say what content a pipeline reads and how it is published; both
// entry points (Build and Apply) use every field.
type Options struct {
	Source string // source folder (holding content/); "" means the current folder
	// BaseURL overrides site.yaml's base_url for the web pages. A build
	// publishes the site there, so the newsletter fragments link there too;
	// a preview serves its pages there, but its fragments keep linking to
	// the published site (base_url), exactly as they will be pasted into an
	// email (the preview is not https).
	BaseURL string
	Drafts  bool      // publish drafts
	Future  bool      // publish articles dated after Today
	Today   time.Time // the day dates are measured from; zero means now in London
	// LeftOutWarn: problems of drafts and later articles that are not
	// published are warnings (build, serve); check leaves it off.
	LeftOutWarn bool
}

// Pipeline is the one path from content files to the website and the
// newsletter fragments, as Hugo's one builder serves both hugo and hugo
// server. It owns the content loader (which re-reads only changed files), the
// newsletter generator (which re-renders only changed articles) and the
// content checks, and has two entry points:
//   - Build writes a checked site to disk and swaps it into place;
//   - Apply takes a batch of changed files and returns a new in-memory
//     snapshot for the preview, built incrementally by a site.Session; the
//     content checks of the served snapshot run later, when Checks is told
//     the writer paused.
//
// Calls are serialized: one build or batch at a time.
type Pipeline struct {
	mu     sync.Mutex
	opts   Options
	loader *content.Loader
	news   *newsletter.Generator // the preview's; each build renders with one of its own

	// The preview side, used by Apply and Recycle.
	sess    *site.Session
	pending []watch.Event     // changes Hugo has not seen yet (a build failed)
	served  map[string][]byte // files of the last snapshot returned
	failed  bool              // the last Apply failed: its problems are shown, not served
	checks  *Checks
}

// New prepares a pipeline; nothing is read until Build or Apply.
func New(opts Options) *Pipeline {
	source := opts.Source
	if source == "" {
		source = "."
	}
	return &Pipeline{
		opts:   opts,
		loader: content.NewLoader(source, content.Options{Drafts: opts.Drafts, Future: opts.Future, Today: opts.Today, LeftOutWarn: opts.LeftOutWarn}),
		news:   newsletter.NewGenerator(),
		checks: newChecks(),
	}
}

// Close releases the preview's Hugo site, if any.
func (p *Pipeline) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sess == nil {
		return nil
	}
	return p.sess.Close()
}

// modelWork is what the pipeline does with a validated model besides building
// it with Hugo: the content checks and the newsletter.
type modelWork struct {
	model       *content.Site
	check       func(cache *check.Cache) diag.List
	checkOutput func(built *check.Built, fsys fs.FS, cache *check.Cache) diag.List
	// news and issues render with the generator they are given: the
	// preview's (p.news) re-renders only changed articles, and a build's
	// own is garbage once its fragments are spooled, so its rendered
	// articles are not held while Hugo's memory peaks (about 200 MB more
	// peak RSS at 10,000 articles when a build used p.news).
	news   func(*newsletter.Generator) ([]newsletter.File, diag.List)
	issues func(*newsletter.Generator) ([]*newsletter.Issue, diag.List)
}

// work is the one place where the checks and the newsletter are set up, for
// the build and the preview alike, so an option they share is given to both
// here: each body is parsed once, for the checks and the newsletter together
// (docs).
func (p *Pipeline) work(model *content.Site) modelWork {
	docs := newsletter.NewDocs(model)
	return modelWork{
		model: model,
		check: func(cache *check.Cache) diag.List {
			return check.Source(model, check.Options{Today: p.opts.Today, Cache: cache, Docs: docs, LeftOutWarn: p.opts.LeftOutWarn})
		},
		checkOutput: func(built *check.Built, fsys fs.FS, cache *check.Cache) diag.List {
			return check.OutputBuilt(model, built, fsys, check.Options{Today: p.opts.Today, Cache: cache})
		},
		// The events' calendar files are made from the model beside the
		// fragments, and published, checked and served with them.
		news: func(g *newsletter.Generator) ([]newsletter.File, diag.List) {
			files, d := g.FilesShared(model, docs)
			for _, f := range calendar.Files(model) {
				files = append(files, newsletter.File{Path: f.Path, Data: f.Data})
			}
			return files, d
		},
		issues: func(g *newsletter.Generator) ([]*newsletter.Issue, diag.List) { return g.Issues(model) },
	}
}

// withBaseURL returns model with Options.BaseURL as its base_url, for the
// pages and the fragments alike. The loader shares the loaded Site with its
// cache, so a copy is changed.
func (p *Pipeline) withBaseURL(model *content.Site) *content.Site {
	if p.opts.BaseURL == "" {
		return model
	}
	copied := *model
	copied.Config.BaseURL = content.NormaliseBaseURL(p.opts.BaseURL)
	return &copied
}

// Issues loads the content and groups the newsletter's articles into issues,
// for safeguard newsletter, which writes one of them. The model, for
// newsletter.IssueHTML and IssueFiles, is nil when the content has errors.
func (p *Pipeline) Issues() (*content.Site, []*newsletter.Issue, diag.List) {
	p.mu.Lock()
	defer p.mu.Unlock()
	model, diags := p.loader.Load()
	if model == nil || diags.HasErrors() {
		return nil, nil, diags
	}
	model = p.withBaseURL(model)
	issues, d := p.work(model).issues(newsletter.NewGenerator()) // one issue is written, once
	diags.Append(d)
	return model, issues, diags
}
