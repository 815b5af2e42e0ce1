package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/bep/overlayfs"
	"github.com/spf13/afero"

	"safeguard"
	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// builtinTheme is the theme every build mounts; tests replace it to see only
// their fixtures' layouts.
var builtinTheme fs.FS = safeguard.Theme

// newFs returns Hugo's source file system: an in-memory layer holding the
// built-in theme (at themesDir) over disk (the real disk, with the model's
// pages served from memory). Memory comes first and takes
// every write (Hugo creates cache folders while loading its configuration), so a
// build never writes into the source folder; a read-only union would break
// configuration loading. The memory layer also holds the content generated
// from the model (GeneratedContent, at generatedDir); it is returned too, for
// a preview session to update.
func newFs(disk afero.Fs, generated map[string][]byte) (afero.Fs, afero.Fs, error) {
	themeFS := builtinTheme
	mem := afero.NewMemMapFs()
	theme := filepath.Join(themesDir, themeName)
	err := fs.WalkDir(themeFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".keep" {
			return err
		}
		data, err := fs.ReadFile(themeFS, p)
		if err != nil {
			return err
		}
		return afero.WriteFile(mem, filepath.Join(theme, filepath.FromSlash(p)), data, 0o644)
	})
	if err != nil {
		return nil, nil, err
	}
	if _, _, _, err := writeGenerated(mem, nil, generated); err != nil {
		return nil, nil, err
	}
	// The mount's folder must exist even when nothing is generated.
	if err := mem.MkdirAll(generatedDir, 0o755); err != nil {
		return nil, nil, err
	}
	// An empty configuration file, named explicitly, so Hugo never reads a
	// hugo.toml or config.toml the source folder may hold: the configuration
	// comes from the model alone (raw HTML stays off whatever such a file says).
	if err := afero.WriteFile(mem, configFile, nil, 0o644); err != nil {
		return nil, nil, err
	}
	// Hugo expects the theme's component folders to exist.
	for _, dir := range []string{"layouts", "assets"} {
		if err := mem.MkdirAll(filepath.Join(theme, dir), 0o755); err != nil {
			return nil, nil, err
		}
	}
	return overlayfs.New(overlayfs.Options{Fss: []afero.Fs{mem, disk}, FirstWritable: true}), mem, nil
}

// countingFs is the publish file system: it records every file Hugo writes, so a
// build can say how many pages and files it wrote without walking the output,
// and hands each HTML file's bytes to onHTML (when set) as it is closed, so
// the output can be checked without reading it back. Hugo writes from many
// goroutines.
type countingFs struct {
	afero.Fs
	mu     sync.Mutex
	files  map[string]bool
	root   string                        // the publish folder, for onHTML's paths
	onHTML func(rel string, data []byte) // called from Hugo's goroutines
	failed error                         // the first file or folder that could not be created
}

// fail remembers the first write that failed: Hugo reports it as an error
// of its own, which is the machine's, not the content's. A missing folder
// is not a failure: Hugo makes it and opens the file again.
func (c *countingFs) fail(err error) {
	if os.IsNotExist(err) {
		return
	}
	c.mu.Lock()
	if c.failed == nil {
		c.failed = err
	}
	c.mu.Unlock()
}

func (c *countingFs) MkdirAll(name string, perm os.FileMode) error {
	err := c.Fs.MkdirAll(name, perm)
	if err != nil {
		c.fail(err)
	}
	return err
}

func newCountingFs(base afero.Fs) *countingFs {
	return &countingFs{Fs: base, files: map[string]bool{}}
}

func (c *countingFs) Create(name string) (afero.File, error) {
	f, err := c.Fs.Create(name)
	if err == nil {
		c.add(name)
		f = c.capture(name, stripping(name, f))
	} else {
		c.fail(err)
	}
	return f, err
}

func (c *countingFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := c.Fs.OpenFile(name, flag, perm)
	if err != nil && flag&os.O_CREATE != 0 {
		c.fail(err)
	}
	if err == nil && flag&os.O_CREATE != 0 {
		c.add(name)
		if flag&os.O_APPEND == 0 {
			f = c.capture(name, stripping(name, f))
		}
	}
	return f, err
}

// capture wraps a new HTML file so that its bytes reach onHTML.
func (c *countingFs) capture(name string, f afero.File) afero.File {
	if c.onHTML == nil || !strings.HasSuffix(name, ".html") {
		return f
	}
	rel := filepath.Clean(name)
	if filepath.IsAbs(rel) {
		r, err := filepath.Rel(c.root, rel)
		if err != nil || !filepath.IsLocal(r) {
			return f
		}
		rel = r
	}
	return &teeFile{File: f, fs: c.Fs, name: name, rel: filepath.ToSlash(rel), done: c.onHTML}
}

// teeFile hands what is written to done without copying it: Hugo writes
// each page with one Write, so done sees that write's bytes before Write
// returns (a copy of every page was garbage the size of the site).
// A file written in several pieces is read back once closed and handed
// over again whole; done must let a later call for a file replace an
// earlier one.
type teeFile struct {
	afero.File
	fs     afero.Fs
	name   string
	rel    string
	writes int
	done   func(rel string, data []byte)
}

func (t *teeFile) Write(p []byte) (int, error) {
	n, err := t.File.Write(p)
	t.wrote(p[:n])
	return n, err
}

func (t *teeFile) WriteString(s string) (int, error) {
	n, err := t.File.WriteString(s)
	t.wrote(unsafe.Slice(unsafe.StringData(s), n)) // done only reads it
	return n, err
}

func (t *teeFile) wrote(p []byte) {
	t.writes++
	if t.writes == 1 && t.done != nil {
		t.done(t.rel, p)
	}
}

func (t *teeFile) Close() error {
	err := t.File.Close()
	if t.done == nil {
		return err
	}
	switch {
	case t.writes == 0:
		t.done(t.rel, nil)
	case t.writes > 1 && err == nil:
		if data, rerr := afero.ReadFile(t.fs, t.name); rerr == nil {
			t.done(t.rel, data)
		}
	}
	t.done = nil
	return err
}

func (c *countingFs) add(name string) {
	c.mu.Lock()
	c.files[filepath.Clean(name)] = true
	c.mu.Unlock()
}

// counts returns the number of HTML files and of all files written.
func (c *countingFs) counts() (pages, files int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name := range c.files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	return pages, len(c.files)
}

// copyStatic copies what static/ publishes (see staticFiles) into dest, as
// the hugo command does (the library does not). It returns the files
// copied, hands each HTML file to onHTML when that is set, and reports a
// file that changed into something unsafe since it was looked at.
func copyStatic(s *content.Site, dest string, onHTML func(rel string, data []byte)) ([]string, diag.List, error) {
	var copied []string
	var diags diag.List
	for _, e := range staticFiles(s) {
		rel := staticRel(e)
		target := filepath.Join(dest, filepath.FromSlash(rel))
		if e.Type.IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return copied, diags, err
			}
			continue
		}
		data, why, err := readStaticFile(s.Root, e)
		if err != nil {
			return copied, diags, err
		}
		if why != "" {
			diags.Errorf(e.Path, 0, 0, "unsafe-file", "%s", why)
			continue
		}
		copied = append(copied, target)
		if onHTML != nil && strings.HasSuffix(rel, ".html") {
			onHTML(rel, data)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return copied, diags, err
		}
	}
	return copied, diags, nil
}
