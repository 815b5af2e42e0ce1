package content

import (
	"strings"
	"testing"
)

func TestActiveContent(t *testing.T) {
	cases := []struct {
		name, file, data string
		bad              bool
	}{
		{"plain drawing", "map.svg", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use href="#g"/></svg>`, false},
		{"script", "map.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, true},
		{"script with a prefix", "map.svg", `<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>`, true},
		{"script in upper case", "map.svg", `<svg><SCRIPT>alert(1)</SCRIPT></svg>`, true},
		{"onload", "map.svg", `<svg onload="alert(1)"></svg>`, true},
		{"onclick on a shape", "map.svg", `<svg><rect OnClick="alert(1)"/></svg>`, true},
		{"javascript link", "map.svg", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, true},
		{"javascript with an entity", "map.svg", `<svg><a href="jav&#x61;script:alert(1)">x</a></svg>`, true},
		{"foreignObject", "map.svg", `<svg><foreignObject><div>x</div></foreignObject></svg>`, true},
		{"external image", "map.svg", `<svg><image href="https://evil.example/x.png"/></svg>`, true},
		{"external style", "map.svg", `<svg><style>@import url(https://evil.example/x.css);</style></svg>`, true},
		{"external url in a style attribute", "map.svg", `<svg><rect style="fill:url(https://evil.example/x#g)"/></svg>`, true},
		{"animated href", "map.svg", `<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, true},
		{"entity", "map.svg", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>`, true},
		{"compressed", "map.svgz", "\x1f\x8b", true},
		{"plain html", "google123.html", "google-site-verification: google123.html", false},
		{"html with a link", "page.html", `<p>See <a href="https://www.gov.uk/">GOV.UK</a></p>`, false},
		{"html with script", "page.html", `<p>Hi</p><script src="/x.js"></script>`, true},
		{"htm with a handler", "page.htm", `<img src=x onerror=alert(1)>`, true},
		{"xhtml script", "page.xhtml", `<html xmlns="http://www.w3.org/1999/xhtml"><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script></html>`, true},
		{"xml stylesheet", "feed.xml", `<?xml-stylesheet type="text/xsl" href="x.xsl"?><feed/>`, true},
		{"meta refresh", "old.html", `<meta http-equiv="Refresh" content="0; url=https://evil.example/">`, true},
		{"iframe", "old.html", `<iframe src="https://evil.example/"></iframe>`, true},
		{"not audited", "leaflet.txt", `<script>alert(1)</script>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			why := ActiveContent(tc.file, []byte(tc.data))
			if (why != "") != tc.bad {
				t.Fatalf("ActiveContent(%s) = %q, want bad=%v", tc.file, why, tc.bad)
			}
			if tc.bad && !strings.Contains(why, "(") {
				t.Errorf("the reason says no fix: %q", why)
			}
		})
	}
}

// TestBundleFiles: the input gate reads the SVG, HTML and XML files of page
// and section folders, at any depth, and refuses those that could run script.
func TestBundleFiles(t *testing.T) {
	guide := "---\ntitle: Guide\nsummary: Who to call.\nreview_by: 2027-01-01\n---\nThe chart shows who to call.\n"
	unsafe := func(p string) string {
		return p + ": error: this SVG file "
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"plain chart", map[string]string{"content/guide/index.md": guide, "content/guide/chart.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`}, nil},
		{"chart with script", map[string]string{"content/guide/index.md": guide, "content/guide/chart.svg": `<svg onload="alert(1)"/>`}, []string{unsafe("content/guide/chart.svg")}},
		{"svg in a section folder", map[string]string{"content/articles/_index.md": guide, "content/articles/banner.svg": `<svg><a href="javascript:alert(1)"><text>x</text></a></svg>`}, []string{unsafe("content/articles/banner.svg")}},
		{"nested folder", map[string]string{"content/guide/index.md": guide, "content/guide/img/map.svg": `<svg><script>alert(1)</script></svg>`}, []string{unsafe("content/guide/img/map.svg")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := loadFiles(t, tc.files, Options{Today: testToday})
			var bad []string
			for _, g := range got {
				if strings.Contains(g, ".svg") {
					bad = append(bad, g)
				}
			}
			if len(bad) != len(tc.want) {
				t.Fatalf("got %q, want %q", bad, tc.want)
			}
			for i := range bad {
				if !strings.HasPrefix(bad[i], tc.want[i]) {
					t.Errorf("got %q, want %q…", bad[i], tc.want[i])
				}
			}
		})
	}
}
