package markdown

import (
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"
)

// Doc is one page body parsed once, for every stage that reads its Markdown
// (the checks and the newsletter). Like Hugo, which puts a placeholder token
// where each shortcode was before goldmark runs, Src is the body with each
// shortcode replaced by a placeholder; here it has the same length and the
// same newlines, so an offset in Src is the same offset in Body and lines
// and columns need no mapping. Nothing may change Root after parsing: it is
// shared between goroutines.
type Doc struct {
	Body       string
	Src        []byte // what Root's segments point into
	Root       ast.Node
	Shortcodes []Shortcode // of Body, escaped ones included
}

// placeholder fills a shortcode's span in Src: letters, as Hugo's
// placeholders are, so the span reads as one word of text to goldmark.
const placeholder = 'z'

// ParseBody parses a body whose shortcodes are scs (from Shortcodes(body)).
// Each shortcode becomes a placeholder word; in an escaped one,
// {{</* x */>}}, only the "/*" and "*/" become spaces, which the renderers
// leave out (DropEscapes), so the text {{< x >}} remains as on the web.
func ParseBody(body string, scs []Shortcode) *Doc {
	src := []byte(body)
	for _, sc := range scs {
		if sc.Escaped {
			if sc.Problem == OK {
				copy(src[sc.EscOpen:], "  ")
				copy(src[sc.EscClose:], "  ")
			}
			continue
		}
		for i := sc.Start; i < sc.End; i++ {
			if src[i] != '\n' {
				src[i] = placeholder
			}
		}
	}
	return &Doc{Body: body, Src: src, Root: parse(src), Shortcodes: scs}
}

// In returns the index in d.Shortcodes of the shortcode whose span holds
// the byte offset off, and whether there is one.
func (d *Doc) In(off int) (int, bool) {
	i := d.after(off)
	if i < len(d.Shortcodes) && d.Shortcodes[i].Start <= off {
		return i, true
	}
	return -1, false
}

// Overlapping returns the index of the first shortcode that ends after
// start; the shortcodes from there that start before stop overlap
// [start, stop).
func (d *Doc) Overlapping(start int) int { return d.after(start) }

// after is the index of the first shortcode that ends after off.
func (d *Doc) after(off int) int {
	lo, hi := 0, len(d.Shortcodes)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Shortcodes[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Text is d.Src[start:stop] as a reader sees it: the placeholders of
// shortcodes left out, and the "/*" and "*/" of escaped ones.
func (d *Doc) Text(start, stop int) []byte {
	if i := d.after(start); i >= len(d.Shortcodes) || d.Shortcodes[i].Start >= stop {
		return d.Src[start:stop]
	}
	var out []byte
	d.Walk(start, stop, func(b []byte) { out = append(out, b...) }, func(_, at int) int { return at })
	if out == nil {
		return []byte{}
	}
	return out
}

// Walk goes through d.Src[start:stop] as a reader sees it, in order, for the
// stages that do more than Text at a shortcode. text is given each run of
// text outside the shortcodes (an escaped shortcode's words are text, its
// "/*" and "*/" are not). code is given the index of each shortcode that is
// not escaped and overlaps the range, after the text before it, and the
// offset the text goes on from (the shortcode's end, within the range); it
// returns that offset, or a later one to leave out more (the newsletter
// closes up the spaces around a contact it shows after the block).
func (d *Doc) Walk(start, stop int, text func([]byte), code func(i, at int) int) {
	at := start
	keep := func(to int) {
		to = min(to, stop)
		if to > at {
			text(d.Src[at:to])
		}
		at = max(at, to)
	}
	for i := d.after(start); i < len(d.Shortcodes) && d.Shortcodes[i].Start < stop; i++ {
		sc := d.Shortcodes[i]
		if sc.Escaped {
			if sc.Problem == OK {
				for _, m := range []int{sc.EscOpen, sc.EscClose} {
					keep(m)
					at = max(at, min(m+2, stop))
				}
			}
			continue
		}
		keep(sc.Start)
		at = code(i, max(at, min(sc.End, stop)))
	}
	keep(stop)
}

// Docs shares parsed bodies between the checks and the newsletter of one
// build: each body is parsed once. Only the bodies of pages marked with Keep
// are held, and each only until every stage that will read it has had it,
// so memory stays bounded; any other body is parsed for the caller and
// forgotten. A nil *Docs parses every time. Safe for concurrent use.
type Docs struct {
	mu     sync.Mutex
	kept   map[any]*docEntry
	parses atomic.Int64
}

type docEntry struct {
	once  sync.Once
	doc   *Doc
	users int // stages still to ask for it
}

// NewDocs returns an empty Docs.
func NewDocs() *Docs { return &Docs{kept: map[any]*docEntry{}} }

// Keep holds the body of key (a page) until it has been asked for users
// times.
func (d *Docs) Keep(key any, users int) {
	d.mu.Lock()
	d.kept[key] = &docEntry{users: users}
	d.mu.Unlock()
}

// Get returns the parsed body of key, parsing it on first use.
func (d *Docs) Get(key any, body string, scs []Shortcode) *Doc {
	if d == nil {
		return ParseBody(body, scs)
	}
	d.mu.Lock()
	e := d.kept[key]
	if e != nil {
		if e.users--; e.users <= 0 {
			delete(d.kept, key)
		}
	}
	d.mu.Unlock()
	if e == nil {
		d.parses.Add(1)
		return ParseBody(body, scs)
	}
	e.once.Do(func() {
		d.parses.Add(1)
		e.doc = ParseBody(body, scs)
	})
	return e.doc
}

// Skip tells d that one of the stages Keep counted will not ask for key
// after all (the preview's newsletter reuses an article it rendered before),
// so the body is not held for it until the whole build ends.
func (d *Docs) Skip(key any) {
	if d == nil {
		return
	}
	d.mu.Lock()
	if e := d.kept[key]; e != nil {
		if e.users--; e.users <= 0 {
			delete(d.kept, key)
		}
	}
	d.mu.Unlock()
}

// Held is how many bodies are kept for a stage that has not asked yet.
func (d *Docs) Held() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, e := range d.kept {
		if e.doc != nil {
			n++
		}
	}
	return n
}

// Parses is how many bodies Get has parsed.
func (d *Docs) Parses() int { return int(d.parses.Load()) }
