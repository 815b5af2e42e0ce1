package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\n", "a\nc\n", "line 2:\nwant b\n got c"},
		{"a\n", "a\nb\n", "line 2:\nwant \n got b"},
		{"a\nb", "a", "line 2:\nwant b\n got "},
	} {
		if d := FirstDiff(c.want, c.got); d != c.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

func TestCheckUpdate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.golden")
	Check(t, p, "one\ntwo\n", true)
	b, err := os.ReadFile(p)
	if err != nil || string(b) != "one\ntwo\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	Check(t, p, "one\ntwo\n", false)
}
