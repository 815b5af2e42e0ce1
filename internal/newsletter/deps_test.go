package newsletter

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the package's promise in doc.go: no Hugo, no fsnotify, and
// of this module only content, diag and markdown.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case strings.HasPrefix(dep, "github.com/gohugoio/"), strings.HasPrefix(dep, "github.com/fsnotify/"):
			t.Errorf("imports %s", dep)
		case strings.HasPrefix(dep, "safeguard/") && dep != "safeguard/internal/newsletter" && dep != "safeguard/internal/content" && dep != "safeguard/internal/diag" && dep != "safeguard/internal/markdown":
			t.Errorf("imports %s", dep)
		}
	}
}
