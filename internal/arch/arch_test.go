package arch

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is this module's path; the policy names its packages relative to
// it, and its root by it.
const module = "safeguard"

// policy is the whole import policy of the module, stated as Go's
// go/build/deps_test.go states the standard library's: in layers, from the
// leaves up, data flowing one way from the content files through
// internal/content to the outputs.
//
// "a, b < c" defines c: it may import a and b and whatever a and b may
// import. Rules chain ("a < b < c" is "a < b; b < c"). Every package of the
// module is defined exactly once, after the packages it uses, so the text
// reads in layer order; NONE is the bottom (the standard library, which
// every package may import, is not named). An outside module is no layer:
// a package may import one only where its own definition names it, so each
// stays with the packages that need it.
//
// "a !< b" is a negative rule: b must not depend on a, directly or through
// another package; "*" on its right is every package. The test holds both
// the layers and the real imports (go list) to it. The other negative rules,
// "only this package imports that module", are in only.
//
// A package missing from the layers fails the test, so a new package is
// placed here first. The README's package table shows what each package
// really imports (TestREADMEAgrees).
const policy = `
# The leaves.
NONE
< internal/diag, internal/regular, internal/private, internal/imagemeta,
  internal/parallel, internal/readability, internal/headers,
  internal/devserver, internal/golden, internal/testenv, internal/arch, e2e,
  safeguard;

# Small pieces on the leaves.
internal/parallel, internal/regular < internal/buildrecord;
internal/headers < internal/deployconfig;
internal/diag < internal/rules;
internal/parallel < internal/gen;
github.com/yuin/goldmark < internal/markdown;
github.com/fsnotify/fsnotify < internal/watch;
internal/readability, github.com/tdewolff/parse/v2, golang.org/x/net
< internal/emailcheck;

# The model: the only way into a build.
internal/deployconfig, internal/diag, internal/imagemeta, internal/markdown,
internal/parallel, internal/private, internal/regular,
github.com/adrg/frontmatter, github.com/BurntSushi/toml,
github.com/nyaruka/phonenumbers, go.yaml.in/yaml/v3, golang.org/x/image,
golang.org/x/net
< internal/content;

# What is checked and made from the model.
internal/content, internal/readability, internal/rules, safeguard,
github.com/yuin/goldmark, golang.org/x/net, golang.org/x/text
< internal/check;
internal/content, internal/emailcheck, internal/readability, internal/rules,
github.com/yuin/goldmark
< internal/newsletter;
internal/content, github.com/arran4/golang-ical < internal/calendar;
internal/content, github.com/gosimple/slug < internal/archetype;
internal/archetype < internal/starter;

# Hugo, behind one package.
internal/content, internal/headers, internal/watch, safeguard,
github.com/gohugoio/hugo, github.com/bep/logg, github.com/bep/overlayfs,
github.com/spf13/afero, github.com/yuin/goldmark
< internal/site;

# One run: load, check, Hugo and the fragments; the editor's saves; deploy.
internal/buildrecord, internal/calendar, internal/check, internal/newsletter,
internal/site
< internal/publish;
internal/archetype, internal/check, internal/devserver, safeguard,
go.yaml.in/yaml/v3
< internal/editor;
internal/buildrecord, internal/deployconfig, internal/private, gocloud.dev,
github.com/Azure/azure-sdk-for-go, github.com/aws/aws-sdk-go-v2,
github.com/aws/smithy-go, golang.org/x/oauth2, golang.org/x/sync,
golang.org/x/text, google.golang.org/api
< internal/deploy;

# The commands: flags in, exit codes out.
internal/deploy, internal/editor, internal/publish, internal/starter,
golang.org/x/term
< cmd/safeguard;
internal/gen, internal/publish < cmd/sgbench;
internal/gen, internal/site < cmd/sgbench-serve;

# Negative rules.
# The input gate is the loader's: site copies static/ from its inventory.
internal/check !< internal/site;
# The model, the checks, the editor and deploy know nothing of Hugo or of
# file watching: Hugo is the build's, and deploy works on a finished build.
github.com/gohugoio/hugo, github.com/fsnotify/fsnotify, internal/site, internal/watch
!< internal/markdown, internal/content, internal/check, internal/newsletter,
   internal/archetype, internal/editor, internal/deploy;
# Nothing imports a command.
cmd/safeguard, cmd/sgbench, cmd/sgbench-serve !< *;
`

