package content

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// posErr is a problem at a position in the current file.
type posErr struct {
	pos Pos
	msg string
}

// scanShortcodes finds every {{< name args >}} in body, and refuses the
// {{% name args %}} form (Hugo would drop the contact it shows),
// whose first line is line bodyLine of the file. Hugo expands shortcodes
// everywhere, code blocks included, so the whole body is scanned; only the
// escaped form {{</* ... */>}} is skipped. It returns the shortcodes, the
// position of each one's first argument, and the problems found.
func scanShortcodes(body string, bodyLine int) (scs []Shortcode, argPos []Pos, errs []posErr) {
	line, lineStart, last := bodyLine, 0, 0
	posOf := func(k int) Pos {
		for ; last < k; last++ {
			if body[last] == '\n' {
				line++
				lineStart = last + 1
			}
		}
		return Pos{line, utf8.RuneCountInString(body[lineStart:k]) + 1}
	}
	i := 0
	for {
		j := strings.Index(body[i:], "{{")
		if j < 0 {
			return
		}
		k := i + j
		if k+2 >= len(body) || body[k+2] != '<' && body[k+2] != '%' {
			i = k + 2
			continue
		}
		open := body[k+2]
		closer := "%}}"
		if open == '<' {
			closer = ">}}"
		}
		at := posOf(k)
		p := k + 3
		for p < len(body) && isSpace(body[p]) {
			p++
		}
		if strings.HasPrefix(body[p:], "/*") {
			end := strings.Index(body[p:], "*/"+closer)
			if end < 0 {
				errs = append(errs, posErr{at, fmt.Sprintf("the escaped shortcode is not closed (end it with */%s)", closer)})
				return
			}
			i = p + end + 2 + len(closer)
			continue
		}
		type token struct {
			text   string
			quoted bool
			pos    int
		}
		var toks []token
		closed := false
		for p < len(body) {
			for p < len(body) && isSpace(body[p]) {
				p++
			}
			if strings.HasPrefix(body[p:], closer) {
				closed = true
				p += len(closer)
				break
			}
			if p >= len(body) {
				break
			}
			start := p
			switch q := body[p]; q {
			case '"', '`':
				p++
				var b strings.Builder
				for p < len(body) && body[p] != q {
					if q == '"' && body[p] == '\\' && p+1 < len(body) {
						p++
					}
					b.WriteByte(body[p])
					p++
				}
				if p >= len(body) {
					break
				}
				p++
				toks = append(toks, token{b.String(), true, start})
			default:
				for p < len(body) && !isSpace(body[p]) && !strings.HasPrefix(body[p:], closer) {
					p++
				}
				toks = append(toks, token{body[start:p], false, start})
			}
		}
		if !closed {
			errs = append(errs, posErr{at, fmt.Sprintf("the shortcode is not closed (end it with %s)", closer)})
			return
		}
		i = p
		example := fmt.Sprintf("{{%c contact \"file-name\" %s", open, closer)
		if open == '%' {
			// Hugo renders the {{% %}} form's output as Markdown, and drops
			// the contact's HTML (raw HTML is never published): the contact
			// would vanish from the page. One form is enough.
			name := "contact"
			if len(toks) > 0 && !toks[0].quoted {
				name = strings.TrimPrefix(toks[0].text, "/")
			}
			arg := "file-name"
			if len(toks) > 1 {
				arg = toks[1].text
			}
			errs = append(errs, posErr{at, fmt.Sprintf("shortcodes are written with < and >, not %% (write {{< %s %q >}})", name, arg)})
			continue
		}
		switch {
		case len(toks) == 0 || toks[0].quoted:
			errs = append(errs, posErr{at, fmt.Sprintf("the shortcode has no name (write %s)", example)})
		case strings.HasPrefix(toks[0].text, "/"):
			errs = append(errs, posErr{at, fmt.Sprintf("shortcode %q has no closing tag (remove this closing tag)", strings.TrimPrefix(toks[0].text, "/"))})
		case toks[0].text != "contact":
			errs = append(errs, posErr{at, fmt.Sprintf("unknown shortcode %q (the only shortcode is contact: %s)", toks[0].text, example)})
		case len(toks) != 2 || !toks[1].quoted:
			errs = append(errs, posErr{at, fmt.Sprintf("the contact shortcode takes one contact name in quotes (write %s)", example)})
		default:
			scs = append(scs, Shortcode{Name: "contact", Args: []string{toks[1].text}, Pos: at})
			argPos = append(argPos, posOf(toks[1].pos))
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
