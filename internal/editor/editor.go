package editor

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
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
	return &Editor{root: abs, token: hex.EncodeToString(b)}, nil
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
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	switch {
	case rest == "_assets/main.css":
		e.serveCSS(w, r, true)
		return
	case rest == "_assets/editor.css":
		e.serveCSS(w, r, false)
		return
	}
	if r.Method == http.MethodPost {
		if err := e.allowWrite(r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
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
		e.render(w, http.StatusOK, &view{Heading: "New page", NewForm: true, Kinds: kindOptions(""), Token: e.token})
		return
	}
	e.edit(w, r, "/"+rest)
}

// allowWrite refuses a writing request that does not come from a page of
// this preview: its Origin (or, without one, its Referer) must be this host,
// and it must carry this session's token.
func (e *Editor) allowWrite(r *http.Request) error {
	self := "http://" + r.Host
	if o := r.Header.Get("Origin"); o != "" {
		if o != self {
			return errors.New("refused: this request came from another site")
		}
	} else if ref := r.Header.Get("Referer"); ref == "" || !strings.HasPrefix(ref, self+"/") {
		return errors.New("refused: this request does not say it came from the preview")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		return errors.New("refused: the form could not be read")
	}
	if t := r.PostForm.Get("token"); len(t) != len(e.token) || subtle.ConstantTimeCompare([]byte(t), []byte(e.token)) != 1 {
		return errors.New("refused: the form is out of date or not from this preview (open the page again and repeat the change)")
	}
	return nil
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

// edit shows the form of the page at URL u.
func (e *Editor) edit(w http.ResponseWriter, r *http.Request, u string) {
	site, _ := e.load(nil)
	rel := e.fileFor(site, u)
	if rel == "" || checkPath(e.root, rel) != nil {
		e.render(w, http.StatusNotFound, &view{Heading: "Page not found", Problem: "There is no page at " + u + " to edit.", Token: e.token})
		return
	}
	data, err := readPage(e.root, rel)
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "This page cannot be opened", Problem: err.Error(), Token: e.token})
		return
	}
	src, err := cut(data)
	if err != nil {
		e.render(w, http.StatusOK, &view{Heading: "This page cannot be edited here", Problem: rel + ": " + err.Error(), Token: e.token})
		return
	}
	schema := content.Schema(rel)
	v := valuesOf(schema, src.fields())
	v.Set("body", string(src.body))
	v.Set("file", rel)
	v.Set("from", u)
	if n := get(src.fields(), "ignore"); n != nil {
		b, _ := yaml.Marshal(n)
		v.Set("rules", string(b))
	}
	e.render(w, http.StatusOK, e.form(site, rel, schema, v, nil))
}

