package readability

import "strings"

// vagueLinkText are link texts that mean nothing out of context: screen
// reader users often list a page's links on their own (WCAG 2.4.4), and an
// email's links are read the same way. The checks of the website and the
// newsletter's both use this one list.
var vagueLinkText = map[string]bool{
	"click here": true, "here": true, "click": true, "click this link": true,
	"read more": true, "more": true, "more info": true, "more information": true,
	"learn more": true, "find out more": true, "details": true, "continue": true,
	"this link": true, "link": true, "this": true, "this page": true, "page": true,
	"website": true, "go": true,
}

// linkTextTrim is what is trimmed from around a link text before it is
// looked up: punctuation and the arrows writers add ("Read more »").
const linkTextTrim = " .,:;!?()[]\"'‘’“”…-»›→>"

// VagueLinkText reports whether a link's text says nothing about where the
// link goes: a text from the list above (in any case, with any spacing and
// punctuation around it), one starting "click here", or no words at all.
func VagueLinkText(text string) bool {
	t := strings.Trim(strings.ToLower(strings.Join(strings.Fields(text), " ")), linkTextTrim)
	return t == "" || vagueLinkText[t] || strings.HasPrefix(t, "click here")
}
