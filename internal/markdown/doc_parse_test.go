package markdown

import (
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestParsePlaceholders: a shortcode reads as one word of its paragraph, a
// shortcode alone is a paragraph of its own, and Text gives the words a
// reader sees.
func TestParsePlaceholders(t *testing.T) {
	body := "Call {{< contact \"a\" >}} now.\n\n{{< contact\n\"b\" >}}\n\nShow {{</* contact \"c\" */>}} as text.\n"
	d := ParseBody(body, Shortcodes(body))
	if len(d.Shortcodes) != 3 {
		t.Fatalf("%d shortcodes, want 3", len(d.Shortcodes))
	}
	var paras []ast.Node
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		paras = append(paras, n)
	}
	if len(paras) != 3 {
		t.Fatalf("%d blocks, want 3 paragraphs", len(paras))
	}
	text := func(n ast.Node) string {
		var s []byte
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if tx, ok := c.(*ast.Text); ok {
				s = append(s, d.Text(tx.Segment.Start, tx.Segment.Stop)...)
				if tx.SoftLineBreak() {
					s = append(s, ' ')
				}
			}
		}
		return string(s)
	}
	// (The typographer's quotes are String nodes, left out here.)
	for i, want := range []string{"Call  now.", " ", "Show {{< contact c >}} as text."} {
		if got := text(paras[i]); got != want {
			t.Errorf("paragraph %d reads %q, want %q", i, got, want)
		}
	}
	if i, ok := d.In(d.Shortcodes[1].Start + 3); !ok || i != 1 {
		t.Errorf("In inside the second shortcode = %d, %v", i, ok)
	}
	if _, ok := d.In(d.Shortcodes[0].End); ok {
		t.Errorf("In just after the first shortcode found one")
	}
	if got := string(d.Text(0, len(body))); got != "Call  now.\n\n\n\nShow {{< contact \"c\" >}} as text.\n" {
		t.Errorf("Text of the whole body = %q", got)
	}
}

// TestDocsShare: a kept body is parsed once for its users and then let go;
// any other is parsed for each caller and never held.
func TestDocsShare(t *testing.T) {
	kept, other := new(int), new(int)
	body := "Some *text*.\n"
	d := NewDocs()
	d.Keep(kept, 2)
	var wg sync.WaitGroup
	got := make([]*Doc, 2)
	for i := range got {
		wg.Go(func() { got[i] = d.Get(kept, body, nil) })
	}
	wg.Wait()
	if got[0] != got[1] || d.Parses() != 1 {
		t.Errorf("two users of a kept body: same doc %v, %d parses; want one doc, 1 parse", got[0] == got[1], d.Parses())
	}
	if d.Held() != 0 {
		t.Errorf("%d bodies still held after both users had theirs", d.Held())
	}
	if a, b := d.Get(other, body, nil), d.Get(other, body, nil); a == b || d.Parses() != 3 || d.Held() != 0 {
		t.Errorf("a body not kept: shared %v, %d parses, %d held; want two parses and none held", a == b, d.Parses(), d.Held())
	}
	var none *Docs
	if none.Get(other, body, nil) == nil {
		t.Errorf("a nil Docs did not parse")
	}
}
