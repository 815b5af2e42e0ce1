package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/buildrecord"
)

// TestDeployQuotesNames: a file name with an escape sequence or a newline
// is shown quoted in the plan, so it can neither retitle the terminal nor
// forge a line of the plan.
func TestDeployQuotesNames(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\nbase_url: https://example.org/\norganisation:\n  name: N\n  url: https://example.org/\ndeploy:\n  targets:\n    - name: local\n      url: file://"+filepath.ToSlash(filepath.Join(dir, "live"))+"\n"), 0o644)
	build := filepath.Join(dir, "build")
	os.MkdirAll(build, 0o755)
	names := []string{"img/\x1b]0;pwned\a.png", "x\nPlan for local (here): upload 0 files (0 bytes), delete 0, unchanged 0.html"}
	for _, n := range names {
		p := filepath.Join(build, filepath.FromSlash(n))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := buildrecord.Write(build); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	code := run([]string{"deploy", "-s", dir, "--from", build, "--dry-run"}, stdio{in: strings.NewReader(""), out: &out, err: &errs})
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errs.String())
	}
	all := out.String() + errs.String()
	if strings.ContainsAny(all, "\x1b\a") {
		t.Errorf("a control character reached the terminal:\n%q", all)
	}
	for _, want := range []string{`  add    "img/\x1b]0;pwned\a.png" (image/png,`, `  add    "x\nPlan for local (here): upload 0 files (0 bytes), delete 0, unchanged 0.html" (text/html`} {
		if !strings.Contains(all, want) {
			t.Errorf("output lacks %s:\n%s", want, all)
		}
	}
	if n := strings.Count(all, "\nPlan for"); n != 0 || !strings.HasPrefix(all, "Plan for local") {
		t.Errorf("a forged plan line:\n%s", all)
	}
}
