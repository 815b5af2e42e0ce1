//go:build unix

package publish

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// deadPID returns the id of a process that has just ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	return cmd.Process.Pid
}

func TestBuildRemovesLeftoversOfKilledBuilds(t *testing.T) {
	src := fixture(t, "site")
	parent := t.TempDir()
	dest := filepath.Join(parent, "out")
	dead := strconv.Itoa(deadPID(t))
	live := strconv.Itoa(os.Getppid()) // the go command running this test

	mk := func(name string) string {
		p := filepath.Join(parent, name)
		write(t, filepath.Join(p, "index.html"), "<p>left over</p>")
		return p
	}
	// Before any output exists, a dead build's backup is the last published
	// site: it must survive. Its staging folder goes.
	deadBackup := mk(backupPrefix + dead + "-1")
	deadStaging := mk(stagingPrefix + dead + "-1")
	liveStaging := mk(stagingPrefix + live + "-1")
	oldStyle := mk(stagingPrefix + "123abc") // no process id: not ours to judge
	if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if exists(deadStaging) {
		t.Error("the staging folder of a build that no longer runs was left")
	}
	if !exists(deadBackup) {
		t.Error("a backup was removed while the output folder was missing")
	}
	if !exists(liveStaging) || !exists(oldStyle) {
		t.Error("a staging folder of a running build, or one without a process id, was removed")
	}

	// Once the output exists, the dead build's backup is only a copy.
	if _, diags := Build(context.Background(), Options{Source: src, Today: today}, Output{Dest: dest}); diags.HasErrors() {
		t.Fatalf("second build failed:\n%s", diags)
	}
	if exists(deadBackup) {
		t.Error("the backup of a build that no longer runs was left after the output was replaced")
	}
	if !exists(liveStaging) {
		t.Error("a running build's staging folder was removed")
	}
}
