package publish

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"time"

	"safeguard/internal/check"
	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
)

// Validate says what build would say of the source folder as fsys presents
// it: the source with one file changed, for the editor's "would this save
// pass?" (archetype.Overlay). It runs the stages of Build (load, content
// checks, Hugo, the newsletter, the output rules) with Hugo's output in
// memory, and writes nothing. Drafts and scheduled pages are checked as if
// published, so a page's problems show before it is. The model is nil when
// the content does not load.
func (p *Pipeline) Validate(ctx context.Context, fsys fs.FS) (*content.Site, diag.List) {
	p.mu.Lock()
	defer p.mu.Unlock()
	root, _, err := folders(p.opts.Source, "")
	if err != nil {
		var d diag.List
		d.Systemf("", 0, 0, diag.RuleSystem, "%v", err)
		return nil, d
	}
	model, diags := content.NewLoaderFS(fsys, root, content.Options{Drafts: true, Future: true, Today: p.opts.Today}).Load()
	if model == nil || diags.HasErrors() {
		return model, diags
	}
	w := p.work(model)
	diags.Append(w.check(nil))
	if diags.HasErrors() {
		return model, diags
	}
	// A Session of its own: one full build in memory. The pipeline's lock
	// keeps it from building while the preview's does (Hugo keeps some
	// state per process).
	// The pages are built for the moment the model was loaded for, as by build.
	sess, err := site.NewSession(root, site.Options{BaseURL: p.opts.BaseURL, Today: model.Now})
	if err != nil {
		diags.Systemf("", 0, 0, diag.RuleSystem, "%v", err)
		return model, diags
	}
	defer sess.Close()
	u, hd := sess.Apply(ctx, model, nil, true)
	diags.Append(hd)
	if u == nil || hd.HasErrors() {
		return model, diags
	}
	frags, nd := w.news(newsletter.NewGenerator())
	diags.Append(nd)
	if nd.HasErrors() {
		return model, diags
	}
	files := make(map[string][]byte, len(u.Files)+len(frags))
	for k, v := range u.Files {
		files[k] = v
	}
	for _, f := range frags {
		files[f.Path] = f.Data
	}
	diags.Append(p.outputCheck(model, files))
	return model, diags
}

// outputCheck runs build's output rules on files built in memory (the
// preview's snapshot, or Validate's build), pages served at Options.BaseURL.
func (p *Pipeline) outputCheck(model *content.Site, files map[string][]byte) diag.List {
	built := check.NewBuilt()
	for name, data := range files {
		built.Add(name, data)
	}
	return p.work(p.withBaseURL(model)).checkOutput(built, memFS(files), nil)
}

// memFS is built files in memory as a file system, for the output rules'
// look-up of files that are not pages: a name is a file, or a folder when
// some file is inside it.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
}

func (m memFS) Stat(name string) (fs.FileInfo, error) {
	if data, ok := m[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	for k := range m {
		if strings.HasPrefix(k, name+"/") {
			return memInfo{name: path.Base(name), dir: true}, nil
		}
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
