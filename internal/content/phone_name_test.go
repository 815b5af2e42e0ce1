package content

import "testing"

// The web page and the newsletter call a line the same: a textphone is
// always "Textphone", with its own label after the number.
func TestPhoneNameAndNote(t *testing.T) {
	tests := []struct {
		p          Phone
		name, note string
	}{
		{Phone{Number: "101"}, "Phone", ""},
		{Phone{Number: "0800 011 3764", Label: "ACT Early support line"}, "ACT Early support line", ""},
		{Phone{Number: "18001 101", Label: "Textphone", Textphone: true}, "Textphone", ""},
		{Phone{Number: "18001 101", Textphone: true}, "Textphone", ""},
		{Phone{Number: "18001 0800 011 3764", Label: "Relay UK", Textphone: true}, "Textphone", "Relay UK"},
	}
	for _, tt := range tests {
		if got := tt.p.Name(); got != tt.name {
			t.Errorf("%+v: Name() = %q, want %q", tt.p, got, tt.name)
		}
		if got := tt.p.Note(); got != tt.note {
			t.Errorf("%+v: Note() = %q, want %q", tt.p, got, tt.note)
		}
	}
}
