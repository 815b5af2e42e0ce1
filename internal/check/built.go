package check

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"

	"safeguard/internal/parallel"
)

// Built is what the output rules need from the HTML files of a built site:
// per file its ids and the links it makes, nothing else. A build fills it
// while the files are written (Add is safe for concurrent use), so the output
// check never reads the site back; ReadBuilt fills one from a folder.
type Built struct {
	mu    sync.Mutex
	pages map[string]*builtPage // by file

	// strings holds one copy of each link and id: layouts repeat them on
	// every page. Almost every lookup finds one, so lookups share a read
	// lock and Hugo's writers do not wait on each other.
	smu     sync.RWMutex
	strings map[string]string
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
	sc := scanPool.Get().(*pageScan)
	sc.scan(data)
	p := sc.page(file, b.intern)
	b.mu.Lock()
	b.pages[file] = p
	b.mu.Unlock()
	sc.reset()
	scanPool.Put(sc)
}

// intern returns the one copy of v.
func (b *Built) intern(v []byte) string {
	b.smu.RLock()
	s, ok := b.strings[string(v)]
	b.smu.RUnlock()
	if ok {
		return s
	}
	b.smu.Lock()
	defer b.smu.Unlock()
	if s, ok := b.strings[string(v)]; ok {
		return s
	}
	s = string(v)
	b.strings[s] = s
	return s
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
	parallel.Each(len(files), func(i int) {
		if data, err := fs.ReadFile(fsys, files[i]); err == nil {
			b.Add(files[i], data)
		}
	})
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

// scanHTML reads the ids, links and images without alt of one HTML file.
func scanHTML(file string, data []byte) *builtPage {
	var sc pageScan
	sc.scan(data)
	return sc.page(file, func(v []byte) string { return string(v) })
}

// pageScan is what scan finds in one file, as slices of its bytes until
// page copies (and interns) them: most links and ids repeat on every page
// of a site, so most need no copy at all.
type pageScan struct {
	ids   [][]byte
	links []scanLink
	noAlt [][]byte
	attrs []attrSpan // the current tag's attributes
}

type scanLink struct {
	attr string // href or src
	val  []byte
}

// attrSpan is one attribute of a tag: the key is data[k0:k1], the value
// data[v0:v1], both as written.
type attrSpan struct{ k0, k1, v0, v1 int }

var scanPool = sync.Pool{New: func() any { return new(pageScan) }}

func (sc *pageScan) reset() {
	clear(sc.ids)
	clear(sc.links)
	clear(sc.noAlt)
	sc.ids, sc.links, sc.noAlt, sc.attrs = sc.ids[:0], sc.links[:0], sc.noAlt[:0], sc.attrs[:0]
}

// page makes the index entry of file from what scan found; str copies a
// value.
func (sc *pageScan) page(file string, str func([]byte) string) *builtPage {
	b := &builtPage{file: file}
	switch {
	case file == "index.html":
		b.url = "/"
	case path.Base(file) == "index.html":
		b.url = "/" + path.Dir(file) + "/"
	default:
		b.url = "/" + file
	}
	if len(sc.ids) > 0 {
		b.ids = make(idSet, len(sc.ids))
		for i, v := range sc.ids {
			b.ids[i] = str(v)
		}
		slices.Sort(b.ids)
		b.ids = slices.Clip(slices.Compact(b.ids))
	}
	if len(sc.links) > 0 {
		b.links = make([]builtLink, len(sc.links))
		for i, l := range sc.links {
			b.links[i] = builtLink{l.attr, str(l.val)}
		}
	}
	for _, v := range sc.noAlt {
		b.noAlt = append(b.noAlt, str(v))
	}
	return b
}

// scan reads the start tags of data as golang.org/x/net/html's Tokenizer
// does, without its copies and its byte-at-a-time reads: it finds the
// tokens and reads attributes itself and hands the tokenizer what is rare
// and intricate (comments, scripts holding "<!--", and tags whose values
// hold character references, carriage returns or NULs). scanHTMLSlow
// (built_slow.go) is the tokenizer alone; the tests and FuzzScanHTML hold
// the two to the same results.
func (sc *pageScan) scan(data []byte) {
	pos := 0
	for {
		i := bytes.IndexByte(data[pos:], '<')
		if i < 0 || pos+i+1 >= len(data) {
			return // the rest is text
		}
		at := pos + i
		switch c := data[at+1]; {
		case isLetter(c):
			end, name := sc.readTag(data, at, at+2)
			if end < 0 {
				return // the file ends inside the tag: an error token
			}
			raw := rawTextName(name)
			if raw == "" {
				sc.startTag(data, at, end, name)
				pos = end
				continue
			}
			if raw == "plaintext" {
				sc.startTag(data, at, end, name)
				return // the rest is its text
			}
			// The tokenizer reads raw text up to the end tag.
			stop := rawTextEnd(data, end, raw)
			if raw == "script" && stop >= 0 && bytes.Contains(data[end:stop], []byte("<!--")) {
				// a script's "<!--" may hide its end tag
				if pos = sc.slow(data, at); pos < 0 {
					return
				}
				continue
			}
			sc.startTag(data, at, end, name)
			if stop < 0 {
				return
			}
			pos = stop
		case c == '/' && at+2 < len(data) && isLetter(data[at+2]):
			end, _ := sc.readTag(data, at, at+3)
			if end < 0 {
				return
			}
			pos = end
		case c == '!' && at+3 < len(data) && data[at+2] == '-' && data[at+3] == '-':
			if pos = sc.slow(data, at); pos < 0 {
				return
			}
		case c == '/' || c == '!' || c == '?':
			// "</>", "</" not followed by a letter, a doctype or another
			// "<!", "<?": a token up to the next '>'.
			if at+2 >= len(data) {
				return
			}
			j := bytes.IndexByte(data[at+2:], '>')
			if j < 0 {
				return
			}
			pos = at + 2 + j + 1
		default:
			pos = at + 1 // text: the tokenizer reconsumes c
		}
	}
}

// rawTextEnd returns where the raw text of element name starting at
// data[from] ends, as the tokenizer's readRawOrRCDATA finds it (its script
// escapes aside): at the '<' of "</name" followed by a space, '/' or '>',
// in any case. It returns -1 if the text runs to the end of the file.
func rawTextEnd(data []byte, from int, name string) int {
	n := len(data)
	for j := from; ; {
		k := bytes.IndexByte(data[j:], '<')
		if k < 0 {
			return -1
		}
		lt := j + k
		p := lt + 1
		if p >= n {
			return -1
		}
		if data[p] != '/' {
			j = p
			continue
		}
		p++
		matched := true
		for i := 0; i < len(name); i++ {
			if p >= n {
				return -1
			}
			if c := data[p]; c != name[i] && c != name[i]-('a'-'A') {
				matched = false
				break
			}
			p++
		}
		if matched {
			if p >= n {
				return -1
			}
			if c := data[p]; isSpace(c) || c == '/' || c == '>' {
				return lt
			}
		}
		j = p
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

// rawTextName returns the lower-case name of an element whose text is raw
// text to the tokenizer, up to the matching end tag, or "".
func rawTextName(name []byte) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	var low [9]byte
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, r := range [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"} {
		if string(low[:len(name)]) == r {
			return r
		}
	}
	return ""
}

// readTag reads a tag as the tokenizer's readTag does, with i just after
// the first letter of its name; it returns the index just after its '>', or
// -1 if data ends first, and the name. The attributes with a key go to
// sc.attrs.
func (sc *pageScan) readTag(data []byte, at, i int) (end int, name []byte) {
	sc.attrs = sc.attrs[:0]
	n := len(data)
	nameStart := i - 1
	for {
		if i >= n {
			return -1, nil
		}
		c := data[i]
		i++
		if isSpace(c) {
			name = data[nameStart : i-1]
			break
		}
		if c == '/' || c == '>' {
			i--
			name = data[nameStart:i]
			break
		}
	}
	for i < n && isSpace(data[i]) {
		i++
	}
	for {
		if i >= n {
			return -1, nil
		}
		if data[i] == '>' {
			return i + 1, name
		}
		// the key
		k0 := i
		for {
			if i >= n {
				return -1, nil
			}
			c := data[i]
			i++
			if c == '=' && i == k0+1 {
				continue // a leading '=' is part of the name
			}
			if c == '=' || c == '/' || c == '>' || isSpace(c) {
				i--
				break
			}
		}
		k1 := i
		// the value
		v0, v1 := i, i
		for i < n && isSpace(data[i]) {
			i++
		}
		if i >= n {
			return -1, nil
		}
		switch c := data[i]; c {
		case '/':
			i++
		case '=':
			i++
			for i < n && isSpace(data[i]) {
				i++
			}
			if i >= n {
				return -1, nil
			}
			switch q := data[i]; q {
			case '>':
			case '\'', '"':
				i++
				v0 = i
				j := bytes.IndexByte(data[i:], q)
				if j < 0 {
					return -1, nil
				}
				v1 = i + j
				i = v1 + 1
			default:
				v0 = i
				i++
				for {
					if i >= n {
						return -1, nil
					}
					c := data[i]
					if isSpace(c) {
						v1 = i
						i++
						break
					}
					if c == '>' {
						v1 = i
						break
					}
					i++
				}
			}
		}
		if k1 > k0 {
			sc.attrs = append(sc.attrs, attrSpan{k0, k1, v0, v1})
		}
		for i < n && isSpace(data[i]) {
			i++
		}
	}
}

// startTag records what one start tag data[at:end] holds, its attributes
// read by readTag. Like the tokenizer and scanTag it keeps the first of
// repeated attributes.
func (sc *pageScan) startTag(data []byte, at, end int, name []byte) {
	tag := keptTag(name)
	var id, nameAttr, href, src, rel []byte
	var seen uint8
	const (
		sID = 1 << iota
		sName
		sHref
		sSrc
		sAlt
		sRel
	)
	for _, a := range sc.attrs {
		k := data[a.k0:a.k1]
		if len(k) < 2 || len(k) > 4 {
			continue
		}
		var low [4]byte
		for i, c := range k {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
		}
		v := data[a.v0:a.v1]
		switch string(low[:len(k)]) {
		case "id":
			if seen&sID == 0 {
				seen |= sID
				id = v
			}
		case "name":
			if seen&sName == 0 && tag == "a" {
				seen |= sName
				nameAttr = v
			}
		case "href":
			if seen&sHref == 0 && (tag == "a" || tag == "area" || tag == "link") {
				seen |= sHref
				href = v
			}
		case "src":
			if seen&sSrc == 0 && (tag == "img" || tag == "script" || tag == "source") {
				seen |= sSrc
				src = v
			}
		case "alt":
			seen |= sAlt
		case "rel":
			if seen&sRel == 0 && tag == "link" {
				seen |= sRel
				rel = v
			}
		}
	}
	if seen == 0 && tag == "" {
		return
	}
	if plain(id) && plain(nameAttr) && plain(href) && plain(src) && plain(rel) {
		if seen&sID != 0 {
			sc.ids = append(sc.ids, id)
		}
		if seen&sName != 0 {
			sc.ids = append(sc.ids, nameAttr)
		}
		if tag == "img" && seen&sAlt == 0 {
			sc.noAlt = append(sc.noAlt, src)
		}
		if seen&sHref != 0 && !(seen&sRel != 0 && relCanonical(rel)) {
			sc.links = append(sc.links, scanLink{"href", href})
		}
		if seen&sSrc != 0 {
			sc.links = append(sc.links, scanLink{"src", src})
		}
		return
	}
	// A value to unescape: let the tokenizer read the tag again, alone.
	z := html.NewTokenizer(bytes.NewReader(data[at:end]))
	z.Next()
	sc.scanTag(z, tag)
}

// relCanonical is hasRel(string(rel), "canonical", "alternate") without
// its copies when rel is ASCII, as it nearly always is.
func relCanonical(rel []byte) bool {
	for _, c := range rel {
		if c >= utf8.RuneSelf {
			return hasRel(string(rel), "canonical", "alternate")
		}
	}
	for len(rel) > 0 {
		// strings.Fields' ASCII spaces
		i := bytes.IndexFunc(rel, func(r rune) bool { return !isFieldSpace(byte(r)) })
		if i < 0 {
			return false
		}
		rel = rel[i:]
		j := bytes.IndexFunc(rel, func(r rune) bool { return isFieldSpace(byte(r)) })
		if j < 0 {
			j = len(rel)
		}
		if f := rel[:j]; bytes.EqualFold(f, []byte("canonical")) || bytes.EqualFold(f, []byte("alternate")) {
			return true
		}
		rel = rel[j:]
	}
	return false
}

func isFieldSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// plain reports whether an attribute value reads as written: no character
// reference, carriage return or NUL to convert.
func plain(v []byte) bool {
	for _, c := range v {
		if c == '&' || c == '\r' || c == 0 {
			return false
		}
	}
	return true
}

// keptTag folds a tag name to the ones scanTag tells apart: "img" for
// "image" (as the HTML parser does), "" for the elements where only the id
// matters.
func keptTag(name []byte) string {
	if len(name) > 6 {
		return ""
	}
	var low [6]byte
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	switch string(low[:len(name)]) {
	case "a":
		return "a"
	case "area":
		return "area"
	case "link":
		return "link"
	case "img", "image":
		return "img"
	case "script":
		return "script"
	case "source":
		return "source"
	}
	return ""
}

// slow hands the tokenizer the file from data[at], where it would start a
// token in its data state, and reads the tokens it returns up to the first
// after which it is in that state again: a comment, or a script's start
// tag and text. It returns where that token ends, or -1 at the end of the
// file.
func (sc *pageScan) slow(data []byte, at int) int {
	z := html.NewTokenizer(bytes.NewReader(data[at:]))
	pos := at
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return -1
		}
		raw := z.Raw()
		pos += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			return pos
		}
		name := raw[1:]
		if i := bytes.IndexFunc(name, func(r rune) bool { return r < 0x80 && (isSpace(byte(r)) || r == '/' || r == '>') }); i >= 0 {
			name = name[:i]
		}
		sc.scanTag(z, keptTag(name))
		if rawTextName(name) == "" {
			return pos
		}
	}
}

