package archetype

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Overlay is a folder with one file replaced, added or (Data nil, Remove
// set) taken away, so the loader can check a file before it is written.
type Overlay struct {
	FS     fs.FS
	Name   string // slash path of the file
	Data   []byte
	Remove bool
}

func (o Overlay) Open(name string) (fs.File, error) {
	if name == o.Name {
		if o.Remove {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return &memFile{name: path.Base(name), r: bytes.NewReader(o.Data), size: int64(len(o.Data))}, nil
	}
	return o.FS.Open(name)
}

func (o Overlay) Stat(name string) (fs.FileInfo, error) {
	if name == o.Name {
		if o.Remove {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
		return memInfo{path.Base(name), int64(len(o.Data)), false}, nil
	}
	return fs.Stat(o.FS, name)
}

func (o Overlay) ReadFile(name string) ([]byte, error) {
	if name == o.Name && !o.Remove {
		return slices.Clone(o.Data), nil
	}
	if name == o.Name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(o.FS, name)
}

func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(o.FS, name)
	if o.Remove || !strings.HasPrefix(o.Name, name+"/") {
		if o.Remove && path.Dir(o.Name) == name {
			es = slices.DeleteFunc(es, func(e fs.DirEntry) bool { return e.Name() == path.Base(o.Name) })
		}
		return es, err
	}
	if err != nil {
		// a folder that is new, made for the file
		if _, serr := fs.Stat(o.FS, name); serr == nil {
			return nil, err
		}
		es, err = nil, nil
	}
	// The entry on the way to the file: the file itself, or a folder.
	child, _, deeper := strings.Cut(strings.TrimPrefix(o.Name, name+"/"), "/")
	for _, e := range es {
		if e.Name() == child && deeper {
			return es, nil
		}
	}
	es = slices.DeleteFunc(es, func(e fs.DirEntry) bool { return e.Name() == child })
	if deeper {
		es = append(es, fs.FileInfoToDirEntry(memInfo{child, 0, true}))
	} else {
		es = append(es, fs.FileInfoToDirEntry(memInfo{child, int64(len(o.Data)), false}))
	}
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return es, nil
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size, false}, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

var _ io.Reader = (*memFile)(nil)

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Now() }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
