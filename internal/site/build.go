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

// Build builds the website of s into out.Dest with Hugo: one full run of a
// Session whose publish file system is the disk, so build and preview share
// one Hugo driver (panics, static files and cancellation handled in one
// place). Dest should be a new or empty folder: Hugo never deletes files of
// removed pages, so publishing goes through a fresh staging folder
// (internal/publish). Every Hugo error, and every error Hugo only logs,
// becomes a diagnostic; warnings Hugo logs become warnings.
func Build(ctx context.Context, s *content.Site, out Output, opts Options) (Result, diag.List) {
	start := time.Now()
	var res Result
	var diags diag.List
	if s == nil {
		diags.Internalf("", 0, 0, "internal", "no content to build")
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
	root, err := filepath.Abs(s.Root)
	if err != nil {
		diags.Systemf("", 0, 0, "build", "cannot find the source folder: %v", err)
		return res, diags
	}
	disk := &diskTarget{dest: dest, onHTML: out.OnHTML}
	sess := &Session{root: root, opts: opts, disk: disk}
	_, diags = sess.Apply(ctx, s, nil, true)
	if err := sess.Close(); err != nil && !diags.HasErrors() {
		diags.Append(translate(s.Root, err))
	}
	if diags.HasErrors() {
		return res, diags
	}
	res.Pages, res.Files = disk.written.counts()
	res.Duration = time.Since(start)
	return res, diags
}

// diskTarget is where a build's session publishes: a folder on disk,
// counted as Hugo writes it, with static/ and the hosts' header files
// written beside Hugo's output.
type diskTarget struct {
	dest    string
	onHTML  func(rel string, data []byte)
	written *countingFs
}

// begin returns the publish file system for one full build.
func (d *diskTarget) begin() afero.Fs {
	d.written = newCountingFs(afero.NewOsFs())
	d.written.root, d.written.onHTML = d.dest, d.onHTML
	return d.written
}

// finish writes what static/ publishes and the hosts' header files after
// Hugo's output (a static file wins, as in the preview's snapshot), and
// returns how many files it wrote.
func (d *diskTarget) finish(model *content.Site) (int, diag.List) {
	var diags diag.List
	static, fd, err := copyStatic(model, d.dest, d.onHTML)
	if err != nil {
		diags.Systemf("static", 0, 0, "build", "cannot copy static files: %v", relMessage(model.Root, err.Error()))
		return 0, diags
	}
	if fd.HasErrors() {
		return 0, fd
	}
	hostFiles, err := writeHeaders(model.Root, d.dest)
	if err != nil {
		diags.Systemf("", 0, 0, "build", "cannot write the hosts' header files: %v", err)
		return 0, diags
	}
	for _, f := range append(static, hostFiles...) {
		d.written.add(f)
	}
	return len(static) + len(hostFiles), diags
}

// recoverHugo turns a panic inside Hugo into a diagnostic: users never see
// a Go stack trace. Every call that makes or builds a HugoSites defers it
// (the Session's builds, for build and preview alike).
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
