package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

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
	var peak *peakHeap
	if o.memProfile != "" {
		peak = watchHeap()
	}
	res, diags := publish.Build(ctx, publish.Options{Source: src}, publish.Output{Dest: filepath.Join(dir, "out")})
	pprof.StopCPUProfile()
	if peak != nil {
		if err := peak.write(o.memProfile, stdout); err != nil {
			return err
		}
	}
	if diags.HasErrors() {
		return fmt.Errorf("build: %d problems, first: %s", len(diags), diags.Sort()[0])
	}
	t := res.Timings
	fmt.Fprintf(stdout, "\nin-process publish.Build of %s articles for the profile: %d pages in %s (load %s, check %s, hugo %s, newsletter %s, output-check %s, swap %s)\n",
		thousands(n), res.Pages, secs(t.Total), secs(t.Load), secs(t.Check), secs(t.Hugo), secs(t.Newsletter), secs(t.OutputCheck), secs(t.Swap))
	if o.cpuProfile != "" {
		fmt.Fprintf(stdout, "CPU profile: go tool pprof -top %s\n", o.cpuProfile)
	}
	return nil
}

// peakHeap keeps the heap profile taken when the live heap was largest, so
// the profile shows what safeguard holds at its peak, not after it.
type peakHeap struct {
	stop chan struct{}
	done chan struct{}
	max  uint64
	prof bytes.Buffer
}

func watchHeap() *peakHeap {
	h := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > h.max {
				h.max = ms.HeapAlloc
				h.prof.Reset()
				_ = pprof.Lookup("heap").WriteTo(&h.prof, 0)
			}
		}
	}()
	return h
}

func (h *peakHeap) write(path string, w io.Writer) error {
	close(h.stop)
	<-h.done
	fmt.Fprintf(w, "largest heap seen: %s; heap profile at that moment: go tool pprof -sample_index=inuse_space -top %s\n", mb(int64(h.max)), path)
	return os.WriteFile(path, h.prof.Bytes(), 0o644)
}
