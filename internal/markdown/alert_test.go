package markdown

import "testing"

// TestAlertOf holds the detector to Hugo's rule (a quote whose first line is
// [!TYPE], an optional + or -, and an optional title), on typed Markdown.
func TestAlertOf(t *testing.T) {
	for _, tc := range []struct {
		md          string
		typ, title  string
		known, rest bool
	}{
		{"> [!NOTE]\n> Text.\n", "note", "", true, true},
		{"> [!WARNING] Before you call\n> Text.\n", "warning", "Before you call", true, true},
		{"> [!Caution]-\n> Text.\n", "caution", "", true, true},
		{"> [!TIP]\n", "tip", "", true, false},
		{"> [!IMPORTANT]\n>\n> A second paragraph.\n", "important", "", true, false},
		{"> [!DANGER]\n> Text.\n", "danger", "", false, true},
		{"> Text [!NOTE]\n", "", "", false, false},
		{"> [!NOTE] and more [!TIP]\n", "note", "and more [!TIP]", true, false},
		{"> [! NOTE]\n> Text.\n", "", "", false, false},
		{"[!NOTE]\nnot a quote\n", "", "", false, false},
	} {
		d := ParseBody(tc.md, nil)
		a, ok := AlertOf(d.Root.FirstChild(), d.Src)
		if ok != (tc.typ != "") || a.Type != tc.typ || a.Title != tc.title || a.Known != tc.known || (a.Rest != nil) != tc.rest {
			t.Errorf("%q: got ok=%v %+v (rest %v), want type %q title %q known %v rest %v", tc.md, ok, a, a.Rest != nil, tc.typ, tc.title, tc.known, tc.rest)
		}
	}
}