// only are the outside modules one package alone imports, which every
// other package reaches only through that one: Hugo's API is wide and
// changes between releases, fsnotify's events need debouncing, and the
// storage services are reached in one place that plans, orders and guards
// every write.
var only = map[string]string{
	"github.com/gohugoio/hugo":     "internal/site",
	"github.com/fsnotify/fsnotify": "internal/watch",
	"gocloud.dev":                  "internal/deploy",
}

// goroutines says, for the packages that start goroutines of their own, why;
// every other package leaves concurrency to internal/parallel.
var goroutines = map[string]string{
	"internal/parallel": "it is the worker loop every stage shares",
	"internal/watch":    "it forwards the watcher's events from a loop of its own",
	"internal/publish":  "the checks and the newsletter run while Hugo builds, and the preview's checks while the writer pauses",
	"internal/deploy":   "uploads wait on the network, not the cores: a bounded pool that stops at the first error",
	"cmd/safeguard":     "serve runs its HTTP server beside its event loop",
	"cmd/sgbench":       "it samples the heap of the process it measures",
	"cmd/sgbench-serve": "it waits for the server it measures",
}

// rules is the policy read: what each package may import (the packages of
// the module below it in the layers, and the outside modules its own rule
// names), and the negative rules.
type rules struct {
	order    []string                   // defined names, in the order defined
	allowed  map[string]map[string]bool // name -> what it may import
	outside  []string                   // outside modules the policy names
	negative []negativeRule
}

type negativeRule struct{ from, to []string } // to must not depend on from

// isOutside reports whether a policy name is an outside module (its first
// element has a dot) rather than a package of this module or NONE.
func isOutside(name string) bool {
	first, _, _ := strings.Cut(name, "/")
	return strings.Contains(first, ".")
}

// parsePolicy reads the policy's rules, as deps_test.go's parseDepsRules
// reads Go's.
func parsePolicy(text string) (*rules, error) {
	r := &rules{allowed: map[string]map[string]bool{}}
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		lines = append(lines, line)
	}
	outside := map[string]bool{}
	names := func(list string) ([]string, error) {
		var out []string
		for _, n := range strings.Split(list, ",") {
			n = strings.TrimSpace(n)
			if n == "" || strings.ContainsAny(n, " \t\n") {
				return nil, fmt.Errorf("bad name %q in %q", n, list)
			}
			if isOutside(n) {
				outside[n] = true
			}
			out = append(out, n)
		}
		return out, nil
	}
	for _, stmt := range strings.Split(strings.Join(lines, "\n"), ";") {
		stmt = strings.TrimSpace(stmt)
		if stmt == "" {
			continue
		}
		if from, to, ok := strings.Cut(stmt, "!<"); ok {
			f, err := names(from)
			if err != nil {
				return nil, err
			}
			t, err := names(to)
			if err != nil {
				return nil, err
			}
			r.negative = append(r.negative, negativeRule{f, t})
			continue
		}
		groups := strings.Split(stmt, "<")
		prev, err := names(groups[0])
		if err != nil {
			return nil, err
		}
		for _, g := range groups[1:] {
			cur, err := names(g)
			if err != nil {
				return nil, err
			}
			for _, n := range prev {
				if _, ok := r.allowed[n]; !ok && n != "NONE" && !isOutside(n) {
					return nil, fmt.Errorf("%s is used before it is defined", n)
				}
			}
			for _, n := range cur {
				if n == "NONE" || isOutside(n) {
					return nil, fmt.Errorf("%s cannot be defined (on the right of <)", n)
				}
				if _, ok := r.allowed[n]; ok {
					return nil, fmt.Errorf("%s is defined twice", n)
				}
				allowed := map[string]bool{}
				for _, p := range prev {
					switch {
					case p == "NONE":
					case isOutside(p):
						allowed[p] = true
					default:
						allowed[p] = true
						for a := range r.allowed[p] {
							if !isOutside(a) {
								allowed[a] = true
							}
						}
					}
				}
				r.allowed[n] = allowed
				r.order = append(r.order, n)
			}
			prev = cur
		}
	}
	for _, neg := range r.negative {
		for _, n := range slices.Concat(neg.from, neg.to) {
			if _, ok := r.allowed[n]; !ok && n != "*" && !isOutside(n) {
				return nil, fmt.Errorf("%s is in a negative rule but defined nowhere", n)
			}
		}
	}
	r.outside = slices.Sorted(maps.Keys(outside))
	return r, nil
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

