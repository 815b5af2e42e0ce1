package publish

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/newsletter"
	"safeguard/internal/site"
)

// PreviewPage renders one page as it would be published, for the editor's
// Preview button: fsys is the source folder with the page's file (rel, a
// slash path) as the writer's form would write it. The web page is built
// by Hugo with the site's own templates, in a temporary folder, from a site
// of that page, the section and home pages and the contacts: enough for
// every template, and quick on a site of any size. An article in a
// newsletter issue also gets its fragment, wrapped as a small HTML page.
// Nothing of the preview's served snapshot changes.
func (p *Pipeline) PreviewPage(ctx context.Context, fsys fs.FS, rel string) (page, fragment []byte, problems diag.List) {
	root, err := filepath.Abs(p.source())
	if err != nil {
		problems.Errorf(rel, 0, 0, "preview", "the preview could not be made: %v", err)
		return nil, nil, problems
	}
	model, d := content.NewLoaderFS(fsys, root, content.Options{Drafts: true, Future: true, Today: p.opts.Today}).Load()
	if model == nil {
		return nil, nil, d
	}
	model = p.withBaseURL(model)
	var target *content.Page
	small := *model
	small.Pages, small.Skipped = nil, nil
	for _, pg := range model.Pages {
		if pg.Path == rel {
			target = pg
		}
		if pg.Path == rel || pg.IsIndex || pg.Contact != nil {
			small.Pages = append(small.Pages, pg)
		}
	}
	if target == nil {
		problems.Errorf(rel, 0, 0, "preview", "the page is not part of the site")
		return nil, nil, problems
	}
	tmp, err := os.MkdirTemp("", "safeguard-preview-")
	if err != nil {
		problems.Errorf(rel, 0, 0, "preview", "the preview could not be made: %v", err)
		return nil, nil, problems
	}
	defer os.RemoveAll(tmp)
	// Hugo finds pages by listing folders, so the small site is a source
	// folder of its own: its pages, the target's page folder, and the
	// site's own layouts/ and assets/.
	small.Root = filepath.Join(tmp, "src")
	if err := previewSource(fsys, small.Root, &small, target); err != nil {
		problems.Errorf(rel, 0, 0, "preview", "the preview could not be made: %v", err)
		return nil, nil, problems
	}
	_, d = site.Build(ctx, &small, site.Output{Dest: filepath.Join(tmp, "out")}, site.Options{BaseURL: p.opts.BaseURL})
	tmp = filepath.Join(tmp, "out")
	if d.HasErrors() {
		return nil, nil, d
	}
	page, err = os.ReadFile(filepath.Join(tmp, filepath.FromSlash(strings.Trim(target.URL, "/")), "index.html"))
	if err != nil {
		problems.Errorf(rel, 0, 0, "preview", "the page was not made by the build")
		return nil, nil, problems
	}
	if target.Article != nil && target.Article.Newsletter != nil {
		fragment = previewFragment(model, rel)
	}
	return page, fragment, nil
}

// previewFragment is the newsletter fragment of the article in rel, as an
// HTML page; nil when it has none (its problems are the form's).
func previewFragment(model *content.Site, rel string) []byte {
	g := newsletter.NewGenerator()
	issues, _ := g.Issues(model)
	want := ""
	for _, iss := range issues {
		for _, f := range iss.Fragments {
			if f.Source == rel {
				want = f.HTML.Path
			}
		}
	}
	if want == "" {
		return nil
	}
	files, _ := g.FilesShared(model, nil)
	for _, f := range files {
		if f.Path == want {
			var b bytes.Buffer
			b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Newsletter article</title>\n</head>\n<body>\n")
			b.Write(f.Data)
			b.WriteString("\n</body>\n</html>\n")
			return b.Bytes()
		}
	}
	return nil
}

// source is the source folder the pipeline reads.
func (p *Pipeline) source() string {
	if p.opts.Source == "" {
		return "."
	}
	return p.opts.Source
}

// previewSource writes the files of a small site into dir: each page's
// file, the other files of the target's page folder (its images), and the
// site's layouts/ and assets/, from fsys.
func previewSource(fsys fs.FS, dir string, small *content.Site, target *content.Page) error {
	want := map[string]bool{}
	for _, pg := range small.Pages {
		want[pg.Path] = true
	}
	bundle := ""
	if path.Base(target.Path) == "index.md" {
		bundle = path.Dir(target.Path) + "/"
	}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil
		}
		if d.IsDir() {
			if p == "." || p == "content" || strings.HasPrefix(p, "content/") || p == "layouts" || strings.HasPrefix(p, "layouts/") || p == "assets" || strings.HasPrefix(p, "assets/") {
				return nil
			}
			return fs.SkipDir
		}
		keep := want[p] || bundle != "" && strings.HasPrefix(p, bundle) && !strings.Contains(strings.TrimPrefix(p, bundle), "/") ||
			strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "assets/") || p == content.ConfigFile
		if !keep || !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		return os.WriteFile(name, data, 0o644)
	})
}
