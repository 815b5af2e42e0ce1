package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/content"
	"safeguard/internal/devserver"
	"safeguard/internal/diag"
	"safeguard/internal/editor"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
	"safeguard/internal/watch"
)

const serveSynopsis = "safeguard serve [-s SRC] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--ready-file PATH] [--timings] [--edit]"

const serveHelp = `
Builds the site in memory and serves it at http://BIND:PORT/ while you edit.
Saving a file under content/, layouts/, assets/ or static/, or site.yaml,
rebuilds only what the change affects, and open pages reload by themselves.
Newsletter fragments are served too, under /newsletter/.

When a change has problems (bad front matter, an unknown contact, a broken
template) they are printed here as path:line:col, like 'safeguard build' does,
and shown over every page in the browser; the pages themselves stay as they
were at the last change that worked. Fix the file and save: the message goes
away by itself. Even when the very first build fails, serve keeps running and
shows the problems, so you can fix them without restarting it.

With --timings each build line is followed by the time spent in each stage:
  timings: load=1.2ms hugo=85.3ms newsletter=3.1ms
(newsletter runs while Hugo builds, so the stages overlap).

Every page has an "Edit this page" link, and the home page a "New page"
link: a form for the page's fields and text that saves the file only when
safeguard build would accept it, or as a draft (docs/editing.md). The editor
is on when the preview is only for this computer (--bind 127.0.0.1, the
default); on any other address it is off unless --edit is given, as anyone
who can reach the address could then change the content.

The preview answers only requests addressed to it by the address it was
started on (127.0.0.1, localhost or [::1] with its port), so other web
pages cannot read it.

The built site is not written to disk: publish with 'safeguard build'. Stop
with Ctrl-C (exit status 0). Exit status 2 is misuse (a wrong flag, a port in
use), and 3 means it could not go on: a system error (the watcher or the
server failed).`

type serveOptions struct {
	src       string
	bind      string
	port      int
	drafts    bool
	future    bool
	readyFile string
	timings   bool
	edit      bool           // the editor on a non-loopback address
	started   func(*preview) // tests: called before the first build
}

func runServe(ctx context.Context, args []string, std stdio) int {
	var o serveOptions
	fs := newFlagSet("serve", serveSynopsis, serveHelp, std)
	sourceFlag(fs, &o.src)
	fs.StringVar(&o.bind, "bind", "127.0.0.1", "`address` to listen on (127.0.0.1: only this computer can see the preview)")
	fs.IntVar(&o.port, "port", 1313, "`port` to listen on; 0 picks a free one (the address is printed)")
	fs.BoolVar(&o.drafts, "drafts", false, "include draft pages")
	fs.BoolVar(&o.future, "future", false, "include articles dated in the future")
	fs.BoolVar(&o.timings, "timings", false, "after each build line, print the time each stage took (format above)")
	fs.BoolVar(&o.edit, "edit", false, "turn the editor on when --bind is not 127.0.0.1 (anyone who can reach the address can then edit the content)")
	fs.StringVar(&o.readyFile, "ready-file", "", "write the preview's address to this `file` once it is serving (for scripts and tests)")
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	if o.port < 0 || o.port > 65535 {
		fmt.Fprintf(std.err, "safeguard serve: --port %d is not a port (use 0 to 65535)\n", o.port)
		return exitUsage
	}
	return serve(ctx, o, std)
}

