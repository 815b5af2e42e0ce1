package emailcheck

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/lint/*")
	if len(paths) < 20 {
		t.Fatalf("only %d fixtures", len(paths))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\n")
			want := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(first, "<!--"), " breaks:"), "-->"))
			want = strings.TrimSpace(strings.TrimPrefix(want, "breaks:"))
			var vs []Violation
			if strings.HasSuffix(p, ".txt") {
				vs = LintText(data)
			} else {
				vs = Lint(data)
			}
			if want == "nothing" {
				for _, v := range vs {
					t.Errorf("unexpected violation: %v", v)
				}
				return
			}
			if len(vs) == 0 {
				t.Fatalf("no violation, want rule %q", want)
			}
			for _, v := range vs {
				if v.Rule != want {
					t.Errorf("violation %v, want only rule %q", v, want)
				}
			}
		})
	}
}

func TestLintSize(t *testing.T) {
	para := `<p style="margin:0;">` + strings.Repeat("Prevent is about keeping people safe. ", 20) + "</p>\n"
	build := func(n int) []byte {
		return []byte(`<div lang="en-GB" dir="ltr" style="max-width:600px;">` + strings.Repeat(para, n) + "</div>")
	}
	for _, tc := range []struct {
		n       int
		want    int // violations
		warning bool
	}{{1, 0, false}, {40, 1, true}, {200, 1, false}} {
		vs := Lint(build(tc.n))
		if len(vs) != tc.want {
			t.Fatalf("%d paragraphs: %v, want %d violations", tc.n, vs, tc.want)
		}
		if tc.want > 0 && (vs[0].Rule != "size" || vs[0].Warning != tc.warning) {
			t.Errorf("%d paragraphs: %v, want size warning=%v", tc.n, vs[0], tc.warning)
		}
	}
}

func TestLintTwin(t *testing.T) {
	h := []byte(`<div lang="en-GB" dir="ltr" style="max-width:600px;"><p><a href="https://example.org/a/">Page A</a> <a href="mailto:a@example.org">email us</a> <a href="tel:+44101">101</a></p></div>`)
	if vs := LintTwin(h, []byte("Page A (https://example.org/a/) email us (a@example.org) 101\n")); len(vs) != 0 {
		t.Errorf("complete twin: %v", vs)
	}
	vs := LintTwin(h, []byte("Page A, email us, call 101\n"))
	if len(vs) != 2 {
		t.Errorf("twin without addresses: %v, want 2 violations", vs)
	}
}

func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b rgb
		want float64
	}{
		{rgb{0, 0, 0}, rgb{255, 255, 255}, 21},
		{rgb{0x1d, 0x70, 0xb8}, rgb{255, 255, 255}, 5.17},
		{rgb{0x76, 0x76, 0x76}, rgb{255, 255, 255}, 4.54},
	} {
		if got := contrastRatio(tc.a, tc.b); got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("contrast %v on %v = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}
