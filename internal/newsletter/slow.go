package newsletter

import "strings"

// wrapTextSlow is wrapText written plainly, with strings.Fields and a new
// line for every line, as it was before wrapText learned to reuse the
// paragraph's own bytes. It is kept beside the fast code, as math/big keeps
// addVV_g beside its assembly, so that TestWrapTextSlow and FuzzWrapText
// can show the two agree on every input. Nothing else calls it.
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
