package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"gocloud.dev/blob"

	"safeguard/internal/parallel"
	"safeguard/internal/regular"
)

// File is one local file and how it is stored.
type File struct {
	Key             string // slash-separated path in the bucket, e.g. "articles/index.html"
	Size            int64  // bytes stored (after gzip)
	MD5             []byte // of the bytes stored
	ContentType     string
	CacheControl    string
	ContentEncoding string // "gzip" or ""
	New             bool   // not in the bucket yet
	path            string // on disk
}

// Plan is what a deploy will do, in the order it does it.
type Plan struct {
	Uploads   []File   // new files and assets first, then changed pages
	Deletes   []string // keys in the bucket that the build no longer has
	Unchanged int
	Bytes     int64 // bytes to upload
	Remote    int   // files in the bucket before the deploy
	Local     int   // files in the build
	// headers is the manifest Apply writes last: every file's header sum.
	// nil for a folder, which keeps no headers.
	headers map[string]string
}

// ManifestKey is the object in which a deploy records the headers each file
// was stored with. The listing gives the MD5 of the bytes but not the
// headers, and a changed policy (a longer cache, a new type) must reach the
// files whose bytes did not change.
const ManifestKey = ".safeguard-deploy.json"

type manifest struct {
	Version int               `json:"version"`
	Headers map[string]string `json:"headers"` // key: headerSum
}

// headerSum stands for the headers f is stored with.
func (f *File) headerSum() string {
	h := md5.Sum([]byte(f.ContentType + "\n" + f.CacheControl + "\n" + f.ContentEncoding))
	return hex.EncodeToString(h[:8])
}

// Target is an open bucket and what its service supports.
type Target struct {
	Bucket *blob.Bucket
	URL    string
	gzip   bool
	scheme string
}

// NewTarget wraps an opened bucket (see Open) for planning and applying.
func NewTarget(b *blob.Bucket, rawURL string) *Target {
	scheme, _, _ := strings.Cut(rawURL, ":")
	return &Target{Bucket: b, URL: rawURL, gzip: gzips(rawURL), scheme: scheme}
}

// remote is one object in the bucket listing.
type remote struct {
	size int64
	md5  []byte
}

// MakePlan compares the build in dir with the bucket.
func (t *Target) MakePlan(ctx context.Context, dir string) (*Plan, error) {
	local, err := t.localFiles(dir)
	if err != nil {
		return nil, err
	}
	have, err := t.list(ctx)
	if err != nil {
		return nil, err
	}
	var stored map[string]string // the headers each file was stored with
	if t.scheme != "file" {
		if _, ok := have[ManifestKey]; ok {
			if stored, err = t.readManifest(ctx); err != nil {
				return nil, explain(t.scheme, "reading what is there", err)
			}
		}
	}
	delete(have, ManifestKey)
	p := &Plan{Remote: len(have), Local: len(local)}
	if t.scheme != "file" {
		p.headers = map[string]string{}
		for _, f := range local {
			p.headers[f.Key] = f.headerSum()
		}
	}
	var (
		mu       sync.Mutex
		firstErr error
	)
	same := make([]bool, len(local))
	parallel.Each(len(local), func(i int) {
		f := &local[i]
		r, ok := have[f.Key]
		f.New = !ok
		if !ok || r.size != f.Size {
			return
		}
		if r.md5 == nil { // a folder, or an upload in parts: compare the bytes
			sum, err := t.remoteMD5(ctx, f.Key)
			if err != nil {
				mu.Lock()
				firstErr = cmpErr(firstErr, err)
				mu.Unlock()
				return
			}
			r.md5 = sum
		}
		// Without a record of its headers, a file is sent again with them.
		same[i] = bytes.Equal(r.md5, f.MD5) && (p.headers == nil || stored[f.Key] == p.headers[f.Key])
	})
	if firstErr != nil {
		return nil, explain(t.scheme, "reading what is there", firstErr)
	}
	var pages []File
	for i, f := range local {
		switch {
		case same[i]:
			p.Unchanged++
			continue
		case isPage(f.Key) && !f.New:
			pages = append(pages, f)
		default:
			p.Uploads = append(p.Uploads, f)
		}
		p.Bytes += f.Size
	}
	p.Uploads = append(p.Uploads, pages...)
	keep := map[string]bool{}
	for _, f := range local {
		keep[f.Key] = true
	}
	for k := range have {
		if !keep[k] {
			p.Deletes = append(p.Deletes, k)
		}
	}
	slices.Sort(p.Deletes)
	return p, nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// localFiles reads every regular file under dir (symbolic links and other
// special files are never followed or published) and hashes what would be
// stored.
func (t *Target) localFiles(dir string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".safeguard-") { // staging folders, a manifest
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		f := File{Key: key, path: p, ContentType: ContentType(key), CacheControl: CacheControl(key)}
		if t.gzip && compressible(key) {
			f.ContentEncoding = "gzip"
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the build: %v", err)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Key, b.Key) })
	errs := make([]error, len(files))
	parallel.Each(len(files), func(i int) {
		b, err := files[i].body()
		if err != nil {
			errs[i] = err
			return
		}
		sum := md5.Sum(b)
		files[i].MD5, files[i].Size = sum[:], int64(len(b))
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// body is the bytes stored for f: the file, gzipped when f says so. The
// gzip stream carries no name or time, so the same file always gives the
// same bytes and the same MD5, and an unchanged file is seen as unchanged.
func (f *File) body() ([]byte, error) {
	b, err := regular.ReadFile(f.path)
	if err != nil {
		return nil, err
	}
	if f.ContentEncoding != "gzip" {
		return b, nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// list reads the bucket's listing: every key with its size and MD5.
func (t *Target) list(ctx context.Context) (map[string]remote, error) {
	have := map[string]remote{}
	it := t.Bucket.List(nil)
	for {
		o, err := it.Next(ctx)
		if err == io.EOF {
			return have, nil
		}
		if err != nil {
			return nil, explain(t.scheme, "reading what is there", err)
		}
		if o.IsDir {
			continue
		}
		have[o.Key] = remote{size: o.Size, md5: o.MD5}
	}
}

// readManifest reads the headers recorded by the last deploy.
func (t *Target) readManifest(ctx context.Context) (map[string]string, error) {
	b, err := t.Bucket.ReadAll(ctx, ManifestKey)
	if err != nil {
		return nil, err
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b { // a service that hands back what it stored
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(zr)
		}
		if err != nil {
			return nil, err
		}
	}
	var m manifest
	if json.Unmarshal(b, &m) != nil || m.Version != 1 {
		return nil, nil // unreadable: every file is sent again with its headers
	}
	return m.Headers, nil
}

// writeManifest records the headers of the deployed files.
func (t *Target) writeManifest(ctx context.Context, headers map[string]string) error {
	b, err := json.Marshal(manifest{Version: 1, Headers: headers})
	if err != nil {
		return err
	}
	return t.Bucket.WriteAll(ctx, ManifestKey, b, &blob.WriterOptions{ContentType: "application/json", CacheControl: "no-store"})
}

// remoteMD5 hashes an object's stored bytes, for services whose listing
// has no MD5.
func (t *Target) remoteMD5(ctx context.Context, key string) ([]byte, error) {
	r, err := t.Bucket.NewReader(ctx, key, &blob.ReaderOptions{})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := md5.New()
	if _, err := io.Copy(h, r); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
