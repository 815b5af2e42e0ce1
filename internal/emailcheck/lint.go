package emailcheck

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/url"
	"safeguard/internal/readability"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Violation is one broken fragment rule (numbered in the package comment,
// doc.go) in a generated file.
type Violation struct {
	Rule    string // e.g. "forbidden-element"; the rule's number is in the message
	Message string
	Warning bool // only a "should" (for example over the 20 KB aim)
}

func (v Violation) String() string { return v.Rule + ": " + v.Message }

// Size limits: Gmail clips a message at 102 KB; the aim is 20 KB per fragment.
const (
	SizeClip = 102 * 1024
	sizeAim  = 20 * 1024
)

type linter struct {
	c   *Checker
	out []Violation
}

// Checker checks fragments and keeps what it learnt of their styles: a
// generator writes the same few style attributes on thousands of elements.
// The cache belongs to the Checker (one per generator), so nothing outlives
// it; it is safe for concurrent use.
type Checker struct {
	styles sync.Map // style attribute -> *parsedStyle
	count  atomic.Int64
}

// New returns a Checker with an empty cache.
func New() *Checker { return &Checker{} }

func (l *linter) add(rule, format string, args ...any) {
	l.out = append(l.out, Violation{Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Lint checks an HTML fragment against every "Must" fragment rule (the
// package comment, doc.go, lists them by number), with an HTML parser and a
// CSS declaration parser, with a Checker of its own.
func Lint(src []byte) []Violation {
	vs, _ := New().HTML(src)
	return vs
}

// HTML is Lint that also returns the parsed fragment for further checks
// (Twin).
func (c *Checker) HTML(src []byte) ([]Violation, []*html.Node) {
	l := &linter{c: c}
	l.encoding(src)
	if len(src) > SizeClip {
		l.add("size", "rule 11: %d bytes is over Gmail's 102 KB clipping limit", len(src))
	} else if len(src) > sizeAim {
		l.out = append(l.out, Violation{Rule: "size", Message: fmt.Sprintf("rule 11: %d bytes is over the 20 KB aim", len(src)), Warning: true})
	}
	l.fragmentOnly(src)

	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(src), ctx)
	if err != nil {
		l.add("parse", "the fragment cannot be parsed as HTML: %v", err)
		return l.out, nil
	}
	l.wrapper(nodes)
	for _, n := range nodes {
		l.walk(n, style{color: rgb{0, 0, 0}, bg: rgb{255, 255, 255}, size: 16})
	}
	return l.out, nodes
}

func (l *linter) encoding(src []byte) {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		l.add("encoding", "rule 11: the file starts with a byte order mark")
	}
	if !utf8.Valid(src) {
		l.add("encoding", "rule 11: the file is not valid UTF-8")
		return
	}
	// Byte by byte: the fragments are ASCII, and ranging over string(src)
	// copied each one.
	for i := 0; i < len(src); {
		if c := src[i]; ' ' <= c && c < 0x7f {
			i++
			continue // printable ASCII, nearly every byte
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == '\n' || r == '\r' || r == '\t' || r == '\ufeff' && i == 0 {
			i += size
			continue
		}
		if unicode.IsControl(r) || r == '\ufeff' {
			l.add("encoding", "rule 11: control character U+%04X at byte %d", r, i)
			return
		}
		i += size
	}
}

// fragmentOnly tokenizes the source: a fragment parser would silently drop
// doctype, html, head and body, so they are found before parsing.
func (l *linter) fragmentOnly(src []byte) {
	if !mayHaveDocumentTag(src) {
		return // the tokenizer would find none (a sixth of the check's time)
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				l.add("parse", "the fragment cannot be tokenized: %v", z.Err())
			}
			return
		case html.DoctypeToken:
			l.add("fragment-only", "rule 1: a fragment has no doctype")
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "html", "head", "body":
				l.add("fragment-only", "rule 1: a fragment has no <%s> element", name)
			}
		}
	}
}

// mayHaveDocumentTag reports whether src has a "<!" (a doctype starts so) or
// a "<" followed by html, head or body in any case: a start tag's name follows
// its "<" directly, so without one the tokenizer finds no such token.
func mayHaveDocumentTag(src []byte) bool {
	for {
		i := bytes.IndexByte(src, '<')
		if i < 0 {
			return false
		}
		src = src[i+1:]
		if len(src) > 0 && src[0] == '!' {
			return true
		}
		if len(src) >= 4 {
			var name [4]byte
			for j, c := range src[:4] {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				name[j] = c
			}
			switch string(name[:]) {
			case "html", "head", "body":
				return true
			}
		}
	}
}

func (l *linter) wrapper(nodes []*html.Node) {
	var elems []*html.Node
	for _, n := range nodes {
		switch n.Type {
		case html.ElementNode:
			elems = append(elems, n)
		case html.TextNode:
			if strings.TrimFunc(n.Data, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }) != "" {
				l.add("wrapper", "rule 2: text %q is outside the wrapper div", clip(n.Data))
			}
		case html.CommentNode:
		}
	}
	if len(elems) != 1 || elems[0].DataAtom != atom.Div {
		l.add("wrapper", "rule 2: the fragment must be exactly one <div> (found %d top-level elements)", len(elems))
		return
	}
	w := elems[0]
	if strings.TrimSpace(attr(w, "lang")) == "" {
		l.add("wrapper", "rule 2: the wrapper div has no lang")
	}
	switch attr(w, "dir") {
	case "ltr", "rtl", "auto":
	default:
		l.add("wrapper", "rule 2: the wrapper div has no dir (ltr or rtl)")
	}
	decls := l.declarations(w)
	mw, ok := decls["max-width"]
	if px, isPx := pxValue(mw); !ok || !isPx || px > 600 {
		l.add("width", "rule 7: the wrapper div must set max-width of 600px or less")
	}
}

