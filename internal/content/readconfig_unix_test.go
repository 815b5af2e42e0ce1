//go:build unix

package content

import (
	"path/filepath"
	"syscall"
	"testing"
)

// ReadConfig reads site.yaml as Load does: a named pipe in its place is
// refused at once, with Load's message.
func TestReadConfigSpecialFile(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ConfigFile), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	_, all := NewLoader(dir, Options{}).Load()
	var want []string
	for _, x := range all {
		if x.Path == ConfigFile {
			want = append(want, x.String())
		}
	}
	_, d := ReadConfig(dir)
	if len(want) != 1 || len(d) != 1 || d[0].String() != want[0] {
		t.Fatalf("ReadConfig says %v, want Load's %v", d, want)
	}
}
