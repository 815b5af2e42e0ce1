package markdown

import (
	"strings"
	"testing"
)

// TestIsolateRuns: in right-to-left text every left-to-right run with a
// digit is isolated, whole, and nothing else is touched (left-to-right
// text, code, addresses, alt text, shortcodes).
func TestIsolateRuns(t *testing.T) {
	sc := func(body string) []Shortcode { return Shortcodes(body) }
	for _, tc := range []struct{ body, dir, want string }{
		{"اتصل على 0800 011 3764. شكرا\n", "rtl", "اتصل على [0800 011 3764]. شكرا\n"},
		{"اتصل على 0800 011 3764؟\n{lang=\"ar\"}\n", "ltr", "اتصل على [0800 011 3764]؟\n{lang=\"ar\"}\n"},
		{"Call 0800 011 3764.\n", "ltr", "Call 0800 011 3764.\n"},
		{"Call 0800 011 3764.\n{lang=\"en\" dir=\"ltr\"}\n", "rtl", "Call 0800 011 3764.\n{lang=\"en\" dir=\"ltr\"}\n"},
		{"العنوان London EC2V 7HH، أو +44 20 7332 3808 أو 999\n", "rtl", "العنوان [London EC2V 7HH]، أو [+44 20 7332 3808] أو 999\n"},
		{"رقم `0800 011 3764` و [0800 011 3764](tel:+448000113764)\n", "rtl", "رقم `0800 011 3764` و [[0800 011 3764]](tel:+448000113764)\n"},
		{"![صورة 0800 011 3764](a.png)\n", "rtl", "![صورة 0800 011 3764](a.png)\n"},
		{"رقم {{< contact \"line 1\" >}} هنا\n", "rtl", "رقم {{< contact \"line 1\" >}} هنا\n"},
		{"- أ 0800 011 3764\n- ب\n{dir=\"rtl\"}\n", "ltr", "- أ [0800 011 3764]\n- ب\n{dir=\"rtl\"}\n"},
	} {
		got := IsolateRuns(tc.body, sc(tc.body), tc.dir)
		got = strings.NewReplacer(LRI, "[", PDI, "]").Replace(got)
		if got != tc.want {
			t.Errorf("%q (%s):\n got %q\nwant %q", tc.body, tc.dir, got, tc.want)
		}
	}
}
