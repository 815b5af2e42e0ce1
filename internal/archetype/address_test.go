package archetype

import "testing"

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
