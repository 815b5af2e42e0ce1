package check

import (
	"bytes"

	"golang.org/x/net/html"
)

// scanHTMLSlow is scanHTML done by golang.org/x/net/html's tokenizer alone,
// token by token: the slow path the tests and FuzzScanHTML hold the
// hand-written scanner to, for every input, as math/big's tests hold its
// assembly to addVV_g. Only they call it, so it is built with the tests
// alone.
func scanHTMLSlow(file string, data []byte) *builtPage {
	var sc pageScan
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return sc.page(file, func(v []byte) string { return string(v) })
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			sc.scanTag(z, keptTag(name))
		}
	}
}
