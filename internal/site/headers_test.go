package site

import (
	"encoding/json"
	"strings"
	"testing"

	safeguard "safeguard"
	policy "safeguard/internal/headers"
)

// TestMetaCSPIsThePolicy: the <meta> policy in the theme's head is the one
// internal/headers makes, so hosts without headers get the same rules.
func TestMetaCSPIsThePolicy(t *testing.T) {
	b, err := safeguard.Theme.ReadFile("layouts/_partials/head.html")
	if err != nil {
		t.Fatal(err)
	}
	want := `<meta http-equiv="Content-Security-Policy" content="` + policy.MetaCSP() + `">`
	if !strings.Contains(string(b), want) {
		t.Errorf("head.html lacks\n%s\n(copy it from internal/headers.MetaCSP)", want)
	}
}

func TestStaticWebAppFileIsJSON(t *testing.T) {
	var cfg map[string]any
	if err := json.Unmarshal(policy.StaticWebApp(), &cfg); err != nil {
		t.Fatal(err)
	}
	if _, ok := cfg["globalHeaders"]; !ok {
		t.Error("no globalHeaders")
	}
}
