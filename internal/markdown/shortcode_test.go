package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestShortcodes pins every form the scanner reads: what it finds, where,
// and what is wrong with it.
func TestShortcodes(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Shortcode
	}{
		{"none", "Text with {{ braces }} and {{ and {< >}.", nil},
		{"contact", `Call {{< contact "act-early" >}} now.`, []Shortcode{
			{Start: 5, End: 32, Form: '<', Name: "contact", NameAt: 9, Args: []Arg{{Value: "act-early", Quoted: true, At: 17}}},
		}},
		{"percent form", `{{% contact "x" %}}`, []Shortcode{
			{Start: 0, End: 19, Form: '%', Name: "contact", NameAt: 4, Args: []Arg{{Value: "x", Quoted: true, At: 12}}},
		}},
		{"escaped", `Write {{</* contact "x" */>}} to show one.`, []Shortcode{
			{Start: 6, End: 29, Form: '<', Escaped: true, EscOpen: 9, EscClose: 24, NameAt: -1},
		}},
		{"escaped percent", `{{%/* x */%}}`, []Shortcode{
			{Start: 0, End: 13, Form: '%', Escaped: true, EscOpen: 3, EscClose: 8, NameAt: -1},
		}},
		{"escaped unclosed stops", `{{</* x */%}} {{< contact "y" >}}`, []Shortcode{
			{Start: 0, End: 33, Form: '<', Escaped: true, EscOpen: 3, NameAt: -1, Problem: Unclosed},
		}},
		{"a lone > is a word", `{{< contact "x" > and {{< contact "y" >}}`, []Shortcode{
			{Start: 0, End: 41, Form: '<', Name: "contact", NameAt: 4, Args: []Arg{
				{Value: "x", Quoted: true, At: 12}, {Value: ">", At: 16}, {Value: "and", At: 18}, {Value: "{{<", At: 22}, {Value: "contact", At: 26}, {Value: "y", Quoted: true, At: 34},
			}},
		}},
		{"unclosed quote", `{{< contact "x >}}`, []Shortcode{
			{Start: 0, End: 18, Form: '<', Name: "contact", NameAt: 4, Problem: Unclosed},
		}},
		{"no name", `{{< >}}{{<>}}`, []Shortcode{
			{Start: 0, End: 7, Form: '<', NameAt: -1, Problem: NoName},
			{Start: 7, End: 13, Form: '<', NameAt: -1, Problem: NoName},
		}},
		{"quoted name", "{{< `contact` \"x\" >}}", []Shortcode{
			{Start: 0, End: 21, Form: '<', Name: "contact", NameAt: 4, Problem: QuotedName, Args: []Arg{{Value: "x", Quoted: true, At: 14}}},
		}},
		{"carriage return and tab are space", "{{<\r\tcontact\r\"x\"\r>}}", []Shortcode{
			{Start: 0, End: 20, Form: '<', Name: "contact", NameAt: 5, Args: []Arg{{Value: "x", Quoted: true, At: 13}}},
		}},
		{"escapes in quotes", `{{< contact "a \"b\" \\c" ` + "`d \\` >}}", []Shortcode{
			{Start: 0, End: 35, Form: '<', Name: "contact", NameAt: 4, Args: []Arg{{Value: `a "b" \c`, Quoted: true, At: 12}, {Value: `d \`, Quoted: true, At: 26}}},
		}},
		{"closer inside quotes", `{{< contact ">}}" >}}`, []Shortcode{
			{Start: 0, End: 21, Form: '<', Name: "contact", NameAt: 4, Args: []Arg{{Value: ">}}", Quoted: true, At: 12}}},
		}},
		{"multi-line", "{{< contact\n  \"x\"\n>}}", []Shortcode{
			{Start: 0, End: 21, Form: '<', Name: "contact", NameAt: 4, Args: []Arg{{Value: "x", Quoted: true, At: 14}}},
		}},
		{"nested braces", `{{{< contact "x" >}}}} {{{{% a %}}`, []Shortcode{
			{Start: 1, End: 20, Form: '<', Name: "contact", NameAt: 5, Args: []Arg{{Value: "x", Quoted: true, At: 13}}},
			{Start: 25, End: 34, Form: '%', Name: "a", NameAt: 29},
		}},
		{"closing tag", `{{< /contact >}}`, []Shortcode{
			{Start: 0, End: 16, Form: '<', Name: "/contact", NameAt: 4},
		}},
		{"word runs into the closer", `{{<contact>}}`, []Shortcode{
			{Start: 0, End: 13, Form: '<', Name: "contact", NameAt: 3},
		}},
		{"unclosed stops", "{{< a {{% b %}}", []Shortcode{
			{Start: 0, End: 15, Form: '<', Name: "a", NameAt: 4, Problem: Unclosed, Args: []Arg{{Value: "{{%", At: 6}, {Value: "b", At: 10}, {Value: "%}}", At: 12}}},
		}},
		{"at the end", "text {{<", []Shortcode{{Start: 5, End: 8, Form: '<', NameAt: -1, Problem: Unclosed}}},
		{"too short", "text {{", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shortcodes(tt.body)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Shortcodes(%q)\n got %+v\nwant %+v", tt.body, got, tt.want)
			}
			if slow := shortcodesSlow(tt.body); !reflect.DeepEqual(slow, got) {
				t.Errorf("shortcodesSlow(%q) = %+v, fast path %+v", tt.body, slow, got)
			}
		})
	}
}

// shortcodeSeeds reach every branch of both paths.
var shortcodeSeeds = []string{
	`Call {{< contact "act-early" >}} now.`,
	`{{% contact "x" %}} {{</* contact "x" */>}} {{%/* y */%}}`,
	"{{< contact\n\"x\"\r>}} {{< >}} {{< `q` >}} {{< a \"\\\" >}}\" >}}",
	`{{< contact "x" > and {{<`,
	`{{</* never closed`,
	`{{{{< a >}}}}{{<b>}}`,
	"{{< \"open",
}

// TestShortcodesSlow compares the fast and slow paths on the seeds and on
// every prefix of them, where the unclosed cases live.
func TestShortcodesSlow(t *testing.T) {
	for _, s := range shortcodeSeeds {
		for i := range len(s) + 1 {
			checkShortcodes(t, s[:i])
		}
	}
}

// FuzzShortcodes compares the fast and slow paths on any body, and holds the
// result to what every caller relies on.
func FuzzShortcodes(f *testing.F) {
	for _, s := range shortcodeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) { checkShortcodes(t, body) })
}

func checkShortcodes(t *testing.T, body string) {
	t.Helper()
	got := Shortcodes(body)
	if slow := shortcodesSlow(body); !reflect.DeepEqual(slow, got) {
		t.Fatalf("Shortcodes(%q) = %+v, slow path %+v", body, got, slow)
	}
	prev := 0
	for i, sc := range got {
		if sc.Start < prev || sc.End <= sc.Start || sc.End > len(body) {
			t.Fatalf("Shortcodes(%q): span %d [%d,%d) overlaps the one before or leaves the body", body, i, sc.Start, sc.End)
		}
		if !strings.HasPrefix(body[sc.Start:], "{{"+string(sc.Form)) {
			t.Fatalf("Shortcodes(%q): span %d does not start with {{%c", body, i, sc.Form)
		}
		if sc.Problem == Unclosed {
			if i != len(got)-1 || sc.End != len(body) {
				t.Fatalf("Shortcodes(%q): the unclosed span %d is not the last, to the end", body, i)
			}
		} else if !strings.HasSuffix(body[:sc.End], sc.Closer()) {
			t.Fatalf("Shortcodes(%q): span %d does not end with %s", body, i, sc.Closer())
		}
		if sc.Escaped && sc.Problem == OK && (body[sc.EscOpen:sc.EscOpen+2] != "/*" || body[sc.EscClose:sc.EscClose+2] != "*/") {
			t.Fatalf("Shortcodes(%q): escape markers of span %d are not /* and */", body, i)
		}
		for _, a := range sc.Args {
			if a.At <= sc.Start || a.At >= sc.End {
				t.Fatalf("Shortcodes(%q): an argument of span %d is outside it", body, i)
			}
		}
		prev = sc.End
	}
	// The placeholders keep every offset: same length, same newlines.
	d := ParseBody(body, got)
	if len(d.Src) != len(body) {
		t.Fatalf("ParseBody(%q): Src is %d bytes, body %d", body, len(d.Src), len(body))
	}
	for i := range body {
		if (body[i] == '\n') != (d.Src[i] == '\n') {
			t.Fatalf("ParseBody(%q): newline moved at %d", body, i)
		}
	}
}
