package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gocloud.dev/blob"
	"golang.org/x/text/unicode/norm"

	"safeguard/internal/buildrecord"
	"safeguard/internal/deployconfig"
	"safeguard/internal/parallel"
	"safeguard/internal/private"
	"safeguard/internal/regular"
)

// File is one local file and how it is stored.
type File struct {
	Key                string // slash-separated path in the bucket, NFC, e.g. "articles/index.html"
	Size               int64  // bytes stored (after gzip)
	MD5                []byte // of the bytes stored
	ContentType        string
	CacheControl       string
	ContentEncoding    string // "gzip" or ""
	ContentDisposition string // from a header rule
	ContentLanguage    string // from a header rule
	New                bool   // not in the bucket yet
	Stage              Stage
	path               string // on disk
	sum                string // the build record's hash of the file on disk
}

// Plan is what a deploy will do, in the order it does it.
type Plan struct {
	Uploads   []File   // by stage: assets, pages, then the home page, 404, sitemap and feeds
	Deletes   []string // keys in the bucket that the build no longer has
	Unchanged int
	Bytes     int64 // bytes to upload
	Remote    int   // files in the bucket before the deploy (that the target's globs select)
	Local     int   // files of the build to deploy
	// NotBuilt are files in the folder that the build did not write (copied
	// in by hand, or left by another program): never uploaded.
	NotBuilt []string
	// Skipped are files the build wrote that are never published (hidden
	// files, editors' leftovers), with why.
	Skipped []string
	Dir     string // the build's folder, symbolic links resolved
}

// LockKey is the object that marks a deploy in progress (see Lock);
// legacyManifestKey is where earlier versions recorded headers, in public,
// and is deleted like any file the build does not have.
const (
	LockKey  = ".safeguard-deploy.lock"
	metaKey  = "safeguardheaders" // object metadata: the headers' sum (letters only: Azure's rule)
	maxShown = 5
)

// headerSum stands for the headers f is stored with; it is kept with each
// object, so a changed policy (a longer cache, a new type) reaches the
// files whose bytes did not change, and a rerun of a stopped deploy sends
// only what it had not finished.
func (f *File) headerSum() string {
	h := md5.Sum([]byte(f.ContentType + "\n" + f.CacheControl + "\n" + f.ContentEncoding + "\n" + f.ContentDisposition + "\n" + f.ContentLanguage))
	return hex.EncodeToString(h[:8])
}

// Target is an open bucket, what its service supports, and the settings
// site.yaml gives it.
type Target struct {
	Bucket  *blob.Bucket
	URL     string
	Config  deployconfig.Target
	Deploy  deployconfig.Deploy // the header rules
	Workers int                 // files in flight at once; Workers when 0
	Retry   Retry
	gzip    bool
	scheme  string
	folder  string // for file://, the folder on disk
}

// Workers is how many files travel at once by default: uploads wait on the
// network, not on the processor, so more than the cores.
const Workers = 8

// NewTarget wraps an opened bucket (see Open) for planning and applying.
func NewTarget(b *blob.Bucket, cfg deployconfig.Target, d deployconfig.Deploy) *Target {
	t := &Target{Bucket: b, URL: cfg.URL, Config: cfg, Deploy: d, gzip: gzips(cfg.URL), scheme: cfg.Scheme(), Retry: DefaultRetry}
	if t.scheme == "file" {
		if u, _, _ := strings.Cut(strings.TrimPrefix(cfg.URL, "file://"), "?"); u != "" {
			t.folder = filepath.FromSlash(u)
		}
	}
	return t
}

func (t *Target) workers() int {
	if t.Workers > 0 {
		return t.Workers
	}
	return Workers
}

// remote is one object in the bucket listing.
type remote struct {
	size int64
	md5  []byte
}

// PlanOptions steer MakePlan.
type PlanOptions struct {
	// Reupload sends every file, changed or not (hugo deploy's --force).
	Reupload bool
}