func readPage(root, rel string) ([]byte, error) {
	if err := checkPath(root, rel); err != nil {
		return nil, err
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > 8<<20 {
		return nil, fmt.Errorf("%s is not a page file the editor can open", rel)
	}
	return os.ReadFile(name)
}

// startNew turns the kind and title of the New page form into the form of
// the new page, filled in from its archetype; nothing is written yet.
func (e *Editor) startNew(w http.ResponseWriter, r *http.Request) {
	kind := content.Kind(r.PostForm.Get("kind"))
	title := r.PostForm.Get("title")
	vw := &view{Heading: "New page", NewForm: true, Kinds: kindOptions(kind), Token: e.token, Title: title}
	if !slices.Contains(content.Kinds, kind) {
		vw.Errors = append(vw.Errors, fieldError{ID: "kind-" + string(content.Kinds[0]), Text: "Choose what kind of page it is"})
	}
	if strings.TrimSpace(title) == "" {
		vw.Errors = append(vw.Errors, fieldError{ID: "title", Text: "Enter a title"})
		vw.TitleError = "Enter a title"
	}
	if len(vw.Errors) > 0 {
		e.render(w, http.StatusUnprocessableEntity, vw)
		return
	}
	rel, data, _, err := archetype.Make(archetype.Options{Root: e.root, Kind: kind, Title: title, Today: e.today()})
	if err == nil {
		if _, serr := os.Lstat(filepath.Join(e.root, filepath.FromSlash(rel))); serr == nil {
			err = fmt.Errorf("there is already a page called %s: choose another title", rel)
		}
	}
	if err != nil {
		vw.Errors = append(vw.Errors, fieldError{ID: "title", Text: err.Error()})
		vw.TitleError = err.Error()
		e.render(w, http.StatusUnprocessableEntity, vw)
		return
	}
	src, err := cut(data)
	if err != nil {
		vw.Problem = "The site's archetype for " + string(kind) + " cannot be edited here: " + err.Error()
		e.render(w, http.StatusOK, vw)
		return
	}
	schema := content.Schema(rel)
	v := valuesOf(schema, src.fields())
	v.Set("body", string(src.body))
	v.Set("file", rel)
	v.Set("new", "1")
	site, _ := e.load(nil)
	e.render(w, http.StatusOK, e.form(site, rel, schema, v, nil))
}

// save validates the form as the file it would write, and writes it when
// it is valid or the writer chose to save a draft.
func (e *Editor) save(w http.ResponseWriter, r *http.Request) {
	v := r.PostForm
	rel := v.Get("file")
	if err := checkPath(e.root, rel); err != nil {
		http.Error(w, "refused: "+err.Error(), http.StatusForbidden)
		return
	}
	isNew := v.Get("new") == "1"
	var data []byte
	if isNew {
		if _, err := os.Lstat(filepath.Join(e.root, filepath.FromSlash(rel))); err == nil {
			e.render(w, http.StatusConflict, &view{Heading: "This page already exists", Problem: rel + " was made while you were writing. Open it from the preview to change it.", Token: e.token})
			return
		}
		data = []byte("---\n---\n")
	} else {
		var err error
		if data, err = readPage(e.root, rel); err != nil {
			e.render(w, http.StatusNotFound, &view{Heading: "This page cannot be opened", Problem: err.Error(), Token: e.token})
			return
		}
	}
	src, err := cut(data)
	if err != nil {
		e.render(w, http.StatusOK, &view{Heading: "This page cannot be edited here", Problem: rel + ": " + err.Error(), Token: e.token})
		return
	}
	draft := v.Get("action") == "draft"
	if draft {
		v.Set("f.draft", "true")
	}
	schema := content.Schema(rel)
	oldSlug := scalar(get(src.fields(), "slug"))
	changed := apply(schema, src.fields(), v)
	out, err := compose(src, changed, v.Get("body"))
	if err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be written", Problem: err.Error(), Token: e.token})
		return
	}
	site, d := e.validate(rel, out)
	errs := placeErrors(schema, out, d)
	if len(errs) > 0 && !draft {
		e.render(w, http.StatusUnprocessableEntity, e.form(site, rel, schema, v, errs))
		return
	}
	if !isNew && !draft && v.Get("confirm_rename") != "yes" && strings.TrimSpace(v.Get("f.slug")) != oldSlug {
		before, _ := e.load(nil)
		if links := linking(before, rel); len(links) > 0 {
			vw := &view{Heading: "Change this page's address?", Rename: true, Linking: links, File: rel, From: v.Get("from"), Token: e.token}
			for k, xs := range v {
				if k == "token" || k == "confirm_rename" {
					continue
				}
				for _, x := range xs {
					vw.Hidden = append(vw.Hidden, option{Value: x, Label: k})
				}
			}
			slices.SortStableFunc(vw.Hidden, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
			e.render(w, http.StatusOK, vw)
			return
		}
	}
	if !isNew && bytes.Equal(out, data) && len(errs) == 0 {
		e.back(w, r, site, rel, v.Get("from"))
		return
	}
	id := e.buildID()
	if isNew {
		if err := archetype.Write(e.root, rel, out); err != nil {
			e.render(w, http.StatusConflict, &view{Heading: "The page could not be written", Problem: err.Error(), Token: e.token})
			return
		}
	} else if err := writeAtomic(e.root, rel, out); err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be written", Problem: err.Error(), Token: e.token})
		return
	}
	e.written(r, id)
	if draft {
		v.Del("new")
		vw := e.form(site, rel, schema, v, errs)
		vw.Notice = "Saved as a draft. A draft is not published."
		if len(errs) > 0 {
			vw.Notice += " Fix the problems below before you publish it."
		}
		e.render(w, http.StatusOK, vw)
		return
	}
	e.back(w, r, site, rel, v.Get("from"))
}

// scalar is a scalar node's value, "" for anything else.
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// back sends the writer to the page they saved, at its address now.
func (e *Editor) back(w http.ResponseWriter, r *http.Request, site *content.Site, rel, from string) {
	to := from
	if site != nil {
		for _, p := range site.Pages {
			if p.Path == rel {
				to = p.URL
			}
		}
	}
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.ContainsAny(to, "\\\r\n") {
		to = "/"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
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
// deletes the file.
func (e *Editor) remove(w http.ResponseWriter, r *http.Request) {
	v := r.PostForm
	rel := v.Get("file")
	if err := checkPath(e.root, rel); err != nil {
		http.Error(w, "refused: "+err.Error(), http.StatusForbidden)
		return
	}
	site, _ := e.load(nil)
	if v.Get("confirm") != "yes" {
		vw := &view{Heading: "Delete this page?", Confirm: true, File: rel, Token: e.token, From: v.Get("from")}
		vw.Linking = linking(site, rel)
		e.render(w, http.StatusOK, vw)
		return
	}
	name := filepath.Join(e.root, filepath.FromSlash(rel))
	st, err := os.Lstat(name)
	if err != nil || !st.Mode().IsRegular() {
		e.render(w, http.StatusNotFound, &view{Heading: "The page could not be deleted", Problem: rel + " is not there or is not a regular file.", Token: e.token})
		return
	}
	id := e.buildID()
	if err := os.Remove(name); err != nil {
		e.render(w, http.StatusInternalServerError, &view{Heading: "The page could not be deleted", Problem: err.Error(), Token: e.token})
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
			for _, sc := range p.Shortcode {
				uses = uses || len(sc.Args) > 0 && sc.Args[0] == target.Contact.Name
			}
			if p.ActEarly != nil && p.ActEarly.CallToAction.Contact == target.Contact.Name {
				uses = true
			}
		}
		if uses {
			out = append(out, p.Title+" ("+p.Path+")")
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
