package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"

	"safeguard/internal/gen"
	"safeguard/internal/publish"
)

// profileBuild generates n articles into dir and builds them once in this
// process under the CPU profiler, so `go tool pprof` can show where
// safeguard's time goes (the child processes of the timed runs cannot be
// profiled from outside).
func profileBuild(ctx context.Context, o options, root, dir string, n int, stdout io.Writer) error {
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "src")
	if _, err := gen.Write(src, gen.Options{Articles: n, Seed: o.seed}); err != nil {
		return err
	}
	for _, d := range []string{"layouts", "assets"} {
		if err := copyDir(filepath.Join(root, d), filepath.Join(src, d)); err != nil {
			return err
		}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	res, diags := publish.Build(ctx, publish.Options{Source: src, Dest: filepath.Join(dir, "out")})
	if diags.HasErrors() {
		return fmt.Errorf("build: %d problems, first: %s", len(diags), diags.Sort()[0])
	}
	pprof.StopCPUProfile()
	if o.memProfile != "" {
		runtime.GC()
		f, err := os.Create(o.memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	t := res.Timings
	fmt.Fprintf(stdout, "\nin-process publish.Build of %s articles for the profile: %d pages in %s (load %s, check %s, hugo %s, newsletter %s, output-check %s, swap %s)\n",
		thousands(n), res.Pages, secs(t.Total), secs(t.Load), secs(t.Check), secs(t.Hugo), secs(t.Newsletter), secs(t.OutputCheck), secs(t.Swap))
	if o.cpuProfile != "" {
		fmt.Fprintf(stdout, "CPU profile: go tool pprof -top %s\n", o.cpuProfile)
	}
	return nil
}
