package content

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// checkInvariants fails when Load's promises break: a Site exactly when there
// are no errors, and every diagnostic placed in a file with a message.
func checkInvariants(t *testing.T, files map[string]string) {
	site, d := NewLoaderFS(mapFS(files), "/src", Options{Today: testToday}).Load()
	if (site == nil) != d.HasErrors() {
		t.Fatalf("site nil = %v, errors = %v: %v", site == nil, d.HasErrors(), d)
	}
	for _, x := range d {
		if x.Path == "" || x.Message == "" || x.Line < 0 || x.Col < 0 || x.Col > 0 && x.Line == 0 {
			t.Fatalf("bad diagnostic %+v", x)
		}
	}
	if site != nil {
		for _, p := range site.Pages {
			if !safeURL(p.URL) {
				t.Fatalf("unsafe URL %q", p.URL)
			}
		}
	}
}

// FuzzLoad feeds one file's bytes to the loader as a page of every kind.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		okArticle, okContact, "\ufeff" + okArticle,
		article("newsletter: {issue: \"2020-12\", order: 1}\ncontacts: [ae]\n"),
		contact("phones:\n  - number: \"18001 020 7332 3808\"\n    textphone: true\n"),
		event("end: 2020-11-26T16:30\nplace: Guildhall\nbooking: {email: a@example.org}\n"),
		actEarly("call_to_action: {label: Call, contact: ae}\n"),
		"+++\ntitle = \"T\"\ndate = 2020-12-04\nsummary = \"S\"\n[[phones]]\nnumber = \"101\"\n+++\nText {{< contact \"ae\" >}}\n",
		"---\r\ntitle: T\r\n---\r\n{{% contact `ae` %}} {{</* x */>}}\r\n",
		"---\ntitle: [\n---\n", "---\n", "", "\x00", "---\ntitle: caf\xe9\n---\n",
	} {
		f.Add([]byte(s))
	}
	for _, b := range corpus(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		splitAgrees(t, data)
		s := string(data)
		checkInvariants(t, map[string]string{
			"content/contacts/ae.md":  okContact,
			"content/articles/a.md":   s,
			"content/contacts/c.md":   s,
			"content/events/e.md":     s,
			"content/act-early/x.md":  s,
			"content/about/_index.md": s,
			"content/page.md":         s,
		})
	})
}

// FuzzSiteFile feeds bytes to the loader as site.yaml.
func FuzzSiteFile(f *testing.F) {
	for _, s := range []string{okSite, okSite + "emergency_contact: ae\nverify_within_months: 6\n", "title: [\n", "- a\n", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInvariants(t, map[string]string{"site.yaml": string(data), "content/contacts/ae.md": okContact, "content/articles/a.md": okArticle})
	})
}

// tomlValDepth is how deeply the TOML library nested what it decoded.
func tomlValDepth(x any) int {
	d := 0
	switch t := x.(type) {
	case map[string]any:
		for _, c := range t {
			d = max(d, tomlValDepth(c))
		}
	case []map[string]any:
		for _, c := range t {
			d = max(d, tomlValDepth(c))
		}
	case []any:
		for _, c := range t {
			d = max(d, tomlValDepth(c))
		}
	default:
		return 0
	}
	return d + 1
}

// FuzzTOMLDepth checks the depth scan against the TOML library: whatever the
// scan lets through decodes to at most maxDepth levels (plus the top table),
// so the library never meets the nesting that costs it gigabytes.
func FuzzTOMLDepth(f *testing.F) {
	for _, s := range []string{
		"a = 1\n", "a = [[[1]]]\n", "a = {b = {c = 1}}\n", "[a.b.c]\nd.e = 1\n",
		"a = \"[[[[\"\n", "a = '''\n[[[[\n'''\nb = \"\"\"\\\"[[\"\"\"\n", "# [[[[\na = 1\n",
		strings.Repeat("[", 60) + strings.Repeat("]", 60), "a = " + strings.Repeat("{b = ", 60) + "1" + strings.Repeat("}", 60),
		strings.Repeat("a.", 60) + "b = 1\n", "[[a]]\n[[a.b]]\n[a.b.c]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, deep := tomlDepth(data, 0); deep {
			return
		}
		var m map[string]any
		if _, err := toml.Decode(string(data), &m); err != nil {
			return
		}
		if d := tomlValDepth(m); d > maxDepth+1 {
			t.Fatalf("the scan let through %d levels:\n%q", d, data)
		}
	})
}
