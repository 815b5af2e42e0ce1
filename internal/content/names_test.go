package content

import "testing"

// DeviceName knows Windows' device names with or without an ending, in any
// case, and leaves the words that start with them.
func TestDeviceName(t *testing.T) {
	for s, want := range map[string]bool{
		"con": true, "CON": true, "nul.md": true, "aux.tar.gz": true, "prn": true,
		"com0": true, "com9": true, "lpt1": true, "lpt5.md": true,
		"console": false, "contact": false, "com10": false, "comx": false, "lpt": false,
		"auxiliary": false, "null": false, "": false, "my-con": false,
	} {
		if got := DeviceName(s); got != want {
			t.Errorf("DeviceName(%q) = %v, want %v", s, got, want)
		}
	}
}
