package content

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"safeguard/internal/golden"
	"slices"
	"strings"
	"testing"

	"safeguard/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/load.golden from the current code")

// loadEverywhere loads one file given as a page of every kind and as
// site.yaml, beside a good contact.
func loadEverywhere(data []byte) (*Site, diag.List) {
	s := string(data)
	files := mapFS(map[string]string{
		"content/contacts/ae.md":  okContact,
		"content/articles/a.md":   s,
		"content/contacts/c.md":   s,
		"content/events/e.md":     s,
		"content/act-early/x.md":  s,
		"content/about/_index.md": s,
		"content/page.md":         s,
		"site.yaml":               s,
	})
	site, d := NewLoaderFS(files, "/src", Options{Today: testToday}).Load()
	return site, d
}

// dumpSite writes out everything Load returned, for the stored
// expectations: every field of every page (a body over 200 bytes as its
// length and hash, the source bytes left out as they are the input), the
// contacts and the configuration.
func dumpSite(site *Site) string {
	if site == nil {
		return "no site\n"
	}
	var b strings.Builder
	js := func(v any) string {
		out, err := json.Marshal(v)
		if err != nil {
			return "!" + err.Error()
		}
		return string(out)
	}
	fmt.Fprintf(&b, "root %s\nconfig %s\n", site.Root, js(site.Config))
	page := func(what string, p *Page) {
		c := *p
		c.Source = nil
		if len(c.Body) > 200 {
			c.Body = fmt.Sprintf("%d bytes, sha256 %x", len(c.Body), sha256.Sum256([]byte(c.Body)))
		}
		if c.Contact != nil {
			cc := *c.Contact
			cc.Page = nil
			c.Contact = &cc
		}
		fmt.Fprintf(&b, "%s %s\n", what, js(c))
	}
	for _, p := range site.Pages {
		page("page", p)
	}
	for _, p := range site.Skipped {
		page("skipped", p)
	}
	for _, name := range slices.Sorted(maps.Keys(site.Contacts)) {
		fmt.Fprintf(&b, "contact %s is the page of %s\n", name, site.Contacts[name].Page.Path)
	}
	return b.String()
}

// TestLoadGolden loads each input of the fuzz corpus as a page of every kind
// and as site.yaml, and compares the site and the diagnostics with
// testdata/load.golden, written by the loader before the cold-load and
// Reload work and kept equal to it since. After a deliberate change,
// go test ./internal/content/ -run LoadGolden -update rewrites it; read
// its diff before committing.
func TestLoadGolden(t *testing.T) {
	var out strings.Builder
	for i, data := range corpus(t) {
		site, d := loadEverywhere(data)
		fmt.Fprintf(&out, "== input %d: %d bytes, sha256 %x\n", i, len(data), sha256.Sum256(data))
		for _, x := range d {
			out.WriteString(x.String() + "\n")
		}
		out.WriteString(dumpSite(site))
	}
	golden.Check(t, "testdata/load.golden", out.String(), *update)
}
