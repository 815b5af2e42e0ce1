package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestDeployHungServerExits3: a storage service that never answers is
// given up on within --timeout, with words and the exit status of a system
// failure.
func TestDeployHungServerExits3(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never answered
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "eu-west-2", "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none")} {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\nbase_url: https://example.org/\norganisation:\n  name: N\n  url: https://example.org/\ndeploy:\n  targets:\n    - name: aws\n      url: s3://site?region=eu-west-2&use_path_style=true&disable_https=true&endpoint=http://"+l.Addr().String()+"\n"), 0o644)
	build := filepath.Join(dir, "build")
	os.MkdirAll(build, 0o755)
	os.WriteFile(filepath.Join(build, "index.html"), []byte("<!doctype html><title>Home</title>"), 0o644)
	if err := buildrecord.Write(build); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	start := time.Now()
	code := run([]string{"deploy", "-s", dir, "--from", build, "--timeout", "1s"}, stdio{in: strings.NewReader(""), out: &out, err: &errs})
	if code != exitSystem || !strings.Contains(errs.String(), "the storage service did not answer in time (check the network, or allow longer with --timeout)") {
		t.Errorf("exit %d\n%s%s", code, out.String(), errs.String())
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("gave up after %v", d)
	}
}
