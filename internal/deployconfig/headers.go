package deployconfig

import (
	"fmt"
	"net/http"
	"strings"

	"safeguard/internal/headers"
)

// HeaderRule gives the files whose path matches Path (a glob, see Match)
// other object headers than the built-in policy's. Rules are layered in
// order over that policy, a later rule winning; they can set only the
// headers in RuleHeaders, never the security headers of internal/headers
// nor the Content-Type, so no rule can weaken the site's protection.
type HeaderRule struct {
	Path string
	Set  map[string]string // canonical header name: value
	Line int
}

// RuleHeaders are the headers a rule may set: those a storage service keeps
// with an object and sends with it, and that say nothing about security.
var RuleHeaders = []string{"Cache-Control", "Content-Disposition", "Content-Language"}

// CheckHeader returns a message when a rule may not set the header name to
// value.
func CheckHeader(name, value string) string {
	canon := http.CanonicalHeaderKey(name)
	for _, h := range append(headers.Site(), headers.Newsletter()...) {
		if h.Name == canon {
			return fmt.Sprintf("%q is a security header: safeguard sets it from its own policy for every file, and a rule may not change it (remove the line; see docs/security.md)", name)
		}
	}
	switch canon {
	case "Content-Type", "Content-Encoding", "X-Content-Type-Options":
		return fmt.Sprintf("%q is set by safeguard from the file's type: a rule could make a text file run as a page (remove the line)", name)
	}
	known := false
	for _, h := range RuleHeaders {
		known = known || h == canon
	}
	if !known {
		return fmt.Sprintf("%q is not a header storage services keep with a file (use %s)", name, strings.Join(RuleHeaders, ", "))
	}
	if value == "" || strings.IndexFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return fmt.Sprintf("%s: %q is not a header value (write it on one line)", name, value)
	}
	return ""
}

// HeadersFor is what the rules set for the file key: canonical header name
// to value, the last matching rule winning for each header.
func (d Deploy) HeadersFor(key string) map[string]string {
	var out map[string]string
	for _, r := range d.Headers {
		if !Match(r.Path, key) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		for k, v := range r.Set {
			out[k] = v
		}
	}
	return out
}