// MakePlan compares the build in dir with the bucket. Only a folder a
// safeguard build made is deployed, and of it only the files its record
// lists, unchanged since the build (see buildrecord).
func (t *Target) MakePlan(ctx context.Context, dir string, opts PlanOptions) (*Plan, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, errorf(KindUsage, "cannot read the build folder %s: %v", strconv.Quote(dir), pathErr(err))
	}
	p := &Plan{Dir: real}
	local, err := t.localFiles(p)
	if err != nil {
		return nil, err
	}
	have, err := t.list(ctx)
	if err != nil {
		return nil, err
	}
	p.Remote, p.Local = len(have), len(local)

	// Which files are already there, with the same bytes and headers.
	same := make([]bool, len(local))
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	err = each(ctx, t.workers(), len(local), func(ctx context.Context, i int) error {
		f := &local[i]
		r, ok := have[f.Key]
		f.New = !ok
		if !ok || r.size != f.Size || opts.Reupload {
			return nil
		}
		if r.md5 == nil { // a folder, or an upload in parts: compare the bytes
			err := t.Retry.do(ctx, func(ctx context.Context) error {
				sum, err := t.remoteMD5(ctx, f.Key)
				r.md5 = sum
				return err
			})
			if err != nil {
				fail(explain(t.scheme, "reading "+strconv.Quote(f.Key), err))
				return nil
			}
		}
		if !bytes.Equal(r.md5, f.MD5) {
			return nil
		}
		if t.scheme != "file" { // a folder keeps no headers
			var stored string
			err := t.Retry.do(ctx, func(ctx context.Context) error {
				a, err := t.Bucket.Attributes(ctx, f.Key)
				if err == nil {
					stored = a.Metadata[metaKey]
				}
				return err
			})
			if err != nil {
				fail(explain(t.scheme, "reading "+strconv.Quote(f.Key), err))
				return nil
			}
			if stored != f.headerSum() {
				return nil
			}
		}
		same[i] = true
		return nil
	})
	if err == nil {
		err = firstErr
	}
	if err != nil {
		return nil, explain(t.scheme, "reading what is there", err)
	}
	for i, f := range local {
		if same[i] {
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, f)
		p.Bytes += f.Size
	}
	slices.SortStableFunc(p.Uploads, uploadOrder)
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

