package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func page(body string) []byte {
	return []byte("<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>")
}

func site() Files {
	return Files{
		"index.html":                   page("home"),
		"articles/prevent/index.html":  page("prevent article"),
		"404.html":                     page("our own not found page"),
		"css/site.css":                 []byte("body{}"),
		"index.xml":                    []byte("<rss></rss>"),
		"newsletter/2020-12/frag.html": []byte("<table><tr><td>fragment</td></tr></table>"),
	}
}

func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func start(t *testing.T) (*Server, *httptest.Server) {
	s := New()
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); srv.Close() })
	return s, srv
}

func TestServesSnapshot(t *testing.T) {
	s, srv := start(t)
	s.Publish(site())
	script := `<script src="/__safeguard/reload.js" data-build="` + s.ID() + `"></script></body>`
	tests := []struct {
		path, ctype string
		status      int
		body        string
		injected    bool
		location    string
	}{
		{"/", "text/html; charset=utf-8", 200, "home", true, ""},
		{"/articles/prevent/", "text/html; charset=utf-8", 200, "prevent article", true, ""},
		{"/articles/prevent", "", 301, "", false, "/articles/prevent/"},
		{"/articles/prevent/index.html", "text/html; charset=utf-8", 200, "prevent article", true, ""},
		{"/css/site.css", "text/css; charset=utf-8", 200, "body{}", false, ""},
		{"/index.xml", "text/xml; charset=utf-8", 200, "<rss></rss>", false, ""},
		{"/newsletter/2020-12/frag.html", "text/html; charset=utf-8", 200, "fragment", false, ""},
		{"/nope/", "text/html; charset=utf-8", 404, "our own not found page", true, ""},
		{"/../../etc/passwd", "text/html; charset=utf-8", 404, "our own not found page", true, ""},
	}
	for _, tt := range tests {
		status, h, body := get(t, srv, tt.path)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, status, tt.status)
		}
		if tt.location != "" && h.Get("Location") != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.path, h.Get("Location"), tt.location)
		}
		if tt.ctype != "" && h.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, h.Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(body, tt.body) {
			t.Errorf("%s: body %q lacks %q", tt.path, body, tt.body)
		}
		if got := strings.Contains(body, script); got != tt.injected {
			t.Errorf("%s: reload script injected = %v, want %v\n%s", tt.path, got, tt.injected, body)
		}
		if tt.status != 301 && h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", tt.path, h.Get("Cache-Control"))
		}
	}
	// The snapshot itself is never changed by serving.
	files, _ := s.Snapshot()
	if string(files["index.html"]) != string(page("home")) {
		t.Errorf("snapshot changed: %s", files["index.html"])
	}
	if _, _, js := get(t, srv, ScriptPath); !strings.Contains(js, "EventSource") {
		t.Errorf("reload script: %s", js)
	}
}

func TestFailShowsOverlayOverLastGoodBuild(t *testing.T) {
	s, srv := start(t)
	s.Publish(site())
	s.Fail([]string{`content/articles/x.md:4:7: error: date: "<script>alert(1)</script>" is not a date`})
	status, _, body := get(t, srv, "/articles/prevent/")
	if status != 200 || !strings.Contains(body, "prevent article") {
		t.Fatalf("last good page not served: %d %s", status, body)
	}
	for _, want := range []string{`id="safeguard-problems"`, "content/articles/x.md:4:7", "&lt;script&gt;alert(1)&lt;/script&gt;", OverlayPath} {
		if !strings.Contains(body, want) {
			t.Errorf("overlay lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert(1)") {
		t.Error("problem text not escaped")
	}
	if _, _, css := get(t, srv, "/css/site.css"); strings.Contains(css, "safeguard-problems") {
		t.Error("overlay added to CSS")
	}
	s.Publish(site())
	if _, _, body := get(t, srv, "/"); strings.Contains(body, "safeguard-problems") {
		t.Error("overlay still shown after a good build")
	}
}

func TestBeforeFirstBuild(t *testing.T) {
	s, srv := start(t)
	status, _, body := get(t, srv, "/")
	if status != 503 || !strings.Contains(body, "not ready") || !strings.Contains(body, "reload.js") {
		t.Fatalf("%d %s", status, body)
	}
	s.Fail([]string{"site.yaml:1:1: error: title is missing"})
	if _, _, body := get(t, srv, "/any/"); !strings.Contains(body, "title is missing") {
		t.Fatalf("overlay missing before the first good build: %s", body)
	}
}

func TestEventsAnnounceEachBuild(t *testing.T) {
	s, srv := start(t)
	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				lines <- d
			}
		}
		close(lines)
	}()
	recv := func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(5 * time.Second):
			t.Fatal("no event")
			return ""
		}
	}
	if got := recv(); got != s.ID() {
		t.Fatalf("first event %q, want current id %q", got, s.ID())
	}
	s.Publish(site())
	if got := recv(); got != s.ID() {
		t.Fatalf("after Publish: %q, want %q", got, s.ID())
	}
	s.Fail([]string{"broken"})
	if got := recv(); got != s.ID() {
		t.Fatalf("after Fail: %q, want %q", got, s.ID())
	}
	s.Close() // ends the stream so a server can shut down
	select {
	case _, ok := <-lines:
		if ok {
			t.Fatal("unexpected event after Close")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stream still open after Close")
	}
}

