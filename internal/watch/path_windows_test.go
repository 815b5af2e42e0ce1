package watch

import "testing"

// TestRelevantWindows: on Windows, paths with drive letters, either
// separator, another drive or a UNC share. Runs only on Windows; CI
// compiles it for windows/amd64 (scripts/test, "cross-compile").
func TestRelevantWindows(t *testing.T) {
	w := &Watcher{root: `C:\Users\comms\site`}
	for _, tt := range []struct {
		path string
		want bool
	}{
		{`C:\Users\comms\site\content\articles\x.md`, true},
		{`C:\Users\comms\site\site.yaml`, true},
		{`C:/Users/comms/site/content/x.md`, true},
		{`C:\Users\comms\site\public\index.html`, false},
		{`D:\Users\comms\site\content\x.md`, false},
		{`\\server\share\site\content\x.md`, false},
		{`C:\Users\comms\sitex\content\x.md`, false},
	} {
		if got := w.relevant(tt.path); got != tt.want {
			t.Errorf("relevant(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
