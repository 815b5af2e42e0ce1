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
// site paths (/contacts/) and #fragments are resolved against the base URL;
// anything else is an error.
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
		r.errorf(r.lineOf(n), "newsletter-link", "link %q is not a valid address (check it for spaces or typing mistakes)", dest)
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
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
		r.errorf(r.lineOf(n), "newsletter-link", "link %q uses http:, which email clients flag as unsafe (use https://)", dest)
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
		r.errorf(r.lineOf(n), "newsletter-link", "link %q is relative, so it cannot work in an email (start it with / for a page of this site, or https://)", dest)
		return "", false
	}
	r.errorf(r.lineOf(n), "newsletter-link", "link %q cannot be used in an email (links start with https://, mailto:, tel: or / for a page of this site)", dest)
	return "", false
}

func (r *renderer) checkLinkText(text string, n ast.Node) {
	if readability.VagueLinkText(text) {
		r.errorf(r.lineOf(n), "newsletter-link-text", "link text %q does not say where the link goes when read on its own (name the page, as in \"ACT Early: how to get help\")", strings.TrimSpace(text))
	}
}
