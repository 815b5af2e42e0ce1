package deploy

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/aws/smithy-go"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"google.golang.org/api/googleapi"

	"safeguard/internal/deployconfig"
)

// fakeS3 starts gofakes3 with a bucket "site" behind wrap, on 127.0.0.1,
// and returns the deploy address of the bucket.
func fakeS3(t *testing.T, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("site"); err != nil {
		t.Fatal(err)
	}
	var h http.Handler = gofakes3.New(backend).Server()
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	awsEnv(t)
	t.Setenv("AWS_MAX_ATTEMPTS", "1") // the deploy's own retries are under test
	return s3URL(srv.URL)
}

func s3URL(endpoint string) string {
	return "s3://site?region=eu-west-2&use_path_style=true&disable_https=true&endpoint=" + endpoint
}

func s3Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>1</RequestId></Error>`, code, msg)
}

// TestDeployServerFails: the service fails every request after the k-th
// of a deploy. The deploy stops with a system error, no live page links to
// a missing file, and a rerun on the healthy service sends only what was
// left.
func TestDeployServerFails(t *testing.T) {
	var (
		armed atomic.Bool
		left  atomic.Int64
	)
	var healthy string
	failing := fakeS3(t, func(next http.Handler) http.Handler {
		// The same backend is reached without faults at healthy.
		ok := httptest.NewServer(next)
		t.Cleanup(ok.Close)
		healthy = s3URL(ok.URL)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if armed.Load() && left.Add(-1) < 0 {
				s3Error(w, http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	good, b := target(t, healthy, deployconfig.Target{}, deployconfig.Deploy{})
	bad, _ := target(t, failing, deployconfig.Target{}, deployconfig.Deploy{})
	bad.Workers = 1
	bad.Retry.Attempts = 1 // the SDK tries each request 3 times already
	p, err := good.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := good.Apply(ctx, p, Options{MaxDeletePercent: 25}); err != nil {
		t.Fatal(err)
	}
	// Each version changes 2 assets and 7 pages: k = 1 stops among the
	// assets, 5 among the pages, 9 in the deletes.
	for i, k := range []int{0, 1, 5, 9} {
		version := i + 2
		site(t, dir, version, "events", fmt.Sprint("report", version))
		p, err := bad.MakePlan(ctx, dir, PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		left.Store(int64(k))
		armed.Store(true)
		res, err := bad.Apply(ctx, p, Options{MaxDeletePercent: 100})
		armed.Store(false)
		verb := "uploading \""
		if k == len(p.Uploads) {
			verb = "deleting \""
		}
		if err == nil || KindOf(err) != KindSystem || res.Uploaded != k || !strings.Contains(err.Error(), verb) {
			t.Fatalf("failing after %d: uploaded %d, %v", k, res.Uploaded, err)
		}
		if !strings.Contains(err.Error(), "Internal") {
			t.Errorf("the service's answer is not named: %v", err)
		}
		consistent(t, b)
		p2, err := good.MakePlan(ctx, dir, PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p2.Uploads) != len(p.Uploads)-k {
			t.Errorf("rerun after %d of %d: %d uploads (%s)", k, len(p.Uploads), len(p2.Uploads), keys(p2.Uploads))
		}
		if _, err := good.Apply(ctx, p2, Options{MaxDeletePercent: 100}); err != nil {
			t.Fatal(err)
		}
		consistent(t, b)
	}
}

// TestDeployHungServer: a service that accepts connections and never
// answers is given up on after the request timeout, with words.
func TestDeployHungServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	awsEnv(t)
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	tg, _ := target(t, s3URL("http://"+l.Addr().String()), deployconfig.Target{}, deployconfig.Deploy{})
	tg.Retry = Retry{Timeout: 300 * time.Millisecond, Attempts: 2, Backoff: time.Millisecond}
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	start := time.Now()
	_, err = tg.MakePlan(context.Background(), dir, PlanOptions{})
	if err == nil || KindOf(err) != KindSystem || !strings.Contains(err.Error(), "did not answer in time") {
		t.Fatalf("hung server: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v", d)
	}
	// The lock, too, is bounded by the timeout.
	if _, err := tg.Lock(context.Background(), false); err == nil || !strings.Contains(err.Error(), "did not answer in time") {
		t.Errorf("lock on a hung server: %v", err)
	}
}

// lockStory: two deploys at once; one holds the target, the other is
// refused with when and where the first started; a stale lock is broken.
func lockStory(t *testing.T, rawURL string) {
	ctx := context.Background()
	a, b := target2(t, rawURL), target2(t, rawURL)
	var (
		wg      sync.WaitGroup
		unlocks [2]func()
		errs    [2]error
	)
	for i, tg := range []*Target{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlocks[i], errs[i] = tg.Lock(ctx, false)
		}()
	}
	wg.Wait()
	won := slices.IndexFunc(errs[:], func(err error) bool { return err == nil })
	lost := 1 - won
	if won < 0 || errs[lost] == nil {
		t.Fatalf("two deploys at once: %v, %v", errs[0], errs[1])
	}
	host, _ := os.Hostname()
	msg := errs[lost].Error()
	for _, want := range []string{"another deploy to live has been running since " + time.Now().UTC().Format("2006-01-02"), strconv.Quote(host), fmt.Sprintf("(process %d)", os.Getpid()), "run again with --break-lock"} {
		if !strings.Contains(msg, want) {
			t.Errorf("lock message lacks %q: %s", want, msg)
		}
	}
	if KindOf(errs[lost]) != KindSystem {
		t.Errorf("lock refusal kind %v", KindOf(errs[lost]))
	}
	unlocks[won]()
	unlock, err := b.Lock(ctx, false)
	if err != nil {
		t.Fatalf("after the first finished: %v", err)
	}
	// A deploy that stopped without removing its lock: broken on request.
	if _, err := a.Lock(ctx, false); err == nil {
		t.Fatal("a held lock was taken")
	}
	unlock2, err := a.Lock(ctx, true)
	if err != nil {
		t.Fatalf("--break-lock: %v", err)
	}
	unlock2()
	unlock() // its lock is gone already: not an error
}

func target2(t *testing.T, rawURL string) *Target {
	tg, _ := target(t, rawURL, deployconfig.Target{Name: "live"}, deployconfig.Deploy{})
	return tg
}

func TestDeployLockFolder(t *testing.T) {
	lockStory(t, "file://"+filepath.ToSlash(filepath.Join(t.TempDir(), "live")))
}

func TestDeployLockS3(t *testing.T) {
	lockStory(t, fakeS3(t, nil))
}

// TestDeployWrongS3Credentials: a server that checks AWS signatures, as S3
// does. The right key deploys; a wrong secret and an unknown key are each
// explained with the variable to check.
func TestDeployWrongS3Credentials(t *testing.T) {
	rawURL := fakeS3(t, func(next http.Handler) http.Handler { return sigV4(map[string]string{"test": "test"}, next) })
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	tg, _ := target(t, rawURL, deployconfig.Target{}, deployconfig.Deploy{})
	if p, err := tg.MakePlan(context.Background(), dir, PlanOptions{}); err != nil || len(p.Uploads) == 0 {
		t.Fatalf("the right key: %v", err)
	}
	for _, tc := range []struct{ id, secret, want string }{
		{"test", "not-the-secret", "AWS refused the signature: AWS_SECRET_ACCESS_KEY is not the secret of the access key in AWS_ACCESS_KEY_ID"},
		{"AKIAUNKNOWN", "test", "AWS does not know the access key in AWS_ACCESS_KEY_ID"},
	} {
		t.Setenv("AWS_ACCESS_KEY_ID", tc.id)
		t.Setenv("AWS_SECRET_ACCESS_KEY", tc.secret)
		tg, _ := target(t, rawURL, deployconfig.Target{}, deployconfig.Deploy{})
		_, err := tg.MakePlan(context.Background(), dir, PlanOptions{})
		if err == nil || KindOf(err) != KindUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s/%s: %v", tc.id, tc.secret, err)
		}
		if err != nil && strings.Contains(err.Error(), tc.secret) && tc.secret != "test" {
			t.Errorf("the message shows the secret: %v", err)
		}
	}
}

// sigV4 answers as S3 does to a request not signed with one of the keys
// (access key id: secret): AWS Signature Version 4, checked in full.
func sigV4(keys map[string]string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fields := map[string]string{}
		for _, part := range strings.Split(strings.TrimPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 "), ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
			fields[k] = v
		}
		cred := strings.Split(fields["Credential"], "/")
		secret, ok := keys[cred[0]]
		if len(cred) != 5 || !ok {
			s3Error(w, http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
			return
		}
		path, rawQuery, _ := strings.Cut(r.RequestURI, "?")
		q, _ := url.ParseQuery(rawQuery)
		var qs []string
		for k, vs := range q {
			for _, v := range vs {
				qs = append(qs, awsEscape(k)+"="+awsEscape(v))
			}
		}
		slices.Sort(qs)
		var hs strings.Builder
		for _, h := range strings.Split(fields["SignedHeaders"], ";") {
			v := strings.Join(r.Header.Values(h), ",")
			switch h {
			case "host":
				v = r.Host
			case "content-length":
				v = strconv.FormatInt(r.ContentLength, 10)
			}
			fmt.Fprintf(&hs, "%s:%s\n", h, strings.Join(strings.Fields(v), " "))
		}
		canonical := strings.Join([]string{r.Method, path, strings.Join(qs, "&"), hs.String(), fields["SignedHeaders"], r.Header.Get("X-Amz-Content-Sha256")}, "\n")
		sum := sha256.Sum256([]byte(canonical))
		toSign := "AWS4-HMAC-SHA256\n" + r.Header.Get("X-Amz-Date") + "\n" + strings.Join(cred[1:], "/") + "\n" + hex.EncodeToString(sum[:])
		key := []byte("AWS4" + secret)
		for _, part := range append(cred[1:], toSign) {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(part))
			key = m.Sum(nil)
		}
		if !hmac.Equal([]byte(hex.EncodeToString(key)), []byte(fields["Signature"])) {
			s3Error(w, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// awsEscape is the URI encoding of Signature Version 4.
func awsEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// TestIncludeExclude: only the files a target's globs select are uploaded,
// and only selected files on the target are deleted, so a file placed by
// hand in a shared bucket stays.
func TestIncludeExclude(t *testing.T) {
	live := filepath.Join(t.TempDir(), "live")
	os.MkdirAll(filepath.Join(live, "reports"), 0o755)
	os.WriteFile(filepath.Join(live, "reports", "annual.pdf"), []byte("placed by hand"), 0o644)
	os.WriteFile(filepath.Join(live, "google1234.html"), []byte("verification"), 0o644)
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	tg, _ := target(t, "file://"+filepath.ToSlash(live), deployconfig.Target{Exclude: "{reports/**,google*.html}"}, deployconfig.Deploy{})
	ctx := context.Background()
	p, err := tg.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Deletes) != 0 || p.Remote != 0 || len(p.Uploads) != 13 {
		t.Errorf("exclude: deletes %v, remote %d, uploads %s", p.Deletes, p.Remote, keys(p.Uploads))
	}
	// Only the newsletter, say, goes to this target.
	nl, _ := target(t, "file://"+filepath.ToSlash(live), deployconfig.Target{Include: "newsletter/**"}, deployconfig.Deploy{})
	p, err = nl.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(p.Uploads); got != "newsletter/2026-11/manifest.txt newsletter/2026-11/issue.html" || len(p.Deletes) != 0 {
		t.Errorf("include: uploads %s, deletes %v", got, p.Deletes)
	}
	if _, err := nl.Apply(ctx, p, Options{MaxDeletePercent: 25}); err != nil {
		t.Fatal(err)
	}
	// The newsletter gone from the build: its files are deleted, and the
	// folders they leave empty with them; the hand-placed files stay.
	os.RemoveAll(filepath.Join(dir, "newsletter"))
	record(t, dir)
	p, err = nl.MakePlan(ctx, dir, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nl.Apply(ctx, p, Options{MaxDeletePercent: 100, Force: true, AllowEmpty: true}); err != nil || len(p.Deletes) != 2 {
		t.Fatalf("deletes %v: %v", p.Deletes, err)
	}
	if _, err := os.Stat(filepath.Join(live, "newsletter")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the emptied folders are left behind: %v", err)
	}
	for _, f := range []string{"reports/annual.pdf", "google1234.html"} {
		if _, err := os.Stat(filepath.Join(live, f)); err != nil {
			t.Errorf("%s was touched: %v", f, err)
		}
	}
}

// TestNames: names are stored in NFC; a name that is not UTF-8, or two
// names that are one in NFC, or a secret the record lists, are refused
// when planning; a leftover the record lists is skipped.
func TestNames(t *testing.T) {
	ctx := context.Background()
	live := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "live"))
	tg, _ := target(t, live, deployconfig.Target{}, deployconfig.Deploy{})
	build := func(names ...string) string {
		dir := t.TempDir()
		for _, n := range names {
			p := filepath.Join(dir, filepath.FromSlash(n))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(n), 0o644)
		}
		record(t, dir)
		return dir
	}
	p, err := tg.MakePlan(ctx, build("caf\u0065\u0301.html", "notes.bak"), PlanOptions{})
	if err != nil || keys(p.Uploads) != "caf\u00e9.html" || len(p.Skipped) != 1 || !strings.HasPrefix(p.Skipped[0], `"notes.bak": `) {
		t.Fatalf("NFC: %v %v %v", keys(p.Uploads), p.Skipped, err)
	}
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"bad\xff.png"}, `"bad\xff.png"`},
		{[]string{"caf\u00e9.html", "caf\u0065\u0301.html"}, "the same name written two ways"},
	} {
		_, err := tg.MakePlan(ctx, build(tc.names...), PlanOptions{})
		if err == nil || KindOf(err) != KindContent || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v", tc.names, err)
		}
	}
	// A secret in the record (a record edited by hand, or a build from
	// before the build refused them): refused, never uploaded.
	dir := build("index.html", "keys/site.pem")
	_, err = tg.MakePlan(ctx, dir, PlanOptions{})
	if err == nil || KindOf(err) != KindContent || !strings.Contains(err.Error(), `"keys/site.pem" is never published`) {
		t.Errorf("a recorded secret: %v", err)
	}
}

// TestGoogleCDN sends the invalidation to a local server that answers as
// the Compute Engine API does, and checks what it was asked.
func TestGoogleCDN(t *testing.T) {
	var (
		mu  sync.Mutex
		got []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.EscapedPath()+" "+r.Header.Get("Content-Type")+" "+string(body))
		mu.Unlock()
		if strings.Contains(string(body), "/denied") {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"error":{"code":403,"message":"Required 'compute.urlMaps.invalidateCache' permission","errors":[{"reason":"forbidden"}]}}`)
			return
		}
		io.WriteString(w, `{"kind":"compute#operation","name":"operation-1","status":"RUNNING"}`)
	}))
	t.Cleanup(srv.Close)
	err := GoogleCDN(context.Background(), srv.Client(), srv.URL+"/compute/v1/", "safer-council", "safer-lb", []string{"/index.html", "/", "/café/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`POST /compute/v1/projects/safer-council/global/urlMaps/safer-lb/invalidateCache application/json {"path":"/index.html"}`,
		`POST /compute/v1/projects/safer-council/global/urlMaps/safer-lb/invalidateCache application/json {"path":"/"}`,
		`POST /compute/v1/projects/safer-council/global/urlMaps/safer-lb/invalidateCache application/json {"path":"/caf%C3%A9/"}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	err = GoogleCDN(context.Background(), srv.Client(), srv.URL+"/compute/v1/", "safer-council", "safer-lb", []string{"/denied"})
	if err == nil || KindOf(err) != KindUsage || !strings.Contains(err.Error(), "GOOGLE_APPLICATION_CREDENTIALS") {
		t.Errorf("refused: %v", err)
	}
}

// TestAuthHelp: each service's refusals, as its SDK reports them, are
// explained with the variable to check.
func TestAuthHelp(t *testing.T) {
	for _, tc := range []struct {
		scheme string
		err    error
		want   string
	}{
		{"azblob", &azcore.ResponseError{StatusCode: 403, ErrorCode: "AuthenticationFailed"}, "Azure refused the signature: check that AZURE_STORAGE_KEY"},
		{"azblob", &azcore.ResponseError{StatusCode: 403, ErrorCode: "AuthorizationPermissionMismatch"}, "Storage Blob Data Contributor"},
		{"s3", &smithy.GenericAPIError{Code: "SignatureDoesNotMatch"}, "AWS_SECRET_ACCESS_KEY is not the secret"},
		{"s3", &smithy.GenericAPIError{Code: "InvalidAccessKeyId"}, "AWS does not know the access key in AWS_ACCESS_KEY_ID"},
		{"s3", &smithy.GenericAPIError{Code: "AccessDenied"}, "s3:PutObject"},
		{"gs", &googleapi.Error{Code: 401}, "Google refused the credentials: the key file in GOOGLE_APPLICATION_CREDENTIALS"},
		{"gs", &googleapi.Error{Code: 403}, "Storage Object Admin"},
	} {
		err := explain(tc.scheme, "reading what is there", fmt.Errorf("blob (code=Unknown): %w", tc.err))
		if KindOf(err) != KindUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: %v", tc.scheme, tc.err, err)
		}
	}
	// Other failures keep their whole first line, without an address's
	// query (which may carry a signature).
	err := explain("azblob", "uploading \"a\"", errors.New("GET https://acct.blob.core.windows.net/$web?comp=list&sig=SECRET\n--- RESPONSE ---"))
	if KindOf(err) != KindSystem || err.Error() != `uploading "a": GET https://acct.blob.core.windows.net/$web` {
		t.Errorf("other failure: %v", err)
	}
}