// uploadOrder puts files by stage; among pages, new ones (which nothing
// live links to yet) before changed ones, deeper before shallower (an
// article before the list that links to it); the home page last of all.
func uploadOrder(a, b File) int {
	if a.Stage != b.Stage {
		return int(a.Stage) - int(b.Stage)
	}
	if a.Stage == StagePages && a.New != b.New {
		if a.New {
			return -1
		}
		return 1
	}
	if a.Stage != StageAssets {
		if home := (a.Key == "index.html") != (b.Key == "index.html"); home {
			if a.Key == "index.html" {
				return 1
			}
			return -1
		}
		if da, db := strings.Count(a.Key, "/"), strings.Count(b.Key, "/"); da != db {
			return db - da
		}
	}
	return strings.Compare(a.Key, b.Key)
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// localFiles reads the files the build's record lists, checks each is
// what the build wrote, and hashes what would be stored. The rules of what
// is never published (internal/private) hold here too, as a second line of
// defence behind the build's.
func (t *Target) localFiles(p *Plan) ([]File, error) {
	rec, err := buildrecord.Read(p.Dir)
	if errors.Is(err, buildrecord.ErrMissing) {
		return nil, &Error{KindUsage, fmt.Sprintf("%s was not made by safeguard build: it has no %s record of the files a build wrote (give the folder a build wrote, such as public, or run deploy without --from to build first)", strconv.Quote(p.Dir), buildrecord.Name), err}
	}
	if err != nil {
		return nil, errorf(KindSystem, "cannot read the build's record: %v", err)
	}
	if err := t.notBuilt(p, rec); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(rec.Files))
	for n := range rec.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	var (
		files []File
		bad   []string
		byKey = map[string]string{}
	)
	for _, name := range names {
		if !utf8.ValidString(name) || !fs.ValidPath(name) {
			bad = append(bad, fmt.Sprintf("%s is not a name a storage service takes (rename it in the source and build again)", strconv.Quote(name)))
			continue
		}
		key := norm.NFC.String(name)
		if other, dup := byKey[key]; dup {
			bad = append(bad, fmt.Sprintf("%s and %s are the same name written two ways (Unicode NFC and NFD); the live site would keep one (rename one of them)", strconv.Quote(other), strconv.Quote(name)))
			continue
		}
		byKey[key] = name
		switch v, why := private.Classify(key); v {
		case private.Secret:
			bad = append(bad, fmt.Sprintf("%s is never published: %s (remove it from the source and build again)", strconv.Quote(name), why))
			continue
		case private.Leftover:
			p.Skipped = append(p.Skipped, strconv.Quote(name)+": "+why)
			continue
		}
		if key == LockKey || !t.Config.Selects(key) {
			continue
		}
		f := File{Key: key, path: filepath.Join(p.Dir, filepath.FromSlash(name)), sum: rec.Files[name], Stage: stageOf(key),
			ContentType: ContentType(key), CacheControl: CacheControl(key)}
		if t.gzip && compressible(key) {
			f.ContentEncoding = "gzip"
		}
		if set := t.Deploy.HeadersFor(key); set != nil {
			if v, ok := set["Cache-Control"]; ok {
				f.CacheControl = v
			}
			f.ContentDisposition, f.ContentLanguage = set["Content-Disposition"], set["Content-Language"]
		}
		files = append(files, f)
	}
	if len(bad) > 0 {
		return nil, errorf(KindContent, "the build holds files that cannot be deployed:\n  %s", strings.Join(bad, "\n  "))
	}
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

// notBuilt lists the files in the folder that the record does not: they
// are never uploaded, and named so the person deploying knows. A name that
// is not UTF-8 cannot even be recorded, and is refused here.
func (t *Target) notBuilt(p *Plan, rec buildrecord.Record) error {
	var bad []string
	err := filepath.WalkDir(p.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(p.Dir, path)
		rel = filepath.ToSlash(rel)
		if path != p.Dir && strings.HasPrefix(d.Name(), ".safeguard-") && !strings.Contains(rel, "/") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(d.Name()) {
			bad = append(bad, strconv.Quote(rel))
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if _, ok := rec.Files[rel]; !ok {
			p.NotBuilt = append(p.NotBuilt, strconv.Quote(rel))
		}
		return nil
	})
	if err != nil {
		return errorf(KindSystem, "cannot read the build: %v", err)
	}
	if len(bad) > 0 {
		return errorf(KindContent, "the build holds names that are not valid UTF-8, which storage services refuse: %s (rename them in the source and build again)", strings.Join(bad, ", "))
	}
	return nil
}

// body is the bytes stored for f: the file, gzipped when f says so, after
// checking it is the file the build wrote. The gzip stream carries no name
// or time, so the same file always gives the same bytes and the same MD5,
// and an unchanged file is seen as unchanged.
func (f *File) body() ([]byte, error) {
	b, err := regular.ReadFile(f.path)
	if err != nil {
		return nil, errorf(KindContent, "cannot read %s from the build: %v (build again)", strconv.Quote(f.Key), pathErr(err))
	}
	if buildrecord.Hash(b) != f.sum {
		return nil, errorf(KindContent, "%s was changed after the build (build again; only what a build wrote is deployed)", strconv.Quote(f.Key))
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

// list reads the bucket's listing, a page per request: every key the
// target's globs select, with its size and MD5.
func (t *Target) list(ctx context.Context) (map[string]remote, error) {
	have := map[string]remote{}
	token := blob.FirstPageToken
	for {
		var (
			objs []*blob.ListObject
			next []byte
		)
		err := t.Retry.do(ctx, func(ctx context.Context) error {
			var err error
			objs, next, err = t.Bucket.ListPage(ctx, token, 1000, nil)
			return err
		})
		if err != nil {
			return nil, explain(t.scheme, "reading what is there", err)
		}
		for _, o := range objs {
			if o.IsDir || o.Key == LockKey || !t.Config.Selects(o.Key) {
				continue
			}
			have[o.Key] = remote{size: o.Size, md5: o.MD5}
		}
		if len(next) == 0 {
			return have, nil
		}
		token = next
	}
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

// removeEmptyDirs removes the folders of a folder target that the deletes
// left empty, up to the target's own.
func (t *Target) removeEmptyDirs(deleted []string) {
	if t.folder == "" {
		return
	}
	for _, k := range deleted {
		for dir := filepath.Dir(filepath.Join(t.folder, filepath.FromSlash(k))); len(dir) > len(t.folder); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil { // not empty, or gone
				break
			}
		}
	}
}
