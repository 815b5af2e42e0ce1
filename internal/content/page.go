package content

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"safeguard/internal/markdown"
)

// place is what a Markdown file's path says about it.
type place struct {
	path    string   // "content/articles/x.md"
	dirs    []string // folders under content/: ["articles"]
	stem    string   // "x", "index" or "_index"
	kind    Kind
	isIndex bool   // _index.md
	bundle  bool   // index.md: the folder is the page
	lang    string // a translation's language, from its file name (x.cy.md)
}

func placeOf(path string) place {
	rel := strings.TrimPrefix(path, "content/")
	parts := strings.Split(rel, "/")
	pl := place{path: path, dirs: parts[:len(parts)-1], stem: strings.TrimSuffix(parts[len(parts)-1], ".md")}
	if base, lang, ok := translationName(pl.stem); ok {
		pl.stem, pl.lang = base, lang
	}
	pl.isIndex = pl.stem == "_index"
	pl.bundle = pl.stem == "index" && len(pl.dirs) > 0
	pl.kind = KindPage
	if len(pl.dirs) > 0 {
		switch pl.dirs[0] {
		case "articles":
			pl.kind = KindArticle
		case "act-early":
			pl.kind = KindActEarly
		case "contacts":
			pl.kind = KindContact
		case "events":
			pl.kind = KindEvent
		case "alerts":
			pl.kind = KindAlert
		}
	}
	return pl
}

// defaultSlug is the last part of the URL before any slug field.
func (pl place) defaultSlug() string {
	switch {
	case pl.isIndex || pl.bundle:
		if len(pl.dirs) == 0 {
			return ""
		}
		return pl.dirs[len(pl.dirs)-1]
	}
	return pl.stem
}

// url builds the site-relative URL from the folders and the slug.
func (pl place) url(slug string) string {
	dirs := pl.dirs
	if pl.bundle || pl.isIndex {
		if len(dirs) > 0 {
			dirs = dirs[:len(dirs)-1]
		}
	}
	prefix := "/"
	if pl.lang != "" {
		prefix = "/" + pl.lang + "/" // as Hugo publishes a language other than the default
	}
	if pl.isIndex && slug == "" {
		return prefix
	}
	parts := append(append([]string{}, dirs...), slug)
	return prefix + strings.Join(parts, "/") + "/"
}

// parsed is what one Markdown file gave, kept between loads while the file
// is unchanged.
type parsed struct {
	page     *Page
	errs     []posErr
	refs     []ref
	slugPos  Pos // where the slug was written, or the opening line
	orderPos Pos // of newsletter.order
}

