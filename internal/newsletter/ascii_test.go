package newsletter

import "testing"

// TestASCIIHTML: fragments must read the same under any charset an email tool
// or web server assumes, so everything outside ASCII becomes a reference.
func TestASCIIHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"you’re", "you&#8217;re"},
		{`<a title="café">£5 – “ok”</a>`, `<a title="caf&#233;">&#163;5 &#8211; &#8220;ok&#8221;</a>`},
		{"emoji 🙂", "emoji &#128578;"},
	}
	for _, tt := range tests {
		if got := string(asciiHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("asciiHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
