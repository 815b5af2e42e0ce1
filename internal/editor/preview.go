package editor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"safeguard/internal/archetype"
	"safeguard/internal/content"
)

// preview renders the form as the page it would write, with the site's
// real templates (Editor.Preview, the publish pipeline's renderer), and
// shows it above the form; nothing is written.
func (e *Editor) preview(w http.ResponseWriter, r *http.Request, rel string, schema []content.Field, v url.Values) {
	site, _ := e.load(nil)
	out, errs := e.draftOf(site, rel, schema, v)
	vw := e.form(site, rel, schema, v, errs)
	vw.Previewing = true
	if out != nil && e.Preview != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
		defer cancel()
		fsys := archetype.Overlay{FS: os.DirFS(e.root), Name: rel, Data: out}
		page, fragment, problems := e.Preview(ctx, fsys, rel)
		if page != nil {
			vw.PreviewID = e.keepPreview(page, fragment)
			vw.HasFragment = fragment != nil
		} else if len(vw.Errors) == 0 {
			for _, x := range problems.Errors() {
				vw.Errors = append(vw.Errors, placeOne(site, schema, nil, x))
			}
		}
	}
	if vw.PreviewID == "" {
		vw.PreviewNote = "The page cannot be shown until the problems listed are fixed."
		if e.Preview == nil {
			vw.PreviewNote = "The preview of a page is not available here."
		}
	}
	e.render(w, http.StatusOK, vw)
}

// draftOf is the file the form would write, on top of the file as it is
// now (or an empty one for a new page), with the form's problems placed.
func (e *Editor) draftOf(site *content.Site, rel string, schema []content.Field, v url.Values) ([]byte, []fieldError) {
	data := []byte("---\n---\n")
	if v.Get("new") != "1" {
		if b, err := readPage(e.root, rel); err == nil {
			data = b
		}
	}
	src, err := cut(data)
	if err != nil {
		return nil, []fieldError{{ID: "body", Text: err.Error()}}
	}
	w := url.Values{}
	for k, xs := range v {
		w[k] = xs
	}
	if v.Get("new") == "1" || scalar(get(src.fields(), "slug")) == "" && v.Get("f.slug") == defaultSlug(rel) {
		w.Set("f.slug", "")
	}
	changed := apply(schema, src.fields(), w)
	out, err := compose(src, changed, v.Get("body"))
	if err != nil {
		return nil, nil
	}
	_, d := e.validate(rel, out)
	return out, placeErrors(site, schema, out, d)
}

// keepPreview stores a rendering for the preview page's frames: the last
// few, under a random name.
func (e *Editor) keepPreview(page, fragment []byte) string {
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	e.previewsMu.Lock()
	defer e.previewsMu.Unlock()
	e.previews[id] = &rendered{page: page, fragment: fragment}
	e.previewIDs = append(e.previewIDs, id)
	if len(e.previewIDs) > 16 {
		delete(e.previews, e.previewIDs[0])
		e.previewIDs = e.previewIDs[1:]
	}
	return id
}

// servePreview answers a preview frame: the page as the site serves it,
// or the newsletter fragment (which styles itself inline, as emails must).
func (e *Editor) servePreview(w http.ResponseWriter, id, part string) {
	e.previewsMu.Lock()
	p := e.previews[id]
	e.previewsMu.Unlock()
	var data []byte
	if p != nil {
		switch part {
		case "page":
			data = p.page
		case "fragment":
			data = p.fragment
		}
	}
	if data == nil {
		http.Error(w, "this preview is no longer kept: select Preview again", http.StatusNotFound)
		return
	}
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	csp := "default-src 'self'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
	if part == "fragment" {
		csp = "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
	}
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(data)
}

// addContact puts a contact's shortcode in the text: at the cursor with
// JavaScript (editor.js does it in the page), at the end without.
func (e *Editor) addContact(w http.ResponseWriter, rel string, schema []content.Field, v url.Values) {
	site, _ := e.load(nil)
	name := v.Get("pick_contact")
	var note string
	if site != nil && site.Contacts[name] != nil {
		body := v.Get("body")
		if body != "" && body[len(body)-1] != '\n' {
			body += "\n"
		}
		v.Set("body", body+"\n"+shortcode(name)+"\n")
		note = "The contact was added at the end of the text. Move it to where it belongs."
	} else {
		note = "Choose a contact to add."
	}
	vw := e.form(site, rel, schema, v, nil)
	vw.ContactNote = note
	e.render(w, http.StatusOK, vw)
}

// shortcode is the text that shows a contact's details in a page.
func shortcode(name string) string { return fmt.Sprintf("{{< contact %q >}}", name) }