// TestNeverAMixOfTwoBuilds publishes builds while pages are requested: the
// text of every page and the build id injected into it must come from the
// same build.
func TestNeverAMixOfTwoBuilds(t *testing.T) {
	s, srv := start(t)
	build := func(n int) Files {
		return Files{"index.html": page(fmt.Sprintf("build %d", n))}
	}
	s.Publish(build(1)) // id ...-1
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, _, body := get(t, srv, "/")
				var n int
				var id string
				fmt.Sscanf(body[strings.Index(body, "build "):], "build %d", &n)
				i := strings.Index(body, `data-build="`)
				id = body[i+len(`data-build="`):]
				id = id[:strings.Index(id, `"`)]
				if !strings.HasSuffix(id, fmt.Sprintf("-%d", n)) {
					t.Errorf("page of build %d carries id %s", n, id)
					return
				}
			}
		})
	}
	for n := 2; n <= 300; n++ {
		s.Publish(build(n))
	}
	close(stop)
	wg.Wait()
}

func TestUpdate(t *testing.T) {
	s, srv := start(t)
	s.Publish(site())
	first := s.ID()
	next := site()
	next["index.html"] = page("new home")
	s.Update(next, []string{"content/x.md:1:1: error: no review date"})
	if s.ID() == first {
		t.Fatal("Update did not announce a new build")
	}
	_, _, body := get(t, srv, "/")
	if !strings.Contains(body, "new home") || !strings.Contains(body, "no review date") {
		t.Fatalf("new files with their problems not served: %s", body)
	}
	s.Update(nil, nil) // clears the problems, keeps the files
	_, _, body = get(t, srv, "/")
	if !strings.Contains(body, "new home") || strings.Contains(body, "safeguard-problems") {
		t.Fatalf("after clearing: %s", body)
	}
}

// A request whose Host header does not name the preview's own address is
// refused, pages and the event stream alike; the names of this computer with
// the right port are answered.
func TestHostHeader(t *testing.T) {
	s, srv := start(t)
	s.Publish(site())
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	tests := []struct {
		host   string
		status int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LocalHost:" + port, 200},
		{"[::1]:" + port, 200},
		{"0.0.0.0:" + port, 200},
		{"evil.example:" + port, 403},
		{"evil.example", 403},
		{"127.0.0.1", 403},
		{"127.0.0.1:1", 403},
		{"localhost.evil.example:" + port, 403},
		{"127.0.0.2:" + port, 403},
		{"0x7f000001:" + port, 403},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/", "/articles/prevent/", "/__safeguard/reload.js", "/nope/"} {
		for _, tt := range tests {
			req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = tt.host
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := tt.status
			if want == 200 && path == "/nope/" {
				want = 404
			}
			if resp.StatusCode != want {
				t.Errorf("GET %s with Host %q: status %d, want %d", path, tt.host, resp.StatusCode, want)
			}
			if want == 403 && strings.Contains(string(b), "prevent") {
				t.Errorf("GET %s with Host %q: refused but leaked the page", path, tt.host)
			}
		}
	}
	// The event stream: refused at once for a wrong Host, open for a right one.
	for _, tt := range []struct {
		host   string
		status int
	}{{"evil.example:" + port, 403}, {"attacker.test:" + port, 403}, {"localhost:" + port, 200}, {"127.0.0.1:" + port, 200}} {
		req, err := http.NewRequest(http.MethodGet, srv.URL+EventsPath, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.status {
			t.Errorf("event stream with Host %q: status %d, want %d", tt.host, resp.StatusCode, tt.status)
		}
		if tt.status == 200 {
			line, _ := bufio.NewReader(resp.Body).ReadString('\n')
			if !strings.HasPrefix(line, "retry:") {
				t.Errorf("event stream with Host %q: first line %q", tt.host, line)
			}
		} else if b, _ := io.ReadAll(resp.Body); strings.Contains(string(b), "data:") {
			t.Errorf("event stream with Host %q: refused but sent %q", tt.host, b)
		}
		resp.Body.Close()
	}
}
