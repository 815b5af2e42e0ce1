package check

import (
	"bytes"

	"golang.org/x/net/html"
)

// scanHTMLSlow is scanHTML done by golang.org/x/net/html's tokenizer alone,
// token by token. It is the slow path beside the hand-written scanner, as
// math/big keeps addVV_g beside its assembly: the tests and FuzzScanHTML
// hold the two to the same index for every input. Nothing else calls it.
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