// TestFirstDeployStopped: a first deploy to an empty target, stopped after
// k uploads, leaves no page live without what it links to; while the
// assets are going up, no page is live at all.
func TestFirstDeployStopped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	site(t, dir, 1)
	for _, k := range []int{1, 5, 6, 8, 12} {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tg, b := target(t, "file://"+filepath.ToSlash(filepath.Join(t.TempDir(), "live")), deployconfig.Target{}, deployconfig.Deploy{})
			tg.Workers = 1
			p, err := tg.MakePlan(ctx, dir, PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := tg.Apply(ctx, p, Options{Progress: func(pr Progress) {
				if pr.Done == k {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) || res.Uploaded != k {
				t.Fatalf("%d uploaded, %v", res.Uploaded, err)
			}
			assetsLive(t, b)
			pages := 0
			for _, f := range p.Uploads[:k] {
				if isPage(f.Key) {
					pages++
				}
			}
			assets := res.Done[StageAssets]
			if assets < 6 && pages > 0 {
				t.Errorf("after %d of 6 assets, %d pages are live", assets, pages)
			}
			if ok, _ := b.Exists(context.Background(), "index.html"); ok != (k == len(p.Uploads)) {
				t.Errorf("the home page is live after %d of %d uploads: %v", k, len(p.Uploads), ok)
			}
		})
	}
}

// TestLive: the words for a stopped deploy.
func TestLive(t *testing.T) {
	first := &Plan{Uploads: []File{
		{Key: "css/a.css", Stage: StageAssets, New: true},
		{Key: "a/index.html", Stage: StagePages, New: true},
		{Key: "b/index.html", Stage: StagePages, New: true},
		{Key: "index.html", Stage: StageLast, New: true},
	}}
	if got, want := first.Live(Result{Uploaded: 2, Done: [3]int{1, 1, 0}, Stage: StagePages}), "The live site is whole: each file is the old or the new version, and no live page links to a stylesheet, script or image that is not there; the new assets are live (1 of 1), 1 of the 2 new pages are live, the home page, 404 page, sitemap and feeds are not published yet. Run deploy again to finish (2 files left; what is done is not sent again)."; got != want {
		t.Errorf("first deploy:\n%s\nwant\n%s", got, want)
	}
	update := &Plan{Uploads: []File{{Key: "a/index.html", Stage: StagePages}, {Key: "index.html", Stage: StageLast}}, Deletes: []string{"old.html", "older.html"}}
	if got, want := update.Live(Result{Uploaded: 2, Deleted: 1, Done: [3]int{0, 1, 1}, Stage: StageLast + 1}), "The live site is whole: each file is the old or the new version, and no live page links to a stylesheet, script or image that is not there; the new pages are live (1 of 1), the new home page, 404 page, sitemap and feeds are live (1 of 1); 1 of 2 old files are deleted. Run deploy again to finish (1 file left; what is done is not sent again)."; got != want {
		t.Errorf("update:\n%s\nwant\n%s", got, want)
	}
}
