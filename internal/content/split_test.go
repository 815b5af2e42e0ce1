package content

import (
	"bytes"
	"testing"
)

// splitAgrees fails when, for a file the gate accepts, adrg/frontmatter cuts
// front matter or body anywhere other than at the gate's boundary lines. The
// gate is the slow, plain reference; adrg is the splitter that runs.
func splitAgrees(t *testing.T, data []byte) {
	t.Helper()
	b := normalizeEOL(trimBOM(data))
	if _, _, nul, bad := firstBad(b); nul || bad {
		return // refused before splitFile runs
	}
	bd, e := gate(b)
	if e != nil {
		return
	}
	fm, body, err := cut(b, bd.delim)
	if err != nil {
		t.Fatalf("gate accepts %q but adrg/frontmatter fails: %v", data, err)
	}
	if !bytes.Equal(fm, b[bd.fmStart:bd.fmEnd]) {
		t.Fatalf("front matter of %q: adrg/frontmatter %q, gate %q", data, fm, b[bd.fmStart:bd.fmEnd])
	}
	if !bytes.Equal(body, b[bd.bodyStart:]) {
		t.Fatalf("body of %q: adrg/frontmatter %q, gate %q", data, body, b[bd.bodyStart:])
	}
}

// splitCases are boundary lines the readers treat differently: the gate must
// refuse them or read them as adrg/frontmatter does.
var splitCases = []string{
	"---\ntitle: T\n---\nbody\n",
	"\n \t\n---\ntitle: T\n---\n\n\nbody",
	"+++\ntitle = \"T\"\n+++\nbody\n---\nmore\n",
	"---\ntitle: T\n---",
	"---\n---\n",
	"---\ntitle: T\n \u00a0---\nx: 1\n---\n",
	"---\ntitle: T\n\v---\n---\n",
	"---\ntitle: T\n---\u0085\n---\n",
	"+++\ntitle = \"T\"\n\f+++\n+++\n",
	"\u00a0---\ntitle: T\n---\n",
	"\v\n---\ntitle: T\n---\n",
	"---yaml\ntitle: T\n---\n",
	"---toml\ntitle = \"T\"\n---\n",
	";;;\n{}\n;;;\n",
	"{\"title\": \"T\"}\n\nbody\n",
	"---\ntitle: T\n+++\n---\n",
	"+++\ntitle = \"T\"\n---\n+++\n",
	"---\ntitle: T\n...\n---\n",
	"---\r\ntitle: T\r\n---\r\nbody\r\n",
	"---\rtitle: T\r---\rbody",
}

// TestSplitAgrees holds adrg/frontmatter to the gate's boundaries on the
// tricky lines and the FuzzLoad corpus, and checks that splitFile refuses
// the lines on which they would disagree.
func TestSplitAgrees(t *testing.T) {
	for _, s := range splitCases {
		splitAgrees(t, []byte(s))
	}
	for _, b := range corpus(t) {
		splitAgrees(t, b)
	}
	for _, s := range []string{
		"---\ntitle: T\n \u00a0---\nx: 1\n---\n",
		"---\ntitle: T\n\v---\n---\n",
		"---\ntitle: T\n---\u0085\n---\n",
		"+++\ntitle = \"T\"\n\f+++\n+++\n",
		"\u00a0---\ntitle: T\n---\n",
	} {
		if _, e := gate([]byte(s)); e == nil {
			t.Errorf("gate accepts %q, whose boundary white space adrg/frontmatter trims", s)
		}
	}
	s := splitFile([]byte("---\ntitle: T\n---\nbody\n"))
	if len(s.errs) != 0 || s.fm == nil || s.body != "body\n" || s.bodyLine != 4 || s.opener != 1 {
		t.Fatalf("splitFile = %+v", s)
	}
}

// FuzzSplit compares the gate and adrg/frontmatter on any input; run it with
// go test -fuzz FuzzSplit ./internal/content/.
func FuzzSplit(f *testing.F) {
	for _, s := range splitCases {
		f.Add([]byte(s))
	}
	for _, b := range corpus(f) {
		f.Add(b)
	}
	f.Fuzz(splitAgrees)
}
