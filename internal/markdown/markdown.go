package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is safe for concurrent use: goldmark's parser keeps no state between
// calls.
var md = goldmark.New(
	goldmark.WithExtensions(
		// Hugo's defaults (markup.goldmark.extensions): every one is on.
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		extension.Typographer, // goldmark's substitutions are Hugo's defaults (&lsquo; … &hellip;)
		extension.DefinitionList,
		extension.Footnote,
		blockAttributes{},
	),
	// Hugo's markup.goldmark.parser.attribute.title: {#id} after a heading.
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// parse parses Markdown as it is, shortcodes and all; the tree's segments
// point into src. Callers outside this package parse a page body with
// ParseBody, which sees its shortcodes as Hugo does: there is no other way
// in, so no stage can read a body differently.
func parse(src []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(src))
}

// Markdown is the set-up itself, for a caller that renders with goldmark's own
// HTML renderer (tests compare against it).
func Markdown() goldmark.Markdown { return md }

// AttributeLine is one {…} line of block attributes: where it starts in the
// body, what it says, and the block it applies to (nil when a blank line
// separates it from the block above, which Hugo then ignores).
type AttributeLine struct {
	Start  int // byte offset of the "{" in the body
	Attrs  []ast.Attribute
	Target ast.Node
}

// metaKey holds a document's attribute lines in its Meta.
const metaKey = "safeguard.attributeLines"

// AttributeLines lists the block attribute lines of a parsed body, in order,
// so that a check can point at the line a writer typed.
func AttributeLines(doc ast.Node) []AttributeLine {
	d, ok := doc.(*ast.Document)
	if !ok {
		return nil
	}
	v, _ := d.Meta()[metaKey].([]AttributeLine)
	return v
}

// Attr returns the string value of a node's attribute.
func Attr(n ast.Node, name string) (string, bool) {
	v, ok := n.AttributeString(name)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case string:
		return v, true
	}
	return "", false
}

// Language is the lang and dir a block carries, from its own attributes or the
// nearest enclosing block that has them.
func Language(n ast.Node) (lang, dir string) {
	for m := n; m != nil; m = m.Parent() {
		if m.Type() != ast.TypeBlock && m.Type() != ast.TypeDocument {
			continue
		}
		l, okL := Attr(m, "lang")
		d, okD := Attr(m, "dir")
		if okL || okD {
			return l, d
		}
	}
	return "", ""
}

// blockAttributes is Hugo's markup.goldmark.parser.attribute.block: a line
// that is only {…} gives its attributes to the block just above it.
type blockAttributes struct{}

func (blockAttributes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(attrLineParser{}, 100)),
		parser.WithASTTransformers(util.Prioritized(attrTransformer{}, 100)),
	)
}

var kindAttrLine = ast.NewNodeKind("AttributeLine")

// attrLine is a parsed {…} line until the transformer moves its attributes.
type attrLine struct {
	ast.BaseBlock
	start int
}

func (n *attrLine) Kind() ast.NodeKind { return kindAttrLine }

func (n *attrLine) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type attrLineParser struct{}

func (attrLineParser) Trigger() []byte { return []byte{'{'} }

func (attrLineParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	start := seg.Start
	line, pos := reader.Position()
	attrs, ok := parser.ParseAttributes(reader)
	// Only white space may follow the closing brace.
	if rest, _ := reader.PeekLine(); !ok || len(util.TrimRightSpace(util.TrimLeftSpace(rest))) != 0 {
		reader.SetPosition(line, pos)
		return nil, parser.RequireParagraph
	}
	n := &attrLine{start: start}
	for _, a := range attrs {
		n.SetAttribute(a.Name, a.Value)
	}
	return n, parser.NoChildren
}

func (attrLineParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (attrLineParser) Close(ast.Node, text.Reader, parser.Context) {}

func (attrLineParser) CanInterruptParagraph() bool { return true }

func (attrLineParser) CanAcceptIndentedLine() bool { return false }

type attrTransformer struct{}

func (attrTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var found []*attrLine
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*attrLine); ok && entering {
			found = append(found, a)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(found) == 0 {
		return
	}
	lines := make([]AttributeLine, 0, len(found))
	for _, a := range found {
		l := AttributeLine{Start: a.start, Attrs: a.Attributes()}
		// As Hugo: the block right above, unless a blank line comes between or
		// it is a fenced code block (whose attributes go after the fence).
		if prev := a.PreviousSibling(); prev != nil && prev.Type() == ast.TypeBlock && prev.Kind() != ast.KindFencedCodeBlock && !a.HasBlankPreviousLines() {
			for _, at := range l.Attrs {
				if _, dup := prev.Attribute(at.Name); !dup {
					prev.SetAttribute(at.Name, at.Value)
				}
			}
			l.Target = prev
		}
		a.Parent().RemoveChild(a.Parent(), a)
		lines = append(lines, l)
	}
	doc.AddMeta(metaKey, lines)
}

// rtl are the primary language subtags of languages written right to left.
var rtl = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true,
	"ks": true, "ps": true, "sd": true, "syr": true, "ug": true, "ur": true, "yi": true,
}

// Direction is "rtl" for a language written right to left (ar, he, fa, ur…),
// or for a tag whose script subtag is Arabic or Hebrew (pa-Arab), else "ltr".
func Direction(lang string) string {
	primary, rest, _ := strings.Cut(strings.ToLower(lang), "-")
	for s := range strings.SplitSeq(rest, "-") {
		switch s {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
			return "rtl"
		case "latn", "cyrl", "deva", "beng":
			return "ltr"
		}
	}
	if rtl[primary] {
		return "rtl"
	}
	return "ltr"
}
