package arch

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is this module's path; rows of the policy name packages below it.
const module = "safeguard"

// rule is one row of the policy: what one package of this module may import.
type rule struct {
	pkg string   // below the module, "" for the module's root (theme.go)
	mod []string // packages of this module it may import
	ext []string // modules outside the standard library it may import
	// goroutines says why the package starts goroutines of its own; when
	// it is empty the package leaves concurrency to internal/parallel.
	goroutines string
}

// policy is the whole import policy of the module, in one table as Go's
// go/build/deps_test.go keeps the standard library's: data flows one way,
// from the content files through internal/content to the outputs. A
// package missing from the table fails the test, so a new package is
// placed here first. The README's package table shows the same rows
// (TestREADMEAgrees).
var policy = []rule{
	{pkg: "internal/diag"},
	{pkg: "internal/regular"},
	{pkg: "internal/private"},
	{pkg: "internal/imagemeta"},
	{pkg: "internal/parallel", goroutines: "it is the worker loop every stage shares"},
	{pkg: "internal/buildrecord", mod: []string{"internal/parallel", "internal/regular"}},
	{pkg: "internal/readability"},
	{pkg: "internal/markdown", ext: []string{"github.com/yuin/goldmark"}},
	{pkg: "internal/golden"},
	{pkg: "internal/testenv"},
	{pkg: "internal/content", mod: []string{"internal/deployconfig", "internal/diag", "internal/imagemeta", "internal/markdown", "internal/parallel", "internal/private", "internal/regular"},
		ext: []string{"github.com/adrg/frontmatter", "github.com/BurntSushi/toml", "github.com/nyaruka/phonenumbers", "go.yaml.in/yaml/v3", "golang.org/x/image", "golang.org/x/net"}},
	{pkg: "internal/rules", mod: []string{"internal/diag"}},
	{pkg: "internal/check", mod: []string{"", "internal/content", "internal/diag", "internal/markdown", "internal/parallel", "internal/readability", "internal/rules"},
		ext: []string{"github.com/yuin/goldmark", "golang.org/x/net", "golang.org/x/text"}},
	{pkg: "internal/emailcheck", mod: []string{"internal/readability"},
		ext: []string{"github.com/tdewolff/parse/v2", "golang.org/x/net"}},
	{pkg: "internal/newsletter", mod: []string{"internal/content", "internal/diag", "internal/emailcheck", "internal/markdown", "internal/parallel", "internal/readability", "internal/rules"},
		ext: []string{"github.com/yuin/goldmark"}},
	{pkg: "", ext: nil},
	{pkg: "internal/watch", ext: []string{"github.com/fsnotify/fsnotify"},
		goroutines: "it forwards the watcher's events from a loop of its own"},
	{pkg: "internal/headers"},
	{pkg: "internal/deployconfig", mod: []string{"internal/headers"}},
	{pkg: "internal/site", mod: []string{"", "internal/content", "internal/diag", "internal/headers", "internal/imagemeta", "internal/markdown", "internal/regular", "internal/watch"},
		ext: []string{"github.com/gohugoio/hugo", "github.com/bep/logg", "github.com/bep/overlayfs", "github.com/spf13/afero", "github.com/yuin/goldmark"}},
	{pkg: "internal/calendar", mod: []string{"internal/content"}, ext: []string{"github.com/arran4/golang-ical"}},
	{pkg: "internal/publish", mod: []string{"internal/buildrecord", "internal/calendar", "internal/check", "internal/content", "internal/diag", "internal/newsletter", "internal/parallel", "internal/site", "internal/watch"},
		goroutines: "the checks and the newsletter run while Hugo builds, and the preview's checks while the writer pauses"},
	{pkg: "internal/devserver"},
	{pkg: "internal/archetype", mod: []string{"internal/content", "internal/diag"}, ext: []string{"github.com/gosimple/slug"}},
	{pkg: "internal/starter", mod: []string{"internal/archetype", "internal/content"}},
	{pkg: "internal/editor", mod: []string{"", "internal/archetype", "internal/check", "internal/content", "internal/devserver", "internal/diag"},
		ext: []string{"go.yaml.in/yaml/v3"}},
	{pkg: "internal/deploy", mod: []string{"internal/buildrecord", "internal/deployconfig", "internal/parallel", "internal/private", "internal/regular"},
		ext:        []string{"gocloud.dev", "github.com/Azure/azure-sdk-for-go", "github.com/aws/aws-sdk-go-v2", "github.com/aws/smithy-go", "golang.org/x/oauth2", "golang.org/x/sync", "golang.org/x/text", "google.golang.org/api"},
		goroutines: "uploads wait on the network, not the cores: a bounded pool that stops at the first error"},
	{pkg: "cmd/safeguard", mod: []string{"internal/archetype", "internal/check", "internal/content", "internal/deploy", "internal/deployconfig", "internal/devserver", "internal/diag", "internal/editor", "internal/headers", "internal/newsletter", "internal/publish", "internal/rules", "internal/site", "internal/starter", "internal/watch"},
		ext:        []string{"golang.org/x/term"},
		goroutines: "serve runs its HTTP server beside its event loop"},
	{pkg: "internal/gen", mod: []string{"internal/parallel"}},
	{pkg: "cmd/sgbench", mod: []string{"internal/content", "internal/gen", "internal/publish", "internal/site"},
		goroutines: "it samples the heap of the process it measures"},
	{pkg: "cmd/sgbench-serve", mod: []string{"internal/content", "internal/gen", "internal/site"},
		goroutines: "it waits for the server it measures"},
	{pkg: "internal/arch"},
	{pkg: "e2e"},
}

