package editor

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	safeguard "safeguard"
	"safeguard/internal/archetype"
	"safeguard/internal/check"
	"safeguard/internal/content"
	"safeguard/internal/devserver"
	"safeguard/internal/diag"
)

// Prefix is where the editor answers. Pages of the site cannot start with
// an underscore, so no page is hidden by it.
const Prefix = "/_edit/"

// NewPath is the form for a new page.
const NewPath = Prefix + "_new"

// PreviewFunc renders a page as it would be published: fsys is the source
// folder with the page's file (rel, a slash path) as the form would write
// it; it returns the web page made with the site's templates and, for an
// article in a newsletter issue, its fragment (nil otherwise). Problems
// come back as diagnostics. serve hands in publish.Pipeline.PreviewPage.
type PreviewFunc func(ctx context.Context, fsys fs.FS, rel string) (page, fragment []byte, problems diag.List)

// Editor serves the forms and saves pages of one source folder.
type Editor struct {
	root  string
	token string
	// Today is the day dates are measured from; nil means now.
	Today func() time.Time
	// Build and WaitChange, when set, tell the preview's build id and wait
	// for a newer one: a save waits (a few seconds at most) for the preview
	// to rebuild, so the page the writer goes back to shows the change even
	// without JavaScript.
	Build      func() string
	WaitChange func(ctx context.Context, id string) bool
	// Validate, when set, says what build would say of the site with the
	// file rel holding data: the preview hands the editor its pipeline's
	// (publish.Pipeline.Validate), so a save passes exactly when build
	// would pass, output rules included. Without it the editor loads and
	// runs the content checks itself.
	Validate func(rel string, data []byte) (*content.Site, diag.List)

	// Preview, when set, renders the Preview button's page (serve hands
	// the publish pipeline's renderer in); nil says the preview is off.
	Preview PreviewFunc

	bodyTimeout time.Duration // a form's body must arrive within it

	// mu is held from reading a file's version to renaming the new file
	// into place, so two saves from the same version cannot both pass.
	mu sync.Mutex

	// opened keeps the file versions forms were opened from, by version,
	// so a conflict can tell which fields the writer changed (three-way).
	openedMu sync.Mutex
	opened   map[string][]byte
	order    []string

	previewsMu sync.Mutex
	previews   map[string]*rendered
	previewIDs []string
}

// rendered is one Preview's output, served to the preview page's frames.
type rendered struct {
	page, fragment []byte
}

// written waits for the preview to rebuild after a write.
func (e *Editor) written(r *http.Request, id string) {
	if e.WaitChange == nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	e.WaitChange(ctx, id)
}

func (e *Editor) buildID() string {
	if e.Build == nil {
		return ""
	}
	return e.Build()
}

// New returns an editor of the source folder root with a fresh random token
// for this session.
func New(root string) (*Editor, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	return &Editor{root: abs, token: hex.EncodeToString(b), bodyTimeout: 30 * time.Second, opened: map[string][]byte{}, previews: map[string]*rendered{}}, nil
}

// Wrap sends the editor's paths to the editor, after the preview's Host
// check, and everything else to next (the preview).
func (e *Editor) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, Prefix) {
			next.ServeHTTP(w, r)
			return
		}
		if !devserver.HostAllowed(r) {
			http.Error(w, "this preview answers only to the address it was started on", http.StatusForbidden)
			return
		}
		e.ServeHTTP(w, r)
	})
}