// forbidden are elements email clients strip or that need a stylesheet or script.
var forbidden = map[string]bool{
	"script": true, "form": true, "iframe": true, "svg": true, "video": true, "audio": true,
	"picture": true, "details": true, "nav": true, "main": true, "style": true, "link": true,
	"object": true, "embed": true, "input": true, "button": true, "select": true, "textarea": true,
	"canvas": true, "noscript": true, "meta": true, "base": true, "template": true, "frame": true,
	"frameset": true, "source": true, "track": true, "math": true, "dialog": true, "slot": true,
}

// style is what an element inherits: text colour, background, size and weight.
type style struct {
	color, bg  rgb
	setColours bool // the fragment set a colour on this element or an ancestor
	size       float64
	bold       bool
}

func (l *linter) walk(n *html.Node, inh style) {
	if n.Type == html.TextNode {
		if strings.TrimSpace(n.Data) != "" && inh.setColours {
			l.contrast(n, inh)
		}
		return
	}
	if n.Type != html.ElementNode {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			l.walk(c, inh)
		}
		return
	}
	name := n.Data
	if forbidden[name] {
		switch name {
		case "style", "link":
			l.add("inline-styles", "rule 3: <%s> is not allowed; styles must be inline", name)
		default:
			l.add("forbidden-element", "rule 4: <%s> is not allowed in an email fragment", name)
		}
	}
	if attr(n, "class") != "" || hasAttr(n, "class") {
		l.add("inline-styles", "rule 3: class=%q needs a stylesheet the email will not have", attr(n, "class"))
	}
	for _, a := range n.Attr {
		if strings.HasPrefix(a.Key, "on") {
			l.add("forbidden-element", "rule 4: event handler %s= is script", a.Key)
		}
		if a.Key == "background" {
			l.add("css", "rule 6: background images are not allowed (background=%q)", a.Val)
		}
	}
	ps := l.style(n)
	s := inh
	switch n.DataAtom {
	case atom.H1:
		s.size, s.bold = 32, true
	case atom.H2:
		s.size, s.bold = 24, true
	case atom.H3:
		s.size, s.bold = 18.72, true
	case atom.H4, atom.H5, atom.H6, atom.Th, atom.Strong, atom.B:
		s.bold = true
	}
	if ps != nil {
		ps.apply(&s)
	}
	switch n.DataAtom {
	case atom.Table:
		l.table(n)
	case atom.A:
		l.link(n)
	case atom.Img:
		l.image(n)
	}
	if w := attr(n, "width"); w != "" && n.DataAtom != atom.Img {
		if v, err := strconv.Atoi(strings.TrimSuffix(w, "px")); err == nil && v > 600 {
			l.add("width", "rule 7: <%s width=%q> is wider than 600px", name, w)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c, s)
	}
}