// exclusive are the modules only one package may import, which every other
// package may reach only through that one: Hugo's API is wide and changes
// between releases, fsnotify's events need debouncing, and the storage
// services are reached in one place that plans, orders and guards every write.
var exclusive = map[string]string{
	"github.com/gohugoio/hugo":     "internal/site",
	"github.com/fsnotify/fsnotify": "internal/watch",
	"gocloud.dev":                  "internal/deploy",
}

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
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

// rel is an import path of this module relative to the module ("" for its
// root), and whether it is one.
func rel(path string) (string, bool) {
	if path == module {
		return "", true
	}
	r, ok := strings.CutPrefix(path, module+"/")
	return r, ok
}

// external is the listed outside module that holds path, or "".
func external(path string, mods []string) string {
	for _, m := range mods {
		if path == m || strings.HasPrefix(path, m+"/") {
			return m
		}
	}
	return ""
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != module
}

func name(r string) string {
	if r == "" {
		return module + " (the module's root)"
	}
	return r
}

// TestImportPolicy holds every package of the module to its row of policy.
func TestImportPolicy(t *testing.T) {
	rows := map[string]rule{}
	for _, r := range policy {
		if _, dup := rows[r.pkg]; dup {
			t.Errorf("policy has two rows for %s", name(r.pkg))
		}
		rows[r.pkg] = r
	}
	for _, p := range listPackages(t) {
		me, _ := rel(p.ImportPath)
		r, ok := rows[me]
		if !ok {
			t.Errorf("%s has no row in the import policy (add one to policy in internal/arch/arch_test.go, and to the README's package table)", name(me))
			continue
		}
		for _, imp := range p.Imports {
			if m, ok := rel(imp); ok {
				if !slices.Contains(r.mod, m) {
					t.Errorf("%s imports %s, which its row of the import policy does not allow", name(me), name(m))
				}
				continue
			}
			if isStd(imp) {
				continue
			}
			if external(imp, r.ext) == "" {
				t.Errorf("%s imports %s, which its row of the import policy does not allow", name(me), imp)
			}
		}
		for dep, owner := range exclusive {
			if external(dep, r.ext) != "" && me != owner {
				t.Errorf("the policy lets %s import %s: only %s may", name(me), dep, owner)
			}
			reaches := slices.ContainsFunc(p.Deps, func(d string) bool { return external(d, []string{dep}) != "" })
			if me == owner || !reaches {
				continue
			}
			if !slices.Contains(p.Deps, module+"/"+owner) {
				t.Errorf("%s depends on %s without going through %s", name(me), dep, owner)
			}
		}
		checkGoroutines(t, me, r, p)
	}
}

// checkGoroutines finds go statements and WaitGroup.Go calls in the
// package's own files, allowed only where its row says why, and
// runtime.GOMAXPROCS, the mark of a worker pool sized to the cores, allowed
// only in internal/parallel: one worker loop serves every stage.
func checkGoroutines(t *testing.T, me string, r rule, p pkg) {
	t.Helper()
	fset := token.NewFileSet()
	for _, f := range p.GoFiles {
		file, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			var what string
			switch n := n.(type) {
			case *ast.GoStmt:
				what = "a go statement"
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "runtime" && n.Sel.Name == "GOMAXPROCS" && me != "internal/parallel" {
					t.Errorf("%s: runtime.GOMAXPROCS sizes a worker pool: use internal/parallel", fset.Position(n.Pos()))
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Go" {
					what = "a WaitGroup.Go call"
				}
			}
			if what != "" && r.goroutines == "" {
				t.Errorf("%s: %s, but the import policy's row for %s gives no reason to start goroutines (use internal/parallel, or give the reason in the row)", fset.Position(n.Pos()), what, name(me))
			}
			return true
		})
	}
}

// readmeRow is how the README's package table shows a row of the policy.
func readmeRow(r rule) (mod, ext string) {
	var ms []string
	for _, m := range r.mod {
		if m == "" {
			m = module
		}
		ms = append(ms, "`"+m+"`")
	}
	var es []string
	for _, e := range r.ext {
		es = append(es, "`"+e+"`")
	}
	mod, ext = strings.Join(ms, ", "), strings.Join(es, ", ")
	if mod == "" {
		mod = "nothing"
	}
	if ext == "" {
		ext = "none"
	}
	return mod, ext
}

// TestREADMEAgrees checks that the README's package table shows every row
// of the policy as it is: its third and fourth columns are what readmeRow
// gives.
func TestREADMEAgrees(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 4 || !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.TrimPrefix(cells[0], "| ")
		p := strings.Trim(strings.Fields(first)[0], "`")
		if p == module {
			p = ""
		}
		var r *rule
		for i := range policy {
			if policy[i].pkg == p {
				r = &policy[i]
			}
		}
		if r == nil {
			t.Errorf("README's package table has a row for %s, which the import policy does not", first)
			continue
		}
		seen[p] = true
		mod, ext := readmeRow(*r)
		if got := strings.TrimSpace(cells[2]); got != mod {
			t.Errorf("README row %s: imports from this module %q, the policy says %q", first, got, mod)
		}
		if got := strings.TrimSuffix(strings.TrimSpace(cells[3]), " |"); got != ext {
			t.Errorf("README row %s: outside modules %q, the policy says %q", first, got, ext)
		}
	}
	for _, r := range policy {
		if !seen[r.pkg] {
			mod, ext := readmeRow(r)
			t.Errorf("README's package table has no row for %s (… | %s | %s |)", name(r.pkg), mod, ext)
		}
	}
}
