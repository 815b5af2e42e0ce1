package check

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/content"
)

// BenchmarkParseMarkdown parses every body of the repository's content, as
// the checks do for every page.
func BenchmarkParseMarkdown(b *testing.B) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		b.Fatal(err)
	}
	s, d := content.Load(filepath.Dir(strings.TrimSpace(string(out))), content.Options{})
	if s == nil {
		b.Fatal(d.Errors())
	}
	bytes := 0
	for _, p := range s.Pages {
		bytes += len(p.Body)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range s.Pages {
			parseMarkdown(p, nil)
		}
	}
}
