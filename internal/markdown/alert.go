package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// AlertTypes are the GitHub-style notes a writer can start a quote with
// (> [!NOTE]), in the order the docs list them: the web page, the newsletter
// and the checks know these five.
var AlertTypes = []string{"note", "tip", "important", "warning", "caution"}

// alertRe is Hugo's own test (markup/goldmark/blockquotes,
// blockQuoteAlertRe) on the first line of a quote's first paragraph: Hugo
// matches the rendered "<p>[!NOTE]…", here the line as typed, which renders
// to the same characters.
var alertRe = regexp.MustCompile(`^\[!([a-zA-Z]+)\](-|\+)?[^\S\r\n]?([^\n]*)$`)

// Alert is a quote that starts with [!TYPE]: Hugo gives its render hook the
// type and title, and so the web page, the newsletter and the checks all read
// a quote the same way.
type Alert struct {
	Type  string // lower case, as Hugo's .AlertType: "note", "warning", or what was typed
	Title string // the rest of the first line, as typed ("" usually)
	Known bool   // Type is one of AlertTypes
	// Start is the body offset of the "[" of the marker (for diagnostics).
	Start int
	// First is the quote's first paragraph; Rest is its first inline node
	// after the marker line (nil when the paragraph is only that line).
	First *ast.Paragraph
	Rest  ast.Node
}

// AlertOf says whether a quote is an alert and which; src is the text the
// tree's segments point into (Doc.Src).
func AlertOf(n ast.Node, src []byte) (Alert, bool) {
	bq, ok := n.(*ast.Blockquote)
	if !ok {
		return Alert{}, false
	}
	p, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return Alert{}, false
	}
	seg := p.Lines().At(0)
	line := strings.TrimSpace(string(seg.Value(src)))
	m := alertRe.FindStringSubmatch(line)
	if m == nil {
		return Alert{}, false
	}
	a := Alert{Type: strings.ToLower(m[1]), Title: strings.TrimSpace(m[3]), First: p, Start: seg.Start}
	for i := seg.Start; i < seg.Stop && (src[i] == ' ' || src[i] == '\t'); i++ {
		a.Start = i + 1
	}
	for _, t := range AlertTypes {
		a.Known = a.Known || t == a.Type
	}
	// The marker line's inline nodes end with the one whose text reaches
	// the end of the line (a soft or hard line break after it).
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && t.Segment.Stop >= seg.Stop-1 && (t.SoftLineBreak() || t.HardLineBreak()) {
			a.Rest = c.NextSibling()
			break
		}
	}
	return a, true
}

// Warns reports whether an alert is shown as a warning (GOV.UK warning
// text) rather than as a note (inset text).
func (a Alert) Warns() bool { return a.Type == "warning" || a.Type == "caution" }

// Label is the word an alert is introduced with, in words that stand alone
// in the text twin ("Warning: …"); an unknown type reads as a note.
func (a Alert) Label() string {
	if !a.Known {
		return "Note"
	}
	return strings.ToUpper(a.Type[:1]) + a.Type[1:]
}
