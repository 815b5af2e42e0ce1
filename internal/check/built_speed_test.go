package check

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/gen"
)

// builtSample is a built site and the model it was built from.
type builtSample struct {
	names []string // HTML files, sorted
	fsys  fstest.MapFS
	site  *content.Site
	opts  Options
}

// sampleToday is the day testdata/built-sample.tar.gz was built as of.
var sampleToday = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// loadSample returns a realistic built site. testdata/built-sample.tar.gz
// holds the output of
//
//	safeguard build -s DIR --today 2026-12-01
//
// on a folder gen.Write made with Options{Articles: 30, Seed: 1, Today:
// sampleToday}: every HTML file, and every other file emptied. The source
// is made again here. SAFEGUARD_CHECK_SITE names a bigger source folder to
// use instead, with its site built (same --today) into its public/ folder
// or SAFEGUARD_CHECK_OUT.
func loadSample(tb testing.TB) *builtSample {
	tb.Helper()
	smp := &builtSample{fsys: fstest.MapFS{}}
	src := os.Getenv("SAFEGUARD_CHECK_SITE")
	if src != "" {
		out := os.Getenv("SAFEGUARD_CHECK_OUT")
		if out == "" {
			out = filepath.Join(src, "public")
		}
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			data, err := os.ReadFile(p)
			smp.fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	} else {
		f, err := os.Open("testdata/built-sample.tar.gz")
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				tb.Fatal(err)
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				tb.Fatal(err)
			}
			smp.fsys[h.Name] = &fstest.MapFile{Data: data}
		}
		src = tb.TempDir()
		if _, err := gen.Write(src, gen.Options{Articles: 30, Seed: 1, Today: sampleToday}); err != nil {
			tb.Fatal(err)
		}
	}
	for name := range smp.fsys {
		if strings.HasSuffix(name, ".html") {
			smp.names = append(smp.names, name)
		}
	}
	slices.Sort(smp.names)
	s, d := content.Load(src, content.Options{Today: sampleToday})
	if s == nil {
		tb.Fatalf("the sample source did not load:\n%s", d.Error())
	}
	smp.site = s
	smp.opts = Options{Today: sampleToday, Cache: NewCache()}
	Source(s, smp.opts)
	smp.opts.Cache.Shrink()
	return smp
}

func (smp *builtSample) bytes() int64 {
	var n int64
	for _, name := range smp.names {
		n += int64(len(smp.fsys[name].Data))
	}
	return n
}

// BenchmarkBuiltAdd indexes every HTML file of a built site, as a build
// does while Hugo writes them.
// The slow path (scanHTMLSlow, the tokenizer alone) is measured in the same
// run because timings on a shared machine vary from run to run.
func BenchmarkBuiltAdd(b *testing.B) {
	smp := loadSample(b)
	b.Run("new", func(b *testing.B) {
		b.SetBytes(smp.bytes())
		b.ReportAllocs()
		for b.Loop() {
			idx := NewBuilt()
			for _, name := range smp.names {
				idx.Add(name, smp.fsys[name].Data)
			}
		}
	})
	b.Run("slow", func(b *testing.B) {
		b.SetBytes(smp.bytes())
		b.ReportAllocs()
		for b.Loop() {
			for _, name := range smp.names {
				if strings.HasSuffix(name, ".html") {
					scanHTMLSlow(name, smp.fsys[name].Data)
				}
			}
		}
	})
}

// BenchmarkOutputBuilt runs the output rules on an index of a built site
// with the cache Source filled, as a build does.
func BenchmarkOutputBuilt(b *testing.B) {
	smp := loadSample(b)
	idx := NewBuilt()
	for _, name := range smp.names {
		idx.Add(name, smp.fsys[name].Data)
	}
	b.ReportAllocs()
	for b.Loop() {
		OutputBuilt(smp.site, idx, smp.fsys, smp.opts)
	}
}
