package archetype

import (
	"testing"

	"safeguard/internal/content"
)

// Addresses are made in a-z from titles in any language, or not at all
// (the writer is asked): never "page", never outside the name rule.
func TestAddress(t *testing.T) {
	for _, tc := range []struct {
		title, want string
		ok          bool
	}{
		{"Prevent in schools", "prevent-in-schools", true},
		{"Gŵyl yr Haf", "gwyl-yr-haf", true},
		{"Ŵ ŷ â", "w-y-a", true},
		{"Café & crème", "cafe-and-creme", true},
		{"Straße über Ärger", "strasse-uber-arger", true},
		{"🎉 Summer fair", "summer-fair", true},
		{"Защита детей", "zashchita-detei", true},
		{"শিশু সুরক্ষা", "shishu-surkssaa", true},
		{"About this page", "about-this-page", true},
		{"حماية الأطفال", "", false},
		{"בטיחות", "", false},
		{"儿童保护", "", false},
		{"🎉🎉", "", false},
		{"!!!", "", false},
		{"", "", false},
	} {
		got, ok := Address(tc.title)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Address(%q) = %q, %v; want %q, %v", tc.title, got, ok, tc.want, tc.ok)
		}
	}
}

// A name Windows keeps for a device is never made into a page's file, on any
// system: from a title it gains -page, and given as an address it is refused.
func TestDeviceAddress(t *testing.T) {
	for title, want := range map[string]string{"Aux": "aux-page", "NUL": "nul-page", "Com1": "com1-page", "Console": "console", "Conference": "conference"} {
		if got, ok := Address(title); !ok || got != want {
			t.Errorf("Address(%q) = %q, %v; want %q", title, got, ok, want)
		}
	}
	for _, a := range []string{"con", "prn", "lpt9"} {
		if rel, err := File(content.KindPage, a); err == nil {
			t.Errorf("File(page, %q) = %s, want an error", a, rel)
		}
	}
	if _, err := File(content.KindPage, "contact-us"); err != nil {
		t.Errorf("File(page, contact-us): %v", err)
	}
}
