package content

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"sync"
	"unsafe"

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
// without NUL bytes, and must not change afterwards: the body shares it. It
// uses adrg/frontmatter to find the block, with our own unmarshal functions
// that build position-carrying trees.
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
	fr := fmReaders.Get().(*fmReader)
	fr.lines = lineReader{b: b}
	fr.buf.Reset(&fr.lines)
	called := false
	var data []byte
	unmarshal := func(parse func([]byte, int) (*val, []treeError)) frontmatter.UnmarshalFunc {
		return func(d []byte, _ any) error {
			called = true
			fr.lines.stop = true
			data = d
			s.fm, s.errs = parse(d, opener)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", unmarshal(parseYAML)),
		frontmatter.NewFormat("+++", "+++", unmarshal(parseTOML)),
	}
	body, err := frontmatter.Parse(fr.buf, nil, formats...)
	// frontmatter has copied what it read (b[:off]) and returns the part
	// after the closing line: the body starts there in b.
	start := fr.lines.off - len(body)
	fr.lines = lineReader{}
	fr.buf.Reset(nil)
	fmReaders.Put(fr)
	if err != nil || !called {
		end := "---"
		if delim == "+++" {
			end = "+++"
		}
		return split{opener: opener, errs: []treeError{{line: opener, col: 1, msg: "the front matter starting here is not closed (add a " + end + " line after the last field)"}}}
	}
	s.bodyLine = opener + bytes.Count(data, []byte("\n")) + 2
	// The body shares b's memory instead of copying it (a tenth of a cold
	// load's allocations): b is the loader's own buffer, never written again.
	rest := b[start:]
	s.body = strings.ReplaceAll(unsafe.String(unsafe.SliceData(rest), len(rest)), "\r\n", "\n")
	return s
}

// fmReader feeds a file to frontmatter.Parse one line at a time and stops
// after the closing line, so that frontmatter copies the front matter but
// not the body (it would read all of it into a buffer, then copy it out).
// frontmatter uses a *bufio.Reader it is given as it is, so the buffer is
// reused between files.
type fmReader struct {
	lines lineReader
	buf   *bufio.Reader
}

var fmReaders = sync.Pool{New: func() any {
	fr := &fmReader{}
	fr.buf = bufio.NewReader(&fr.lines)
	return fr
}}

// lineReader reads b one line per Read, and nothing once stop is set.
type lineReader struct {
	b    []byte
	off  int // bytes read so far
	stop bool
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.stop || r.off >= len(r.b) {
		return 0, io.EOF
	}
	rest := r.b[r.off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i+1]
	}
	n := copy(p, rest)
	r.off += n
	return n, nil
}