func (l *linter) table(n *html.Node) {
	hasTh := false
	var find func(*html.Node)
	find = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Table {
				continue // a nested table is checked on its own
			}
			if c.DataAtom == atom.Th {
				hasTh = true
			}
			find(c)
		}
	}
	find(n)
	role := attr(n, "role")
	switch {
	case !hasTh && role != "presentation" && role != "none":
		l.add("layout-table", "rule 5: a table without header cells is a layout table and needs role=\"presentation\"")
	case hasTh && (role == "presentation" || role == "none"):
		l.add("layout-table", "rule 5: a table with header cells is a data table and must not have role=\"presentation\"")
	}
}

// link checks rule 8: an absolute https:, mailto: or tel: address, and a
// text that says where the link goes (readability.VagueLinkText).
func (l *linter) link(n *html.Node) {
	href, ok := attrOK(n, "href")
	if !ok {
		l.add("link", "rule 8: <a> without href")
		return
	}
	u, err := url.Parse(strings.TrimSpace(href))
	switch {
	case err != nil:
		l.add("link", "rule 8: link %q cannot be parsed", href)
	case u.Scheme == "https" && u.Host != "":
	case (u.Scheme == "mailto" || u.Scheme == "tel") && u.Opaque != "":
	default:
		l.add("link", "rule 8: link %q is not an absolute https:, mailto: or tel: address", href)
	}
	if text := textContent(n); readability.VagueLinkText(text) {
		l.add("link-text", "rule 8: link text %q does not make sense on its own", strings.TrimSpace(text))
	}
}

func (l *linter) image(n *html.Node) {
	src := attr(n, "src")
	u, err := url.Parse(strings.TrimSpace(src))
	switch {
	case strings.HasPrefix(strings.ToLower(strings.TrimSpace(src)), "data:"):
		l.add("image", "rule 9: data: images are not allowed")
	case err != nil || u.Scheme != "https" || u.Host == "":
		l.add("image", "rule 9: image %q is not an absolute https: address", src)
	}
	if !hasAttr(n, "alt") {
		l.add("image", "rule 9: image %q has no alt", src)
	}
	for _, a := range []string{"width", "height"} {
		v, err := strconv.Atoi(attr(n, a))
		if err != nil || v <= 0 {
			l.add("image", "rule 9: image %q needs an integer %s (found %q)", src, a, attr(n, a))
		} else if a == "width" && v > 600 {
			l.add("width", "rule 7: image %q is %dpx wide, over 600px", src, v)
		}
	}
	if srcset := attr(n, "srcset"); srcset != "" {
		l.add("image", "rule 9: srcset is not supported by email clients")
	}
}

func (l *linter) contrast(n *html.Node, s style) {
	ratio := contrastRatio(s.color, s.bg)
	need := 4.5
	large := s.size >= 24 || s.bold && s.size >= 18.66
	if large {
		need = 3
	}
	if ratio+1e-9 < need {
		l.add("contrast", "rule 10: text %q is %s on %s, contrast %.2f:1 (needs %.1f:1)", clip(n.Data), s.color, s.bg, ratio, need)
	}
}

// declarations parses an element's style attribute with a CSS parser and
// checks each declaration; it returns the values by property.
// The map is shared by every element with the same style: read it only.
func (l *linter) declarations(n *html.Node) map[string][]css.Token {
	if ps := l.style(n); ps != nil {
		return ps.byProp
	}
	return nil
}

