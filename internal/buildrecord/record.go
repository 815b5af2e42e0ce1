package buildrecord

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"safeguard/internal/parallel"
	"safeguard/internal/regular"
)

// Name is the record's file name in the output folder. It starts with a dot
// and with .safeguard-, so no deploy and no host that skips hidden files
// publishes it; it lists only names and hashes of public files.
const Name = ".safeguard-build.json"

// version changes when the format does; an unknown version is no record.
const version = 1

// Record is what a build wrote: every file's slash path relative to the
// output folder, with the SHA-256 of its bytes.
type Record struct {
	Files map[string]string
}

type onDisk struct {
	Version int               `json:"version"`
	Files   map[string]string `json:"files"`
}

// Hash is the hash a record keeps for b.
func Hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Write records every regular file under dir (a finished staging folder) in
// dir/Name. Files are hashed in parallel: the build has just written them,
// so they are in the page cache.
func Write(dir string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".safeguard-") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot record the build: %v", err)
	}
	slices.Sort(names)
	sums := make([]string, len(names))
	errs := make([]error, len(names))
	parallel.Each(len(names), func(i int) {
		b, err := regular.ReadFile(filepath.Join(dir, filepath.FromSlash(names[i])))
		if err != nil {
			errs[i] = err
			return
		}
		sums[i] = Hash(b)
	})
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cannot record the build: %v", err)
	}
	rec := onDisk{Version: version, Files: make(map[string]string, len(names))}
	for i, n := range names {
		rec.Files[n] = sums[i]
	}
	b, err := json.MarshalIndent(rec, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, Name), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("cannot record the build: %v", err)
	}
	return nil
}

// ErrMissing is returned by Read for a folder without a record.
var ErrMissing = errors.New("no build record")

// Read reads dir's record. A folder without one, or with one this version
// cannot read, gives ErrMissing (wrapped).
func Read(dir string) (Record, error) {
	b, err := regular.ReadFile(filepath.Join(dir, Name))
	if errors.Is(err, fs.ErrNotExist) {
		return Record{}, ErrMissing
	}
	if err != nil {
		return Record{}, err
	}
	var r onDisk
	if err := json.Unmarshal(b, &r); err != nil || r.Version != version || r.Files == nil {
		return Record{}, fmt.Errorf("%w (%s cannot be read; build again)", ErrMissing, Name)
	}
	return Record{Files: r.Files}, nil
}
