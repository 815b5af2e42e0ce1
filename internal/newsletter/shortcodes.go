package newsletter

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"safeguard/internal/content"
)

// markOpen and markClose surround the number of an expanded contact shortcode in
// the Markdown; private-use characters never appear in real text.
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// expandShortcodes replaces each {{< contact "name" >}} in the body with a marker
// paragraph the renderers turn into a contact block. Other shortcodes cannot be
// shown in an email: they are removed with an error.
func (r *renderer) expandShortcodes() {
	body := r.page.Body
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(body[i:], "{{")
		if j < 0 {
			break
		}
		start := i + j
		if start+2 >= len(body) || (body[start+2] != '<' && body[start+2] != '%') {
			b.WriteString(body[i : start+2])
			i = start + 2
			continue
		}
		closer := ">}}"
		if body[start+2] == '%' {
			closer = "%}}"
		}
		k := strings.Index(body[start:], closer)
		if k < 0 {
			break
		}
		end := start + k + len(closer)
		inner := strings.TrimSpace(body[start+3 : start+k])
		b.WriteString(body[i:start])
		line := r.page.BodyLine + strings.Count(body[:start], "\n")
		i = end
		if strings.HasPrefix(inner, "/*") { // {{</* x */>}} is Hugo's way to show a shortcode literally
			b.WriteString("{{<" + strings.TrimSuffix(strings.TrimPrefix(inner, "/*"), "*/") + ">}}")
			continue
		}
		name, args := splitShortcode(inner)
		if name != "contact" {
			r.errorf(line, "newsletter-shortcode", "shortcode %q cannot be shown in the newsletter and was left out of it (write the text in Markdown)", name)
			continue
		}
		if len(args) != 1 {
			r.errorf(line, "newsletter-shortcode", "the contact shortcode needs exactly one contact name, as in {{< contact \"act-early-support-line\" >}}")
			continue
		}
		c, ok := r.site.Contacts[args[0]]
		if !ok {
			r.errorf(line, "newsletter-contact", "contact %q does not exist, so it cannot be shown in the newsletter (add content/contacts/%s.md or correct the name)", args[0], args[0])
			continue
		}
		r.used[c.Name] = true
		// Blank lines make the marker a paragraph of its own; they are recorded so
		// that line numbers in messages still match the file.
		for range 2 {
			r.fakeNL = append(r.fakeNL, b.Len())
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%d%s", markOpen, len(r.contacts), markClose)
		for range 2 {
			r.fakeNL = append(r.fakeNL, b.Len())
			b.WriteByte('\n')
		}
		r.contacts = append(r.contacts, c)
	}
	b.WriteString(body[i:])
	r.src = []byte(b.String())
}

// splitShortcode splits `contact "name"` into its name and arguments.
func splitShortcode(s string) (string, []string) {
	var fields []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			q := s[0]
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				fields = append(fields, s[1:])
				break
			}
			fields = append(fields, s[1:1+end])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t\n")
		if end < 0 {
			end = len(s)
		}
		fields = append(fields, s[:end])
		s = s[end:]
	}
	if len(fields) == 0 {
		return "", nil
	}
	return fields[0], fields[1:]
}

// contactMark returns the contact a marker paragraph stands for.
func (r *renderer) contactMark(n ast.Node) (*content.Contact, bool) {
	if _, ok := n.(*ast.Paragraph); !ok {
		return nil, false
	}
	var s strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return nil, false
		}
		s.Write(t.Segment.Value(r.src))
	}
	v := strings.TrimSpace(s.String())
	if !strings.HasPrefix(v, markOpen) || !strings.HasSuffix(v, markClose) {
		return nil, false
	}
	i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(v, markOpen), markClose))
	if err != nil || i < 0 || i >= len(r.contacts) {
		return nil, false
	}
	return r.contacts[i], true
}