// scanTag reads the attributes of the tokenizer's current start tag, tag
// being what keptTag returned. Like the tokenizer, it keeps the first of
// repeated attributes.
func (sc *pageScan) scanTag(z *html.Tokenizer, tag string) {
	var seen uint8 // attributes met: id, name, href, src, alt, rel
	const (
		sID = 1 << iota
		sName
		sHref
		sSrc
		sAlt
		sRel
	)
	var href, src []byte
	var canonical bool
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "id":
			if seen&sID == 0 {
				seen |= sID
				sc.ids = append(sc.ids, bytes.Clone(v))
			}
		case "name":
			if seen&sName == 0 && tag == "a" {
				seen |= sName
				sc.ids = append(sc.ids, bytes.Clone(v))
			}
		case "href":
			if seen&sHref == 0 && (tag == "a" || tag == "area" || tag == "link") {
				seen |= sHref
				href = bytes.Clone(v)
			}
		case "src":
			if seen&sSrc == 0 && (tag == "img" || tag == "script" || tag == "source") {
				seen |= sSrc
				src = bytes.Clone(v)
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
		sc.noAlt = append(sc.noAlt, src)
	}
	if seen&sHref != 0 && !canonical {
		// a canonical or alternate link may name the published address,
		// checked as a page elsewhere
		sc.links = append(sc.links, scanLink{"href", href})
	}
	if seen&sSrc != 0 {
		sc.links = append(sc.links, scanLink{"src", src})
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