// style is declarations that returns the parsed style (nil without one).
func (l *linter) style(n *html.Node) *parsedStyle {
	st, ok := attrOK(n, "style")
	if !ok {
		return nil
	}
	ps := l.c.parseStyle(st)
	for _, e := range ps.errs {
		l.add("css", "%s", e)
	}
	if len(ps.decls) == 0 {
		return ps
	}
	// What the declarations break depends only on them and the element's
	// name, so it is found once per style and name: the renderer writes
	// the same few styles on thousands of elements.
	if vs, ok := ps.broken.Load(n.Data); ok {
		l.out = append(l.out, vs.([]Violation)...)
		return ps
	}
	dl := &linter{}
	for _, d := range ps.decls {
		dl.declaration(n.Data, d.prop, d.vals)
	}
	ps.broken.Store(n.Data, dl.out)
	l.out = append(l.out, dl.out...)
	return ps
}

// parsedStyle is one style attribute, parsed once: a fragment repeats the same
// few style attributes on every paragraph and link.
type parsedStyle struct {
	decls  []declaration
	byProp map[string][]css.Token // the last value of each property
	errs   []string
	broken sync.Map // element name -> []Violation of its declarations

	// What the style sets of what an element passes on (see walk).
	sizeSet, weightSet, colorSet, bgSet bool
	size                                float64
	bold                                bool
	color, bg                           rgb
}

// effects works out once what apply does to every element with the style.
func (ps *parsedStyle) effects() {
	decls := ps.byProp
	if v, ok := decls["font-size"]; ok {
		if px, isPx := pxValue(v); isPx {
			ps.sizeSet, ps.size = true, px
		}
	}
	if v, ok := decls["font-weight"]; ok {
		w := tokensString(v)
		ps.weightSet, ps.bold = true, w == "bold" || w == "bolder" || w >= "600" && len(w) == 3
	}
	if v, ok := decls["color"]; ok {
		if c, ok := parseColour(v); ok {
			ps.colorSet, ps.color = true, c
		}
	}
	for _, p := range []string{"background-color", "background"} {
		if v, ok := decls[p]; ok {
			if c, ok := firstColour(v); ok {
				ps.bgSet, ps.bg = true, c
			}
		}
	}
}

// apply sets what the style changes of the text style an element passes on.
func (ps *parsedStyle) apply(s *style) {
	if ps.sizeSet {
		s.size = ps.size
	}
	if ps.weightSet {
		s.bold = ps.bold
	}
	if ps.colorSet {
		s.color, s.setColours = ps.color, true
	}
	if ps.bgSet {
		s.bg, s.setColours = ps.bg, true
	}
}

type declaration struct {
	prop string
	vals []css.Token
}

func (c *Checker) parseStyle(st string) *parsedStyle {
	if v, ok := c.styles.Load(st); ok {
		return v.(*parsedStyle)
	}
	ps := &parsedStyle{}
	p := css.NewParser(parse.NewInputString(st), true)
	for {
		gt, _, data := p.Next()
		if gt == css.ErrorGrammar {
			if err := p.Err(); err != nil && err != io.EOF {
				ps.errs = append(ps.errs, fmt.Sprintf("rule 6: style %q cannot be parsed: %v", clip(st), err))
			}
			break
		}
		switch gt {
		case css.CustomPropertyGrammar:
			ps.errs = append(ps.errs, fmt.Sprintf("rule 6: CSS variables (%s) are not supported by email clients", data))
			continue
		case css.DeclarationGrammar:
		default:
			continue
		}
		vals := make([]css.Token, len(p.Values()))
		for i, t := range p.Values() {
			vals[i] = css.Token{TokenType: t.TokenType, Data: bytes.Clone(t.Data)}
		}
		ps.decls = append(ps.decls, declaration{strings.ToLower(string(data)), vals})
	}
	ps.byProp = make(map[string][]css.Token, len(ps.decls))
	for _, d := range ps.decls {
		ps.byProp[d.prop] = d.vals
	}
	ps.effects()
	if c.count.Add(1) < 10000 { // bounded: generated fragments use a few dozen
		c.styles.Store(st, ps)
	}
	return ps
}

