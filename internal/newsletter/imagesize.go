package newsletter

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
)

type imageInfo struct {
	src           string
	width, height int
	ok            bool
}

// image resolves an image to its absolute URL and size, read from the file.
func (r *renderer) image(n *ast.Image) imageInfo {
	dest := strings.TrimSpace(string(n.Destination))
	if info, ok := r.imgs[dest]; ok {
		return info
	}
	info := r.loadImage(dest, n)
	r.imgs[dest] = info
	return info
}

func (r *renderer) loadImage(dest string, n *ast.Image) imageInfo {
	line := r.lineOf(n)
	if strings.TrimSpace(r.plain(n)) == "" {
		r.errorf(line, "image-alt", "image %s has no alt text, so screen reader users and email readers with images off miss it (describe it: ![what the image shows](%s))", dest, dest)
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		if strings.HasPrefix(strings.ToLower(dest), "data:") {
			r.errorf(line, "unsafe-link", "an image written into the text (data:) is never published, and email clients block it (save the image as a file beside the article)")
		} else {
			r.errorf(line, "remote-image", "image %s is loaded from another site, which tells that site who reads this page (save the image in the page's folder and use its file name)", dest)
		}
		return imageInfo{}
	}
	var rel, publicPath string
	clean := path.Clean("/" + u.Path)
	switch {
	case strings.HasPrefix(u.Path, "/"):
		rel = "static" + clean
		publicPath = strings.TrimPrefix(clean, "/")
	case path.Base(r.page.Path) == "index.md":
		rel = path.Join(path.Dir(r.page.Path), path.Clean(u.Path))
		publicPath = strings.TrimPrefix(path.Clean(r.page.URL+u.Path), "/")
	default:
		publicPath = strings.TrimPrefix(path.Clean(r.page.URL+u.Path), "/")
		rel = "static/" + publicPath
	}
	if strings.Contains(rel, "..") {
		r.errorf(line, "broken-image", "image %s points outside the site folder (put it beside the article or under static/)", dest)
		return imageInfo{}
	}
	// The loader's input gate read the image's header (never a file of
	// another kind: a named pipe would block the open).
	r.deps = append(r.deps, fileDepOf(r.site, rel))
	f := r.site.Files.Lookup(rel)
	if f == nil || !f.Regular() {
		r.errorf(line, "broken-image", "image %s does not exist: there is no %s (put the file in the page's folder, or in static/, and check the spelling)", dest, rel)
		return imageInfo{}
	}
	if f.Image == nil {
		r.errorf(line, "broken-image", "image %s is not a PNG, JPEG, GIF or WebP file whose size can be read, so the newsletter cannot show it (save it in one of those formats)", rel)
		return imageInfo{}
	}
	w, h, format := f.Image.Width, f.Image.Height, f.Image.Format
	if f.Image.Swapped {
		// A photo taken upright: the website's build turns it first
		// (render-image.html), so its copies are h×w.
		w, h = h, w
	}
	if d, ok := NewsletterImage(r.page, rel, format, w, h); ok {
		// A photo: the 1200 px copy the website's build makes (images.go).
		publicPath = d.Path
		w, h = d.Show[0], d.Show[1]
	} else if w > maxImageWidth {
		h = (h*maxImageWidth + w/2) / w
		w = maxImageWidth
	}
	src := strings.TrimSuffix(r.site.Config.BaseURL, "/") + "/" + (&url.URL{Path: publicPath}).EscapedPath()
	return imageInfo{src: src, width: w, height: max(h, 1), ok: true}
}
