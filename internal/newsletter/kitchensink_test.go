package newsletter

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// kitchenSink is the module's test site of every construct a writer can type.
func kitchenSink(t *testing.T) []File {
	t.Helper()
	s := loadSite(t, filepath.Join(moduleRoot(t), "testdata", "kitchensink"))
	files, d := NewGenerator().Files(s)
	// The one warning the kitchen sink asks for: its 8-column table,
	// stacked in the email.
	if len(d) != 1 || d[0].Rule != ruleWideTable || d[0].Path != "content/articles/kitchen-sink.md" {
		t.Fatalf("diagnostics, want only the wide table's warning:\n%v", d)
	}
	return files
}

// TestKitchenSinkGolden pins every fragment and text twin of the kitchen sink:
// footnotes, task lists, definition lists, passages in other languages and the
// rest, as an email shows them.
func TestKitchenSinkGolden(t *testing.T) {
	n := 0
	for _, f := range kitchenSink(t) {
		dir, name := filepath.Split(f.Path)
		if dir == "newsletter/" || name == "index.html" || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".txt")) {
			continue
		}
		n++
		golden := filepath.Join("testdata", "golden", "kitchensink", strings.ReplaceAll(strings.TrimPrefix(f.Path, "newsletter/"), "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(f.Data, want) {
			t.Errorf("%s differs from %s (run go test -update if the change is intended)\n--- got ---\n%s", f.Path, golden, f.Data)
		}
	}
	if n < 8 {
		t.Errorf("only %d fragments and twins", n)
	}
}

// TestKitchenSinkPassesLint runs the rule checker over every kitchen-sink
// fragment and twin.
func TestKitchenSinkPassesLint(t *testing.T) {
	if n := lintAll(t, kitchenSink(t)); n < 4 {
		t.Errorf("linted only %d fragments", n)
	}
}

// markdownSyntax is Markdown a reader must never see in an email.
var markdownSyntax = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a footnote marker", regexp.MustCompile(`\[\^`)},
	{"a link definition or footnote", regexp.MustCompile(`\]:`)},
	{"a task list box", regexp.MustCompile(`(?m)^\s*[-*+] \[[ xX]\]`)},
	{"a block attribute", regexp.MustCompile(`\{\s*(lang|dir)=|\{#`)},
	{"strong emphasis", regexp.MustCompile(`\*\*[^*\s]`)},
	{"strikethrough", regexp.MustCompile(`~~`)},
	{"a table rule", regexp.MustCompile(`\|\s*:?-{3}`)},
	{"a shortcode", regexp.MustCompile(`\{\{[<%]`)},
	{"a Markdown link", regexp.MustCompile(`\]\(`)},
	{"a definition", regexp.MustCompile(`(?m)^\s*: `)},
	{"an HTML checkbox", regexp.MustCompile(`type="checkbox"|<input`)},
}

// TestKitchenSinkNoMarkdown finds no Markdown syntax in any fragment or twin
// of the kitchen sink, the package's test site or the repository's content.
func TestKitchenSinkNoMarkdown(t *testing.T) {
	files := kitchenSink(t)
	site, _ := NewGenerator().Files(loadSite(t, "testdata/site"))
	files = append(files, site...)
	real, _ := NewGenerator().Files(loadSite(t, moduleRoot(t)))
	files = append(files, real...)
	for _, f := range files {
		dir, name := filepath.Split(f.Path)
		if dir == "newsletter/" || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".txt")) {
			continue
		}
		for _, m := range markdownSyntax {
			if loc := m.re.FindIndex(f.Data); loc != nil {
				from := max(0, loc[0]-40)
				to := min(len(f.Data), loc[1]+40)
				t.Errorf("%s has %s: %q", f.Path, m.what, f.Data[from:to])
			}
		}
	}
}

// TestMarkdownSyntaxPatterns: each pattern finds the syntax it is for, so the
// test above can fail.
func TestMarkdownSyntaxPatterns(t *testing.T) {
	examples := []string{
		"claim.[^1]", "[^1]: note", "- [ ] task", "## Title {#id}",
		"**bold**", "~~gone~~", "| --- | --- |", `{{< contact "x" >}}`, "[text](/x/)",
		"Term\n: meaning", `<input type="checkbox" disabled>`,
	}
	if len(examples) != len(markdownSyntax) {
		t.Fatalf("%d examples for %d patterns", len(examples), len(markdownSyntax))
	}
	for i, m := range markdownSyntax {
		if !m.re.MatchString(examples[i]) {
			t.Errorf("the pattern for %s does not find %q", m.what, examples[i])
		}
	}
	if !markdownSyntax[3].re.MatchString(`{lang="bn"}`) {
		t.Errorf("the pattern for %s does not find a lang attribute", markdownSyntax[3].what)
	}
}

// TestKitchenSinkIssuePageLanguage: the editors' page of an issue names an
// article written in another language with that language's lang and dir
// (WCAG 3.1.2), and the fragment's own heading sits inside a wrapper that
// carries it.
func TestKitchenSinkIssuePageLanguage(t *testing.T) {
	want := map[string]string{
		"newsletter/2026-11/index.html":     `<h2 id="f7-h">7. <span lang="ar" dir="rtl">نحن هنا للمساعدة</span></h2>` + "\n" + `<p lang="ar" dir="rtl">خط الدعم`,
		"newsletter/2026-11/in-arabic.html": `<div lang="ar" dir="rtl" style="`,
	}
	for _, f := range kitchenSink(t) {
		w, ok := want[f.Path]
		if !ok {
			continue
		}
		delete(want, f.Path)
		got := string(f.Data)
		if strings.HasSuffix(f.Path, "in-arabic.html") {
			got = html.UnescapeString(got)
		}
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", f.Path, w, got)
		}
	}
	for p := range want {
		t.Errorf("no %s", p)
	}
}
