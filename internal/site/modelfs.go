package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/afero"

	"safeguard/internal/content"
)

// modelFs is the disk as Hugo reads it, except that the Markdown file of
// every page in the model is served from the model (content.Page.Served):
// front matter written again from the fields the loader checked, then the
// body it read. Hugo then publishes exactly what was validated (no field
// the checks did not read, however the file's own front matter was
// written), even when a file is saved while a build runs, and it does not
// open, stat and read each page's file again (twice: once for the front
// matter, once for the body). Every other file, and every write, goes to
// the disk.
type modelFs struct {
	afero.Fs // the disk
	served   atomic.Pointer[served]
	// narrow, while a preview's incremental build runs, lists some folders
	// holding pages with only the pages that changed (folder -> file names).
	// Hugo re-collects a changed page by listing its whole folder and
	// keeping the one entry it wants: at 10,000 articles that listing was a
	// fifth of a save's time. It is set only when every change in the folder
	// is an edit of a page that was already there (no bundle file, nothing
	// added or removed), when Hugo's filter keeps just those files anyway;
	// the soak test compares such rebuilds with fresh builds.
	narrow atomic.Pointer[map[string]map[string]bool]
}

type served struct {
	pages map[string]*content.Page // by absolute file name
	dirs  map[string]bool          // folders holding any of pages
}

func newModelFs(s *content.Site) *modelFs {
	m := &modelFs{Fs: afero.NewOsFs()}
	m.set(s)
	return m
}

// set makes the pages of s the ones served; a preview session calls it with
// each new model before Hugo rebuilds.
func (m *modelFs) set(s *content.Site) {
	sv := &served{pages: make(map[string]*content.Page, len(s.Pages)), dirs: map[string]bool{}}
	for _, p := range s.Pages {
		if p.Served != nil {
			name := filepath.Join(s.Root, filepath.FromSlash(p.Path))
			sv.pages[name] = p
			sv.dirs[filepath.Dir(name)] = true
		}
	}
	m.served.Store(sv)
}

func (m *modelFs) page(name string) *content.Page {
	return m.served.Load().pages[filepath.Clean(name)]
}

func (m *modelFs) Stat(name string) (os.FileInfo, error) {
	if p := m.page(name); p != nil {
		return infoOf(name, p), nil
	}
	return m.Fs.Stat(name)
}

// LstatIfPossible goes to the disk for every file, as it did before: the
// walk of content/ must still see what is there.
func (m *modelFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	return m.Fs.(afero.Lstater).LstatIfPossible(name)
}

func (m *modelFs) Open(name string) (afero.File, error) {
	if p := m.page(name); p != nil {
		return openPage(name, p), nil
	}
	f, err := m.Fs.Open(name)
	if err == nil && m.served.Load().dirs[filepath.Clean(name)] {
		if d, ok := f.(readDirFile); ok {
			pd := &pageDir{readDirFile: d, m: m}
			if nw := m.narrow.Load(); nw != nil {
				pd.only = (*nw)[filepath.Clean(name)]
			}
			return pd, nil
		}
	}
	return f, err
}

func openPage(name string, p *content.Page) afero.File {
	return &pageFile{Reader: bytes.NewReader(p.Served), name: name, info: infoOf(name, p)}
}

func infoOf(name string, p *content.Page) pageInfo {
	return pageInfo{name: filepath.Base(name), size: int64(len(p.Served)), mod: p.ModTime}
}

type readDirFile interface {
	afero.File
	ReadDir(n int) ([]fs.DirEntry, error)
}

// pageDir is an open folder holding pages. Its entries for pages describe
// them from the model, as Stat does: Hugo asks a file's modification time
// late in a build, and panics (in a goroutine, so nothing can recover) if
// the file was deleted since it listed the folder. Served from the model,
// a page deleted during a build is simply built one last time; the next
// build no longer has it.
type pageDir struct {
	readDirFile
	m    *modelFs
	only map[string]bool // when set, the only entries listed (modelFs.narrow)
}

func (d *pageDir) ReadDir(n int) ([]fs.DirEntry, error) {
	for {
		entries, err := d.readDirFile.ReadDir(n)
		kept := entries[:0]
		for _, e := range entries {
			if d.only != nil && !d.only[e.Name()] {
				continue
			}
			name := filepath.Join(d.Name(), e.Name())
			if p := d.m.page(name); p != nil {
				e = pageEntry{DirEntry: e, info: infoOf(name, p)}
			}
			kept = append(kept, e)
		}
		// With n > 0 an empty answer must carry an error: read on
		// until an entry is kept or the folder ends.
		if len(kept) > 0 || err != nil || n <= 0 || len(entries) == 0 {
			return kept, err
		}
	}
}

type pageEntry struct {
	fs.DirEntry
	info pageInfo
}

func (e pageEntry) Info() (fs.FileInfo, error) { return e.info, nil }

func (m *modelFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) == 0 {
		if p := m.page(name); p != nil {
			return openPage(name, p), nil
		}
	}
	return m.Fs.OpenFile(name, flag, perm)
}

func (m *modelFs) Name() string { return "safeguard model" }

// pageInfo describes a page's file as it was when the loader read it.
type pageInfo struct {
	name string
	size int64
	mod  time.Time
}

func (i pageInfo) Name() string       { return i.name }
func (i pageInfo) Size() int64        { return i.size }
func (i pageInfo) Mode() fs.FileMode  { return 0o644 }
func (i pageInfo) ModTime() time.Time { return i.mod }
func (i pageInfo) IsDir() bool        { return false }
func (i pageInfo) Sys() any           { return nil }

// pageFile is a read-only open page file.
type pageFile struct {
	*bytes.Reader
	name string
	info pageInfo
}

func (f *pageFile) Close() error                       { return nil }
func (f *pageFile) Name() string                       { return f.name }
func (f *pageFile) Stat() (os.FileInfo, error)         { return f.info, nil }
func (f *pageFile) Sync() error                        { return nil }
func (f *pageFile) Readdir(int) ([]os.FileInfo, error) { return nil, f.err("readdir", syscall.ENOTDIR) }
func (f *pageFile) Readdirnames(int) ([]string, error) { return nil, f.err("readdir", syscall.ENOTDIR) }
func (f *pageFile) Write([]byte) (int, error)          { return 0, f.err("write", syscall.EBADF) }
func (f *pageFile) WriteAt([]byte, int64) (int, error) { return 0, f.err("write", syscall.EBADF) }
func (f *pageFile) WriteString(string) (int, error)    { return 0, f.err("write", syscall.EBADF) }
func (f *pageFile) Truncate(int64) error               { return f.err("truncate", syscall.EBADF) }
func (f *pageFile) err(op string, e error) *fs.PathError {
	return &fs.PathError{Op: op, Path: f.name, Err: e}
}
