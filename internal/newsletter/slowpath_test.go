package newsletter

import "strings"

// wrapTextSlow is wrapText written plainly, with strings.Fields and a new
// line for every line, as it was before wrapText learned to reuse the
// paragraph's own bytes. TestWrapTextSlow and FuzzWrapText hold wrapText to
// it on every input, as math/big's tests hold its assembly to addVV_g; only
// they call it, so it is built with the tests alone.
func wrapTextSlow(s string, width int) []string {
	width = max(width, 20)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		n := 0
		for _, word := range strings.Fields(para) {
			wl := runeLen(word)
			if n > 0 && n+1+wl > width {
				out = append(out, line.String())
				line.Reset()
				n = 0
			}
			if n > 0 {
				line.WriteByte(' ')
				n++
			}
			line.WriteString(word)
			n += wl
		}
		if n > 0 {
			out = append(out, line.String())
		}
	}
	return out
}
