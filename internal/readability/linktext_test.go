package readability

import "testing"

func TestVagueLinkText(t *testing.T) {
	for text, want := range map[string]bool{
		"here": true, "Click here": true, "click here to find out": true, "Read more »": true,
		"  READ   more ": true, "(more)": true, "“this page”": true, "Website": true, "→": true, "": true,
		"details": true, "Continue.": true,
		"ACT Early: how to get help": false, "the Prevent duty guidance": false, "here and now": false,
		"More about Channel": false, "www.gov.uk": false,
	} {
		if got := VagueLinkText(text); got != want {
			t.Errorf("VagueLinkText(%q) = %v, want %v", text, got, want)
		}
	}
}
