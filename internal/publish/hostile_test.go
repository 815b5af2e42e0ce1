package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostile are text-field values a writer (or someone who took over a
// writer's account) could enter to get script onto the site: nested and
// entity-encoded tags that survive one layer of tag stripping, the ends of
// a script element and of CDATA, quotes that would end an attribute, a
// javascript: address and the line separators that end a JavaScript string.
var hostile = []string{
	`<<b>script>alert(1)<</b>/script>`,
	`&lt;img src=x onerror=alert(2)&gt;`,
	`&#60;script&#62;alert(3)&#60;/script&#62;`,
	`</script><script>alert(4)</script>`,
	`]]><script>alert(5)</script><![CDATA[`,
	`" onmouseover="alert(6)" x="`,
	`' onfocus='alert(7)' x='`,
	`<a href="javascript:alert(8)">eight</a>`,
	"line\u2028sep\u2029para alert(9)",
	`<svg onload=alert(10)><foreignObject>`,
	`<!--<script>alert(11)</script>-->`,
	`<iframe srcdoc="&lt;script&gt;alert(12)&lt;/script&gt;">`,
	`{{ .Site.Title }} {{< contact "c0" >}} alert(13)`,
	`&amp;lt;script&amp;gt;alert(14)&amp;lt;/script&amp;gt;`,
}

// inNewsletter reports whether h is plain text: nothing that reads as a tag,
// a comment or a character reference. The loader refuses anything else in a
// contact's text and in the title, summary and author of a newsletter
// article (internal/content's TestContactMarkup and
// TestNewsletterArticleMarkup), because those are shown exactly as typed in
// the plain-text email; so only plain strings go there, and the rest test
// the escaping of every other field.
func inNewsletter(h string) bool { return !tagLike.MatchString(h) && !markupLike.MatchString(h) }

var (
	tagLike    = regexp.MustCompile(`<[a-zA-Z!/?]`)
	markupLike = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
)

// yq quotes s for YAML (JSON strings are YAML double-quoted strings).
func yq(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hostileSite writes a valid site whose text fields hold the hostile strings:
// site.yaml, articles (title, summary, author, topics; in one newsletter
// issue), contacts (title, summary, hours, phone label), events (title,
// summary, place, audience) and an ACT Early page (call to action label).
func hostileSite(t *testing.T) string {
	t.Helper()
	root := fixture(t, "site")
	write(t, filepath.Join(root, "site.yaml"), fmt.Sprintf(`title: %s
base_url: https://safe.example.org/
organisation:
  name: %s
  url: https://www.example.gov.uk/
  logo_text: %s
newsletter_name: %s
`, yq("Safe City "+hostile[6]+" "+hostile[1]), yq("City "+hostile[3]), yq("Logo "+hostile[4]), yq("Home "+hostile[5])))
	var contacts []string
	for i, h := range hostile {
		// Contacts and newsletter articles take plain text only (see
		// inNewsletter), so only the plain strings are in an issue and in
		// contacts.
		news, ch := "", fmt.Sprintf("plain text %d", i)
		if inNewsletter(h) {
			news = fmt.Sprintf("newsletter:\n  issue: \"2026-11\"\n  order: %d\n", i+2)
			ch = h
		}
		contacts = append(contacts, fmt.Sprintf("c%d", i))
		write(t, filepath.Join(root, "content", "contacts", fmt.Sprintf("c%d.md", i)), fmt.Sprintf(`---
title: %s
summary: %s
hours: %s
phones:
  - number: "0800 011 3764"
    label: %s
email: help@example.org
url: https://www.example.org/help
source: https://www.example.gov.uk/
verified_on: 2026-11-01
---
`, yq(fmt.Sprintf("Contact %d %s", i, ch)), yq(ch), yq(ch), yq(ch)))
		write(t, filepath.Join(root, "content", "articles", fmt.Sprintf("a%d.md", i)), fmt.Sprintf(`---
title: %s
summary: %s
author: %s
topics: [%s]
date: 2026-11-01
last_reviewed: 2026-11-01
review_by: 2027-05-01
contacts: [c%d]
%s---
We work with schools and the police. You can call us if you are worried.
`, yq(fmt.Sprintf("Article %d %s", i, h)), yq(h), yq(h), yq(h), i, news))
		write(t, filepath.Join(root, "content", "events", fmt.Sprintf("e%d.md", i)), fmt.Sprintf(`---
title: %s
summary: %s
start: 2026-12-01T10:00
place: %s
audience: %s
last_reviewed: 2026-11-01
review_by: 2027-05-01
---
A session for staff.
`, yq(fmt.Sprintf("Event %d %s", i, h)), yq(h), yq(h), yq(h)))
	}
	write(t, filepath.Join(root, "content", "events", "_index.md"), "---\ntitle: Events\nsummary: "+yq(hostile[1])+"\nlast_reviewed: 2026-11-01\nreview_by: 2027-05-01\n---\n")
	write(t, filepath.Join(root, "content", "act-early", "_index.md"), "---\ntitle: ACT Early\nsummary: "+yq(hostile[2])+"\ncall_to_action:\n  label: "+yq(hostile[10])+"\n  url: https://www.example.org/act\nlast_reviewed: 2026-11-01\nreview_by: 2027-05-01\n---\n")
	write(t, filepath.Join(root, "content", "act-early", "signs.md"), fmt.Sprintf(`---
title: %s
summary: %s
call_to_action:
  label: %s
  contact: c3
last_reviewed: 2026-11-01
review_by: 2027-05-01
---
Signs to look for.
`, yq("Signs "+hostile[6]), yq(hostile[7]), yq(hostile[8])))
	// Every contact on one page too, so none is unused.
	write(t, filepath.Join(root, "content", "about.md"), fmt.Sprintf(`---
title: About
summary: %s
contacts: [%s]
last_reviewed: 2026-11-01
review_by: 2027-05-01
---
About this site.
`, yq(hostile[9]), strings.Join(contacts, ", ")))
	// A page without a summary: Hugo makes one from the text, which is HTML.
	write(t, filepath.Join(root, "content", "notes.md"), "---\ntitle: Notes\nlast_reviewed: 2026-11-01\nreview_by: 2027-05-01\n---\n"+generatedSummary+"\n")
	return root
}

// generatedSummary is Markdown whose entities decode to a script element.
const generatedSummary = `&lt;script&gt;alert(21)&lt;/script&gt; &amp;lt;b&amp;gt; and &#x3C;img src=x onerror=alert(22)&#x3E;`

// generatedText is what a reader must see of generatedSummary.
const generatedText = `<script>alert(21)</script> &lt;b&gt; and <img src=x onerror=alert(22)>`

// urlAttrs are the attributes that browsers follow as addresses.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "data": true, "srcset": true, "background": true}

// badScheme reports an address that runs script or smuggles a document.
func badScheme(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(v, s) {
			return true
		}
	}
	return false
}

// auditHTML parses one HTML document or fragment and reports every element,
// attribute or address that could run script, and returns the page's text
// (text nodes and attribute values) for the round-trip checks.
func auditHTML(t *testing.T, rel string, data []byte, fragment bool) []string {
	t.Helper()
	var nodes []*html.Node
	if fragment {
		ns, err := html.ParseFragment(bytes.NewReader(data), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		nodes = ns
	} else {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		nodes = []*html.Node{doc}
	}
	var texts []string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			texts = append(texts, n.Data)
		case html.CommentNode:
			if strings.Contains(n.Data, "alert(") {
				t.Errorf("%s: a comment made from content: <!--%s-->", rel, n.Data)
			}
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script:
				typ, src := attr(n, "type"), attr(n, "src")
				switch {
				case typ == "application/ld+json":
					body := childText(n)
					var v any
					if err := json.Unmarshal([]byte(body), &v); err != nil {
						t.Errorf("%s: JSON-LD is not JSON (%v): %.200s", rel, err, body)
					}
					texts = append(texts, jsonStrings(v)...)
				case childText(n) == "" && (strings.Contains(src, "/js/exit") || src == "copy.js" || src == "../copy.js"):
					// the theme's quick exit; the editors' copy button
				default:
					t.Errorf("%s: a script element not made by the theme: %s", rel, render(n))
				}
			case atom.Iframe:
				// the editors' page previews each fragment, a file beside it
				if src := attr(n, "src"); !regexp.MustCompile(`^[a-z0-9-]+\.html$`).MatchString(src) {
					t.Errorf("%s: <iframe> made from content: %s", rel, render(n))
				}
			case atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Base, atom.Form, atom.Style, atom.Frame, atom.Frameset, atom.Img:
				if n.DataAtom != atom.Img || strings.Contains(attr(n, "src"), "x") && !strings.Contains(attr(n, "src"), ".") {
					t.Errorf("%s: element <%s> made from content: %s", rel, n.Data, render(n))
				}
			}
			if n.Data == "foreignobject" || n.Data == "foreignObject" {
				t.Errorf("%s: <foreignObject> made from content", rel)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: event handler attribute %s=%q on <%s>", rel, a.Key, a.Val, n.Data)
				}
				if urlAttrs[k] && badScheme(a.Val) {
					t.Errorf("%s: %s=%q on <%s> runs script", rel, a.Key, a.Val, n.Data)
				}
				if k == "srcdoc" {
					t.Errorf("%s: srcdoc on <%s>", rel, n.Data)
				}
				if n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
					t.Errorf("%s: a meta refresh", rel)
				}
				texts = append(texts, a.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	for _, n := range nodes {
		visit(n)
	}
	return texts
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func childText(n *html.Node) string {
	var sb strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
	}
	return sb.String()
}

func render(n *html.Node) string {
	var b bytes.Buffer
	_ = html.Render(&b, n)
	return b.String()
}

// jsonStrings lists every string in a decoded JSON value.
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, jsonStrings(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, jsonStrings(e)...)
		}
		return out
	}
	return nil
}

