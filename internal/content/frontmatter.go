package content

import (
	"bytes"
	"strings"

	"github.com/adrg/frontmatter"
)

// split is a file cut into its front matter tree and its body.
type split struct {
	fm       *val
	opener   int // line of the opening --- or +++
	body     string
	bodyLine int
	errs     []treeError
}

// splitFile separates front matter from body. b has no BOM and is valid UTF-8
// without NUL bytes. It uses adrg/frontmatter to find the block, with our
// own unmarshal functions that build position-carrying trees.
func splitFile(b []byte) split {
	// Find the opening line ourselves: adrg/frontmatter skips blank lines
	// before it, and we need its line number to turn block lines into file lines.
	opener, delim := 0, ""
	line := 1
	for rest := b; len(rest) > 0; line++ {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		t := strings.TrimSpace(string(l))
		if t == "" {
			continue
		}
		if t == "---" || t == "+++" {
			opener, delim = line, t
		}
		break
	}
	if opener == 0 {
		return split{errs: []treeError{{line: 1, msg: "the file has no front matter (add front matter between --- lines at the top)"}}}
	}
	var s split
	s.opener = opener
	called := false
	var data []byte
	unmarshal := func(parse func([]byte, int) (*val, []treeError)) frontmatter.UnmarshalFunc {
		return func(d []byte, _ any) error {
			called = true
			data = d
			s.fm, s.errs = parse(d, opener)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", unmarshal(parseYAML)),
		frontmatter.NewFormat("+++", "+++", unmarshal(parseTOML)),
	}
	body, err := frontmatter.Parse(bytes.NewReader(b), nil, formats...)
	if err != nil || !called {
		end := "---"
		if delim == "+++" {
			end = "+++"
		}
		return split{opener: opener, errs: []treeError{{line: opener, col: 1, msg: "the front matter starting here is not closed (add a " + end + " line after the last field)"}}}
	}
	s.bodyLine = opener + bytes.Count(data, []byte("\n")) + 2
	s.body = strings.ReplaceAll(string(body), "\r\n", "\n")
	return s
}
