package deploy

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"
)

const css = "main.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.css"

// site writes a small build: pages that link to each other, a
// fingerprinted stylesheet, an image, a feed, a sitemap and a newsletter
// fragment. version changes the pages' text; extra adds pages.
func site(t *testing.T, dir string, version int, extra ...string) {
	t.Helper()
	os.RemoveAll(dir)
	page := func(links ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/css/%s\"></head><body><p>version %d</p>", css, version)
		for _, l := range links {
			fmt.Fprintf(&b, `<a href="%s">x</a>`, l)
		}
		b.WriteString(`<img src="/img/logo.png" alt=""></body></html>` + strings.Repeat("\n<!-- padding so that gzip pays -->", 40))
		return b.String()
	}
	links := []string{"/articles/", "/articles/prevent/", "/newsletter/2026-11/issue.html"}
	for _, e := range extra {
		links = append(links, "/"+e+"/")
	}
	files := map[string]string{
		"index.html":                      page(links...),
		"articles/index.html":             page("/", "/articles/prevent/"),
		"articles/prevent/index.html":     page("/"),
		"articles/index.xml":              "<rss></rss>",
		"sitemap.xml":                     "<urlset></urlset>",
		"404.html":                        page("/"),
		"css/" + css:                      "body{color:#000}",
		"img/logo.png":                    "\x89PNG fake image bytes",
		"newsletter/2026-11/issue.html":   page("/"),
		"newsletter/2026-11/manifest.txt": "one fragment",
		"_headers":                        "/*\n  X-Frame-Options: DENY\n",
	}
	for _, e := range extra {
		files[e+"/index.html"] = page("/")
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// exercise runs the whole deploy story against one real service.
// sentCache, when set, gives the Cache-Control a service received but does
// not keep (gofakes3).
func exercise(t *testing.T, rawURL string, wantGzip bool, sentCache func(key string) string) {
	ctx := context.Background()
	b, err := Open(ctx, rawURL, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tg := NewTarget(b, rawURL)
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)

	deploy := func(opts Options) (*Plan, Result, error) {
		t.Helper()
		p, err := tg.MakePlan(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		r, err := tg.Apply(ctx, p, opts)
		return p, r, err
	}

	// First deploy: everything goes up, with its headers.
	p, r, err := deploy(Options{MaxDeletePercent: 25})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Uploads) != 11 || r.Uploaded != 11 || p.Unchanged != 0 || len(p.Deletes) != 0 || r.Bytes != p.Bytes {
		t.Fatalf("first deploy: plan %+v, result %+v", p, r)
	}
	enc := ""
	if wantGzip {
		enc = "gzip"
	}
	for key, want := range map[string][3]string{
		"index.html":                      {"text/html; charset=utf-8", CacheShort, enc},
		"articles/index.xml":              {"application/xml; charset=utf-8", CacheShort, enc},
		"css/" + css:                      {"text/css; charset=utf-8", CacheImmutable, enc},
		"img/logo.png":                    {"image/png", CacheAsset, ""},
		"newsletter/2026-11/manifest.txt": {"text/plain; charset=utf-8", CacheShort, enc},
	} {
		a, err := b.Attributes(ctx, key)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if sentCache != nil {
			a.CacheControl = sentCache(key)
		}
		if !strings.HasPrefix(rawURL, "file:") { // a folder keeps no headers
			if a.ContentType != want[0] || a.CacheControl != want[1] || a.ContentEncoding != want[2] {
				t.Errorf("%s: type %q, cache %q, encoding %q; want %q", key, a.ContentType, a.CacheControl, a.ContentEncoding, want)
			}
		}
		if got := read(t, b, key); key == "index.html" && !strings.Contains(got, "version 1") {
			t.Errorf("index.html reads back as %q", got)
		}
	}

	// Second run: nothing to do.
	p, r, err = deploy(Options{MaxDeletePercent: 25})
	if err != nil || len(p.Uploads) != 0 || len(p.Deletes) != 0 || p.Unchanged != 11 || r.Uploaded != 0 {
		t.Fatalf("second deploy: plan %+v, result %+v, %v", p, r, err)
	}

	// A file whose bytes are the same but whose headers changed (a new
	// policy) is sent again: the manifest records the headers.
	if !strings.HasPrefix(rawURL, "file:") {
		m, err := tg.readManifest(ctx)
		if err != nil || len(m) != 11 {
			t.Fatalf("manifest %v %v", m, err)
		}
		m["img/logo.png"] = "an older policy"
		if err := tg.writeManifest(ctx, m); err != nil {
			t.Fatal(err)
		}
		p, r, err = deploy(Options{MaxDeletePercent: 25})
		if err != nil || keys(p.Uploads) != "img/logo.png" || r.Uploaded != 1 {
			t.Fatalf("changed headers: uploads %s, %+v, %v", keys(p.Uploads), r, err)
		}
	}

	// A new page, a changed home page, one file gone: the new page goes
	// before the home page that links to it, and the delete comes last.
	site(t, dir, 1, "events")
	os.Remove(filepath.Join(dir, "newsletter", "2026-11", "manifest.txt"))
	p, r, err = deploy(Options{MaxDeletePercent: 25})
	if err != nil {
		t.Fatal(err)
	}
	if keys(p.Uploads) != "events/index.html index.html" || strings.Join(p.Deletes, " ") != "newsletter/2026-11/manifest.txt" || r.Deleted != 1 {
		t.Fatalf("change: uploads %s, deletes %v, result %+v", keys(p.Uploads), p.Deletes, r)
	}
	if p.Uploads[1].New || !p.Uploads[0].New {
		t.Errorf("new/changed wrong: %+v", p.Uploads)
	}
	if ok, _ := b.Exists(ctx, "newsletter/2026-11/manifest.txt"); ok {
		t.Error("the deleted file is still there")
	}
	if got := p.InvalidationPaths(); strings.Join(got, " ") != "/index.html / /newsletter/2026-11/manifest.txt" {
		t.Errorf("invalidation paths %v", got)
	}

	// The guard: a build that lost most of the site deletes nothing.
	for _, d := range []string{"articles", "newsletter", "css", "img", "events"} {
		os.RemoveAll(filepath.Join(dir, d))
	}
	p, err = tg.MakePlan(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var ge *GuardError
	if _, err := tg.Apply(ctx, p, Options{MaxDeletePercent: 25}); !errors.As(err, &ge) || ge.Deletes != 7 || ge.Remote != 11 {
		t.Fatalf("guard: %v", err)
	}
	if ok, _ := b.Exists(ctx, "articles/prevent/index.html"); !ok {
		t.Fatal("the guard let a delete through")
	}
	if !strings.Contains(read(t, b, "index.html"), "/events/") {
		t.Fatal("the guard let an upload through")
	}

	// An interrupted deploy: version 2 with two new pages, stopped after a
	// few uploads. Every page that is live must find what it links to.
	site(t, dir, 2, "events", "help", "report")
	ictx, cancel := context.WithCancel(ctx)
	p, err = tg.MakePlan(ictx, dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tg.Apply(ictx, p, Options{MaxDeletePercent: 25, Progress: func(pr Progress) {
		if pr.Done == 2 {
			cancel()
		}
	}})
	cancel()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted deploy returned %v", err)
	}
	consistent(t, b)
	if strings.Contains(read(t, b, "index.html"), "version 2") {
		t.Error("the home page went up before the pages it links to")
	}

	// Running again finishes it, and the site is whole and new.
	_, r, err = deploy(Options{MaxDeletePercent: 25})
	if err != nil || r.Uploaded == 0 {
		t.Fatalf("finishing: %+v %v", r, err)
	}
	consistent(t, b)
	if !strings.Contains(read(t, b, "index.html"), "version 2") {
		t.Error("the home page is old after the deploy finished")
	}
	if p, _ := tg.MakePlan(ctx, dir); len(p.Uploads)+len(p.Deletes) != 0 {
		t.Errorf("after finishing, still %d uploads and %d deletes", len(p.Uploads), len(p.Deletes))
	}
}

func keys(fs []File) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key)
	}
	return strings.Join(out, " ")
}