var noLayout = map[string]string{
	"float": "float", "position": "position", "flex": "flex", "flex-direction": "flex",
	"flex-wrap": "flex", "flex-flow": "flex", "flex-grow": "flex", "flex-shrink": "flex",
	"flex-basis": "flex", "grid": "grid", "grid-template": "grid", "grid-template-columns": "grid",
	"grid-template-rows": "grid", "grid-area": "grid", "grid-column": "grid", "grid-row": "grid",
	"grid-gap": "grid", "gap": "grid", "justify-content": "flex", "align-items": "flex",
	"background-image": "background images", "inset": "position", "top": "position", "left": "position",
	"right": "position", "bottom": "position", "z-index": "position",
}

var genericFamilies = map[string]bool{
	"serif": true, "sans-serif": true, "monospace": true, "cursive": true, "fantasy": true, "system-ui": true,
}

var colourProps = map[string]bool{
	"color": true, "background-color": true, "background": true, "border": true, "border-color": true,
	"border-top": true, "border-right": true, "border-bottom": true, "border-left": true,
	"border-top-color": true, "border-right-color": true, "border-bottom-color": true,
	"border-left-color": true, "outline": true, "outline-color": true, "text-decoration-color": true,
}

func (l *linter) declaration(elem, prop string, vals []css.Token) {
	if what, bad := noLayout[prop]; bad {
		l.add("css", "rule 6: %s is not allowed (%s: %s on <%s>)", what, prop, tokensString(vals), elem)
	}
	if prop == "display" {
		switch v := tokensString(vals); {
		case strings.Contains(v, "flex"), strings.Contains(v, "grid"):
			l.add("css", "rule 6: display:%s is not allowed on <%s>", v, elem)
		}
	}
	for _, t := range vals {
		switch t.TokenType {
		case css.URLToken:
			l.add("css", "rule 6: url() is not allowed (%s on <%s>)", prop, elem)
		case css.FunctionToken:
			fn := strings.ToLower(string(t.Data))
			switch fn {
			case "var(":
				l.add("css", "rule 6: CSS variables are not allowed (%s on <%s>)", prop, elem)
			case "calc(":
				l.add("css", "rule 6: calc() is not allowed (%s on <%s>)", prop, elem)
			case "url(":
				l.add("css", "rule 6: url() is not allowed (%s on <%s>)", prop, elem)
			case "rgb(":
			default:
				if colourProps[prop] {
					l.add("css", "rule 6: colour %s...) is not hex or rgb(r,g,b) (%s on <%s>)", fn, prop, elem)
				}
			}
		case css.DimensionToken:
			_, unit := splitDimension(t.Data)
			switch strings.ToLower(unit) {
			case "rem", "vw", "vh", "vmin", "vmax":
				l.add("css", "rule 6: %s units are not allowed (%s: %s on <%s>)", unit, prop, tokensString(vals), elem)
			}
		case css.IdentToken:
			if colourProps[prop] && namedColour(strings.ToLower(string(t.Data))) {
				l.add("css", "rule 6: colour %q is a name, not hex or rgb(r,g,b) (%s on <%s>)", t.Data, prop, elem)
			}
		}
	}
	if strings.HasPrefix(prop, "margin") {
		for _, t := range vals {
			if (t.TokenType == css.DimensionToken || t.TokenType == css.NumberToken || t.TokenType == css.PercentageToken) && bytes.HasPrefix(t.Data, []byte("-")) {
				l.add("css", "rule 6: negative margin %s on <%s>", tokensString(vals), elem)
				break
			}
		}
	}
	if prop == "width" || prop == "max-width" || prop == "min-width" {
		if px, ok := pxValue(vals); ok && px > 600 {
			l.add("width", "rule 7: %s: %s on <%s> is wider than 600px", prop, tokensString(vals), elem)
		}
	}
	if prop == "font-family" || prop == "font" {
		last := vals
		for i := len(vals) - 1; i >= 0; i-- {
			if vals[i].TokenType == css.CommaToken {
				last = vals[i+1:]
				break
			}
		}
		fam := strings.ToLower(strings.TrimSpace(tokensString(last)))
		if prop == "font" {
			if f := strings.Fields(fam); len(f) > 0 {
				fam = f[len(f)-1]
			}
		}
		if !genericFamilies[fam] {
			l.add("font-stack", "rule 7: font stack %q on <%s> does not end in a generic family such as sans-serif", tokensString(vals), elem)
		}
	}
}

