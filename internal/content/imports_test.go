package content

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the model free of Hugo, fsnotify and the rest of this
// module, so that it stays quick to build, test and fuzz.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case strings.HasPrefix(dep, "github.com/gohugoio/"), strings.HasPrefix(dep, "github.com/fsnotify/"),
			strings.HasPrefix(dep, "safeguard/") && dep != "safeguard/internal/diag" && dep != "safeguard/internal/content":
			t.Errorf("internal/content must not import %s", dep)
		}
	}
}
