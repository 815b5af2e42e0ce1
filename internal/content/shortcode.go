package content

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"safeguard/internal/markdown"
)

// posErr is a problem at a position in the current file.
type posErr struct {
	pos Pos
	msg string
}

// checkShortcodes reads the shortcodes of body (whose first line is line
// bodyLine of the file) as markdown.Shortcodes finds them, accepts
// {{< contact "name" >}} and refuses the {{% name args %}} form (Hugo would
// drop the contact it shows). Hugo expands shortcodes everywhere, code
// blocks included, so the whole body counts; the escaped form
// {{</* ... */>}} is text. It returns the contact shortcodes, the position
// of each one's argument, and the problems found.
func checkShortcodes(body string, spans []markdown.Shortcode, bodyLine int) (scs []Shortcode, argPos []Pos, errs []posErr) {
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
	for _, sc := range spans {
		at := posOf(sc.Start)
		closer := sc.Closer()
		if sc.Problem == markdown.Unclosed {
			if sc.Escaped {
				errs = append(errs, posErr{at, fmt.Sprintf("the escaped shortcode is not closed (end it with */%s)", closer)})
			} else {
				errs = append(errs, posErr{at, fmt.Sprintf("the shortcode is not closed (end it with %s)", closer)})
			}
			continue
		}
		if sc.Escaped {
			continue
		}
		example := fmt.Sprintf("{{%c contact \"file-name\" %s", sc.Form, closer)
		if sc.Form == '%' {
			// Hugo renders the {{% %}} form's output as Markdown, and drops
			// the contact's HTML (raw HTML is never published): the contact
			// would vanish from the page. One form is enough.
			name := "contact"
			if sc.Problem == markdown.OK {
				name = strings.TrimPrefix(sc.Name, "/")
			}
			arg := "file-name"
			if len(sc.Args) > 0 {
				arg = sc.Args[0].Value
			}
			errs = append(errs, posErr{at, fmt.Sprintf("shortcodes are written with < and >, not %% (write {{< %s %q >}})", name, arg)})
			continue
		}
		switch {
		case sc.Problem == markdown.NoName || sc.Problem == markdown.QuotedName:
			errs = append(errs, posErr{at, fmt.Sprintf("the shortcode has no name (write %s)", example)})
		case strings.HasPrefix(sc.Name, "/"):
			errs = append(errs, posErr{at, fmt.Sprintf("shortcode %q has no closing tag (remove this closing tag)", strings.TrimPrefix(sc.Name, "/"))})
		case sc.Name != "contact":
			errs = append(errs, posErr{at, fmt.Sprintf("unknown shortcode %q (the only shortcode is contact: %s)", sc.Name, example)})
		case len(sc.Args) != 1 || !sc.Args[0].Quoted:
			errs = append(errs, posErr{at, fmt.Sprintf("the contact shortcode takes one contact name in quotes (write %s)", example)})
		default:
			scs = append(scs, Shortcode{Name: "contact", Args: []string{sc.Args[0].Value}, Pos: at})
			argPos = append(argPos, posOf(sc.Args[0].At))
		}
	}
	return scs, argPos, errs
}
