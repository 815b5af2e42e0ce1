package newsletter

import (
	"path"
	"strings"

	"safeguard/internal/content"
)

// Email sizes of an image: a photo is shown 600 px wide (the email's width)
// from a copy 1200 px wide, sharp on high-density screens yet a fraction of
// a phone photo's weight.
const (
	emailWidth  = maxImageWidth
	sourceWidth = 2 * emailWidth
)

// Derivative is the email copy of one image of a newsletter article: a JPEG
// that the website's build makes with Hugo's image processing
// (layouts/_markup/render-image.html) and publishes at Path, a stable
// address under the issue's folder, so a fragment pasted into an email tool
// keeps working after later builds.
type Derivative struct {
	Path          string // slash path from the site's root, e.g. "newsletter/2026-11/images/photo-from-a-phone-photo.jpg"
	Width, Height int    // of the JPEG
	Show          [2]int // the width and height the fragment shows it at
}

// derivable are the formats the build makes an email copy of (GIFs may be
// animated and are shown as they are).
var derivable = map[string]bool{"jpeg": true, "png": true, "webp": true}

// NewsletterImage is the email copy of the image file (a path relative to the
// source folder) of page p, whose original is w×h pixels in the given format
// (as image.DecodeConfig names it). ok is false when the image is shown as it
// is: not in an issue, narrow enough already, or a format without a copy.
// The website's build writes the copy at the same address: keep the two in step.
func NewsletterImage(p *content.Page, file, format string, w, h int) (d Derivative, ok bool) {
	if p == nil || p.Article == nil || p.Article.Newsletter == nil || w <= emailWidth || h <= 0 || !derivable[format] {
		return d, false
	}
	slug := path.Base(strings.TrimSuffix(p.URL, "/"))
	base := path.Base(file)
	name := strings.TrimSuffix(base, path.Ext(base))
	dw := min(sourceWidth, w)
	d.Path = path.Join("newsletter", p.Article.Newsletter.Issue, "images", slug+"-"+name+".jpg")
	d.Width, d.Height = dw, scaled(h, dw, w)
	d.Show = [2]int{emailWidth, scaled(h, emailWidth, w)}
	return d, true
}

// scaled is h*to/from rounded half up, as Hugo's resizing rounds.
func scaled(h, to, from int) int { return max((h*to+from/2)/from, 1) }
