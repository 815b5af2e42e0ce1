package arch

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "safeguard/...")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []pkg
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func hasPrefix(list []string, prefix string) string {
	for _, s := range list {
		if s == prefix || strings.HasPrefix(s, prefix+"/") {
			return s
		}
	}
	return ""
}

// TestImportBoundaries enforces the one-way data flow of the architecture.
func TestImportBoundaries(t *testing.T) {
	rules := []struct {
		dep     string
		onlyIn  string // the one package allowed to import dep directly
		neverIn []string
	}{
		{"github.com/gohugoio/hugo", "safeguard/internal/site", []string{"safeguard/internal/content", "safeguard/internal/newsletter", "safeguard/internal/diag", "safeguard/internal/watch", "safeguard/internal/check", "safeguard/internal/deploy", "safeguard/internal/headers"}},
		{"gocloud.dev", "safeguard/internal/deploy", []string{"safeguard/internal/content", "safeguard/internal/newsletter", "safeguard/internal/diag", "safeguard/internal/check", "safeguard/internal/site", "safeguard/internal/headers"}},
		{"github.com/fsnotify/fsnotify", "safeguard/internal/watch", []string{"safeguard/internal/content", "safeguard/internal/newsletter", "safeguard/internal/diag", "safeguard/internal/check", "safeguard/internal/deploy", "safeguard/internal/headers"}},
	}
	for _, p := range listPackages(t) {
		for _, r := range rules {
			if imp := hasPrefix(p.Imports, r.dep); imp != "" && p.ImportPath != r.onlyIn {
				t.Errorf("%s imports %s: only %s may import %s", p.ImportPath, imp, r.onlyIn, r.dep)
			}
			for _, never := range r.neverIn {
				if p.ImportPath == never {
					if dep := hasPrefix(p.Deps, r.dep); dep != "" {
						t.Errorf("%s depends on %s (through some import): it must not", p.ImportPath, dep)
					}
				}
			}
		}
		if p.ImportPath == "safeguard/internal/diag" || p.ImportPath == "safeguard/internal/parallel" || p.ImportPath == "safeguard/internal/headers" {
			for _, imp := range p.Imports {
				if strings.HasPrefix(imp, "safeguard/") {
					t.Errorf("%s imports %s: it must import nothing from this module", strings.TrimPrefix(p.ImportPath, "safeguard/"), imp)
				}
			}
		}
	}
}