// ---- plain text ----

// TextWidth is the longest line of a plain-text twin (rule 12).
const TextWidth = 78

// TextHardWidth is the longest line email allows at all (RFC 5322 2.1.1).
const TextHardWidth = 998

// unbreakable reports whether a line is one word after its list, quote or
// number markers: a web address or a very long word that wrapping cannot
// shorten, so a longer line is the only way to write it.
func unbreakable(line []byte) bool {
	f := strings.Fields(string(line))
	for len(f) > 1 && strings.Trim(f[0], "-*>0123456789.)") == "" {
		f = f[1:]
	}
	return len(f) == 1
}

// LintText checks a plain-text twin (rule 12, and rule 11's encoding).
func LintText(src []byte) []Violation { return New().Text(src) }

// Text is LintText.
func (c *Checker) Text(src []byte) []Violation {
	l := &linter{c: c}
	l.encoding(src)
	l.leakedHTML(src)
	// The lines of the text without its last newline, one by one.
	rest := bytes.TrimSuffix(src, []byte("\n"))
	var prev []byte
	marked := false
	for i := 0; rest != nil; i++ {
		line := rest
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
		if n := utf8.RuneCount(line); n > TextWidth && (n > TextHardWidth || !unbreakable(line)) {
			l.add("text-width", "rule 12: line %d is %d characters long (78 at most)", i+1, n)
		}
		if i > 0 && len(bytes.TrimSpace(prev)) > 0 && isUnderline(line) {
			marked = true
		}
		if bytes.HasPrefix(line, []byte("## ")) || bytes.HasPrefix(line, []byte("### ")) {
			marked = true
		}
		prev = line
	}
	if !marked {
		l.add("text-heading", "rule 12: the plain text has no marked heading (underline it with = or -)")
	}
	return l.out
}

// leakedHTML reports markup in the prose of a plain text.
func (l *linter) leakedHTML(src []byte) {
	for _, m := range markup(src, 6) {
		l.add("text-html", "rule 12: the plain text contains HTML (%s)", clip(string(src[m[0]:m[1]])))
	}
}

// markup finds, up to max, the stretches of a plain text's prose that an HTML
// reader would take for markup: a tag of a real element (not "a <3 b"), a
// comment or a doctype. Code (see proseOnly) is left out.
func markup(src []byte, max int) [][2]int {
	if bytes.IndexByte(src, '<') < 0 {
		return nil // the tokenizer would find only text, and most twins have no '<'
	}
	prose := proseOnly(src)
	z := html.NewTokenizer(bytes.NewReader(prose))
	var out [][2]int
	at := 0
	for tt := z.Next(); tt != html.ErrorToken && len(out) < max; tt = z.Next() {
		raw := z.Raw()
		leaked := false
		switch tt {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			leaked = atom.Lookup(name) != 0
		case html.CommentToken:
			leaked = bytes.HasPrefix(raw, []byte("<!--"))
		case html.DoctypeToken:
			leaked = true
		}
		if leaked {
			out = append(out, [2]int{at, at + len(raw)})
		}
		at += len(raw)
	}
	return out
}

