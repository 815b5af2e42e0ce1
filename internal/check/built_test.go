package check

import (
	"slices"
	"testing"
)

func TestScanHTML(t *testing.T) {
	doc := `<!doctype html><html><head>
<link rel="canonical" href="https://example.org/a/"><link rel="stylesheet" href="/site.css">
<script src="/s.js">var x = '<a href="/not-a-link/" id="not-an-id">';</script></head>
<body><h2 id="help" id="second">Help</h2><a name="top"></a><a href="/b/" href="/c/">b</a>
<img src="/logo.svg"><img src="/x.png" alt=""><image src="/y.png"><IMG SRC="/z.png" ALT="z">
<area href="/map/"><div name="not-an-anchor" id="d"></div></body></html>`
	b := scanHTML("a/index.html", []byte(doc))
	if b.url != "/a/" {
		t.Errorf("url %q", b.url)
	}
	if want := (idSet{"d", "help", "top"}); !slices.Equal(b.ids, want) {
		t.Errorf("ids %q, want %q", b.ids, want)
	}
	want := []builtLink{{"href", "/site.css"}, {"src", "/s.js"}, {"href", "/b/"}, {"src", "/logo.svg"}, {"src", "/x.png"}, {"src", "/y.png"}, {"src", "/z.png"}, {"href", "/map/"}}
	if !slices.Equal(b.links, want) {
		t.Errorf("links %q, want %q", b.links, want)
	}
	if want := []string{"/logo.svg", "/y.png"}; !slices.Equal(b.noAlt, want) {
		t.Errorf("images without alt %q, want %q", b.noAlt, want)
	}
}