// read returns an object's text, uncompressed.
func read(t *testing.T, b *blob.Bucket, key string) string {
	t.Helper()
	data, err := b.ReadAll(context.Background(), key)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return string(data)
}

var linkRE = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// consistent checks that every local link of every live page is live.
func consistent(t *testing.T, b *blob.Bucket) {
	t.Helper()
	ctx := context.Background()
	it := b.List(nil)
	for {
		o, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(o.Key, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(read(t, b, o.Key), -1) {
			key := strings.TrimPrefix(m[1], "/")
			if key == "" || strings.HasSuffix(key, "/") {
				key += "index.html"
			}
			if ok, err := b.Exists(ctx, key); err != nil || !ok {
				t.Errorf("live %s links to %s, which is not there (%v)", o.Key, m[1], err)
			}
		}
	}
}

func TestDeployFolder(t *testing.T) {
	exercise(t, "file://"+filepath.ToSlash(filepath.Join(t.TempDir(), "live")), false, nil)
}

// TestDeployS3 runs against gofakes3, an S3 server, on a real listener.
func TestDeployS3(t *testing.T) {
	backend := s3mem.New()
	if err := backend.CreateBucket("site"); err != nil {
		t.Fatal(err)
	}
	// gofakes3 keeps Content-Type and Content-Encoding but not
	// Cache-Control: the server records the one each upload sent.
	var mu sync.Mutex
	sent := map[string]string{}
	fake := gofakes3.New(backend).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			mu.Lock()
			sent[strings.TrimPrefix(r.URL.Path, "/site/")] = r.Header.Get("Cache-Control")
			mu.Unlock()
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	awsEnv(t)
	exercise(t, "s3://site?region=eu-west-2&use_path_style=true&disable_https=true&endpoint="+srv.URL, true, func(key string) string {
		mu.Lock()
		defer mu.Unlock()
		return sent[key]
	})
}

// awsEnv gives the AWS SDK test credentials and keeps it off the machine's
// own configuration and the instance metadata address.
func awsEnv(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "eu-west-2")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "")
}