// QuoteMarkup writes the markup a plain text shows as typed (a writer's
// \<br/>, which CommonMark prints literally) as code, `<br/>`, the plain
// text's own way of showing characters as typed: a reader sees what the
// writer typed, and neither an email tool nor rule 12 takes it for HTML.
// A stretch that holds a backtick or runs over lines gets a space after its
// "<" instead, which no HTML reader takes for a tag.
func QuoteMarkup(txt []byte) []byte {
	out := quoteMarkup(txt, true)
	if len(markup(out, 1)) > 0 {
		// A backtick of the writer's paired with one of ours.
		out = quoteMarkup(out, false)
	}
	return out
}

func quoteMarkup(txt []byte, code bool) []byte {
	ms := markup(txt, len(txt))
	if len(ms) == 0 {
		return txt
	}
	out := make([]byte, 0, len(txt)+2*len(ms))
	last := 0
	for _, m := range ms {
		out = append(out, txt[last:m[0]]...)
		if s := txt[m[0]:m[1]]; !code || bytes.ContainsAny(s, "`\n") {
			out = append(out, '<', ' ')
			out = append(out, s[1:]...)
		} else {
			out = append(out, '`')
			out = append(out, s...)
			out = append(out, '`')
		}
		last = m[1]
	}
	return append(out, txt[last:]...)
}

// proseOnly blanks what the twin shows as code, where markup is the writer's
// text rather than leaked HTML: lines indented by four spaces (code blocks)
// and `backtick` spans. Offsets stay those of src.
func proseOnly(src []byte) []byte {
	b := bytes.Clone(src)
	for start := 0; start < len(b); {
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		line := b[start:end]
		if bytes.HasPrefix(bytes.TrimLeft(line, " -0123456789."), []byte("    ")) || bytes.HasPrefix(line, []byte("    ")) {
			blank(line)
		} else {
			for i := 0; ; {
				j := bytes.IndexByte(line[i:], '`')
				if j < 0 {
					break
				}
				k := bytes.IndexByte(line[i+j+1:], '`')
				if k < 0 {
					break
				}
				blank(line[i+j : i+j+1+k+1])
				i += j + 1 + k + 1
			}
		}
		start = end + 1
	}
	return b
}

func blank(b []byte) {
	for i := range b {
		b[i] = ' '
	}
}

func isUnderline(s []byte) bool {
	return len(s) >= 3 && (len(bytes.Trim(s, "=")) == 0 || len(bytes.Trim(s, "-")) == 0)
}

