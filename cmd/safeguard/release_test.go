package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"safeguard/internal/testenv"
)

// TestReleaseDryRun: scripts/release names an archive for each of the six
// targets, zip for Windows, and the checksums file.
func TestReleaseDryRun(t *testing.T) {
	out := runRelease(t, "--dry-run", "--version", "v9.8.7")
	for _, want := range []string{
		"safeguard_9.8.7_windows_amd64.zip", "safeguard_9.8.7_windows_arm64.zip",
		"safeguard_9.8.7_darwin_arm64.tar.gz", "safeguard_9.8.7_darwin_amd64.tar.gz",
		"safeguard_9.8.7_linux_amd64.tar.gz", "safeguard_9.8.7_linux_arm64.tar.gz",
		"safeguard_9.8.7_checksums.txt", "-X main.buildVersion=9.8.7", "-trimpath",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run does not mention %s:\n%s", want, out)
		}
	}
}

// TestReleaseArchives makes the archives for Linux (this machine's, so the
// program can run) and Windows, and checks them as a user would: the
// checksums match, each archive holds the program, README.md and
// docs/publishing.md, and the program says the version and commit built
// into it. It cross-compiles the whole program twice: minutes, so -short
// skips it.
func TestReleaseArchives(t *testing.T) {
	if testing.Short() {
		t.Skip("builds safeguard twice with the release's flags (-short skips it)")
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("runs the linux/amd64 archive's program")
	}
	testenv.LookPath(t, "zip", "apt-get install zip; scripts/test does") // the Windows archive
	dist := t.TempDir()
	runRelease(t, "--version", "1.2.3", "--out", dist, "--targets", "linux/amd64 windows/amd64")
	commit, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(dist, "safeguard_1.2.3_checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("checksums line %q is not \"SUM  NAME\"", line)
		}
		b, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatal(err)
		}
		if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: the checksums file says %s, the file's SHA-256 is %x", name, sum, h)
		}
		listed = append(listed, name)
	}
	if want := []string{"safeguard_1.2.3_linux_amd64.tar.gz", "safeguard_1.2.3_windows_amd64.zip"}; !slices.Equal(listed, want) {
		t.Errorf("checksums list %v, want %v", listed, want)
	}

	// Windows: a zip with safeguard.exe, a PE program ("MZ").
	zr, err := zip.OpenReader(filepath.Join(dist, "safeguard_1.2.3_windows_amd64.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "safeguard.exe" {
			r, _ := f.Open()
			head := make([]byte, 2)
			io.ReadFull(r, head)
			r.Close()
			if string(head) != "MZ" {
				t.Errorf("safeguard.exe starts %q, not MZ", head)
			}
		}
	}
	for _, want := range []string{"safeguard.exe", "README.md", "docs/publishing.md"} {
		if !slices.Contains(names, want) {
			t.Errorf("the Windows zip has %v, not %s", names, want)
		}
	}

	// Linux: a tar.gz; its program runs and says its version and commit.
	f, err := os.Open(filepath.Join(dist, "safeguard_1.2.3_linux_amd64.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	names = nil
	bin := filepath.Join(t.TempDir(), "safeguard")
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Name == "safeguard" {
			b, _ := io.ReadAll(tr)
			if err := os.WriteFile(bin, b, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	slices.Sort(names)
	if want := []string{"README.md", "docs/", "docs/publishing.md", "safeguard"}; !slices.Equal(names, want) {
		t.Errorf("the Linux archive has %v, want %v", names, want)
	}
	got, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("safeguard version: %v\n%s", err, got)
	}
	for _, want := range []string{"safeguard 1.2.3 (Hugo v0.165.0)\n", "commit " + strings.TrimSpace(string(commit)) + ", built 20", "for linux/amd64"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("safeguard version printed %q, without %q", got, want)
		}
	}
}

// runRelease runs scripts/release from the repository's root.
func runRelease(t *testing.T, args ...string) string {
	t.Helper()
	testenv.LookPath(t, "git", "apt-get install git")
	testenv.LookPath(t, "bash", "apt-get install bash")
	cmd := exec.Command("bash", append([]string{"scripts/release"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/release %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
