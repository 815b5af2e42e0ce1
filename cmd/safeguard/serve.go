package main

import (
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

	"safeguard/internal/archetype"
	"safeguard/internal/content"
	"safeguard/internal/devserver"
	"safeguard/internal/diag"
	"safeguard/internal/editor"
	"safeguard/internal/publish"
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
	pipe := publish.New(publish.Options{Source: o.src, BaseURL: addr, Drafts: o.drafts, Future: o.future, LeftOutWarn: true})
	defer pipe.Close()

	p := newPreview(pipe, std)
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
		// A save passes exactly when build would pass: the same pipeline,
		// with the one file changed.
		ed.Validate = func(rel string, data []byte) (*content.Site, diag.List) {
			return pipe.Validate(ctx, archetype.Overlay{FS: os.DirFS(o.src), Name: rel, Data: data})
		}
		ed.Preview = pipe.PreviewPage
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
	// Headers must arrive within 10 s; the editor gives a form's body 30 s
	// (a whole-request ReadTimeout would cut the live-reload connections).
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(std.out, "Serving %s at %s (Ctrl-C to stop)\n", o.src, addr)
	if o.readyFile != "" {
		if err := writeAtomic(o.readyFile, []byte(addr+"\n")); err != nil {
			fmt.Fprintf(std.err, "safeguard serve: cannot write --ready-file: %v\n", err)
		}
	}

	// What a pause does, and when, is the pipeline's policy (publish.Idle).
	idle := publish.NewIdle()
	defer idle.Stop()
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
			idle.Busy()
		case r := <-pipe.Checks().Done():
			if d, ok := pipe.Checks().Result(r); ok {
				p.showCheck(d)
			}
		case <-idle.C():
			switch pipe.Paused(idle) {
			case publish.Recycle:
				p.recycle(ctx)
			case publish.FreeMemory:
				debug.FreeOSMemory()
			}
		}
	}
}

// preview ties the pipeline's preview side to what is served.
type preview struct {
	pipe *publish.Pipeline
	dev  *devserver.Server
	std  stdio

	// The content checks run once the writer pauses (pipe.Checks) and their
	// errors join the overlay when they finish. Only the serve loop touches
	// these fields.
	checkErr []string // errors of the last check, shown with newer builds until re-checked
	checks   int      // checks shown (the first also prints warnings)
	timings  bool     // print stage times after each build
}

func newPreview(pipe *publish.Pipeline, std stdio) *preview {
	return &preview{pipe: pipe, dev: devserver.New(), std: std}
}

// rebuild applies one batch and publishes the result, or shows its problems.
func (p *preview) rebuild(ctx context.Context, b watch.Batch, first bool) {
	start := time.Now()
	snap, d := p.pipe.Apply(ctx, b)
	d = d.Sort()
	if snap == nil || d.HasErrors() {
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
	p.dev.Update(snap.Files, p.checkErr)
	verb := "Rebuilt"
	if first {
		verb = "Built"
	}
	fmt.Fprintf(p.std.out, "%s in %d ms (%d files)\n", verb, time.Since(start).Milliseconds(), snap.Written)
	if p.timings {
		t := snap.Timings
		fmt.Fprintf(p.std.out, "timings: load=%s hugo=%s newsletter=%s\n", ms(t.Load), ms(t.Hugo), ms(t.Newsletter))
	}
	if snap.Full {
		// A full build leaves a whole site graph of garbage: hand it back
		// to the system now, after the page is served, rather than keep the
		// peak for the rest of the session.
		debug.FreeOSMemory()
	}
}

// showCheck shows a finished check's errors over the current build.
func (p *preview) showCheck(d diag.List) {
	p.checks++
	d = d.Sort()
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

// recycle gives the pipeline a fresh Hugo site. The site is the same, so
// open pages are reloaded only if it somehow differs.
func (p *preview) recycle(ctx context.Context) {
	defer debug.FreeOSMemory() // the old site graph is garbage now
	if snap := p.pipe.Recycle(ctx); snap != nil {
		p.dev.Update(snap.Files, p.checkErr)
	}
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
