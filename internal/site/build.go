package site

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// Result says what a build wrote.
type Result struct {
	Pages    int           // HTML files written
	Files    int           // all files written (pages, feeds, sitemap, assets, static files, _headers)
	Duration time.Duration // time spent in Build
}

// Build builds the website of s into out.Dest with Hugo. Dest should be a new or
// empty folder: Hugo never deletes files of removed pages, so publishing goes
// through a fresh staging folder (internal/publish). Every Hugo error, and every
// error Hugo only logs, becomes a diagnostic; warnings Hugo logs become warnings.
func Build(ctx context.Context, s *content.Site, out Output, opts Options) (Result, diag.List) {
	start := time.Now()
	var res Result
	var diags diag.List
	if s == nil {
		diags.Internalf("", 0, 0, "internal", "no content to build")
		return res, diags
	}
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build", "build stopped: %v", err)
		return res, diags
	}
	dest, err := filepath.Abs(out.Dest)
	if err != nil || out.Dest == "" {
		diags.Errorf("", 0, 0, "build", "no output folder given (choose one with -d)")
		return res, diags
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		diags.Systemf("", 0, 0, "build", "cannot create the output folder: %v", err)
		return res, diags
	}
	// The loader's input gate has looked at every file (content.Inventory).
	static, fd, err := copyStatic(s, dest, out.OnHTML)
	if err != nil {
		diags.Systemf("static", 0, 0, "build", "cannot copy static files: %v", relMessage(s.Root, err.Error()))
		return res, diags
	}
	if fd.HasErrors() {
		return res, fd
	}

	srcFs, _, err := newFs(newModelFs(s), GeneratedContent(s))
	if err != nil {
		diags.Internalf("", 0, 0, "internal", "cannot load the built-in theme: %v", err)
		return res, diags
	}
	written := newCountingFs(afero.NewOsFs())
	written.root, written.onHTML = dest, out.OnHTML
	log := &logCollector{site: s}
	diags.Append(runHugo(s, opts, dest, srcFs, written, log))
	diags.Append(log.diagnostics(s.Root))
	if written.failed != nil {
		// Hugo's own words about it would be taken for the content's.
		var sys diag.List
		sys.Systemf("", 0, 0, diag.RuleSystem, "cannot write the site into the output folder: %v", relMessage(s.Root, written.failed.Error()))
		return res, sys
	}
	if diags.HasErrors() {
		return res, diags
	}
	hostFiles, err := writeHeaders(s.Root, dest)
	if err != nil {
		diags.Systemf("", 0, 0, "build", "cannot write the hosts' header files: %v", err)
		return res, diags
	}
	for _, f := range append(static, hostFiles...) {
		written.add(f)
	}
	res.Pages, res.Files = written.counts()
	res.Duration = time.Since(start)
	return res, diags
}

// runHugo makes the sites, builds them once and closes them (without Close
// every build leaks a goroutine and the whole site graph). A panic inside Hugo
// becomes a diagnostic: users never see a Go stack trace.
func runHugo(s *content.Site, opts Options, dest string, srcFs, out afero.Fs, log *logCollector) (diags diag.List) {
	defer recoverHugo(&diags)
	h, err := newHugoSites(newConfig(s, opts, dest, false), srcFs, out, log)
	if err != nil {
		return translate(s.Root, err)
	}
	defer func() {
		if err := h.Close(); err != nil && !diags.HasErrors() {
			diags.Append(translate(s.Root, err))
		}
		// Hugo keeps the sorted page lists templates asked for in a global
		// cache that it clears only when the next build starts rendering:
		// without this the whole page graph stays reachable while the
		// output is checked (docs/benchmarks.md).
		_ = page.Clear()
	}()
	if err := h.Build(hugolib.BuildCfg{}); err != nil {
		return translate(s.Root, err)
	}
	return nil
}

// recoverHugo turns a panic inside Hugo into a diagnostic: users never see
// a Go stack trace. Every call that makes or builds a HugoSites defers it
// (runHugo for build, the Session's builds for the preview).
func recoverHugo(diags *diag.List) {
	if r := recover(); r != nil {
		diags.Internalf("", 0, 0, "internal", "the site generator stopped unexpectedly: %v (this is a bug: please report it with the content that causes it)", r)
	}
}

// newHugoSites loads the configuration cfg over the source file system srcFs and
// returns the sites ready to build, publishing into out. Log entries go to log.
// Environ is not empty, so HUGO_* variables of the environment cannot change
// the build (an empty one would be replaced by os.Environ()).
func newHugoSites(cfg config.Provider, srcFs, out afero.Fs, log *logCollector) (*hugolib.HugoSites, error) {
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        io.Discard,
		StdErr:        io.Discard,
		DistinctLevel: logg.LevelWarn,
		HandlerPost:   log.add,
	})
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:       srcFs,
		Filename: configFile,
		Flags:    cfg,
		Logger:   logger,
		Environ:  []string{"SAFEGUARD=1"},
	})
	if err != nil {
		return nil, err
	}
	fs := hugofs.NewFromSourceAndDestination(srcFs, out, cfg)
	return hugolib.NewHugoSites(deps.DepsCfg{
		Configs:    configs,
		Fs:         fs,
		TestLogger: logger,
		LogLevel:   logg.LevelWarn,
		StdOut:     io.Discard,
		StdErr:     io.Discard,
	})
}

// logCollector keeps what Hugo logs at warning level and above: Hugo reports some
// problems only in its log (a missing layout, errorf in a template), and those
// must fail the build too.
type logCollector struct {
	mu      sync.Mutex
	entries []logEntry
	site    *content.Site // the model being built, to place messages about its pages
}

type logEntry struct {
	level   logg.Level
	message string
}

func (c *logCollector) add(e *logg.Entry) error {
	if e.Level < logg.LevelWarn {
		return nil
	}
	c.mu.Lock()
	c.entries = append(c.entries, logEntry{e.Level, e.Message})
	c.mu.Unlock()
	return nil
}

// reset forgets what was logged (a session does this before every rebuild).
func (c *logCollector) reset() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}
