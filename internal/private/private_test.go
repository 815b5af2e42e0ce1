package private

import "testing"

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want Verdict
	}{
		{"index.html", Publish},
		{"images/photo.jpg", Publish},
		{"docs/leaflet.pdf", Publish},
		{".well-known/security.txt", Publish},
		{"keys.txt", Publish},
		{"monkey.png", Publish},
		{"environment.pdf", Publish},
		{"a/.well-known/x", Leftover},
		{".env", Secret},
		{"sub/.ENV", Secret},
		{".env.production", Secret},
		{"prod.env", Secret},
		{".git/config", Secret},
		{"a/.git/objects/ab/cdef", Secret},
		{".htpasswd", Secret},
		{"id_rsa", Secret},
		{"id_rsa.pub", Secret},
		{"deploy/id_ed25519", Secret},
		{"keys/secret.pem", Secret},
		{"tls/site.key", Secret},
		{"cert.PFX", Secret},
		{".ssh/known_hosts", Secret},
		{".aws/credentials", Secret},
		{".DS_Store", Leftover},
		{"images/.DS_Store", Leftover},
		{"Thumbs.db", Leftover},
		{"notes.md~", Leftover},
		{".notes.md.swp", Leftover},
		{"page.swp", Leftover},
		{".#page.md", Leftover},
		{".hidden", Leftover},
		{".cache/x.png", Leftover},
		{"", Publish},
	} {
		got, why := Classify(tc.rel)
		if got != tc.want {
			t.Errorf("Classify(%q) = %v (%s), want %v", tc.rel, got, why, tc.want)
		}
		if (got == Publish) != (why == "") {
			t.Errorf("Classify(%q) = %v with reason %q: a refusal needs a reason, a file to publish none", tc.rel, got, why)
		}
	}
}
