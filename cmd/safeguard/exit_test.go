package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/diag"
)

// fullWriter fails every write, as standard output on a full disk or a
// closed pipe does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestOutputLostIsSystemError runs commands whose report cannot be written:
// they exit with status 3, not 1 (content) or 2 (misuse), and say why.
func TestOutputLostIsSystemError(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(root, "cmd", "safeguard", "testdata", "buildbase")
	for _, args := range [][]string{
		{"check", "-s", base, "--today", "2026-11-29", "--format", "json"},
		{"check", "-s", base, "--today", "2026-11-29"},
		{"check", "-s", base, "--today", "2026-11-29", "--format", "github"},
		{"status", "-s", base, "--today", "2026-11-29"},
		{"status", "-s", base, "--today", "2026-11-29", "--next-change", "--format", "json"},
		{"newsletter", "-s", root, "-o", "-"},
	} {
		var stderr bytes.Buffer
		code := run(args, stdio{in: strings.NewReader(""), out: fullWriter{}, err: &stderr})
		if code != exitSystem {
			t.Errorf("safeguard %s: exit status %d, want %d\n%s", strings.Join(args, " "), code, exitSystem, stderr.String())
		}
		if !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("safeguard %s: stderr does not say why:\n%s", strings.Join(args, " "), stderr.String())
		}
	}
}

// TestExitFor: system errors and bugs alone give 3 (their class, not their
// rule, says so); any content error gives 1; warnings alone give 0.
func TestExitFor(t *testing.T) {
	var sys, bug, mixed, warn, ruleOnly diag.List
	sys.Systemf("", 0, 0, diag.RuleSystem, "cannot create a staging folder")
	bug.Internalf("", 0, 0, "internal", "the site generator stopped unexpectedly")
	mixed.Systemf("", 0, 0, diag.RuleSystem, "cannot create a staging folder")
	mixed.Errorf("content/a.md", 1, 1, "date", "bad date")
	warn.Warnf("content/a.md", 1, 1, "review", "due soon")
	ruleOnly.Errorf("", 0, 0, diag.RuleSystem, "a content error under the rule's name")
	for _, tc := range []struct {
		l    diag.List
		want int
	}{{nil, exitOK}, {warn, exitOK}, {sys, exitSystem}, {bug, exitSystem}, {mixed, exitContent}, {ruleOnly, exitContent}} {
		if got := exitFor(tc.l); got != tc.want {
			t.Errorf("exitFor(%v) = %d, want %d", tc.l, got, tc.want)
		}
	}
}