// ServeHTTP answers under Prefix. The caller has checked the Host header.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	if id, part, ok := strings.Cut(strings.TrimPrefix(rest, "_preview/"), "/"); ok && strings.HasPrefix(rest, "_preview/") && r.Method == http.MethodGet {
		e.servePreview(w, id, part)
		return
	}
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	switch rest {
	case "_assets/main.css":
		e.serveCSS(w, r, true)
		return
	case "_assets/editor.css":
		e.serveCSS(w, r, false)
		return
	case "_assets/editor.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(editorJS))
		return
	case "_address":
		// The New page form's address, made as the writer types (editor.js).
		addr, ok := archetype.Address(r.URL.Query().Get("title"))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if ok {
			w.Write([]byte(addr))
		}
		return
	}
	if r.Method == http.MethodPost {
		if err := e.allowWrite(w, r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		if msg := tooMany(r.PostForm); msg != "" {
			e.render(w, http.StatusUnprocessableEntity, &view{Heading: "This form cannot be saved", Problem: msg})
			return
		}
		switch rest {
		case "_new":
			e.startNew(w, r)
		case "_save":
			e.save(w, r)
		case "_delete":
			e.remove(w, r)
		default:
			http.Error(w, "not found", http.StatusNotFound)
		}
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if rest == "_new" {
		e.render(w, http.StatusOK, &view{Heading: "New page", NewForm: true, Kinds: kindOptions("")})
		return
	}
	e.edit(w, r, "/"+rest)
}

// allowWrite refuses a writing request that does not come from a page of
// this preview: its Origin (or, without one, its Referer) must be this host,
// and it must carry this session's token. The body must arrive within 30
// seconds and be under 4 MB.
func (e *Editor) allowWrite(w http.ResponseWriter, r *http.Request) error {
	self := "http://" + r.Host
	if o := r.Header.Get("Origin"); o != "" {
		if o != self {
			return errors.New("refused: this request came from another site")
		}
	} else if ref := r.Header.Get("Referer"); ref == "" || !strings.HasPrefix(ref, self+"/") {
		return errors.New("refused: this request does not say it came from the preview")
	}
	// A body read timeout for these requests only: the preview's own
	// long-lived reload connections must not have one.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(e.bodyTimeout))
	r.Body = http.MaxBytesReader(nil, r.Body, 4<<20)
	err := r.ParseForm()
	// Read: a long save or preview must not be cut by the deadline.
	rc.SetReadDeadline(time.Time{})
	if err != nil {
		return errors.New("refused: the form could not be read")
	}
	if t := r.PostForm.Get("token"); len(t) != len(e.token) || subtle.ConstantTimeCompare([]byte(t), []byte(e.token)) != 1 {
		return errors.New("refused: the form is out of date or not from this preview (open the page again and repeat the change)")
	}
	return nil
}

// maxRows is the most rows of a repeated group (phone numbers) a form may
// send; maxValues the most values of any form.
const (
	maxRows   = 50
	maxValues = 2000
)

// tooMany refuses a form with more rows or values than any page needs: a
// number in a field name decides how many rows the page is built with.
func tooMany(v url.Values) string {
	n := 0
	for k, xs := range v {
		n += len(xs)
		parts := strings.Split(k, ".")
		for _, p := range parts {
			if i, err := strconv.Atoi(p); err == nil && (i >= maxRows || i < 0) || err == nil && len(p) > 2 {
				return fmt.Sprintf("A page can have at most %d phone numbers. Remove some, then save again.", maxRows)
			}
		}
	}
	if n > maxValues {
		return "The form has more values than any page needs. Open the page again and repeat the change."
	}
	return ""
}

func (e *Editor) serveCSS(w http.ResponseWriter, r *http.Request, site bool) {
	var data []byte
	if site {
		name := filepath.Join(e.root, "assets", "css", "main.css")
		if st, err := os.Lstat(name); err == nil && st.Mode().IsRegular() && st.Size() < 4<<20 {
			data, _ = os.ReadFile(name)
		}
		if data == nil {
			data, _ = fs.ReadFile(safeguard.Theme, "assets/css/main.css")
		}
	} else {
		data = []byte(editorCSS)
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Write(data)
}

// load reads the whole site, drafts and scheduled pages included; nil when
// it has errors.
func (e *Editor) load(fsys fs.FS) (*content.Site, diag.List) {
	if fsys == nil {
		fsys = os.DirFS(e.root)
	}
	return content.NewLoaderFS(fsys, e.root, content.Options{Drafts: true, Future: true, Today: e.today()}).Load()
}

func (e *Editor) today() time.Time {
	if e.Today != nil {
		return e.Today()
	}
	return time.Time{}
}

// fileFor finds the file of the page at a site URL: from the site when it
// loads, else by the usual places of a file for that address.
func (e *Editor) fileFor(site *content.Site, u string) string {
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	if site != nil {
		for _, p := range site.Pages {
			if p.URL == u {
				return p.Path
			}
		}
	}
	rel := strings.Trim(u, "/")
	var cands []string
	if rel == "" {
		cands = []string{"content/_index.md"}
	} else {
		cands = []string{"content/" + rel + ".md", "content/" + rel + "/index.md", "content/" + rel + "/_index.md"}
	}
	for _, c := range cands {
		if checkPath(e.root, c) == nil {
			if st, err := os.Lstat(filepath.Join(e.root, filepath.FromSlash(c))); err == nil && st.Mode().IsRegular() {
				return c
			}
		}
	}
	return ""
}

// pageID is how a form names its page: the file's path without content/
// and .md, so no form shows a file name.
func pageID(rel string) string {
	return strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")
}

// relOf turns a form's page id back into the file, through checkPath.
func (e *Editor) relOf(id string) (string, error) {
	rel := "content/" + id + ".md"
	if id == "" || checkPath(e.root, rel) != nil {
		return "", errors.New("refused: that is not a page the editor can change")
	}
	return rel, nil
}

// version names the bytes of a page file as a form opened them.
func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// remember keeps a version a form was opened from, for a later conflict.
func (e *Editor) remember(data []byte) string {
	ver := version(data)
	e.openedMu.Lock()
	defer e.openedMu.Unlock()
	if _, ok := e.opened[ver]; !ok {
		e.opened[ver] = data
		e.order = append(e.order, ver)
		if len(e.order) > 256 {
			delete(e.opened, e.order[0])
			e.order = e.order[1:]
		}
	}
	return ver
}

func (e *Editor) openedAt(ver string) []byte {
	e.openedMu.Lock()
	defer e.openedMu.Unlock()
	return e.opened[ver]
}

// defaultSlug is the address a page has without a slug field.
func defaultSlug(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), ".md")
	if base == "index" {
		return path.Base(path.Dir(rel))
	}
	return base
}