// parsePage reads one Markdown file. It never fails: problems go in errs.
// b must not change afterwards: the Page's Body shares its memory.
func parsePage(path string, b []byte) *parsed {
	pl := placeOf(path)
	out := &parsed{}
	b = normalizeEOL(trimBOM(b))
	if line, col, nul, bad := firstBad(b); nul || bad {
		if nul {
			out.errs = append(out.errs, posErr{Pos{line, col}, "the file contains a NUL byte (save the file as UTF-8 text, without NUL bytes)"})
		} else {
			out.errs = append(out.errs, posErr{Pos{line, col}, "the file is not UTF-8 text (save the file as UTF-8)"})
		}
		return out
	}
	s := splitFile(b)
	for _, e := range s.errs {
		out.errs = append(out.errs, posErr{Pos{e.line, e.col}, e.msg})
	}
	if s.fm == nil {
		return out
	}
	if s.fm.kind != mapVal {
		out.errs = append(out.errs, posErr{s.fm.pos, "the front matter must be fields (write each as name: value on its own line)"})
		return out
	}
	c := &checker{path: path, opener: Pos{s.opener, 1}, fields: map[string]Pos{}}
	p := &Page{
		Path:      path,
		Kind:      pl.kind,
		IsIndex:   pl.isIndex,
		QuickExit: true,
		Body:      s.body,
		BodyLine:  s.bodyLine,
		Fields:    c.fields,
	}
	if len(pl.dirs) > 0 {
		p.Section = pl.dirs[0]
	}
	if pl.lang != "" {
		p.Translation = pl.lang
		p.Original = strings.TrimSuffix(path, "."+pl.lang+".md") + ".md"
	}
	p.Slug = pl.defaultSlug()
	out.slugPos = c.opener
	out.page = p

	hs := commonFields(c, p, pl, out)
	translationFields(c, p, pl, hs)
	extra := layoutField(c, p, pl, hs)
	// Each kind of page adds its own fields, required fields and final check.
	required := []string{"title"}
	var more []string
	var finish func(seen map[string]*val)
	switch {
	case pl.kind == KindArticle && !pl.isIndex:
		more, finish = articleFields(c, p, out, hs)
	case pl.kind == KindActEarly:
		more = actEarlyFields(c, p, hs)
	case pl.kind == KindContact && !pl.isIndex:
		more, finish = contactFields(c, p, pl, hs)
	case pl.kind == KindEvent && !pl.isIndex:
		more, finish = eventFields(c, p, hs)
	case pl.kind == KindAlert:
		more, finish = alertFields(c, p, pl, hs, extra)
	}
	required = append(required, more...)
	if onFieldTable != nil {
		onFieldTable(path, hs, required)
	}
	seen := c.fieldsOf(s.fm, "", hs, extra)
	c.require(seen, c.opener, "", required...)
	if finish != nil {
		finish(seen)
	}
	p.URL = pl.url(p.Slug)
	if p.Translation != "" && p.Language == "" {
		p.Language = p.Translation // the reading checks and the newsletter read it as usual
	}

	c.errs = append(c.errs, checkBody(p.Body, p.BodyLine)...)
	p.ShortcodeSpans = markdown.Shortcodes(p.Body)
	scs, argPos, errs := checkShortcodes(p.Body, p.ShortcodeSpans, p.BodyLine)
	p.ContactShortcodes = scs
	c.errs = append(c.errs, errs...)
	if p.Alert != nil && len(scs) > 0 {
		// An alert's message is shown on every page, in the feed and in
		// email, where a contact box does not fit.
		c.errorf(scs[0].Pos, "an alert's message cannot hold a contact box (write the number in the text, or add a link: to the contacts page)")
	}
	for i, sc := range scs {
		c.refs = append(c.refs, ref{sc.Args[0], argPos[i]})
	}
	out.errs = append(out.errs, c.errs...)
	out.refs = c.refs
	if len(out.errs) == 0 {
		// Left-to-right runs (phone numbers) in right-to-left text are
		// isolated for the website, as the newsletter isolates them.
		p.Served = servedSource(s.fm, markdown.IsolateRuns(p.Body, p.ShortcodeSpans, markdown.Direction(p.Language)))
	}
	return out
}

// plainText refuses markup in a field whose text some output shows exactly
// as typed (why says which), at the field's own line.
func (c *checker) plainText(field, s, why string) {
	if m := markupRE.FindString(s); m != "" {
		c.errorf(c.fields[field], "%s: %q holds markup (%s), but %s (remove it and write the plain text)", field, s, m, why)
	}
}

// markupRE finds an HTML tag, comment or character reference in text.
var markupRE = regexp.MustCompile(`</?[A-Za-z][^<>]*>?|<!--|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

var issueRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// safeURL makes sure a URL can only name a folder inside the output.
func safeURL(u string) bool {
	if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") || strings.Contains(u, "\\") || strings.Contains(u, "//") || !utf8.ValidString(u) {
		return false
	}
	for _, part := range strings.Split(strings.Trim(u, "/"), "/") {
		if part == "." || part == ".." {
			return false
		}
	}
	return true
}

// language reads a language tag (cy, bn, ar, pa-Arab) such as a page whose
// text is not in the site's language gives in its front matter.
func (c *checker) language(n string, v *val) (string, bool) {
	s, ok := c.text(n, v)
	if !ok {
		return "", false
	}
	if !langRE.MatchString(s) {
		c.errorf(v.pos, "%s: %q is not a language tag (use a tag such as cy for Welsh, bn for Bengali or ar for Arabic)", n, s)
		return "", false
	}
	return s, true
}