// auditXML decodes a feed or sitemap strictly and returns its text; an
// element named like an HTML one that runs script is an error.
func auditXML(t *testing.T, rel string, data []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var texts []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", rel, err)
			return texts
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tok.Name.Local) {
			case "script", "img", "iframe", "svg", "a":
				t.Errorf("%s: element <%s> made from content", rel, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("%s: attribute %s in the feed", rel, a.Name.Local)
				}
				texts = append(texts, a.Value)
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	return texts
}

// collapse folds runs of white space (a text twin wraps its lines).
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestHostileTextFields builds a site whose every text field holds script in
// many disguises, parses every file the build wrote (HTML, XML, JSON-LD,
// newsletter fragments and their text twins) and requires that no script,
// event handler or javascript: address came from content, and that each
// field's text reaches the reader exactly as written.
func TestHostileTextFields(t *testing.T) {
	root := hostileSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	_, diags := Build(context.Background(), Options{Source: root, Today: today}, Output{Dest: dest})
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	seen := map[string]map[string]bool{} // hostile string -> kinds of file it reached intact
	note := func(kind string, texts []string) {
		joined := collapse(strings.Join(texts, "\n"))
		if kind == "html" && strings.Contains(joined, generatedText) {
			seen[generatedText] = map[string]bool{"html": true}
		}
		for _, h := range hostile {
			if strings.Contains(joined, collapse(h)) {
				if seen[h] == nil {
					seen[h] = map[string]bool{}
				}
				seen[h][kind] = true
			}
		}
	}
	files := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		frag := strings.HasPrefix(rel, "newsletter/") && !strings.HasSuffix(rel, "index.html")
		switch filepath.Ext(p) {
		case ".html":
			kind := "html"
			if frag {
				kind = "fragment"
			}
			note(kind, auditHTML(t, rel, data, frag))
		case ".xml":
			kind := "xml"
			if strings.HasSuffix(rel, "sitemap.xml") {
				kind = "sitemap"
			}
			note(kind, auditXML(t, rel, data))
		case ".txt":
			if strings.HasPrefix(rel, "newsletter/") {
				note("text", []string{string(data)})
			}
		case ".json":
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: not JSON: %v", rel, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d files built", files)
	}
	t.Logf("%d hostile strings in every text field; %d output files parsed", len(hostile), files)
	if !seen[generatedText]["html"] {
		t.Errorf("the summary Hugo makes from %q never reached a page as the text %q", generatedSummary, generatedText)
	}
	for _, h := range hostile {
		for _, kind := range []string{"html", "xml", "fragment", "text"} {
			if (kind == "fragment" || kind == "text") && !inNewsletter(h) {
				continue
			}
			if !seen[h][kind] {
				t.Errorf("%q never reached a %s file as written (escaped and round-tripped)", h, kind)
			}
		}
	}
}