// formValues reads a page file into the form's values.
func (e *Editor) formValues(rel string, src *source, data []byte) url.Values {
	schema := content.Schema(rel)
	v := valuesOf(schema, src.fields())
	v.Set("body", string(src.body))
	v.Set("page", pageID(rel))
	v.Set("version", e.remember(data))
	if v.Get("f.slug") == "" && !content.IsIndex(rel) {
		v.Set("f.slug", defaultSlug(rel))
	}
	if n := get(src.fields(), "ignore"); n != nil {
		b, _ := yaml.Marshal(n)
		v.Set("rules", string(b))
	}
	return v
}

// edit shows the form of the page at URL u; after a save (?saved=) with
// the Saved banner.
func (e *Editor) edit(w http.ResponseWriter, r *http.Request, u string) {
	site, _ := e.load(nil)
	rel := e.fileFor(site, u)
	if rel == "" || checkPath(e.root, rel) != nil {
		e.render(w, http.StatusNotFound, &view{Heading: "Page not found", Problem: "There is no page at " + u + " to edit."})
		return
	}
	data, err := readPage(e.root, rel)
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "This page cannot be opened", Problem: err.Error()})
		return
	}
	src, err := cut(data)
	if err != nil {
		e.render(w, http.StatusOK, &view{Heading: "This page cannot be edited here", Problem: err.Error()})
		return
	}
	schema := content.Schema(rel)
	v := e.formValues(rel, src, data)
	v.Set("from", u)
	var errs []fieldError
	saved := r.URL.Query().Get("saved")
	if saved == "draft" {
		// The draft's problems stay listed until they are fixed.
		_, d := e.validate(rel, data)
		errs = placeErrors(site, schema, data, d)
	}
	vw := e.form(site, rel, schema, v, errs)
	switch saved {
	case "yes":
		vw.Saved = "Your changes are saved and published in the preview."
	case "draft":
		vw.Saved = "Saved as a draft. A draft is not on the site: select Save and publish when it is ready."
		if len(errs) > 0 {
			vw.Saved += " Fix the problems listed before you publish it."
		}
	}
	if vw.Saved != "" {
		vw.View = u
	}
	e.render(w, http.StatusOK, vw)
}

