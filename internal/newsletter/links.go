package newsletter

import (
	"net/url"
	"safeguard/internal/readability"
	"strings"

	"github.com/yuin/goldmark/ast"
)

func (r *renderer) autoLink(n *ast.AutoLink) (href, label string, ok bool) {
	label = string(n.Label(r.src))
	if n.AutoLinkType == ast.AutoLinkEmail {
		return "mailto:" + label, label, true
	}
	u := string(n.URL(r.src))
	if strings.HasPrefix(label, "www.") && strings.HasPrefix(u, "http://") {
		u = "https://" + label // a bare www. address: the site is reached over https
	}
	href, ok = r.resolveLink(u, n)
	return href, label, ok
}

// resolveLink makes a link destination absolute: https:, mailto: and tel: stay,
// site paths (/contacts/), relative paths and #fragments are resolved as the
// web page resolves them; anything else is an error, under the rulebook's
// name for the same mistake on the web page (internal/rules).
func (r *renderer) resolveLink(dest string, n ast.Node) (string, bool) {
	dest = strings.TrimSpace(dest)
	// Both passes resolve every link; the text pass takes what the HTML pass
	// found, and a link that failed is looked at again for its message.
	if href, ok := r.links[dest]; ok {
		return href, true
	}
	href, ok := r.resolve(dest, n)
	if ok {
		if r.links == nil {
			r.links = map[string]string{}
		}
		r.links[dest] = href
	}
	return href, ok
}

func (r *renderer) resolve(dest string, n ast.Node) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil {
		r.errorf(r.lineOf(n), "broken-link", "%q is not a valid web address (check for spaces or stray characters)", dest)
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "https":
		if u.Host == "" {
			break
		}
		return dest, true
	case "mailto", "tel":
		if u.Opaque == "" {
			break
		}
		return dest, true
	case "http":
		if !r.errorf(r.lineOf(n), "http-link", "%s is a plain http: link, which is not private and which email clients flag as unsafe (use https://, and check the site supports it)", dest) {
			return dest, true // switched off: published as written, as on the web page
		}
		return "", false
	case "javascript", "vbscript", "data", "file":
		r.errorf(r.lineOf(n), "unsafe-link", "a %s: link could run script or read the reader's files, so it is never published (link to a page or file instead)", scheme)
		return "", false
	case "":
		if strings.HasPrefix(dest, "//") {
			break
		}
		if strings.HasPrefix(dest, "/") {
			return r.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment}).String(), true
		}
		if strings.HasPrefix(dest, "#") {
			return r.canonical + dest, true
		}
		// Relative to the article, as on its web page.
		if page, err := url.Parse(r.canonical); err == nil {
			return page.ResolveReference(u).String(), true
		}
	}
	if !r.errorf(r.lineOf(n), "email-link", "link %q cannot be used in an email (links start with https://, mailto:, tel: or / for a page of this site)", dest) {
		return dest, true
	}
	return "", false
}

func (r *renderer) checkLinkText(text string, n ast.Node) {
	if readability.VagueLinkText(text) {
		r.errorf(r.lineOf(n), "link-text", "link text %q does not say where the link goes, and screen reader users often list links on their own (write what the reader gets, e.g. [signs to look for](...))", strings.TrimSpace(text))
	}
}