// rel is an import path of this module as the policy names it (the
// module's root is "safeguard"), and whether it is one.
func rel(path string) (string, bool) {
	if path == module {
		return module, true
	}
	return strings.CutPrefix(path, module+"/")
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
	if r == module {
		return module + " (the module's root)"
	}
	return r
}

// imports are the names of the policy a package's own files import: the
// packages of this module and the outside modules (by the policy's name for
// them, or the import path of one it does not name).
func imports(p pkg, outside []string) (mod, ext []string) {
	for _, imp := range p.Imports {
		if m, ok := rel(imp); ok {
			mod = append(mod, m)
		} else if !isStd(imp) {
			o := external(imp, outside)
			if o == "" {
				o = imp
			}
			if !slices.Contains(ext, o) {
				ext = append(ext, o)
			}
		}
	}
	return mod, ext
}

// readPolicy parses the policy and lists the module's packages by the
// policy's names for them.
func readPolicy(t *testing.T) (*rules, map[string]pkg) {
	t.Helper()
	r, err := parsePolicy(policy)
	if err != nil {
		t.Fatalf("the import policy: %v", err)
	}
	pkgs := map[string]pkg{}
	for _, p := range listPackages(t) {
		me, _ := rel(p.ImportPath)
		pkgs[me] = p
	}
	return r, pkgs
}

// TestImportPolicy holds the policy to itself and every package of the
// module to the policy.
func TestImportPolicy(t *testing.T) {
	r, pkgs := readPolicy(t)
	for _, me := range slices.Sorted(maps.Keys(pkgs)) {
		p := pkgs[me]
		allowed, ok := r.allowed[me]
		if !ok {
			t.Errorf("%s has no rule in the import policy (add one to policy in internal/arch/arch_test.go, and a row to the README's package table)", name(me))
			continue
		}
		mod, ext := imports(p, r.outside)
		for _, m := range mod {
			if !allowed[m] {
				t.Errorf("%s imports %s, which the import policy does not allow", name(me), name(m))
			}
		}
		for _, e := range ext {
			if !slices.Contains(r.outside, e) {
				t.Errorf("%s imports %s, an outside module the import policy does not name (add its module to the rule of %s)", name(me), e, name(me))
			} else if !allowed[e] {
				t.Errorf("%s imports %s, which the import policy does not allow", name(me), e)
			}
		}
		for dep, owner := range only {
			if allowed[dep] && me != owner {
				t.Errorf("the import policy lets %s import %s: only %s may", name(me), dep, owner)
			}
			reaches := slices.ContainsFunc(p.Deps, func(d string) bool { return external(d, []string{dep}) != "" })
			if me == owner || !reaches {
				continue
			}
			if !slices.Contains(p.Deps, module+"/"+owner) {
				t.Errorf("%s depends on %s without going through %s", name(me), dep, owner)
			}
		}
		checkGoroutines(t, me, p)
	}
	for _, n := range r.order {
		if _, ok := pkgs[n]; !ok {
			t.Errorf("the import policy defines %s, which is not a package of the module", n)
		}
	}
	for n := range goroutines {
		if _, ok := pkgs[n]; !ok {
			t.Errorf("goroutines gives a reason for %s, which is not a package of the module", n)
		}
	}
	for _, neg := range r.negative {
		var to []string
		for _, n := range neg.to {
			if n == "*" {
				to = append(to, r.order...)
			} else {
				to = append(to, n)
			}
		}
		for _, b := range to {
			for _, a := range neg.from {
				if r.mayReach(b, a) {
					t.Errorf("the import policy lets %s depend on %s, against its rule %s !< %s", name(b), name(a), a, b)
				}
				if p, ok := pkgs[b]; ok && slices.ContainsFunc(p.Deps, func(d string) bool { return is(d, a) }) {
					t.Errorf("%s depends on %s, against the import policy's rule %s !< %s", name(b), name(a), a, b)
				}
			}
		}
	}
}

