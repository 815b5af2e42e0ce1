package deployconfig

import (
	"strings"
	"testing"

	"safeguard/internal/headers"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, key string
		want         bool
	}{
		{"files/**", "files/a.pdf", true},
		{"files/**", "files/2026/a.pdf", true},
		{"files/**", "filesx/a.pdf", false},
		{"/files/*.pdf", "files/a.pdf", true},
		{"files/*.pdf", "files/2026/a.pdf", false},
		{"**/*.pdf", "a.pdf", true},
		{"**/*.pdf", "x/y/a.pdf", true},
		{"**/*.pdf", "x/y/a.docx", false},
		{"**/*.{pdf,docx}", "x/a.docx", true},
		{"{reports/**,google*.html}", "google123.html", true},
		{"{reports/**,google*.html}", "reports/x/y.pdf", true},
		{"{reports/**,google*.html}", "index.html", false},
		{"index.html", "index.html", true},
		{"index.html", "a/index.html", false},
		{"**", "anything/at/all", true},
	} {
		if got := Match(tc.pattern, tc.key); got != tc.want {
			t.Errorf("Match(%q, %q) = %v", tc.pattern, tc.key, got)
		}
	}
	for _, bad := range []string{"files/[a", "a/{b"} {
		if CheckGlob(bad) == "" {
			t.Errorf("%q passed", bad)
		}
	}
	if CheckGlob("files/**/*.{pdf,docx}") != "" {
		t.Error("a good pattern was refused")
	}
}

func TestSelects(t *testing.T) {
	tg := Target{Include: "newsletter/**", Exclude: "newsletter/drafts/**"}
	for key, want := range map[string]bool{"newsletter/2026-11/issue.html": true, "newsletter/drafts/x.html": false, "index.html": false} {
		if tg.Selects(key) != want {
			t.Errorf("%s: %v", key, !want)
		}
	}
}

// TestRulesNeverWeakenSecurity: no rule may set a security header of the
// policy, whatever the spelling, nor the type of a file; the table is the
// policy itself, so a header added to it is covered.
func TestRulesNeverWeakenSecurity(t *testing.T) {
	for _, h := range append(headers.Site(), headers.Newsletter()...) {
		for _, name := range []string{h.Name, strings.ToLower(h.Name), strings.ToUpper(h.Name)} {
			if msg := CheckHeader(name, "unsafe-inline *"); !strings.Contains(msg, "is a security header") {
				t.Errorf("%s: %q", name, msg)
			}
		}
	}
	for _, name := range []string{"Content-Type", "content-encoding", "X-Content-Type-Options"} {
		if msg := CheckHeader(name, "text/html"); msg == "" {
			t.Errorf("%s may be set by a rule", name)
		}
	}
	if msg := CheckHeader("Set-Cookie", "a=b"); !strings.Contains(msg, "Cache-Control, Content-Disposition, Content-Language") {
		t.Errorf("unknown header: %q", msg)
	}
	if msg := CheckHeader("Cache-Control", "public\r\nX-Frame-Options: ALLOW"); msg == "" {
		t.Error("a value with a line break passed")
	}
	for _, h := range RuleHeaders {
		if msg := CheckHeader(h, "public, max-age=60"); msg != "" {
			t.Errorf("%s refused: %s", h, msg)
		}
	}
}

// TestHeadersFor: rules layer in order, the later winning.
func TestHeadersFor(t *testing.T) {
	d := Deploy{Headers: []HeaderRule{
		{Path: "files/**", Set: map[string]string{"Cache-Control": "public, max-age=86400", "Content-Disposition": "attachment"}},
		{Path: "files/easy-read/**", Set: map[string]string{"Content-Disposition": "inline"}},
	}}
	got := d.HeadersFor("files/easy-read/guide.pdf")
	if got["Cache-Control"] != "public, max-age=86400" || got["Content-Disposition"] != "inline" {
		t.Errorf("layered: %v", got)
	}
	if got := d.HeadersFor("index.html"); got != nil {
		t.Errorf("no rule: %v", got)
	}
}

func TestCheckURL(t *testing.T) {
	for s, want := range map[string]string{
		"azblob://$web":                     "",
		"s3://b?region=eu-west-2&profile=x": "",
		"gs://b":                            "",
		"file:///srv/www":                   "",
		"ftp://x":                           "not a storage service",
		"s3://b?regoin=x":                   `"regoin" is not a setting of s3:// addresses`,
		"azblob://c?sig=abc":                "AZURE_STORAGE_SAS_TOKEN",
		"gs://":                             "does not name a bucket",
	} {
		got := CheckURL(s)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", s, got, want)
		}
	}
}