// Azurite's well-known development account (public, documented by Microsoft).
const (
	azuriteAccount = "devstoreaccount1"
	azuriteKey     = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)

// TestDeployAzure runs against Azurite, Microsoft's storage emulator, which
// scripts/test installs with the browser test's npm packages.
func TestDeployAzure(t *testing.T) {
	port := startAzurite(t)
	t.Setenv("AZURE_STORAGE_ACCOUNT", azuriteAccount)
	t.Setenv("AZURE_STORAGE_KEY", azuriteKey)
	for _, k := range []string{"AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGEBLOB_CONNECTIONSTRING", "AZURE_STORAGE_SAS_TOKEN", "AZURE_STORAGE_DOMAIN", "AZURE_STORAGE_PROTOCOL", "AZURE_STORAGE_IS_CDN", "AZURE_STORAGE_IS_LOCAL_EMULATOR"} {
		t.Setenv(k, "")
	}
	cred, err := azblob.NewSharedKeyCredential(azuriteAccount, azuriteKey)
	if err != nil {
		t.Fatal(err)
	}
	client, err := azblob.NewClientWithSharedKeyCredential(fmt.Sprintf("http://127.0.0.1:%d/%s/", port, azuriteAccount), cred, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateContainer(context.Background(), "$web", nil); err != nil {
		t.Fatal(err)
	}
	exercise(t, fmt.Sprintf("azblob://$web?localemu=true&protocol=http&domain=127.0.0.1:%d", port), true, nil)
}

// startAzurite runs azurite-blob in memory on a free port of 127.0.0.1 and
// stops it when the test ends.
func startAzurite(t *testing.T) int {
	t.Helper()
	bin, _ := filepath.Abs(filepath.Join("..", "..", "e2e", "node_modules", ".bin", "azurite-blob"))
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("SAFEGUARD_SKIP_BROWSER") != "" || os.Getenv("SAFEGUARD_SKIP_AZURITE") != "" {
			t.Skip("Azurite is not installed and SAFEGUARD_SKIP_BROWSER or SAFEGUARD_SKIP_AZURITE is set")
		}
		t.Fatalf("Azurite is missing (%v): run 'npm ci --ignore-scripts' in e2e/ (scripts/test does), or set SAFEGUARD_SKIP_AZURITE=1 to skip this test", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--blobHost", "127.0.0.1", "--blobPort", fmt.Sprint(port),
		"--inMemoryPersistence", "--extentMemoryLimit", "64", "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose")
	cmd.Dir = t.TempDir()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	ready := make(chan string, 1)
	go func() {
		var seen strings.Builder
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			seen.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "successfully listen") {
				ready <- ""
				io.Copy(io.Discard, out)
				return
			}
		}
		ready <- seen.String()
	}()
	select {
	case msg := <-ready:
		if msg != "" {
			t.Fatalf("Azurite stopped before it was ready:\n%s", msg)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Azurite did not start within 60 s")
	}
	return port
}