// is reports whether the import path is the package the policy names (or
// in the outside module it names).
func is(path, policyName string) bool {
	if isOutside(policyName) {
		return external(path, []string{policyName}) != ""
	}
	r, ok := rel(path)
	return ok && r == policyName
}

// mayReach reports whether the policy lets package b depend on a, directly
// or through the packages it may import.
func (r *rules) mayReach(b, a string) bool {
	if r.allowed[b][a] {
		return true
	}
	if !isOutside(a) {
		return false // every package below b is in b's own set
	}
	for m := range r.allowed[b] {
		if r.allowed[m][a] {
			return true
		}
	}
	return false
}

// checkGoroutines finds go statements and WaitGroup.Go calls in the
// package's own files, allowed only where goroutines says why, and
// runtime.GOMAXPROCS, the mark of a worker pool sized to the cores, allowed
// only in internal/parallel: one worker loop serves every stage.
func checkGoroutines(t *testing.T, me string, p pkg) {
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
			if what != "" && goroutines[me] == "" {
				t.Errorf("%s: %s, but the import policy gives %s no reason to start goroutines (use internal/parallel, or give the reason in goroutines)", fset.Position(n.Pos()), what, name(me))
			}
			return true
		})
	}
}

// cell is how the README's package table shows a list of names.
func cell(names []string, empty string) string {
	if len(names) == 0 {
		return empty
	}
	var out []string
	for _, n := range names {
		out = append(out, "`"+n+"`")
	}
	return strings.Join(out, ", ")
}

// cellNames reads a cell of the README's package table back.
func cellNames(c, empty string) []string {
	c = strings.TrimSpace(c)
	if c == empty {
		return nil
	}
	var out []string
	for _, n := range strings.Split(c, ",") {
		out = append(out, strings.Trim(strings.TrimSpace(n), "`"))
	}
	return out
}

// sameSet reports whether two lists hold the same names, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// TestREADMEAgrees checks that the README's package table has a row for
// every package of the module, and that its third and fourth columns say
// what the package's own files import (of this module; outside modules by
// the policy's names for them).
func TestREADMEAgrees(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	r, pkgs := readPolicy(t)
	seen := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 4 || !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.TrimPrefix(cells[0], "| ")
		me := strings.Trim(strings.Fields(first)[0], "`")
		p, ok := pkgs[me]
		if !ok {
			t.Errorf("README's package table has a row for %s, which is not a package of the module", first)
			continue
		}
		seen[me] = true
		mod, ext := imports(p, r.outside)
		if got := cellNames(cells[2], "nothing"); !sameSet(got, mod) {
			t.Errorf("README row %s: imports from this module %q, but it imports %q", first, strings.TrimSpace(cells[2]), cell(mod, "nothing"))
		}
		outside := strings.TrimSuffix(strings.TrimSpace(cells[3]), " |")
		if got := cellNames(outside, "none"); !sameSet(got, ext) {
			t.Errorf("README row %s: outside modules %q, but it imports %q", first, outside, cell(ext, "none"))
		}
	}
	for _, me := range slices.Sorted(maps.Keys(pkgs)) {
		if !seen[me] {
			mod, ext := imports(pkgs[me], r.outside)
			t.Errorf("README's package table has no row for %s (… | %s | %s |)", name(me), cell(mod, "nothing"), cell(ext, "none"))
		}
	}
}
