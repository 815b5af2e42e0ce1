package publish

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	sitegen "safeguard/internal/gen"
	"safeguard/internal/watch"
)

var (
	saveArticles = flag.Int("save-articles", 300, "articles in BenchmarkPreviewSave's generated site")
	saveProfile  = flag.String("save-cpuprofile", "", "write a CPU profile of BenchmarkPreviewSave's saves only (not the first build) to this file")
)

// BenchmarkPreviewSave times one preview save (an article's text edited,
// then Apply) on a generated site, and reports it as a share of the first,
// full build of the same site measured in the same run (the reference: a
// save should cost in proportion to the change, not to the site).
// -save-cpuprofile shows where the saves' time goes.
func BenchmarkPreviewSave(b *testing.B) {
	root := b.TempDir()
	sum, err := sitegen.Write(root, sitegen.Options{Articles: *saveArticles, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	p := New(Options{Source: root, BaseURL: previewURL})
	defer p.Close()
	start := time.Now()
	if snap, d := p.Apply(context.Background(), watch.Batch{Full: true}); snap == nil || d.HasErrors() {
		b.Fatalf("first build:\n%s", d.Sort())
	}
	full := time.Since(start)
	if *saveProfile != "" {
		f, err := os.Create(*saveProfile)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := (i * 7919) % len(sum.Articles)
		path := filepath.Join(root, filepath.FromSlash(sum.Articles[k]))
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		marker := fmt.Sprintf("Benchmark edit %d.", i)
		if err := os.WriteFile(path, append(data, "\n\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		snap, d := p.Apply(context.Background(), changed(root, sum.Articles[k], watch.Write))
		if snap == nil || d.HasErrors() {
			b.Fatalf("save %d:\n%s", i, d.Sort())
		}
		page := snap.Files[sum.URLs[k][1:]+"index.html"]
		if !bytes.Contains(page, []byte(marker)) {
			b.Fatalf("save %d: %s does not show the edit", i, sum.URLs[k])
		}
		b.ReportMetric(float64(snap.Written), "files/save")
	}
	b.StopTimer()
	b.ReportMetric(float64(full.Milliseconds()), "ms/full-build")
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(full), "save/full-build")
}
