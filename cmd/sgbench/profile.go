package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/gen"
	"safeguard/internal/site"
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
	start := time.Now()
	s, diags := content.Load(src, content.Options{})
	if diags.HasErrors() {
		return fmt.Errorf("load: %d problems, first: %s", len(diags), diags.Sort()[0])
	}
	loaded := time.Since(start)
	res, diags := site.Build(ctx, s, site.Options{Dest: filepath.Join(dir, "out")})
	if diags.HasErrors() {
		return fmt.Errorf("build: %d problems, first: %s", len(diags), diags.Sort()[0])
	}
	total := time.Since(start)
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
	fmt.Fprintf(stdout, "\nin-process build of %s articles for the profile: load %s, hugo %s, total %s, %d pages\n",
		thousands(n), secs(loaded), secs(res.Duration), secs(total), res.Pages)
	if o.cpuProfile != "" {
		fmt.Fprintf(stdout, "CPU profile: go tool pprof -top %s\n", o.cpuProfile)
	}
	return nil
}