func readPage(root, rel string) ([]byte, error) {
	if err := checkPath(root, rel); err != nil {
		return nil, err
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Lstat(name)
	if err != nil {
		return nil, plainErr(err)
	}
	if !st.Mode().IsRegular() || st.Size() > 8<<20 {
		return nil, errors.New("this is not a page the editor can open")
	}
	b, err := os.ReadFile(name)
	return b, plainErr(err)
}

// plainErr drops the path from a system error: no response shows where
// the files are on this computer.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// startNew turns the kind, title and address of the New page form into
// the form of the new page, filled in from its archetype; nothing is
// written yet. Without an address, the form comes back with the one made
// from the title for the writer to check (editor.js fills it in as they
// type).
func (e *Editor) startNew(w http.ResponseWriter, r *http.Request) {
	kind := content.Kind(r.PostForm.Get("kind"))
	title := strings.TrimSpace(r.PostForm.Get("title"))
	addr := strings.TrimSpace(r.PostForm.Get("address"))
	vw := &view{Heading: "New page", NewForm: true, Kinds: kindOptions(kind), Title: title, Address: addr}
	if !slices.Contains(content.Kinds, kind) {
		vw.Errors = append(vw.Errors, fieldError{ID: "kind-" + string(content.Kinds[0]), Text: "Choose what kind of page it is"})
		vw.KindError = "Choose what kind of page it is"
	}
	if title == "" {
		vw.Errors = append(vw.Errors, fieldError{ID: "title", Text: "Enter a title"})
		vw.TitleError = "Enter a title"
	} else if strings.ContainsFunc(title, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		vw.Errors = append(vw.Errors, fieldError{ID: "title", Text: "Write the title on one line"})
		vw.TitleError = "Write the title on one line"
	}
	if addr == "" && title != "" {
		if a, ok := archetype.Address(title); ok {
			vw.Address = a
			vw.AddressNote = "Check the address made from the title, then select Continue."
		} else {
			vw.AddressError = "Enter an address in a-z, 0-9 and -: its letters cannot be made from this title, for example child-protection"
			vw.Errors = append(vw.Errors, fieldError{ID: "address", Text: vw.AddressError})
		}
	} else if addr != "" && !content.ValidName(addr) {
		vw.AddressError = "Address can use only a-z, 0-9 and -, for example " + content.NameFrom(addr)
		vw.Errors = append(vw.Errors, fieldError{ID: "address", Text: vw.AddressError})
	} else if content.DeviceName(addr) {
		vw.AddressError = "Address cannot be " + addr + ", a name Windows keeps for a device: choose another, for example " + addr + "-page"
		vw.Errors = append(vw.Errors, fieldError{ID: "address", Text: vw.AddressError})
	}
	if len(vw.Errors) > 0 || vw.AddressNote != "" {
		status := http.StatusOK
		if len(vw.Errors) > 0 {
			status = http.StatusUnprocessableEntity
		}
		e.render(w, status, vw)
		return
	}
	rel, data, _, err := archetype.Make(archetype.Options{Root: e.root, Kind: kind, Title: title, Slug: addr, Today: e.today()})
	if err == nil && e.exists(rel) {
		e.collision(w, vw, kind, addr)
		return
	}
	if err != nil {
		vw.Problem = "The starting page for this kind of page cannot be made: " + writerWords(nil, err.Error())
		e.render(w, http.StatusUnprocessableEntity, vw)
		return
	}
	src, err := cut(data)
	if err != nil {
		vw.Problem = "The site's starting page for this kind cannot be edited here: " + err.Error()
		e.render(w, http.StatusOK, vw)
		return
	}
	schema := content.Schema(rel)
	v := valuesOf(schema, src.fields())
	v.Set("body", string(src.body))
	v.Set("kind", string(kind))
	v.Set("f.slug", addr)
	v.Set("version", "new")
	v.Set("new", "1")
	site, _ := e.load(nil)
	e.render(w, http.StatusOK, e.form(site, rel, schema, v, nil))
}

// collision offers the next free address, or the page that has it.
func (e *Editor) collision(w http.ResponseWriter, vw *view, kind content.Kind, addr string) {
	free := archetype.Free(kind, addr, e.exists)
	vw.Address = free
	vw.AddressError = "There is already a page with the address " + addr + ". Select Continue to use " + free + " instead, change the address, or open the page that has it."
	if rel, err := archetype.File(kind, addr); err == nil {
		if site, _ := e.load(nil); site != nil {
			for _, p := range site.Pages {
				if p.Path == rel {
					vw.Existing = strings.TrimSuffix(Prefix, "/") + p.URL
				}
			}
		}
	}
	vw.Errors = append(vw.Errors, fieldError{ID: "address", Text: vw.AddressError})
	e.render(w, http.StatusConflict, vw)
}

func (e *Editor) exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(e.root, filepath.FromSlash(rel)))
	return err == nil
}

