package check

import (
	"bytes"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// Built is what the output rules need from the HTML files of a built site:
// per file its ids and the links it makes, nothing else. A build fills it
// while the files are written (Add is safe for concurrent use), so the output
// check never reads the site back; ReadBuilt fills one from a folder.
type Built struct {
	mu      sync.Mutex
	pages   map[string]*builtPage // by file
	strings map[string]string     // one copy of each link and id: layouts repeat them on every page
}

// NewBuilt returns an empty index.
func NewBuilt() *Built {
	return &Built{pages: map[string]*builtPage{}, strings: map[string]string{}}
}

// idSet is a sorted list of ids: far smaller than a map for the few dozen
// ids of a page.
type idSet []string

func (s idSet) has(id string) bool {
	_, ok := slices.BinarySearch(s, id)
	return ok
}

// Add scans one written file (a slash path relative to the site root); files
// other than .html are ignored. Adding a file again replaces it.
func (b *Built) Add(file string, data []byte) {
	if !strings.HasSuffix(file, ".html") {
		return
	}
	p := scanHTML(file, data)
	b.mu.Lock()
	intern := func(s string) string {
		if v, ok := b.strings[s]; ok {
			return v
		}
		b.strings[s] = s
		return s
	}
	for i := range p.ids {
		p.ids[i] = intern(p.ids[i])
	}
	for i := range p.links {
		p.links[i].val = intern(p.links[i].val)
	}
	b.pages[file] = p
	b.mu.Unlock()
}

// ReadBuilt scans every HTML file of fsys, on every core.
func ReadBuilt(fsys fs.FS) *Built {
	b := NewBuilt()
	var files []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(files))) {
		wg.Go(func() {
			for p := range work {
				if data, err := fs.ReadFile(fsys, p); err == nil {
					b.Add(p, data)
				}
			}
		})
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	return b
}

// sorted returns the pages in file order, so reports do not depend on the
// order files were written in.
func (b *Built) sorted() []*builtPage {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]*builtPage, 0, len(b.pages))
	for _, p := range b.pages {
		out = append(out, p)
	}
	// fs.WalkDir order: lexical by path element.
	slices.SortFunc(out, func(x, y *builtPage) int { return compareWalk(x.file, y.file) })
	return out
}

// compareWalk orders slash paths as fs.WalkDir visits them: element by
// element, each folder's entries sorted by name.
func compareWalk(a, b string) int {
	for {
		ea, ra, _ := strings.Cut(a, "/")
		eb, rb, _ := strings.Cut(b, "/")
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		if ra == "" || rb == "" {
			return strings.Compare(ra, rb)
		}
		a, b = ra, rb
	}
}

// scanHTML reads the ids, links and images without alt of one HTML file with
// the tokenizer: no tree is built, as every element is looked at on its own.
func scanHTML(file string, data []byte) *builtPage {
	b := &builtPage{file: file}
	switch {
	case file == "index.html":
		b.url = "/"
	case path.Base(file) == "index.html":
		b.url = "/" + path.Dir(file) + "/"
	default:
		b.url = "/" + file
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			slices.Sort(b.ids)
			b.ids = slices.Clip(slices.Compact(b.ids))
			b.links = slices.Clip(b.links)
			return b
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		// TagName and TagAttr copy what they return, so read the name from
		// the raw tag and ask for the attributes only of the tags that
		// can hold something kept: most tags are neither links nor have
		// an id.
		tag, ok := rawTagName(z.Raw())
		if !ok || tag == "" && !hasID(z.Raw()) {
			continue
		}
		scanTag(b, z, tag)
	}
}

// rawTagName returns the name of a start tag from its raw text as
// TagName would give it, folded to the names scanTag tells apart: "img"
// for "image", "" for any other element. ok is false when raw is not a
// start tag.
func rawTagName(raw []byte) (tag string, ok bool) {
	if len(raw) < 2 || raw[0] != '<' {
		return "", false
	}
	var name [6]byte // the longest name kept: "script", "source"
	n := 0
	for _, c := range raw[1:] {
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
		default:
			if n == len(name) {
				return "", true
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			name[n] = c
			n++
			continue
		}
		break
	}
	switch string(name[:n]) {
	case "a":
		return "a", true
	case "area":
		return "area", true
	case "link":
		return "link", true
	case "img", "image":
		return "img", true // as the HTML parser does
	case "script":
		return "script", true
	case "source":
		return "source", true
	}
	return "", true
}

// hasID reports whether a raw tag may have an id attribute: an attribute
// name is lower-cased but otherwise as written, so "id" must be there.
func hasID(raw []byte) bool {
	for i := 1; i < len(raw); i++ {
		if c := raw[i]; (c == 'd' || c == 'D') && (raw[i-1] == 'i' || raw[i-1] == 'I') {
			return true
		}
	}
	return false
}

// scanTag reads one tag's attributes, copying only the values kept. tag is
// what rawTagName returned. Like the HTML parser, it keeps the first of
// repeated attributes.
func scanTag(b *builtPage, z *html.Tokenizer, tag string) {
	var seen uint8 // attributes met: id, name, href, src, alt, rel
	const (
		sID = 1 << iota
		sName
		sHref
		sSrc
		sAlt
		sRel
	)
	var href, src string
	var canonical bool
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "id":
			if seen&sID == 0 {
				seen |= sID
				b.ids = append(b.ids, string(v))
			}
		case "name":
			if seen&sName == 0 && tag == "a" {
				seen |= sName
				b.ids = append(b.ids, string(v))
			}
		case "href":
			if seen&sHref == 0 && (tag == "a" || tag == "area" || tag == "link") {
				seen |= sHref
				href = string(v)
			}
		case "src":
			if seen&sSrc == 0 && (tag == "img" || tag == "script" || tag == "source") {
				seen |= sSrc
				src = string(v)
			}
		case "alt":
			seen |= sAlt
		case "rel":
			if seen&sRel == 0 && tag == "link" {
				seen |= sRel
				canonical = hasRel(string(v), "canonical", "alternate")
			}
		}
	}
	if tag == "img" && seen&sAlt == 0 {
		b.noAlt = append(b.noAlt, src)
	}
	if seen&sHref != 0 && !canonical {
		// a canonical or alternate link may name the published address,
		// checked as a page elsewhere
		b.links = append(b.links, builtLink{"href", href})
	}
	if seen&sSrc != 0 {
		b.links = append(b.links, builtLink{"src", src})
	}
}

func hasRel(val string, rels ...string) bool {
	for _, r := range strings.Fields(val) {
		if slices.Contains(rels, strings.ToLower(r)) {
			return true
		}
	}
	return false
}