// TestCloudFrontInvalidation sends the request to a local server that
// answers as CloudFront does, and checks what it was asked.
func TestCloudFrontInvalidation(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = r.Method + " " + r.URL.Path + "\n" + string(body)
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-12-07T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>2</Quantity><Items><Path>/index.html</Path><Path>/</Path></Items></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>`)
	}))
	t.Cleanup(srv.Close)
	awsEnv(t)
	t.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", srv.URL)
	id, err := CloudFront(context.Background(), "E2QWRUHAPOMQZL", []string{"/index.html", "/"})
	if err != nil {
		t.Fatal(err)
	}
	if id != "I2J0I21PCUYOIK" {
		t.Errorf("id %q", id)
	}
	for _, want := range []string{"POST /2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation", "<Path>/index.html</Path>", "<Path>/</Path>", "<Quantity>2</Quantity>"} {
		if !strings.Contains(got, want) {
			t.Errorf("request lacks %q:\n%s", want, got)
		}
	}
}

func TestPolicy(t *testing.T) {
	for key, want := range map[string][2]string{
		"index.html": {"text/html; charset=utf-8", CacheShort},
		"css/" + css: {"text/css; charset=utf-8", CacheImmutable},
		"js/exit.0123456789abcdef0123456789abcdef.js": {"text/javascript; charset=utf-8", CacheImmutable},
		"favicon.ico":       {"image/x-icon", CacheAsset},
		"files/leaflet.pdf": {"application/pdf", CacheAsset},
		"sitemap.xml":       {"application/xml; charset=utf-8", CacheShort},
		"newsletter/2026-11/hero.0123456789abcdef0123456789abcdef.png": {"image/png", CacheShort},
		"_headers":                       {"text/plain; charset=utf-8", CacheShort},
		"staticwebapp.config.json":       {"application/json; charset=utf-8", CacheShort},
		"articles/2026-11-01/index.html": {"text/html; charset=utf-8", CacheShort},
	} {
		if ct, cc := ContentType(key), CacheControl(key); ct != want[0] || cc != want[1] {
			t.Errorf("%s: %q, %q; want %q", key, ct, cc, want)
		}
	}
	if compressible("img/logo.png") || !compressible("index.html") || !compressible("favicon.svg") {
		t.Error("compressible is wrong")
	}
}

func TestMissingCredentials(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	home := t.TempDir()
	for _, tc := range []struct {
		url  string
		env  map[string]string
		want string
	}{
		{"azblob://$web", map[string]string{"HOME": home}, "AZURE_STORAGE_ACCOUNT"},
		{"s3://b?region=eu-west-2", map[string]string{"HOME": home}, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{"s3://b?region=eu-west-2", map[string]string{"HOME": home, "AWS_ACCESS_KEY_ID": "x"}, "only one of them is set"},
		{"gs://b", map[string]string{"HOME": home}, "GOOGLE_APPLICATION_CREDENTIALS"},
	} {
		_, err := Open(context.Background(), tc.url, env(tc.env))
		var ce *CredentialError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want a credential error naming %s", tc.url, err, tc.want)
		}
	}
}
