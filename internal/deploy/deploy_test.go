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
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"

	"safeguard/internal/buildrecord"
	"safeguard/internal/deployconfig"
	"safeguard/internal/testenv"
)

const css = "main.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.css"

// site writes a small build, with its record: pages that link to each other, a
// fingerprinted stylesheet, an image, a feed, a sitemap and a newsletter
// fragment. version changes the pages' text; extra adds pages.
func site(t *testing.T, dir string, version int, extra ...string) {
	t.Helper()
	if entries, err := os.ReadDir(dir); err == nil { // dir may be a link's target: keep it
		for _, e := range entries {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	page := func(links ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/css/%s\"></head><body><p>version %d</p>", css, version)
		for _, l := range links {
			fmt.Fprintf(&b, `<a href="%s">x</a>`, l)
		}
		b.WriteString(`<img src="/img/logo.png" alt=""><img src="/img/hero.png" alt=""><script src="/js/exit.js"></script></body></html>` + strings.Repeat("\n<!-- padding so that gzip pays -->", 40))
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
		"img/hero.png":                    fmt.Sprintf("\x89PNG hero of version %d", version),
		"js/exit.js":                      fmt.Sprintf("var version = %d", version),
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
	record(t, dir)
}

// secrets are files that must never be published, copied into the build
// by hand (so not in its record).
var secrets = []string{".env", ".git/config", "id_rsa", "keys/secret.pem", ".htpasswd", ".DS_Store", "notes.md~"}

// target opens rawURL as a deploy target with the given settings, retrying
// quickly so failing-server tests stay short.
func target(t *testing.T, rawURL string, cfg deployconfig.Target, d deployconfig.Deploy) (*Target, *blob.Bucket) {
	t.Helper()
	b, err := Open(context.Background(), rawURL, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if cfg.Name == "" {
		cfg.Name = "test"
	}
	cfg.URL = rawURL
	tg := NewTarget(b, cfg, d)
	tg.Retry = Retry{Timeout: 10 * time.Second, Attempts: 2, Backoff: time.Millisecond}
	return tg, b
}

// exercise runs the whole deploy story against one real service.
// sentCache, when set, gives the Cache-Control a service received but does
// not keep (gofakes3).
func exercise(t *testing.T, rawURL string, wantGzip bool, sentCache func(key string) string) {
	ctx := context.Background()
	tg, b := target(t, rawURL, deployconfig.Target{}, deployconfig.Deploy{})
	// The build is reached through a symbolic link, as a public/ that
	// points at the web server's folder is.
	real := filepath.Join(t.TempDir(), "www")
	dir := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(real, dir); err != nil {
		t.Fatal(err)
	}
	site(t, real, 1)
	// Secrets copied into the output by hand: never in the record, never
	// uploaded.
	for _, name := range secrets {
		p := filepath.Join(real, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("secret"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	deploy := func(opts Options) (*Plan, Result, error) {
		t.Helper()
		p, err := tg.MakePlan(ctx, dir, PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := tg.Apply(ctx, p, opts)
		return p, r, err
	}

	// A folder that no build made is refused, naming it.
	notBuild := t.TempDir()
	os.WriteFile(filepath.Join(notBuild, "passwd"), []byte("root:x:0:0"), 0o644)
	if _, err := tg.MakePlan(ctx, notBuild, PlanOptions{}); err == nil || KindOf(err) != KindUsage || !strings.Contains(err.Error(), strconv.Quote(notBuild)+" was not made by safeguard build") {
		t.Fatalf("a folder without a build record: %v", err)
	}

	// First deploy: everything goes up, with its headers, in stages.
	p, r, err := deploy(Options{MaxDeletePercent: 25})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Uploads) != 13 || r.Uploaded != 13 || p.Unchanged != 0 || len(p.Deletes) != 0 || r.Bytes != p.Bytes {
		t.Fatalf("first deploy: plan %+v, result %+v", p, r)
	}
	if got := keys(p.Uploads); got != "_headers css/"+css+" img/hero.png img/logo.png js/exit.js newsletter/2026-11/manifest.txt articles/prevent/index.html newsletter/2026-11/issue.html articles/index.html articles/index.xml 404.html sitemap.xml index.html" {
		t.Errorf("upload order: %s", got)
	}
	if len(p.NotBuilt) != len(secrets) {
		t.Errorf("files not built: %v", p.NotBuilt)
	}
	for _, name := range secrets {
		if ok, _ := b.Exists(ctx, name); ok {
			t.Errorf("the secret %s reached the target", name)
		}
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
	if ok, _ := b.Exists(ctx, LockKey); ok {
		t.Error("a lock is left on the target")
	}

	// Second run: nothing to do; --reupload sends everything again.
	p, r, err = deploy(Options{MaxDeletePercent: 25})
	if err != nil || len(p.Uploads) != 0 || len(p.Deletes) != 0 || p.Unchanged != 13 || r.Uploaded != 0 {
		t.Fatalf("second deploy: plan %+v, result %+v, %v", p, r, err)
	}
	if p, err := tg.MakePlan(ctx, dir, PlanOptions{Reupload: true}); err != nil || len(p.Uploads) != 13 {
		t.Fatalf("--reupload: %v %v", keys(p.Uploads), err)
	}

	// A header rule for the image: the same bytes with new headers are
	// sent again, and only they.
	if !strings.HasPrefix(rawURL, "file:") {
		rules := deployconfig.Deploy{Headers: []deployconfig.HeaderRule{{Path: "/img/logo.*", Set: map[string]string{"Cache-Control": "public, max-age=60", "Content-Disposition": "inline"}}}}
		ruled, _ := target(t, rawURL, deployconfig.Target{}, rules)
		p, err := ruled.MakePlan(ctx, dir, PlanOptions{})
		if err != nil || keys(p.Uploads) != "img/logo.png" {
			t.Fatalf("changed headers: uploads %s, %v", keys(p.Uploads), err)
		}
		if _, err := ruled.Apply(ctx, p, Options{MaxDeletePercent: 25}); err != nil {
			t.Fatal(err)
		}
		a, err := b.Attributes(ctx, "img/logo.png")
		if err != nil || a.ContentDisposition != "inline" || a.ContentType != "image/png" {
			t.Errorf("the rule's headers: %+v %v", a, err)
		}
		if p, _ := ruled.MakePlan(ctx, dir, PlanOptions{}); len(p.Uploads) != 0 {
			t.Errorf("after the rule's deploy: %s", keys(p.Uploads))
		}
		// Back to the policy's headers.
		if p, _, err := deploy(Options{MaxDeletePercent: 25}); err != nil || keys(p.Uploads) != "img/logo.png" {
			t.Fatalf("rule removed: uploads %s, %v", keys(p.Uploads), err)
		}
	}

	// A new page, a changed home page, one file gone: the new page goes
	// before the home page that links to it, and the delete comes last.
	site(t, real, 1, "events")
	os.Remove(filepath.Join(real, "newsletter", "2026-11", "manifest.txt"))
	record(t, real)
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

	// A file changed after the build is refused, naming it.
	os.WriteFile(filepath.Join(real, "img", "logo.png"), []byte("edited by hand"), 0o644)
	if _, err := tg.MakePlan(ctx, dir, PlanOptions{}); err == nil || KindOf(err) != KindContent || !strings.Contains(err.Error(), `"img/logo.png" was changed after the build`) {
		t.Fatalf("a changed file: %v", err)
	}
	record(t, real)

	// The guard: a build that lost most of the site deletes nothing.
	for _, d := range []string{"articles", "newsletter", "css", "img", "events"} {
		os.RemoveAll(filepath.Join(real, d))
	}
	record(t, real)
	p, err = tg.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ge *GuardError
	if _, err := tg.Apply(ctx, p, Options{MaxDeletePercent: 25}); !errors.As(err, &ge) || ge.Deletes != 8 || ge.Remote != 13 || KindOf(err) != KindContent {
		t.Fatalf("guard: %v", err)
	}
	if ok, _ := b.Exists(ctx, "articles/prevent/index.html"); !ok {
		t.Fatal("the guard let a delete through")
	}
	if !strings.Contains(read(t, b, "index.html"), "/events/") {
		t.Fatal("the guard let an upload through")
	}
	// An empty build would delete everything: refused even with Force.
	empty := t.TempDir()
	record(t, empty)
	p, err = tg.MakePlan(ctx, empty, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tg.Apply(ctx, p, Options{MaxDeletePercent: 25, Force: true}); !errors.As(err, &ge) || !strings.Contains(err.Error(), "--allow-empty") {
		t.Fatalf("an empty build with --force: %v", err)
	}

	// Interrupted deploys, stopped after k uploads: every live page finds
	// what it links to, and a rerun sends exactly what was left.
	// Each version changes 2 assets, 6 pages and the home and 404 pages:
	// k = 1 stops among the assets, 2 between assets and pages, 4 among
	// the pages, 9 between the 404 page and the home page.
	for i, k := range []int{1, 2, 4, 9} {
		version := i + 2
		site(t, real, version, "events", "help", fmt.Sprint("report", version))
		interrupted(t, tg, b, dir, k, fmt.Sprintf("version %d", version))
	}
}

// interrupted deploys dir, cancels it after k uploads, checks the live
// site, and finishes it with a rerun that uploads only what was left.
func interrupted(t *testing.T, tg *Target, b *blob.Bucket, dir string, k int, want string) {
	t.Helper()
	ctx := context.Background()
	tg.Workers = 1 // one at a time: exactly k are done when it stops
	defer func() { tg.Workers = 0 }()
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := tg.MakePlan(ictx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := tg.Apply(ictx, p, Options{MaxDeletePercent: 100, Progress: func(pr Progress) {
		if pr.Done == k {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || res.Uploaded != k {
		t.Fatalf("stopped after %d: %d uploaded, %v", k, res.Uploaded, err)
	}
	consistent(t, b)
	if live := p.Live(res); !strings.Contains(live, "Run deploy again to finish ("+fileCount(len(p.Uploads)-k+len(p.Deletes))+" left; what is done is not sent again).") {
		t.Errorf("stopped message: %s", live)
	}
	if strings.Contains(read(t, b, "index.html"), want) {
		t.Errorf("stopped after %d: the home page went up before the pages it links to", k)
	}
	p2, err := tg.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Uploads) != len(p.Uploads)-k {
		t.Errorf("rerun after %d of %d: plans %d uploads (%s)", k, len(p.Uploads), len(p2.Uploads), keys(p2.Uploads))
	}
	if _, err := tg.Apply(ctx, p2, Options{MaxDeletePercent: 100}); err != nil {
		t.Fatal(err)
	}
	consistent(t, b)
	if !strings.Contains(read(t, b, "index.html"), want) {
		t.Error("the home page is old after the deploy finished")
	}
	if p, _ := tg.MakePlan(ctx, dir, PlanOptions{}); len(p.Uploads)+len(p.Deletes) != 0 {
		t.Errorf("after finishing, still %d uploads and %d deletes", len(p.Uploads), len(p.Deletes))
	}
}

// record writes dir's build record, as a build does at its end.
func record(t *testing.T, dir string) {
	t.Helper()
	if err := buildrecord.Write(dir); err != nil {
		t.Fatal(err)
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
	checkLinks(t, b, true)
}

// assetsLive checks that every stylesheet, script and image a live page
// links to is live. On a first deploy that stopped, pages may link to
// pages not there yet (the home page goes last), never to a missing asset.
func assetsLive(t *testing.T, b *blob.Bucket) {
	t.Helper()
	checkLinks(t, b, false)
}

func checkLinks(t *testing.T, b *blob.Bucket, pages bool) {
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
			if !pages && isPage(key) {
				continue
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
	rawURL := fmt.Sprintf("azblob://$web?localemu=true&protocol=http&domain=127.0.0.1:%d", port)
	exercise(t, rawURL, true, nil)
	lockStory(t, rawURL)

	// A wrong key (Azurite checks the signature as Azure does) is
	// explained with the variables to check, and not shown. gocloud reads
	// the credentials once per process, so a process of its own tries it.
	wrong := "d3Jvbmcga2V5IGZvciB0aGUgYWNjb3VudCwgYnV0IGJhc2U2NCBhbGwgdGhlIHNhbWU="
	cmd := exec.Command(os.Args[0], "-test.run=^TestAzureWrongKeyChild$", "-test.v")
	cmd.Env = append(os.Environ(), "AZURE_STORAGE_KEY="+wrong, "SAFEGUARD_TEST_AZURE_URL="+rawURL)
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "kind 2: reading what is there: Azure refused the request: check that AZURE_STORAGE_KEY is an access key of the storage account named in AZURE_STORAGE_ACCOUNT") || strings.Contains(string(out), wrong) {
		t.Errorf("wrong key:\n%s", out)
	}
}

// TestAzureWrongKeyChild is TestDeployAzure's process with a wrong key.
func TestAzureWrongKeyChild(t *testing.T) {
	rawURL := os.Getenv("SAFEGUARD_TEST_AZURE_URL")
	if rawURL == "" {
		t.Skip("run by TestDeployAzure")
	}
	tg, _ := target(t, rawURL, deployconfig.Target{}, deployconfig.Deploy{})
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	_, err := tg.MakePlan(context.Background(), dir, PlanOptions{})
	fmt.Printf("kind %d: %v\n", KindOf(err), err)
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
		testenv.Missing(t, "Azurite is not installed (%v): run 'npm ci --ignore-scripts' in e2e/ (scripts/test does)", err)
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
	t.Setenv("AWS_REGION", "")
	// The target's own endpoint and region are used: the environment
	// names neither.
	id, err := CloudFront(context.Background(), "s3://site?region=eu-west-2&endpoint="+srv.URL, "E2QWRUHAPOMQZL", []string{"/index.html", "/", "/café menu/", "/files/*"})
	if err != nil {
		t.Fatal(err)
	}
	if id != "I2J0I21PCUYOIK" {
		t.Errorf("id %q", id)
	}
	for _, want := range []string{"POST /2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation", "<Path>/index.html</Path>", "<Path>/</Path>", "<Path>/caf%C3%A9%20menu/</Path>", "<Path>/files/*</Path>", "<Quantity>4</Quantity>"} {
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
