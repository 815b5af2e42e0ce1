package devserver

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Reserved paths. They start with a double underscore so no page of the site
// can have them.
const (
	Prefix       = "/__safeguard/"
	ScriptPath   = Prefix + "reload.js"
	EventsPath   = Prefix + "events"
	OverlayPath  = Prefix + "overlay.css"
	overlayID    = "safeguard-problems"
	notFoundFile = "404.html"
)

// Files is one complete build: slash paths relative to the site root
// ("index.html", "articles/prevent/index.html") to their bytes. A Files value
// handed to the server must not be changed afterwards.
type Files map[string][]byte

// state is what one response sees: a build and the problems of the last
// rebuild. It is replaced, never changed, so a response is never a mix of
// two builds.
type state struct {
	id       string   // changes with every Publish and Fail; pages reload when it does
	files    Files    // nil before the first good build
	problems []string // non-empty when the last rebuild failed
	changed  chan struct{}
}

// Server is an http.Handler over the current snapshot. Its zero value is not
// usable; call New.
type Server struct {
	cur     atomic.Pointer[state]
	mu      sync.Mutex // serializes Publish and Fail
	epoch   string
	n       int
	done    chan struct{}
	closing sync.Once
	// EditPrefix, when set ("/_edit"), adds an "Edit this page" link to
	// every page served (and "New page" to the home page), pointing at
	// EditPrefix followed by the page's path. Set before serving.
	EditPrefix string
	// Heartbeat is how often an idle event stream gets a comment line, so
	// proxies and browsers keep it open. Set before serving.
	Heartbeat time.Duration
}

// New returns a server with nothing built yet: until Publish or Fail is
// called every page says the site is being built.
func New() *Server {
	s := &Server{
		epoch:     strconv.FormatInt(time.Now().UnixNano(), 36),
		done:      make(chan struct{}),
		Heartbeat: 15 * time.Second,
	}
	s.cur.Store(&state{id: s.epoch + "-0", changed: make(chan struct{})})
	return s
}

// Publish makes files the served build and clears the problems overlay. Open
// pages reload.
func (s *Server) Publish(files Files) {
	s.swap(func(st *state) {
		st.files = files
		st.problems = nil
	})
}

// Fail shows problems (one line each, as printed in the terminal) over every
// page, keeping the last good build. Open pages reload to show them.
func (s *Server) Fail(problems []string) {
	if len(problems) == 0 {
		problems = []string{"the build failed"}
	}
	s.swap(func(st *state) {
		st.problems = append([]string(nil), problems...)
	})
}

// Update makes files the served build (nil keeps the current one) and
// problems the overlay (nil clears it), in one step: a build published
// together with the problems it is already known to have reloads open pages
// once, not twice.
func (s *Server) Update(files Files, problems []string) {
	s.swap(func(st *state) {
		if files != nil {
			st.files = files
		}
		st.problems = append([]string(nil), problems...)
		if len(st.problems) == 0 {
			st.problems = nil
		}
	})
}

// ID is the current build id, as sent to open pages.
func (s *Server) ID() string { return s.cur.Load().id }

// WaitChange waits until the build id differs from id (a rebuild or a
// failed rebuild has been published), or ctx ends. The editor uses it so a
// writer sent back to a page after a save sees the page as saved.
func (s *Server) WaitChange(ctx context.Context, id string) bool {
	for {
		st := s.cur.Load()
		if st.id != id {
			return true
		}
		select {
		case <-st.changed:
		case <-ctx.Done():
			return false
		case <-s.done:
			return false
		}
	}
}

// Snapshot returns the files being served (nil before the first good build)
// and the problems shown. Callers must not change them.
func (s *Server) Snapshot() (Files, []string) {
	st := s.cur.Load()
	return st.files, st.problems
}

func (s *Server) swap(change func(*state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	s.n++
	next := &state{
		id:       s.epoch + "-" + strconv.Itoa(s.n),
		files:    old.files,
		problems: old.problems,
		changed:  make(chan struct{}),
	}
	change(next)
	s.cur.Store(next)
	close(old.changed) // wakes every event stream
}

// Close ends the open event streams, so an http.Server can shut down (they
// never become idle by themselves).
func (s *Server) Close() {
	s.closing.Do(func() { close(s.done) })
}

// ServeHTTP serves the snapshot, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !HostAllowed(r) {
		http.Error(w, "this preview answers only to the address it was started on (open it with the address serve printed)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		serveBytes(w, r, http.StatusOK, "text/javascript; charset=utf-8", []byte(reloadScript))
		return
	case OverlayPath:
		serveBytes(w, r, http.StatusOK, "text/css; charset=utf-8", []byte(overlayCSS+editCSS))
		return
	case EventsPath:
		s.serveEvents(w, r)
		return
	}
	st := s.cur.Load()
	if st.files == nil {
		serveBytes(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", decorate([]byte(placeholder), st))
		return
	}
	name, redirect, ok := lookup(st.files, r.URL.Path)
	if redirect != "" {
		if q := r.URL.RawQuery; q != "" {
			redirect += "?" + q
		}
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name = notFoundFile
		if _, found := st.files[name]; !found {
			serveBytes(w, r, status, "text/html; charset=utf-8", decorate([]byte(fallback404), st))
			return
		}
	}
	data := st.files[name]
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if isHTML(ctype) {
		data = decorate(data, st)
		if status == http.StatusOK && s.EditPrefix != "" {
			data = s.editLinks(data, name)
		}
	}
	serveBytes(w, r, status, ctype, data)
}

// lookup maps a URL path to a file of the snapshot the way static hosts do:
// "/a/" is "a/index.html", "/a" redirects to "/a/" when that is a folder.
func lookup(files Files, urlPath string) (name, redirect string, ok bool) {
	clean := path.Clean("/" + urlPath)
	rel := strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") || rel == "" {
		name = path.Join(rel, "index.html")
		_, ok = files[name]
		return name, "", ok
	}
	if _, found := files[rel]; found {
		return rel, "", true
	}
	if _, found := files[path.Join(rel, "index.html")]; found {
		return "", clean + "/", false
	}
	return rel, "", false
}

