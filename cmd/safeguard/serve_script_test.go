package main

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for testing a running server (serve_*.txtar). Each waits
// for what it expects until a deadline instead of sleeping, so scripts are
// quick on a quiet machine and still pass on a busy one.

// scriptWait is how long the waiting commands wait. A first build on a busy
// machine can take many seconds.
const scriptWait = 90 * time.Second

// waitfile FILE: wait until FILE exists and is not empty.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile file")
	}
	name := ts.MkAbs(args[0])
	deadline := time.Now().Add(scriptWait)
	for {
		if b, err := os.ReadFile(name); err == nil && len(b) > 0 {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not appear within %v", args[0], scriptWait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// envfile VAR FILE: set VAR to FILE's content without surrounding space (the
// server's address from its --ready-file).
func cmdEnvfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: envfile VAR file")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile(args[1])))
}

// httpget [-status N] URL [text]: GET URL until the answer has status N
// (default 200) and contains text; with !, until it does not contain text
// (status still checked). The last body goes to stdout, so stdout and
// stdout-based checks can follow.
func cmdHttpget(ts *testscript.TestScript, neg bool, args []string) {
	status := http.StatusOK
	if len(args) >= 2 && args[0] == "-status" {
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		status = n
		args = args[2:]
	}
	if len(args) < 1 || len(args) > 2 || (neg && len(args) != 2) {
		ts.Fatalf("usage: [!] httpget [-status N] url [text]")
	}
	url, text := args[0], ""
	if len(args) == 2 {
		text = args[1]
	}
	client := &http.Client{Timeout: 10 * time.Second}
	deadline := time.Now().Add(scriptWait)
	var last string
	for {
		code, body, err := get(client, url)
		if err == nil {
			last = fmt.Sprintf("status %d, body:\n%s", code, body)
			if code == status && strings.Contains(body, text) != neg {
				fmt.Fprint(ts.Stdout(), body)
				return
			}
		} else {
			last = err.Error()
		}
		if time.Now().After(deadline) {
			want := "containing"
			if neg {
				want = "not containing"
			}
			ts.Fatalf("GET %s: no answer with status %d %s %q within %v; last: %s", url, status, want, text, scriptWait, last)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func get(client *http.Client, url string) (int, string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// edit FILE OLD NEW: replace the first OLD in FILE with NEW, as a writer's
// save would (the file must contain OLD).
func cmdEdit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: edit file old new")
	}
	name := ts.MkAbs(args[0])
	data := ts.ReadFile(args[0])
	if !strings.Contains(data, args[1]) {
		ts.Fatalf("%s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(data, args[1], args[2], 1)), 0o644))
}

// editorsave FORM OLD NEW: open the editor's form at the address FORM, send
// it back with the first OLD in the page's text replaced by NEW, as a writer
// pressing Save would, and print "status N" and the editor's answer.
func cmdEditorsave(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: editorsave form old new")
	}
	client := &http.Client{Timeout: scriptWait}
	code, page, err := get(client, args[0])
	ts.Check(err)
	if code != http.StatusOK {
		ts.Fatalf("the form answered %d:\n%s", code, page)
	}
	form := url.Values{}
	attr := func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\s` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			return "", false
		}
		return html.UnescapeString(m[1]), true
	}
	save := page[strings.Index(page, `action="/_edit/_save"`):]
	save = save[:strings.Index(save, "</form>")]
	for _, tag := range regexp.MustCompile(`<input[^>]*>`).FindAllString(save, -1) {
		name, ok := attr(tag, "name")
		if !ok {
			continue
		}
		if typ, _ := attr(tag, "type"); (typ == "checkbox" || typ == "radio") && !strings.Contains(tag, " checked") {
			continue
		}
		value, _ := attr(tag, "value")
		form.Add(name, value)
	}
	for _, m := range regexp.MustCompile(`(?s)<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(save, -1) {
		if opt := regexp.MustCompile(`<option[^>]*value="([^"]*)"[^>]*selected`).FindStringSubmatch(m[2]); opt != nil {
			form.Add(m[1], html.UnescapeString(opt[1]))
		}
	}
	body := regexp.MustCompile(`(?s)<textarea[^>]*name="body"[^>]*>\n?(.*?)</textarea>`).FindStringSubmatch(save)
	if body == nil {
		ts.Fatalf("the form has no text to edit")
	}
	text := html.UnescapeString(body[1])
	if !strings.Contains(text, args[1]) {
		ts.Fatalf("the page's text does not contain %q:\n%s", args[1], text)
	}
	form.Set("body", strings.Replace(text, args[1], args[2], 1))
	form.Set("action", "save")
	u, err := url.Parse(args[0])
	ts.Check(err)
	req, err := http.NewRequest(http.MethodPost, u.Scheme+"://"+u.Host+"/_edit/_save", strings.NewReader(form.Encode()))
	ts.Check(err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", u.Scheme+"://"+u.Host)
	resp, err := client.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "status %d\n%s", resp.StatusCode, answer)
}
