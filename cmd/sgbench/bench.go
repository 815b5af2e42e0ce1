package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/gen"
	"safeguard/internal/site"
)

// sizeResult is everything measured for one site size.
type sizeResult struct {
	articles   int
	gen        gen.Summary
	genTime    time.Duration
	sg, hugo   []sample
	sgPages    int // HTML pages outside newsletter/ in safeguard's output
	hugoPages  int // HTML pages in hugo's output
	onlySG     []string
	onlyHugo   []string
	same, diff []string // sample files compared byte for byte
}

type binaries struct{ safeguard, hugo string }

func run(ctx context.Context, o options, stdout, stderr io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(o.work, "sgbench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(stderr, "sgbench: keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	var bins binaries
	if o.runs > 0 {
		if bins, err = buildBinaries(ctx, o, root, tmp, stderr); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "safeguard vs hugo %s: %d run(s) each, alternating; seed %d; %d CPUs; GOMAXPROCS %s\n\n",
			site.HugoVersion(), o.runs, o.seed, runtime.NumCPU(), orDefault(os.Getenv("GOMAXPROCS"), "unset"))
	}
	var results []sizeResult
	for _, n := range o.sizes {
		if o.runs == 0 {
			break
		}
		r, err := benchSize(ctx, o, root, tmp, bins, n, stderr)
		if err != nil {
			return fmt.Errorf("%d articles: %w", n, err)
		}
		printSize(stdout, r)
		results = append(results, r)
	}
	if len(results) > 0 {
		printSummary(stdout, results)
	}
	if o.cpuProfile != "" || o.memProfile != "" {
		n := slicesMax(o.sizes)
		fmt.Fprintf(stderr, "sgbench: profiling an in-process build of %d articles\n", n)
		if err := profileBuild(ctx, o, root, filepath.Join(tmp, "profile"), n, stdout); err != nil {
			return fmt.Errorf("profile: %w", err)
		}
	}
	return nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func slicesMax(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// moduleRoot finds the folder holding this module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run sgbench inside the safeguard module (go env GOMOD is empty)")
	}
	return filepath.Dir(mod), nil
}

// buildBinaries compiles safeguard from this checkout and hugo from the
// module's own pinned version, so the two share Hugo's code exactly.
func buildBinaries(ctx context.Context, o options, root, tmp string, stderr io.Writer) (binaries, error) {
	b := binaries{o.safeguard, o.hugo}
	bin := filepath.Join(tmp, "bin")
	for _, t := range []struct {
		dst  *string
		name string
		pkg  string
	}{{&b.safeguard, "safeguard", "./cmd/safeguard"}, {&b.hugo, "hugo", "github.com/gohugoio/hugo"}} {
		if *t.dst != "" {
			continue
		}
		fmt.Fprintf(stderr, "sgbench: go build %s\n", t.pkg)
		*t.dst = filepath.Join(bin, t.name)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", *t.dst, t.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return b, fmt.Errorf("go build %s: %v\n%s", t.pkg, err, out)
		}
	}
	return b, nil
}

// benchSize generates one site and builds it o.runs times with each tool.
func benchSize(ctx context.Context, o options, root, tmp string, bins binaries, n int, stderr io.Writer) (sizeResult, error) {
	r := sizeResult{articles: n}
	src := filepath.Join(tmp, fmt.Sprintf("src-%d", n))
	defer os.RemoveAll(src)
	fmt.Fprintf(stderr, "sgbench: generating %d articles\n", n)
	start := time.Now()
	var err error
	if r.gen, err = gen.Write(src, gen.Options{Articles: n, Seed: o.seed}); err != nil {
		return r, err
	}
	r.genTime = time.Since(start)
	// The same templates for both: the repository's theme as the site's own
	// layouts and assets (for safeguard they shadow identical embedded files).
	for _, d := range []string{"layouts", "assets"} {
		if err := copyDir(filepath.Join(root, d), filepath.Join(src, d)); err != nil {
			return r, err
		}
	}
	cfgPath, err := writeHugoConfig(src, filepath.Join(tmp, fmt.Sprintf("hugo-%d.json", n)))
	if err != nil {
		return r, err
	}

	outSG, outHugo := filepath.Join(tmp, "out-safeguard"), filepath.Join(tmp, "out-hugo")
	cache := filepath.Join(tmp, "hugo-cache")
	defer os.RemoveAll(outSG)
	defer os.RemoveAll(outHugo)
	defer os.RemoveAll(cache)
	buildSG := func() error {
		os.RemoveAll(outSG)
		s, err := measure(ctx, src, bins.safeguard, "build", "-s", src, "-d", outSG, "--timings")
		if err != nil {
			return err
		}
		s.stages = parseTimings(s.output)
		r.sg = append(r.sg, s)
		return nil
	}
	buildHugo := func() error {
		// Every hugo run starts cold, as safeguard's do (its caches live in
		// memory): no cache folder, no processed resources from a previous run.
		os.RemoveAll(outHugo)
		os.RemoveAll(cache)
		os.RemoveAll(filepath.Join(src, "resources"))
		s, err := measure(ctx, src, bins.hugo, "--source", src, "--destination", outHugo,
			"--config", cfgPath, "--cacheDir", cache, "--noBuildLock")
		if err != nil {
			return err
		}
		r.hugo = append(r.hugo, s)
		return nil
	}
	for i := range o.runs {
		fmt.Fprintf(stderr, "sgbench: %d articles, run %d of %d\n", n, i+1, o.runs)
		order := []func() error{buildSG, buildHugo}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, f := range order {
			if err := ctx.Err(); err != nil {
				return r, err
			}
			if err := f(); err != nil {
				return r, err
			}
		}
	}
	if err := compareOutputs(&r, outSG, outHugo); err != nil {
		return r, err
	}
	return r, nil
}

// writeHugoConfig loads the generated folder as safeguard does and writes the
// Hugo configuration safeguard would use, as JSON, for the hugo command.
func writeHugoConfig(src, path string) (string, error) {
	s, diags := content.Load(src, content.Options{})
	if diags.HasErrors() || s == nil {
		var b strings.Builder
		for i, d := range diags.Sort() {
			if i == 20 {
				fmt.Fprintf(&b, "... and %d more\n", len(diags)-20)
				break
			}
			fmt.Fprintln(&b, d)
		}
		return "", fmt.Errorf("the generated site does not load:\n%s", b.String())
	}
	cfg, err := site.HugoConfigFor(s, site.Options{}, strings.TrimSuffix(path, ".json")+"-generated")
	if err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, data, 0o644)
}

// copyDir copies a folder tree into a new folder (a missing source is an
// empty folder).
func copyDir(from, to string) error {
	if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return os.CopyFS(to, os.DirFS(from))
}
