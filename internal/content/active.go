package content

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// Files that are not Markdown are published as they are. An SVG or HTML
// file opened directly runs its script on the site's own address wherever
// the host ignores _headers, so such files are refused rather than
// sanitised: a drawing with script in it is never what a writer meant, and
// a rewritten file could still hide something a sanitiser missed.

// activeKinds are the file name endings whose content ActiveContent reads.
var activeKinds = map[string]string{
	".svg": "SVG", ".html": "HTML", ".htm": "HTML", ".xhtml": "XHTML", ".xht": "XHTML",
	".xml": "XML", ".xsl": "XSLT", ".xslt": "XSLT", ".svgz": "SVG",
}

// Audited reports whether ActiveContent reads files with this name.
func Audited(name string) bool { return activeKinds[strings.ToLower(path.Ext(name))] != "" }

// activeElements run script or load another document when a browser shows
// the file (local names: "svg:script" is a script too).
var activeElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "base": true, "foreignobject": true, "handler": true,
	"listener": true, "portal": true, "import": true,
}

// ActiveContent returns why a file that is not Markdown must not be
// published (what in it could run script, and the fix), or "" when it is
// safe. name is the file's path, for its ending; data its bytes.
func ActiveContent(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	kind := activeKinds[ext]
	if kind == "" {
		return ""
	}
	fix := "remove it, or export the drawing again as a plain SVG without script, or as a PNG"
	if kind != "SVG" {
		fix = "write the page in content/ as Markdown instead, or remove what runs script"
	}
	if ext == ".svgz" {
		return "a compressed SVG cannot be checked for script (save it as a plain .svg)"
	}
	lower := bytes.ToLower(data)
	switch {
	case bytes.Contains(lower, []byte("<!entity")):
		return fmt.Sprintf("this %s file declares an entity (<!ENTITY), which can pull in other files (%s)", kind, fix)
	case bytes.Contains(lower, []byte("xml-stylesheet")):
		return fmt.Sprintf("this %s file names a style sheet (<?xml-stylesheet), which can run script (%s)", kind, fix)
	}
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			if z.Err() == io.EOF {
				return ""
			}
			return fmt.Sprintf("this %s file cannot be read (%v)", kind, z.Err())
		}
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
		case xhtml.TextToken:
			if kind == "SVG" && externalCSS(z.Text()) {
				return fmt.Sprintf("this SVG loads a style or image from another place (url(...) or @import), and the site loads nothing from elsewhere (%s)", fix)
			}
			continue
		default:
			continue
		}
		raw, hasAttr := z.TagName()
		name := localName(string(raw))
		if activeElements[name] {
			return fmt.Sprintf("this %s file holds a <%s> element, which runs script or loads another page when the file is opened (%s)", kind, string(raw), fix)
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := localName(strings.ToLower(string(k)))
			val := string(v)
			switch {
			case strings.HasPrefix(key, "on"):
				return fmt.Sprintf("this %s file has an event handler (%s=), which runs script (%s)", kind, string(k), fix)
			case UnsafeScheme(val) != "" || strings.Contains(strings.ToLower(val), "javascript:"):
				return fmt.Sprintf("this %s file has %s=%q, which runs script or smuggles a document (%s)", kind, string(k), clip(val, 40), fix)
			case key == "srcdoc":
				return fmt.Sprintf("this %s file has srcdoc=, which holds a whole page (%s)", kind, fix)
			case name == "meta" && key == "http-equiv" && strings.EqualFold(strings.TrimSpace(val), "refresh"):
				return fmt.Sprintf("this %s file sends the reader to another page (meta refresh) (%s)", kind, fix)
			case kind == "SVG" && (key == "href" || key == "src") && !strings.HasPrefix(strings.TrimSpace(val), "#"):
				return fmt.Sprintf("this SVG refers to %q outside itself, and an SVG on this site draws only what it holds (%s)", clip(val, 40), fix)
			case kind == "SVG" && key == "style" && externalCSS([]byte(val)):
				return fmt.Sprintf("this SVG loads a style or image from another place (url(...) or @import), and the site loads nothing from elsewhere (%s)", fix)
			case (name == "set" || name == "animate") && key == "attributename" && (strings.HasPrefix(strings.ToLower(val), "on") || strings.HasSuffix(strings.ToLower(val), "href")):
				return fmt.Sprintf("this %s file animates %s, which can turn it into script or a link elsewhere (%s)", kind, val, fix)
			}
		}
	}
}

// localName drops a namespace prefix: "svg:script" is a script.
func localName(s string) string {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// externalCSS reports CSS that loads from elsewhere: @import, or url() of
// anything but a fragment of the same file.
func externalCSS(b []byte) bool {
	s := strings.ToLower(string(b))
	if strings.Contains(s, "@import") {
		return true
	}
	for {
		i := strings.Index(s, "url(")
		if i < 0 {
			return false
		}
		s = strings.TrimLeft(s[i+4:], " \t\r\n'\"")
		if !strings.HasPrefix(s, "#") {
			return true
		}
	}
}

// unsafeSchemes are the address schemes a browser runs or that smuggle a
// whole document (data:) or a file from the reader's own machine (file:).
var unsafeSchemes = []string{"javascript", "vbscript", "data", "file"}

// UnsafeScheme returns the scheme of dest when it is one of unsafeSchemes,
// read as a browser reads it: character references decoded, ASCII white
// space and control characters anywhere ignored (browsers drop tabs and
// newlines inside an address), invisible format characters left out, any
// case. Otherwise it returns "".
func UnsafeScheme(dest string) string {
	if strings.IndexByte(dest, ':') < 0 && !strings.Contains(dest, "&") {
		return ""
	}
	d := html.UnescapeString(dest)
	var b strings.Builder
	for _, r := range d {
		if r == ':' {
			break
		}
		if r <= ' ' || r == 0x7f || unicode.Is(unicode.Cf, r) {
			continue
		}
		if b.Len() > 16 {
			return ""
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if !strings.Contains(d, ":") {
		return ""
	}
	s := b.String()
	for _, u := range unsafeSchemes {
		if s == u {
			return u
		}
	}
	return ""
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
