package rules

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"safeguard/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the rules table of docs/content-model.md from All")

const docsPath = "../../docs/content-model.md"

// The table of docs/content-model.md sits between these lines.
const (
	tableStart = "<!-- the rules: made from internal/rules (go test ./internal/rules -update) -->"
	tableEnd   = "<!-- end of the rules -->"
)

// docsTable is the rules table the writers' guide shows: every rule, its
// severity, where it applies, whether it can be switched off and why not.
func docsTable() string {
	var b strings.Builder
	b.WriteString("| rule | reported as | applies to | switch off | what it finds, and why it matters |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range All {
		stops := r.Severity.String()
		sw := "yes"
		if !r.Switchable() {
			sw = "no: " + r.Fixed
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.Name, stops, r.Where, sw, strings.ReplaceAll(r.Protects, "|", `\|`))
	}
	return b.String()
}

// TestDocsListEveryRule holds the writers' guide equal to the rulebook.
func TestDocsListEveryRule(t *testing.T) {
	data, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, tableStart), strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no rules table between %q and %q", docsPath, tableStart, tableEnd)
	}
	got := doc[i+len(tableStart)+1 : j]
	want := docsTable()
	if got == want {
		return
	}
	if *update {
		doc = doc[:i+len(tableStart)+1] + want + doc[j:]
		if err := os.WriteFile(docsPath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the rules table of %s differs from rules.All (run go test ./internal/rules -update):\ngot:\n%s\nwant:\n%s", docsPath, got, want)
}

// TestEveryRuleSwitchableOrFixed: every rule is accepted by ignore: or says
// why not; names are unique kebab-case; each says what it protects.
func TestEveryRuleSwitchableOrFixed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All {
		if r.Protects == "" || seen[r.Name] || strings.ToLower(r.Name) != r.Name || strings.ContainsAny(r.Name, " _") {
			t.Errorf("rule %q: needs a unique kebab-case name and what it protects", r.Name)
		}
		seen[r.Name] = true
		sw := Switches{Page: map[string]string{r.Name: "a reason"}}
		off := sw.Off(diag.Diagnostic{Path: "a.md", Line: 3, Col: 1, Rule: r.Name})
		if off != r.Switchable() || Switchable(r.Name) != r.Switchable() {
			t.Errorf("rule %s: ignore: switches it off = %v, want %v", r.Name, off, r.Switchable())
		}
		if offered := slices.Contains(strings.Split(SwitchableNames(), ", "), r.Name); offered != r.Switchable() {
			t.Errorf("rule %s: offered as switchable = %v", r.Name, offered)
		}
	}
	for _, name := range []string{"unsafe-link", "attribute", "remote-image", "unsafe-file"} {
		if Switchable(name) {
			t.Errorf("%s protects readers and must not be switchable", name)
		}
	}
}

func TestSwitches(t *testing.T) {
	body := "Intro.\n\n<!-- safeguard-ignore link-text: quoted -->\nFor help [click here](/).\n<!-- safeguard-ignore image-alt -->\n![](x.png)\n"
	sw := Switches{Page: map[string]string{"long-sentence": "the law", "pdf-only": " "}, Lines: LineIgnores(body), BodyLine: 10}
	for _, tc := range []struct {
		rule string
		line int
		off  bool
	}{
		{"long-sentence", 30, true},
		{"pdf-only", 30, false},    // no reason
		{"link-text", 12, true},    // the comment's line
		{"link-text", 13, true},    // the line after it
		{"link-text", 14, false},   // not the rest of the page
		{"image-alt", 15, false},   // no reason
		{"unsafe-link", 13, false}, // never
	} {
		if got := sw.Off(diag.Diagnostic{Path: "a.md", Line: tc.line, Rule: tc.rule}); got != tc.off {
			t.Errorf("%s at line %d: off = %v, want %v", tc.rule, tc.line, got, tc.off)
		}
	}
}