// LintTwin checks that every link of the HTML is written out in the text: web
// addresses in full, e-mail addresses and phone numbers as shown.
func LintTwin(htmlSrc, txt []byte) []Violation {
	nodes, err := html.ParseFragment(bytes.NewReader(htmlSrc), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	return New().Twin(nodes, txt)
}

// Twin is LintTwin with the fragment parsed already (by HTML).
func (c *Checker) Twin(nodes []*html.Node, txt []byte) []Violation {
	l := &linter{c: c}
	txtS := string(txt)
	flat := "" // the text on one line, made only when needed
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.A {
			href := attr(n, "href")
			want := href
			switch {
			case strings.HasPrefix(href, "mailto:"):
				want = strings.TrimPrefix(href, "mailto:")
			case strings.HasPrefix(href, "tel:"):
				want = strings.Join(strings.Fields(textContent(n)), " ")
			}
			if !strings.Contains(txtS, want) && flat == "" {
				flat = strings.Join(strings.Fields(txtS), " ")
			}
			if !strings.Contains(txtS, want) && !strings.Contains(flat, want) {
				l.add("text-links", "rule 12: link %q is not written out in the plain text", href)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return l.out
}

// ---- helpers ----

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.DataAtom == atom.Img:
			b.WriteString(attr(n, "alt"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

func tokensString(ts []css.Token) string {
	var b strings.Builder
	for _, t := range ts {
		b.Write(t.Data)
	}
	return strings.ToLower(b.String())
}

func splitDimension(b []byte) (string, string) {
	i := 0
	for i < len(b) && (b[i] == '-' || b[i] == '+' || b[i] == '.' || b[i] >= '0' && b[i] <= '9' || (b[i] == 'e' || b[i] == 'E') && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9') {
		i++
	}
	return string(b[:i]), string(b[i:])
}

// pxValue reads a single length in px (0 counts as 0px).
func pxValue(vals []css.Token) (float64, bool) {
	if len(vals) != 1 {
		return 0, false
	}
	t := vals[0]
	switch t.TokenType {
	case css.DimensionToken:
		num, unit := splitDimension(t.Data)
		if strings.ToLower(unit) != "px" {
			return 0, false
		}
		f, err := strconv.ParseFloat(num, 64)
		return f, err == nil
	case css.NumberToken:
		f, err := strconv.ParseFloat(string(t.Data), 64)
		return f, err == nil && f == 0
	}
	return 0, false
}

// ---- colour ----

type rgb struct{ r, g, b uint8 }

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// luminance is WCAG 2's relative luminance.
func (c rgb) luminance() float64 {
	return 0.2126*linear[c.r] + 0.7152*linear[c.g] + 0.0722*linear[c.b]
}

// linear is each channel value made linear, worked out once: contrast is
// checked for every piece of text.
var linear = func() (t [256]float64) {
	for v := range t {
		s := float64(v) / 255
		if s <= 0.04045 {
			t[v] = s / 12.92
		} else {
			t[v] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return t
}()

func contrastRatio(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// parseColour reads a value that is exactly one colour.
func parseColour(vals []css.Token) (rgb, bool) {
	if len(vals) == 0 {
		return rgb{}, false
	}
	c, n, ok := colourAt(vals)
	return c, ok && n == len(vals)
}

// firstColour finds a colour anywhere in a shorthand such as background.
func firstColour(vals []css.Token) (rgb, bool) {
	for i := range vals {
		if c, _, ok := colourAt(vals[i:]); ok {
			return c, true
		}
	}
	return rgb{}, false
}

// colourAt reads a hex or rgb() colour at the start of vals and says how many
// tokens it took.
func colourAt(vals []css.Token) (rgb, int, bool) {
	t := vals[0]
	switch t.TokenType {
	case css.HashToken:
		h := strings.TrimPrefix(string(t.Data), "#")
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) != 6 {
			return rgb{}, 0, false
		}
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return rgb{}, 0, false
		}
		return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)}, 1, true
	case css.FunctionToken:
		if strings.ToLower(string(t.Data)) != "rgb(" {
			return rgb{}, 0, false
		}
		var nums []uint8
		i := 1
		for ; i < len(vals) && vals[i].TokenType != css.RightParenthesisToken; i++ {
			switch vals[i].TokenType {
			case css.NumberToken:
				f, err := strconv.ParseFloat(string(vals[i].Data), 64)
				if err != nil {
					return rgb{}, 0, false
				}
				nums = append(nums, uint8(max(0, min(255, math.Round(f)))))
			case css.CommaToken, css.WhitespaceToken:
			default:
				return rgb{}, 0, false
			}
		}
		if len(nums) != 3 || i >= len(vals) {
			return rgb{}, 0, false
		}
		return rgb{nums[0], nums[1], nums[2]}, i + 1, true
	}
	return rgb{}, 0, false
}

// namedColour reports CSS colour keywords (the basic and extended names most
// often written); hex or rgb() is required instead.
func namedColour(s string) bool {
	switch s {
	case "black", "white", "red", "green", "blue", "yellow", "orange", "purple", "grey", "gray",
		"silver", "maroon", "navy", "teal", "olive", "lime", "aqua", "fuchsia", "pink", "brown",
		"darkblue", "darkred", "darkgreen", "darkgrey", "darkgray", "lightgrey", "lightgray",
		"lightblue", "gold", "indigo", "violet", "cyan", "magenta", "beige", "coral", "crimson",
		"khaki", "salmon", "tan", "tomato", "turquoise", "whitesmoke", "dimgray", "dimgrey",
		"slategray", "slategrey", "steelblue", "royalblue", "skyblue", "hotpink", "ivory",
		"lavender", "linen", "orchid", "plum", "sienna", "snow", "wheat", "chocolate", "firebrick":
		return true
	}
	return false
}