// target is the file a save form is about: a new page's from its kind and
// address through the one name rule (never a name the form sends), an
// existing page's from its id.
func (e *Editor) target(v url.Values) (rel string, isNew bool, err error) {
	if v.Get("new") != "1" {
		rel, err = e.relOf(v.Get("page"))
		if err == nil && !e.exists(rel) {
			err = errNotThere
		}
		return rel, false, err
	}
	kind := content.Kind(v.Get("kind"))
	if !slices.Contains(content.Kinds, kind) {
		return "", true, errors.New("refused: that is not a kind of page")
	}
	rel, err = archetype.File(kind, strings.TrimSpace(v.Get("f.slug")))
	if err == nil {
		err = checkPath(e.root, rel)
	}
	return rel, true, err
}

var errNotThere = errors.New("the page is not there any more: someone deleted it or changed its address while you were writing")

// save validates the form as the file it would write, and writes it when
// it is valid or the writer chose to save a draft; a form opened from an
// older version of the file never overwrites: the writer chooses first.
// The Preview and Add a contact buttons post here too and write nothing.
func (e *Editor) save(w http.ResponseWriter, r *http.Request) {
	v := r.PostForm
	action := v.Get("action")
	rel, isNew, err := e.target(v)
	if slug := strings.TrimSpace(v.Get("f.slug")); isNew && err != nil && v.Get("kind") != "" && (!content.ValidName(slug) || content.DeviceName(slug)) {
		// A new page's address is checked like any field.
		site, _ := e.load(nil)
		fake, _ := archetype.File(content.Kind(v.Get("kind")), "x")
		schema := content.Schema(fake)
		msg := "Address can use only a-z, 0-9 and -, for example " + content.NameFrom(slug)
		if content.ValidName(slug) {
			msg = "Address cannot be " + slug + ", a name Windows keeps for a device: choose another, for example " + slug + "-page"
		}
		e.render(w, http.StatusUnprocessableEntity, e.form(site, fake, schema, v, []fieldError{{ID: "f-slug", Text: msg}}))
		return
	}
	if errors.Is(err, errNotThere) {
		e.lost(w, v, err.Error())
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	schema := content.Schema(rel)
	switch action {
	case "preview":
		e.preview(w, r, rel, schema, v)
		return
	case "contact":
		e.addContact(w, rel, schema, v)
		return
	}
	draft := action == "draft"

	e.mu.Lock()
	locked := true
	unlock := func() {
		if locked {
			e.mu.Unlock()
			locked = false
		}
	}
	defer unlock()

	var data []byte
	if isNew {
		if e.exists(rel) {
			site, _ := e.load(nil)
			msg := "There is already a page with the address " + v.Get("f.slug") + ": choose another address"
			if free := archetype.Free(content.Kind(v.Get("kind")), v.Get("f.slug"), e.exists); free != "" {
				msg += ", for example " + free
			}
			e.render(w, http.StatusConflict, e.form(site, rel, schema, v, []fieldError{{ID: "f-slug", Text: msg}}))
			return
		}
		data = []byte("---\n---\n")
	} else {
		if data, err = readPage(e.root, rel); err != nil {
			e.lost(w, v, errNotThere.Error())
			return
		}
		if ver := version(data); ver != v.Get("version") {
			// Also when someone saved again while the writer chose.
			e.conflict(w, rel, schema, v, data)
			return
		}
	}
	src, err := cut(data)
	if err != nil {
		e.render(w, http.StatusOK, &view{Heading: "This page cannot be edited here", Problem: err.Error()})
		return
	}
	if v.Get("resolve") == "1" {
		takeTheirs(schema, v, e.formValues(rel, src, data))
	}
	if draft {
		v.Set("f.draft", "true")
	} else {
		v.Del("f.draft")
	}
	oldSlug := scalar(get(src.fields(), "slug"))
	wasDraft := scalar(get(src.fields(), "draft")) == "true"
	if isNew || oldSlug == "" && strings.TrimSpace(v.Get("f.slug")) == defaultSlug(rel) {
		v.Set("f.slug", "") // the file's name is the address
	}
	changed := apply(schema, src.fields(), v)
	if !draft && wasDraft {
		changed = set(src.fields(), "draft", nil) || changed
	}
	out, err := compose(src, changed, v.Get("body"))
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be written", Problem: plainErr(err).Error()})
		return
	}
	site, d := e.validate(rel, out)
	errs := placeErrors(site, schema, out, d)
	if isNew {
		v.Set("f.slug", defaultSlug(rel))
	}
	if len(errs) > 0 && !draft {
		e.render(w, http.StatusUnprocessableEntity, e.form(site, rel, schema, v, errs))
		return
	}
	before, _ := e.load(nil)
	if !isNew && !draft && v.Get("confirm_rename") != "yes" && strings.TrimSpace(v.Get("f.slug")) != oldSlug && v.Get("f.slug") != "" {
		if links := linking(before, rel); len(links) > 0 {
			e.confirm(w, &view{Heading: "Change this page's address?", Rename: true, Linking: links, From: v.Get("from")}, v, "confirm_rename")
			return
		}
	}
	if !isNew && draft && v.Get("confirm_draft") != "yes" && !wasDraft {
		// A live page becomes a draft: it leaves the site, so ask first.
		e.confirm(w, &view{Heading: "Take this page off the site?", DraftConfirm: true, Linking: linking(before, rel), From: v.Get("from")}, v, "confirm_draft")
		return
	}
	if !isNew && bytes.Equal(out, data) && len(errs) == 0 {
		unlock()
		e.back(w, r, site, rel, v.Get("from"), false)
		return
	}
	id := e.buildID()
	if isNew {
		err = archetype.Write(e.root, rel, out)
	} else {
		err = writeAtomic(e.root, rel, out)
	}
	unlock()
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be written", Problem: "Nothing was saved: " + plainErr(err).Error() + ". Try again; if it happens again, tell whoever looks after the preview."})
		return
	}
	e.written(r, id)
	e.back(w, r, site, rel, v.Get("from"), draft)
}