func serve(ctx context.Context, o serveOptions, std stdio) int {
	if st, err := os.Stat(o.src); err != nil || !st.IsDir() {
		fmt.Fprintf(std.err, "safeguard serve: %s is not a folder (give the source folder with -s)\n", o.src)
		return exitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(o.bind, strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintf(std.err, "safeguard serve: cannot listen on %s port %d: %v (choose another with --port, or 0 for any free port)\n", o.bind, o.port, err)
		return exitUsage
	}
	defer ln.Close()
	addr := "http://" + ln.Addr().String() + "/"

	// Watch before the first build, so a save made during it is not lost.
	w, err := watch.New(o.src, watch.Options{})
	if err != nil {
		fmt.Fprintf(std.err, "safeguard serve: cannot watch %s: %v\n", o.src, err)
		return exitSystem
	}
	defer w.Close()
	sess, err := site.NewSession(o.src, site.Options{BaseURL: addr, Drafts: o.drafts, Future: o.future})
	if err != nil {
		fmt.Fprintf(std.err, "safeguard serve: %v\n", err)
		return exitUsage
	}
	defer sess.Close()

	p := newPreview(sess, std)
	p.timings = o.timings
	if o.started != nil {
		o.started(p)
	}
	p.rebuild(ctx, watch.Batch{Full: true}, true)

	loopback := o.bind == "localhost"
	if ip := net.ParseIP(o.bind); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	var handler http.Handler = p.dev
	if loopback || o.edit {
		ed, err := editor.New(o.src)
		if err != nil {
			fmt.Fprintf(std.err, "safeguard serve: cannot start the editor: %v\n", err)
			return exitSystem
		}
		ed.Build, ed.WaitChange = p.dev.ID, p.dev.WaitChange
		p.dev.EditPrefix = strings.TrimSuffix(editor.Prefix, "/")
		handler = ed.Wrap(p.dev)
	}
	if !loopback {
		if o.edit {
			fmt.Fprintf(std.err, "Warning: serving on %s with --edit: anyone who can reach this address can see the preview and edit the content.\n", o.bind)
		} else {
			fmt.Fprintf(std.err, "Warning: serving on %s: anyone who can reach this address can see the preview, drafts included. The editor is off (--edit turns it on).\n", o.bind)
		}
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(std.out, "Serving %s at %s (Ctrl-C to stop)\n", o.src, addr)
	if o.readyFile != "" {
		if err := writeAtomic(o.readyFile, []byte(addr+"\n")); err != nil {
			fmt.Fprintf(std.err, "safeguard serve: cannot write --ready-file: %v\n", err)
		}
	}

	// Once the writer pauses, memory the rebuilds left behind goes back to
	// the system (a preview runs for hours beside other programs), and after
	// a longer pause a session due for a fresh HugoSites gets one, so the
	// recycling full build rarely delays a save.
	const (
		freeAfter    = 2 * time.Second // and start the content checks
		recycleAfter = 5 * time.Second
	)
	idle := time.NewTimer(freeAfter) // the first build's check leaves garbage too
	idleSince := time.Now()
	for {
		select {
		case <-ctx.Done():
			p.dev.Close() // event streams never go idle by themselves
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			srv.Shutdown(shut)
			fmt.Fprintln(std.out, "Stopped.")
			return exitOK
		case err := <-served:
			if !errors.Is(err, http.ErrServerClosed) {
				fmt.Fprintf(std.err, "safeguard serve: %v\n", err)
				return exitSystem
			}
			return exitOK
		case b, ok := <-w.Batches():
			if !ok {
				return exitOK
			}
			p.rebuild(ctx, b, false)
			idleSince = time.Now()
			idle.Reset(freeAfter)
		case r := <-p.checked:
			p.checkDone(r)
		case <-idle.C:
			if p.wantCheck != nil {
				p.startCheck(p.wantCheck)
				p.wantCheck = nil
			}
			switch {
			case !sess.RecycleDue():
				debug.FreeOSMemory()
			case time.Since(idleSince) < recycleAfter:
				debug.FreeOSMemory()
				idle.Reset(recycleAfter - time.Since(idleSince))
			default:
				p.recycle(ctx)
			}
		}
	}
}

// preview ties a build session to what is served.
type preview struct {
	sess *site.Session
	dev  *devserver.Server
	news *newsletter.Generator
	std  stdio

	// The content checks of safeguard build run once the writer pauses
	// (they take longer than a rebuild on a large site: seconds at 10,000
	// articles, and cannot be interrupted), and their errors join the
	// overlay when they finish. Only the serve loop touches these fields;
	// checks report on the checked channel.
	checked   chan checkResult
	wantCheck *content.Site // the served build, not checked yet
	checkSeq  int           // the check whose result is wanted; older ones are dropped
	checkErr  []string      // errors of the last check, shown with newer builds until re-checked
	checks    int           // checks finished (the first also prints warnings)
	checking  bool
	nextCheck *content.Site // to check when the running check ends
	timings   bool          // print stage times after each build
}

type checkResult struct {
	seq   int
	diags diag.List
}

func newPreview(sess *site.Session, std stdio) *preview {
	p := &preview{sess: sess, dev: devserver.New(), news: newsletter.NewGenerator(), std: std, checked: make(chan checkResult, 1)}
	// As for build: an image too large to process never reaches Hugo.
	sess.Before = func(model *content.Site) diag.List { return check.ImageLimits(model.Root) }
	sess.Alongside = func(model *content.Site) any {
		t := time.Now()
		files, d := p.news.Files(model)
		return newsletterFiles{files, d, time.Since(t)}
	}
	return p
}

// rebuild applies one batch and publishes the result, or shows its problems.
func (p *preview) rebuild(ctx context.Context, b watch.Batch, first bool) {
	start := time.Now()
	u, d := p.sess.Apply(ctx, b)
	var files devserver.Files
	if u != nil && !d.HasErrors() {
		var nd diag.List
		files, nd = p.withNewsletter(u)
		d.Append(nd)
	}
	d = d.Sort()
	if d.HasErrors() {
		p.checkSeq++ // a check still running is about an older build
		p.nextCheck = nil
		p.wantCheck = nil
		d.Print(p.std.err)
		if first {
			fmt.Fprintf(p.std.err, "Build failed: %d problem(s); the preview shows them until they are fixed.\n", len(d.Errors()))
		} else {
			fmt.Fprintf(p.std.err, "Rebuild failed: %d problem(s); still serving the last good build.\n", len(d.Errors()))
		}
		p.dev.Fail(lines(d))
		return
	}
	if first {
		d.Print(p.std.err) // warnings, once
	}
	p.dev.Update(files, p.checkErr)
	verb := "Rebuilt"
	if first {
		verb = "Built"
	}
	fmt.Fprintf(p.std.out, "%s in %d ms (%d files)\n", verb, time.Since(start).Milliseconds(), u.Written)
	if p.timings {
		nf, _ := u.Alongside.(newsletterFiles)
		fmt.Fprintf(p.std.out, "timings: load=%s hugo=%s newsletter=%s\n", ms(u.Load), ms(u.Hugo), ms(nf.took))
	}
	p.checkSeq++ // a check still running is about an older build
	p.wantCheck = u.Model
	if u.Full {
		// A full build leaves a whole site graph of garbage: hand it back
		// to the system now, after the page is served, rather than keep the
		// peak for the rest of the session.
		debug.FreeOSMemory()
	}
}

// startCheck runs safeguard build's content checks on the served build, so
// the preview never looks fine while a build would refuse to publish.
// One check runs at a time: a build served meanwhile is checked next.
func (p *preview) startCheck(model *content.Site) {
	p.checkSeq++
	if p.checking {
		p.nextCheck = model
		return
	}
	p.checking = true
	seq := p.checkSeq
	go func() {
		// No check.Cache: it would keep every page's parsed text
		// between checks, 10% more memory at 1,000 articles, for a
		// check that only runs while the writer pauses.
		d := check.Source(model, check.Options{})
		p.checked <- checkResult{seq, d}
	}()
}

// checkDone shows a finished check's errors over the current build.
func (p *preview) checkDone(r checkResult) {
	p.checks++
	p.checking = false
	if next := p.nextCheck; next != nil {
		p.nextCheck = nil
		p.checkSeq--
		p.startCheck(next)
	}
	if r.seq != p.checkSeq {
		return
	}
	d := r.diags.Sort()
	errs := lines(d)
	if p.checks == 1 {
		d.Print(p.std.err)
	} else if !slices.Equal(errs, p.checkErr) {
		d.Errors().Print(p.std.err)
	}
	if slices.Equal(errs, p.checkErr) {
		return
	}
	if len(errs) > 0 {
		fmt.Fprintf(p.std.err, "Checks found %d problem(s): shown in the preview; safeguard build refuses to publish until they are fixed.\n", len(errs))
	} else if len(p.checkErr) > 0 {
		fmt.Fprintln(p.std.out, "Checks pass again.")
	}
	p.checkErr = errs
	p.dev.Update(nil, errs)
}

func lines(d diag.List) []string {
	var out []string
	for _, x := range d.Errors() {
		out = append(out, x.String())
	}
	return out
}

// recycle replaces the session's HugoSites. The site is the same, so open
// pages are reloaded only if it somehow differs.
func (p *preview) recycle(ctx context.Context) {
	defer debug.FreeOSMemory() // the old site graph is garbage now
	before, problems := p.dev.Snapshot()
	u, d := p.sess.Recycle(ctx)
	if u == nil || d.HasErrors() {
		return // the next save reports the problems
	}
	files, nd := p.withNewsletter(u)
	if nd.HasErrors() {
		return
	}
	if slices.Equal(problems, p.checkErr) && sameFiles(before, files) {
		return
	}
	p.dev.Update(files, p.checkErr)
	p.checkSeq++
	p.wantCheck = u.Model
}

// newsletterFiles renders the newsletter fragments of a model; the session
// calls it while Hugo builds the same model.
type newsletterFiles struct {
	files []newsletter.File
	diags diag.List
	took  time.Duration
}

// withNewsletter adds the newsletter fragments (rendered alongside the Hugo
// build) to a build's files. Their links are absolute links to the published
// site (site.yaml's base_url), exactly as they will be pasted into an email;
// they cannot point at the preview, which is not https.
func (p *preview) withNewsletter(u *site.Update) (devserver.Files, diag.List) {
	nf, ok := u.Alongside.(newsletterFiles)
	if !ok {
		var d diag.List
		d.Errorf("", 0, 0, "internal", "the newsletter fragments were not rendered with this build (this is a bug: please report it)")
		return nil, d
	}
	files := make(devserver.Files, len(u.Files)+len(nf.files))
	for k, v := range u.Files {
		files[k] = v
	}
	for _, f := range nf.files {
		files[f.Path] = f.Data
	}
	return files, nf.diags
}

func sameFiles(a, b devserver.Files) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// writeAtomic writes data so that a reader never sees half of it.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".ready-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
