package archetype

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"safeguard/internal/content"
)

func TestAddMonths(t *testing.T) {
	for _, tc := range []struct{ from, want string }{
		{"2026-12-07", "2027-06-07"},
		{"2026-08-31", "2027-02-28"},
		{"2027-08-31", "2028-02-29"},
		{"2026-05-31", "2026-11-30"},
		{"2026-01-01", "2026-07-01"},
	} {
		from, _ := time.Parse("2006-01-02", tc.from)
		if got := addMonths(from, 6).Format("2006-01-02"); got != tc.want {
			t.Errorf("%s + 6 months = %s, want %s", tc.from, got, tc.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`Prevent: what it is`: `"Prevent: what it is"`,
		`say "hello"`:         `"say \"hello\""`,
		`back\slash`:          `"back\\slash"`,
		"#1 and yes":          `"#1 and yes"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// Every kind makes a file the loader accepts, whatever the title, with only
// WRITE-HERE left to write; titles that cannot be pages are refused.
func TestMakeEveryKind(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for _, k := range content.Kinds {
		for _, title := range []string{"Prevent in schools", `A "quoted" title: with # and \ signs`, "Événement à Londres", "yes"} {
			rel, data, d, err := Make(Options{Root: root, Kind: k, Title: title, Today: today})
			if err != nil || d.HasErrors() {
				t.Errorf("%s %q: %v %v\n%s", k, title, err, d, data)
				continue
			}
			if !strings.HasPrefix(rel, "content/") || !strings.Contains(string(data), content.Placeholder) {
				t.Errorf("%s %q: %s\n%s", k, title, rel, data)
			}
		}
	}
	for _, title := range []string{"", "   ", "two\nlines", "tab\there"} {
		_, _, _, err := Make(Options{Root: root, Kind: content.KindArticle, Title: title, Today: today})
		if err == nil {
			t.Errorf("title %q accepted", title)
		}
	}
	if _, _, _, err := Make(Options{Root: root, Kind: "story", Title: "T"}); err == nil {
		t.Error("unknown kind accepted")
	}
}
