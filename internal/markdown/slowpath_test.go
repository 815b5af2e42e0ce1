package markdown

// The slow path: Shortcodes written plainly, one byte at a time, without
// strings.Index. TestShortcodesSlow and FuzzShortcodes hold the fast code to
// it on every input, as math/big's tests hold its assembly to addVV_g; only
// they call it, so it is built with the tests alone. A change of behaviour
// must be made in both.

func shortcodesSlow(body string) []Shortcode {
	var out []Shortcode
	at := func(i int, s string) bool { return i+len(s) <= len(body) && body[i:i+len(s)] == s }
	i := 0
	for i+2 < len(body) {
		if !(at(i, "{{<") || at(i, "{{%")) {
			i++
			continue
		}
		sc := Shortcode{Start: i, Form: body[i+2], NameAt: -1}
		closer := ">}}"
		if sc.Form == '%' {
			closer = "%}}"
		}
		p := i + 3
		for p < len(body) && isSpace(body[p]) {
			p++
		}
		if at(p, "/*") {
			sc.Escaped, sc.EscOpen = true, p
			sc.End, sc.Problem = len(body), Unclosed
			for q := p; q < len(body); q++ {
				if at(q, "*/"+closer) {
					sc.EscClose, sc.End, sc.Problem = q, q+2+len(closer), OK
					break
				}
			}
		} else {
			var words []Arg
			sc.End, sc.Problem = len(body), Unclosed
			for p <= len(body) {
				for p < len(body) && isSpace(body[p]) {
					p++
				}
				if at(p, closer) {
					sc.End, sc.Problem = p+len(closer), OK
					break
				}
				if p == len(body) {
					break
				}
				w := Arg{At: p}
				if q := body[p]; q == '"' || q == '`' {
					val := []byte{}
					p++
					for p < len(body) && body[p] != q {
						if q == '"' && body[p] == '\\' && p+1 < len(body) {
							p++
						}
						val = append(val, body[p])
						p++
					}
					if p == len(body) {
						break // the quote is not closed
					}
					p++
					w.Value, w.Quoted = string(val), true
				} else {
					for p < len(body) && !isSpace(body[p]) && !at(p, closer) {
						p++
					}
					w.Value = body[w.At:p]
				}
				words = append(words, w)
			}
			if len(words) > 0 {
				sc.Name, sc.NameAt = words[0].Value, words[0].At
				sc.Args = words[1:]
				if len(sc.Args) == 0 {
					sc.Args = nil
				}
			}
			switch {
			case sc.Problem == Unclosed:
			case len(words) == 0:
				sc.Problem = NoName
			case words[0].Quoted:
				sc.Problem = QuotedName
			}
		}
		out = append(out, sc)
		if sc.Problem == Unclosed {
			break
		}
		i = sc.End
	}
	return out
}
