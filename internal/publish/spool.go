package publish

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"safeguard/internal/newsletter"
	"safeguard/internal/parallel"
)

// spool keeps the newsletter files on disk, end to end in one unnamed file,
// from the moment they are made until Hugo has finished. Held in memory they
// raised the build's peak by a tenth (about 90 MB of fragments, doubled by
// the garbage collector's headroom, at 10,000 articles); created as files
// while Hugo created its own, they cost more CPU than the whole newsletter
// (creating files is slow in the kernel, more so when two writers contend).
// One file appended to is cheap, and reading it back costs a copy.
type spool struct {
	f      *os.File
	name   string // removed already when "" (unlinked, so it can never be published)
	files  []spooled
	closed bool
}

type spooled struct {
	path string
	off  int64
	size int
}

// newSpool writes files into a new file in dir. A path that is absolute or
// climbs out of the output folder is refused before anything is written:
// generated names come from content.
func newSpool(dir string, files []newsletter.File) (*spool, error) {
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil, fmt.Errorf("newsletter file %q would be written outside the output folder (this is a bug: please report it)", f.Path)
		}
	}
	f, err := os.CreateTemp(dir, ".safeguard-newsletter-*")
	if err != nil {
		return nil, err
	}
	s := &spool{f: f, name: f.Name()}
	// Unlinked at once where the system allows it: the data stays readable
	// through f, and no name is left behind in the output, whatever happens.
	if os.Remove(s.name) == nil {
		s.name = ""
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var off int64
	for _, file := range files {
		if _, err := w.Write(file.Data); err != nil {
			s.close()
			return nil, err
		}
		s.files = append(s.files, spooled{file.Path, off, len(file.Data)})
		off += int64(len(file.Data))
	}
	if err := w.Flush(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close releases the spool and removes its file if it still has a name. A
// second call does nothing.
func (s *spool) close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); rerr != nil && err == nil {
			err = rerr
		}
		s.name = ""
	}
	return err
}

// writeOut writes every spooled file into dir, on every core, creating each
// folder once, hands each to done (when not nil) once written, and closes the
// spool. It counts the article fragments: each has a plain-text twin, and
// issue.txt is the whole issue.
func (s *spool) writeOut(dir string, done func(newsletter.File)) (written, fragments int, err error) {
	defer func() {
		if cerr := s.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	dirs := map[string]bool{}
	for _, f := range s.files {
		rel := filepath.FromSlash(f.path)
		dirs[filepath.Dir(rel)] = true
		if strings.HasSuffix(rel, ".txt") && filepath.Base(rel) != "issue.txt" {
			fragments++
		}
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return 0, 0, err
		}
	}
	var (
		count atomic.Int64
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	parallel.Each(len(s.files), func(i int) {
		f := s.files[i]
		buf := make([]byte, f.size)
		if _, err := s.f.ReadAt(buf, f.off); err != nil {
			fail(fmt.Errorf("cannot read back the newsletter file %s: %v", f.path, err))
			return
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.path)), buf, 0o644); err != nil {
			fail(err)
			return
		}
		count.Add(1)
		if done != nil {
			done(newsletter.File{Path: f.path, Data: buf})
		}
	})
	if first != nil {
		return int(count.Load()), 0, first
	}
	return len(s.files), fragments, nil
}
