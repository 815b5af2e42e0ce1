package main

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"safeguard/internal/testenv"
)

func TestParseTimings(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []stage
	}{
		{"built 10 pages\ntimings: load 120ms check 3.5ms hugo 1.2s newsletter 40µs output-check 7ms swap 1ms\n",
			[]stage{{"load", 120 * time.Millisecond}, {"check", 3500 * time.Microsecond}, {"hugo", 1200 * time.Millisecond},
				{"newsletter", 40 * time.Microsecond}, {"output-check", 7 * time.Millisecond}, {"swap", time.Millisecond}}},
		{"timings: load=1.5s, hugo=2m3s; swap: 2us", []stage{{"load", 1500 * time.Millisecond}, {"hugo", 123 * time.Second}, {"swap", 2 * time.Microsecond}}},
		{"no timings here", nil},
	} {
		if got := parseTimings(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("parseTimings(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTargets(t *testing.T) {
	s := func(wall time.Duration, rss int64) []sample { return []sample{{wall: wall, rss: rss}} }
	rs := []sizeResult{
		{articles: 1000, sgPages: 1000, hugoPages: 1000, sg: s(time.Second, 100), hugo: s(time.Second, 100)},
		{articles: 10000, sgPages: 10000, hugoPages: 10000, sg: s(12*time.Second, 130), hugo: s(10*time.Second, 100)},
	}
	got := strings.Join(targets(rs), "\n")
	for _, want := range []string{"time ratio <= 1.15 at 10,000 articles: 1.20, NOT MET",
		"memory ratio <= 1.25 at 10,000 articles: 1.30, NOT MET",
		"1.200 ms/page at 10,000 articles vs 1.000 at 1,000: NOT MET"} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
	got = strings.Join(targets(rs[:1]), "\n")
	if !strings.Contains(got, "not measured") || strings.Contains(got, "NOT MET") {
		t.Errorf("one size of 1,000 can judge no target:\n%s", got)
	}
}

// TestSmoke builds a 100-article site once with each tool: both succeed, write
// the same pages, and the table prints. No timing is asserted.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries that link Hugo")
	}
	ctx := context.Background()
	o := options{sizes: []int{100}, runs: 1, seed: 1}
	// The reference build is the hugo command, built by go from the module
	// cache: without go, or offline with hugo's own packages not downloaded,
	// there is nothing to compare with.
	gocmd := testenv.LookPath(t, "go", "install Go 1.26")
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	list := exec.CommandContext(ctx, gocmd, "list", "github.com/gohugoio/hugo")
	list.Dir = root
	if out, err := list.CombinedOutput(); err != nil {
		testenv.Missing(t, "cannot build the reference hugo command (%v): %s", err, bytes.TrimSpace(out))
	}
	tmp := t.TempDir()
	var progress bytes.Buffer
	bins, err := buildBinaries(ctx, o, root, tmp, &progress)
	if err != nil {
		t.Fatal(err)
	}
	r, err := benchSize(ctx, o, root, tmp, bins, 100, &progress)
	if err != nil {
		t.Fatal(err)
	}
	if r.sgPages == 0 || r.sgPages != r.hugoPages {
		t.Errorf("HTML pages: safeguard %d, hugo %d", r.sgPages, r.hugoPages)
	}
	if len(r.onlySG)+len(r.onlyHugo) > 0 {
		t.Errorf("files only safeguard wrote: %v; only hugo: %v", r.onlySG, r.onlyHugo)
	}
	if len(r.sg) != 1 || len(r.hugo) != 1 || len(r.sg[0].stages) == 0 {
		t.Errorf("want one run each with safeguard's stage timings; got %d, %d, stages %v\n%s", len(r.sg), len(r.hugo), r.sg, r.sg[0].output)
	}
	var out bytes.Buffer
	printSize(&out, r)
	printSummary(&out, []sizeResult{r})
	t.Log("\n" + out.String())
	for _, want := range []string{"== 100 articles", "safeguard/hugo", "safeguard stages (median): load", "== summary (medians) ==", "targets:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