// confirm asks before a save goes ahead, carrying the form as it was.
func (e *Editor) confirm(w http.ResponseWriter, vw *view, v url.Values, yes string) {
	vw.Confirmed = yes
	vw.Hidden = hidden(v, "token", yes)
	e.render(w, http.StatusOK, vw)
}

// hidden lists a form's values, but skip, for a page that sends them on.
func hidden(v url.Values, skip ...string) []option {
	var out []option
	for k, xs := range v {
		if slices.Contains(skip, k) {
			continue
		}
		for _, x := range xs {
			out = append(out, option{Value: x, Label: k})
		}
	}
	slices.SortStableFunc(out, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// lost shows what the writer wrote when the page went while they wrote, so
// nothing is lost.
func (e *Editor) lost(w http.ResponseWriter, v url.Values, why string) {
	vw := &view{Heading: "This page cannot be saved", Problem: "Nothing was saved: " + why + ". Your text is below: copy it before you leave this page.", Lost: v.Get("body"), LostTitle: v.Get("f.title")}
	e.render(w, http.StatusConflict, vw)
}

// scalar is a scalar node's value, "" for anything else.
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// back sends the writer to the form of the page they saved, at its address
// now, with the Saved banner.
func (e *Editor) back(w http.ResponseWriter, r *http.Request, site *content.Site, rel, from string, draft bool) {
	to := from
	if site != nil {
		for _, p := range site.Pages {
			if p.Path == rel {
				to = p.URL
			}
		}
	}
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.ContainsAny(to, "\\\r\n?#") {
		to = "/"
	}
	saved := "yes"
	if draft {
		saved = "draft"
	}
	http.Redirect(w, r, strings.TrimSuffix(Prefix, "/")+to+"?saved="+saved, http.StatusSeeOther)
}

// compose writes the file: the front matter as it was when no field
// changed, else re-encoded from the node tree (comments and order kept);
// the body as it was when the writer did not change it.
func compose(src *source, changed bool, body string) ([]byte, error) {
	var out bytes.Buffer
	out.Write(src.head)
	if changed {
		var fm bytes.Buffer
		enc := yaml.NewEncoder(&fm)
		enc.SetIndent(2)
		if len(src.fields().Content) > 0 {
			if err := enc.Encode(src.doc); err != nil {
				return nil, err
			}
		}
		enc.Close()
		b := fm.Bytes()
		if src.crlf {
			b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
		}
		out.Write(b)
	} else {
		out.Write(src.fm)
	}
	out.Write(src.close)
	if len(src.close) == 0 || src.close[len(src.close)-1] != '\n' {
		out.WriteString(nl(src.crlf))
	}
	norm := strings.ReplaceAll(body, "\r\n", "\n")
	if norm == strings.ReplaceAll(string(src.body), "\r\n", "\n") {
		out.Write(src.body)
	} else {
		if src.crlf {
			norm = strings.ReplaceAll(norm, "\n", "\r\n")
		}
		out.WriteString(norm)
	}
	return out.Bytes(), nil
}

func nl(crlf bool) string {
	if crlf {
		return "\r\n"
	}
	return "\n"
}

// validate loads the site with the file as it would be written and runs
// the checks of safeguard build; it returns the errors about that file.
func (e *Editor) validate(rel string, data []byte) (*content.Site, diag.List) {
	if e.Validate != nil {
		site, d := e.Validate(rel, data)
		var out diag.List
		for _, x := range d.Errors() {
			if x.Path == rel {
				out.Add(x)
			}
		}
		return site, out.Sort()
	}
	fsys := archetype.Overlay{FS: os.DirFS(e.root), Name: rel, Data: data}
	site, d := e.load(fsys)
	var out diag.List
	for _, x := range d.Errors() {
		if x.Path == rel {
			out.Add(x)
		}
	}
	if site != nil {
		site.Root = e.root
		for _, x := range check.Source(site, check.Options{Today: e.today()}).Errors() {
			if x.Path == rel {
				out.Add(x)
			}
		}
	}
	return site, out.Sort()
}

// remove asks to confirm, listing the pages that link to the page, then
// deletes the file, unless it changed since the form was opened.
func (e *Editor) remove(w http.ResponseWriter, r *http.Request) {
	v := r.PostForm
	rel, err := e.relOf(v.Get("page"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	site, _ := e.load(nil)
	if v.Get("confirm") != "yes" {
		vw := &view{Heading: "Delete this page?", Confirm: true, Page: v.Get("page"), Version: v.Get("version"), From: v.Get("from")}
		vw.Linking = linking(site, rel)
		e.render(w, http.StatusOK, vw)
		return
	}
	e.mu.Lock()
	name := filepath.Join(e.root, filepath.FromSlash(rel))
	data, err := readPage(e.root, rel)
	if err != nil {
		e.mu.Unlock()
		e.render(w, http.StatusNotFound, &view{Heading: "The page could not be deleted", Problem: "It is not there any more: someone else deleted it."})
		return
	}
	if ver := version(data); ver != v.Get("version") {
		e.mu.Unlock()
		vw := &view{Heading: "This page changed since you opened it", Confirm: true, Changed: true, Page: v.Get("page"), Version: ver, From: v.Get("from")}
		vw.Linking = linking(site, rel)
		if src, err := cut(data); err == nil {
			vw.Lost, vw.LostTitle = string(src.body), scalar(get(src.fields(), "title"))
		}
		e.render(w, http.StatusConflict, vw)
		return
	}
	id := e.buildID()
	err = os.Remove(name)
	e.mu.Unlock()
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be deleted", Problem: plainErr(err).Error()})
		return
	}
	e.written(r, id)
	to := "/"
	if sec := path.Dir(strings.TrimPrefix(rel, "content/")); sec != "." {
		to = "/" + strings.SplitN(sec, "/", 2)[0] + "/"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// linking lists the pages that link to the page in rel, or use it as a
// contact: they would break if it went.
func linking(site *content.Site, rel string) []string {
	if site == nil {
		return nil
	}
	var target *content.Page
	for _, p := range site.Pages {
		if p.Path == rel {
			target = p
		}
	}
	if target == nil {
		return nil
	}
	var out []string
	for _, p := range site.Pages {
		if p == target {
			continue
		}
		uses := target.URL != "/" && strings.Contains(p.Body, "("+strings.TrimSuffix(target.URL, "/"))
		if target.Contact != nil {
			uses = uses || slices.Contains(p.Contacts, target.Contact.Name)
			for _, sc := range p.ContactShortcodes {
				uses = uses || len(sc.Args) > 0 && sc.Args[0] == target.Contact.Name
			}
			if p.ActEarly != nil && p.ActEarly.CallToAction.Contact == target.Contact.Name {
				uses = true
			}
		}
		if uses {
			out = append(out, p.Title+" ("+p.URL+")")
		}
	}
	return out
}

func kindOptions(sel content.Kind) []option {
	labels := map[content.Kind]string{
		content.KindArticle:  "Article: news for residents, can go in the @Home newsletter",
		content.KindActEarly: "ACT Early campaign page",
		content.KindContact:  "Contact: a way to get help",
		content.KindEvent:    "Event: a training or awareness session",
		content.KindAlert:    "Alert: an urgent notice at the top of every page, for a set time",
		content.KindPage:     "Other page",
	}
	var out []option
	for _, k := range content.Kinds {
		out = append(out, option{Value: string(k), Label: labels[k], Selected: k == sel})
	}
	return out
}