func isHTML(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	return mt == "text/html"
}

func serveBytes(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	// A preview must never show a page from the browser's cache.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// decorate adds the reload script, and the problems overlay when the last
// rebuild failed, before the closing body tag of a full HTML document. A
// fragment (no </body>, such as a newsletter snippet) is left as it is, so
// what an editor copies from it is exactly what would be published.
func decorate(page []byte, st *state) []byte {
	at := lastIndexFold(page, []byte("</body"))
	if at < 0 {
		return page
	}
	var add bytes.Buffer
	if len(st.problems) > 0 {
		add.WriteString(`<link rel="stylesheet" href="` + OverlayPath + `">`)
		add.WriteString(`<section id="` + overlayID + `" role="alert" aria-labelledby="` + overlayID + `-title">`)
		fmt.Fprintf(&add, `<h2 id="%s-title">The last change has problems</h2>`, overlayID)
		add.WriteString(`<p>This preview still shows the last version that worked. Fix these and save; this message goes away by itself.</p><ul>`)
		for _, p := range st.problems {
			add.WriteString("<li><code>" + html.EscapeString(p) + "</code></li>")
		}
		add.WriteString("</ul></section>")
	}
	fmt.Fprintf(&add, `<script src="%s" data-build="%s"></script>`, ScriptPath, html.EscapeString(st.id))
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:at]...)
	out = append(out, add.Bytes()...)
	out = append(out, page[at:]...)
	return out
}

// editLinks adds the editor's links before the closing body tag of a
// served page (name is its file in the build).
func (s *Server) editLinks(page []byte, name string) []byte {
	at := lastIndexFold(page, []byte("</body"))
	if at < 0 || path.Base(name) != "index.html" {
		return page
	}
	dir := strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/")
	urlPath := "/"
	if dir != "" {
		urlPath = "/" + dir + "/"
	}
	var add bytes.Buffer
	add.WriteString(`<link rel="stylesheet" href="` + OverlayPath + `">`)
	add.WriteString(`<nav class="safeguard-edit" aria-label="Preview editor"><p>`)
	fmt.Fprintf(&add, `<a href="%s">Edit this page</a>`, html.EscapeString(s.EditPrefix+urlPath))
	if urlPath == "/" {
		fmt.Fprintf(&add, ` <a href="%s">New page</a>`, html.EscapeString(s.EditPrefix+"/_new"))
	}
	add.WriteString(` <span>(only in this preview)</span></p></nav>`)
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:at]...)
	out = append(out, add.Bytes()...)
	out = append(out, page[at:]...)
	return out
}

func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// serveEvents is a Server-Sent Events stream: the current build id at once,
// then each new one. The page reloads when the id differs from its own.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	beat := time.NewTicker(s.Heartbeat)
	defer beat.Stop()
	st := s.cur.Load()
	fmt.Fprintf(w, "retry: 500\ndata: %s\n\n", st.id)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-beat.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-st.changed:
			st = s.cur.Load()
			fmt.Fprintf(w, "data: %s\n\n", st.id)
			flusher.Flush()
		}
	}
}

// reloadScript reloads the page when the server announces a build other than
// the one the page came from (also after the server restarted).
const reloadScript = `(function () {
  var me = document.currentScript, build = me && me.getAttribute("data-build");
  if (!build || !window.EventSource) return;
  var events = new EventSource("` + EventsPath + `");
  events.onmessage = function (e) {
    if (e.data && e.data !== build) { events.close(); location.reload(); }
  };
})();
`

// overlayCSS is served from this host rather than inline, so the overlay
// works under a Content-Security-Policy that forbids inline styles.
const overlayCSS = `#` + overlayID + ` {
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647;
  max-height: 60vh; overflow: auto; margin: 0; padding: 1rem 1.5rem;
  background: #fff; color: #0b0c0c; border-top: 0.5rem solid #d4351c;
  font: 1rem/1.4 system-ui, sans-serif; box-shadow: 0 -2px 8px rgba(0,0,0,.3);
}
#` + overlayID + ` h2 { margin: 0 0 .5rem; font-size: 1.25rem; color: #d4351c; }
#` + overlayID + ` ul { margin: .5rem 0 0; padding-left: 1.25rem; }
#` + overlayID + ` code { font: .95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
`

const editCSS = `.safeguard-edit { margin: 0; padding: .75rem 1rem; background: #1f2a44; color: #fff; font: 1rem/1.4 system-ui, sans-serif; }
.safeguard-edit p { margin: 0; max-width: 60rem; margin: 0 auto; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.safeguard-edit a, .safeguard-edit a:visited { color: #fff; font-weight: 700; }
.safeguard-edit a:focus-visible { outline: 3px solid #fd0; outline-offset: 2px; }
`

const placeholder = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Preview</title></head>
<body><main><h1>The preview is not ready</h1><p>The site has not built yet. This page reloads by itself when it has.</p></main></body></html>
`

const fallback404 = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Page not found</title></head>
<body><main><h1>Page not found</h1><p>There is no page at this address in the preview.</p></main></body></html>
`
