package markdown

import "strings"

// Shortcode is one Hugo shortcode call in a page body, {{< name args >}} or
// {{% name args %}}, found by Shortcodes. Offsets are bytes into the body.
// Hugo expands shortcodes everywhere, code blocks included, so every stage
// (the loader, the checks, the newsletter) works from this one list.
type Shortcode struct {
	Start, End int  // the opening "{{" and just after the closing "}}" (the body's end when unclosed)
	Form       byte // '<' or '%'

	// Escaped is Hugo's way to show a shortcode as text, {{</* name */>}}:
	// the page shows {{< name >}}. EscOpen and EscClose are the offsets of
	// the "/*" and "*/" that are left out. The inside is not read.
	Escaped           bool
	EscOpen, EscClose int
	Name              string // the first word; empty when there is none
	NameAt            int    // offset of the first word (-1 when there is none)
	Args              []Arg  // the words after the name
	Problem           Problem
}

// Arg is one argument of a shortcode: its value (quotes removed, and in "…"
// a backslash keeps the character after it) and where it starts in the body.
type Arg struct {
	Value  string
	Quoted bool
	At     int // offset of the argument, at its opening quote when quoted
}

// Problem is what is wrong with a shortcode's syntax.
type Problem uint8

const (
	OK         Problem = iota
	Unclosed           // no closing >}} (or */>}} when escaped): the span runs to the end of the body, and scanning stops there
	NoName             // {{< >}}: nothing inside
	QuotedName         // {{< "contact" >}}: Name holds the quoted word
)

// Closer is ">}}" or "%}}", the end of the shortcode's form.
func (s Shortcode) Closer() string {
	if s.Form == '%' {
		return "%}}"
	}
	return ">}}"
}

// Shortcodes returns every shortcode in body, in order; spans never overlap.
// Scanning stops at the first one that is not closed, as Hugo does.
func Shortcodes(body string) []Shortcode {
	var out []Shortcode
	for i := 0; ; {
		j := strings.Index(body[i:], "{{")
		if j < 0 {
			return out
		}
		k := i + j
		if k+2 >= len(body) || body[k+2] != '<' && body[k+2] != '%' {
			i = k + 1 // "{{{<" holds one at k+1
			continue
		}
		sc := scanOne(body, k)
		out = append(out, sc)
		if sc.Problem == Unclosed {
			return out
		}
		i = sc.End
	}
}

// scanOne reads the shortcode whose "{{" is at k.
func scanOne(body string, k int) Shortcode {
	sc := Shortcode{Start: k, Form: body[k+2], NameAt: -1}
	closer := sc.Closer()
	p := skipSpace(body, k+3)
	if strings.HasPrefix(body[p:], "/*") {
		sc.Escaped, sc.EscOpen = true, p
		end := strings.Index(body[p:], "*/"+closer)
		if end < 0 {
			sc.End, sc.Problem = len(body), Unclosed
			return sc
		}
		sc.EscClose = p + end
		sc.End = sc.EscClose + 2 + len(closer)
		return sc
	}
	first := true
	for {
		p = skipSpace(body, p)
		if strings.HasPrefix(body[p:], closer) {
			sc.End = p + len(closer)
			if first {
				sc.Problem = NoName
			}
			return sc
		}
		if p >= len(body) {
			sc.End, sc.Problem = len(body), Unclosed
			return sc
		}
		a := Arg{At: p}
		switch q := body[p]; q {
		case '"', '`':
			var b strings.Builder
			for p++; p < len(body) && body[p] != q; p++ {
				if q == '"' && body[p] == '\\' && p+1 < len(body) {
					p++
				}
				b.WriteByte(body[p])
			}
			if p >= len(body) {
				sc.End, sc.Problem = len(body), Unclosed
				return sc
			}
			p++
			a.Value, a.Quoted = b.String(), true
		default:
			for p < len(body) && !isSpace(body[p]) && !strings.HasPrefix(body[p:], closer) {
				p++
			}
			a.Value = body[a.At:p]
		}
		if first {
			first = false
			sc.Name, sc.NameAt = a.Value, a.At
			if a.Quoted {
				sc.Problem = QuotedName
			}
			continue
		}
		sc.Args = append(sc.Args, a)
	}
}

func skipSpace(s string, p int) int {
	for p < len(s) && isSpace(s[p]) {
		p++
	}
	return p
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
