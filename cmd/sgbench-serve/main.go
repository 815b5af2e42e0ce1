package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/gen"
	"safeguard/internal/site"
)

type options struct {
	sizes    []int
	edits    int
	memEdits int // rebuilds before the second memory reading, at sizes <= memSize
	memSize  int
	seed     int64
	pause    time.Duration
	keep     bool
	only     string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var o options
	var sizes string
	flag.StringVar(&sizes, "sizes", "1000,10000", "comma-separated numbers of articles")
	flag.IntVar(&o.edits, "edits", 20, "timed edits per server and size")
	flag.IntVar(&o.memEdits, "rebuilds", 200, "rebuilds before the second memory reading (safeguard serve only)")
	flag.IntVar(&o.memSize, "rebuilds-max-size", 1000, "sizes above this skip the long memory run and read memory after the timed edits")
	flag.Int64Var(&o.seed, "seed", 1, "generator seed")
	flag.DurationVar(&o.pause, "pause", time.Second, "pause after a change is served before the next timed edit (a writer looks at the page); the memory run uses 100ms")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary folder")
	flag.StringVar(&o.only, "only", "", "run only this server: safeguard or hugo")
	flag.Parse()
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "sgbench-serve: bad -sizes %q\n", sizes)
			os.Exit(2)
		}
		o.sizes = append(o.sizes, n)
	}
	if err := run(ctx, o); err != nil {
		fmt.Fprintf(os.Stderr, "sgbench-serve: %v\n", err)
		os.Exit(1)
	}
}

type result struct {
	tool      string
	articles  int
	startup   time.Duration
	latencies []time.Duration
	rssFirst  int64 // bytes, after the first build
	rssLater  int64 // after laterN rebuilds
	laterN    int
	// Timed edits after which the article's year page, fetched once right
	// after the article showed the edit, showed its new summary.
	listsChecked, listsRight int
	// From the server's log, for the timed edits' rebuilds: safeguard's
	// --timings stages, or hugo server's own "Total in N ms".
	stages map[string][]time.Duration
}

func run(ctx context.Context, o options) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "sgbench-serve-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintf(os.Stderr, "sgbench-serve: working in %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	bins := map[string]string{"safeguard": filepath.Join(tmp, "bin/safeguard"), "hugo": filepath.Join(tmp, "bin/hugo")}
	for name, pkg := range map[string]string{"safeguard": "./cmd/safeguard", "hugo": "github.com/gohugoio/hugo"} {
		fmt.Fprintf(os.Stderr, "sgbench-serve: go build %s\n", pkg)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bins[name], pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	var results []result
	for _, n := range o.sizes {
		src := filepath.Join(tmp, fmt.Sprintf("site-%d", n))
		fmt.Fprintf(os.Stderr, "sgbench-serve: generating %d articles\n", n)
		sum, err := gen.Write(src, gen.Options{Articles: n, Seed: o.seed})
		if err != nil {
			return err
		}
		// The same templates for both: the repository's theme as the site's
		// own layouts and assets (for safeguard they shadow the identical
		// embedded ones).
		for _, d := range []string{"layouts", "assets"} {
			if err := copyDir(filepath.Join(root, d), filepath.Join(src, d)); err != nil {
				return err
			}
		}
		for _, tool := range []string{"safeguard", "hugo"} {
			if o.only != "" && o.only != tool {
				continue
			}
			r, err := measure(ctx, o, tool, bins[tool], src, tmp, sum)
			if err != nil {
				return fmt.Errorf("%s, %d articles: %w", tool, n, err)
			}
			results = append(results, r)
			printResult(os.Stdout, r)
		}
	}
	printSummary(os.Stdout, results)
	return nil
}

// measure starts one server on src, times o.edits edits and reads its memory.
func measure(ctx context.Context, o options, tool, bin, src, tmp string, sum gen.Summary) (result, error) {
	r := result{tool: tool, articles: len(sum.Articles)}
	port, err := freePort()
	if err != nil {
		return r, err
	}
	addr := fmt.Sprintf("http://127.0.0.1:%d/", port)
	logf, err := os.Create(filepath.Join(tmp, fmt.Sprintf("%s-%d.log", tool, r.articles)))
	if err != nil {
		return r, err
	}
	defer logf.Close()
	var cmd *exec.Cmd
	switch tool {
	case "safeguard":
		cmd = exec.Command(bin, "serve", "-s", src, "--port", strconv.Itoa(port), "--timings")
	case "hugo":
		cfg, err := hugoConfig(src, tmp, addr)
		if err != nil {
			return r, err
		}
		cache := filepath.Join(tmp, "hugo-cache")
		os.RemoveAll(cache)
		// hugo server as its users run it: its defaults (fast render,
		// live reload, rendering to memory).
		cmd = exec.Command(bin, "server", "--source", src, "--config", cfg, "--cacheDir", cache,
			"--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--baseURL", addr, "--noBuildLock", "--appendPort=false")
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	client := &http.Client{Timeout: 60 * time.Second}
	first := sum.URLs[0]
	if _, err := waitFor(ctx, client, addr+strings.TrimPrefix(first, "/"), "</html>", 20*time.Minute); err != nil {
		return r, fmt.Errorf("server not ready: %w (log: %s)", err, logf.Name())
	}
	r.startup = time.Since(start)
	quiet(cmd.Process.Pid)
	r.rssFirst = rss(cmd.Process.Pid)
	fmt.Fprintf(os.Stderr, "sgbench-serve: %s serving %d articles after %v, RSS %d MB\n", tool, r.articles, r.startup.Round(time.Millisecond), r.rssFirst>>20)

	total := o.edits
	memRun := tool == "safeguard" && r.articles <= o.memSize && o.memEdits > total
	if memRun {
		total = o.memEdits
	}
	originals := map[string][]byte{}
	defer func() {
		for p, b := range originals {
			os.WriteFile(p, b, 0o644)
		}
	}()
	for i := 0; i < total; i++ {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		k := (i * 7919) % len(sum.Articles)
		file := filepath.Join(src, filepath.FromSlash(sum.Articles[k]))
		orig, ok := originals[file]
		if !ok {
			if orig, err = os.ReadFile(file); err != nil {
				return r, err
			}
			originals[file] = orig
		}
		marker := fmt.Sprintf("Benchmark edit %d of %s at %d.", i, tool, time.Now().UnixNano())
		// The summary changes too, and lists show summaries: after the
		// save, the article's year page must show the new one.
		short := fmt.Sprintf("Edit %d:", i)
		edited := append(bytes.Replace(orig, []byte("\nsummary: \""), []byte("\nsummary: \""+short+" "), 1), []byte("\n\n"+marker+"\n")...)
		t0 := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return r, err
		}
		if _, err := waitFor(ctx, client, addr+strings.TrimPrefix(sum.URLs[k], "/"), marker, 2*time.Minute); err != nil {
			return r, fmt.Errorf("edit %d of %s: %w (log: %s)", i, sum.Articles[k], err, logf.Name())
		}
		d := time.Since(t0)
		if i < o.edits {
			r.latencies = append(r.latencies, d)
			r.listsChecked++
			if listed(client, addr, orig, short) {
				r.listsRight++
			}
		}
		if (i+1)%50 == 0 {
			fmt.Fprintf(os.Stderr, "sgbench-serve: %s %d articles: %d edits, RSS %d MB\n", tool, r.articles, i+1, rss(cmd.Process.Pid)>>20)
		}
		if i < o.edits {
			time.Sleep(o.pause)
		} else {
			time.Sleep(100 * time.Millisecond)
		}
	}
	quiet(cmd.Process.Pid)
	r.rssLater = rss(cmd.Process.Pid)
	r.laterN = total
	if log, err := os.ReadFile(logf.Name()); err == nil {
		r.stages = rebuildStages(tool, string(log), o.edits)
	}
	return r, nil
}

var (
	stageRE     = regexp.MustCompile(`(\w+)=([0-9.]+)ms`)
	hugoTotalRE = regexp.MustCompile(`^Total in (\d+) ms`)
)

// rebuildStages reads the first n rebuilds' stage times from a server's log:
// safeguard serve --timings prints "timings: load=1.2ms hugo=85.3ms ..."
// after each "Rebuilt in" line; hugo server prints "Total in 85 ms" after
// each rebuild that follows a "Change ... detected, rebuilding site" line.
func rebuildStages(tool, log string, n int) map[string][]time.Duration {
	out := map[string][]time.Duration{}
	rebuilds, afterRebuild, changes := 0, false, 0
	for _, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if rebuilds >= n {
			break
		}
		switch tool {
		case "safeguard":
			if strings.HasPrefix(line, "Rebuilt in ") {
				afterRebuild = true
				continue
			}
			if afterRebuild && strings.HasPrefix(line, "timings: ") {
				for _, m := range stageRE.FindAllStringSubmatch(line, -1) {
					v, _ := strconv.ParseFloat(m[2], 64)
					out[m[1]] = append(out[m[1]], time.Duration(v*float64(time.Millisecond)))
				}
				rebuilds++
			}
			afterRebuild = false
		case "hugo":
			if strings.Contains(line, "detected, rebuilding site") {
				changes++
				continue
			}
			if m := hugoTotalRE.FindStringSubmatch(line); m != nil && changes > 0 {
				v, _ := strconv.Atoi(m[1])
				out["rebuild"] = append(out["rebuild"], time.Duration(v)*time.Millisecond)
				rebuilds++
			}
		}
	}
	return out
}

var dateRE = regexp.MustCompile(`(?m)^date: (\d{4})-`)

// listed reports whether the page listing the article (orig, its file
// before the edit) by year shows the article's new summary, which begins
// with short.
func listed(client *http.Client, addr string, orig []byte, short string) bool {
	m := dateRE.FindSubmatch(orig)
	if m == nil {
		return false
	}
	resp, err := client.Get(addr + "articles/" + string(m[1]) + "/")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode == 200 && bytes.Contains(b, []byte(short+" "))
}

// waitFor polls url until its body contains text; it returns the time taken.
func waitFor(ctx context.Context, client *http.Client, url, text string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for {
		resp, err := client.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), text) {
				return time.Since(start), nil
			}
		}
		if time.Since(start) > limit {
			return 0, fmt.Errorf("%s did not show %q within %v", url, text, limit)
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// hugoConfig writes the Hugo configuration safeguard uses for src, as JSON.
func hugoConfig(src, tmp, addr string) (string, error) {
	s, diags := content.Load(src, content.Options{})
	if s == nil || diags.HasErrors() {
		return "", fmt.Errorf("the generated site does not load (%d problems)", len(diags.Errors()))
	}
	path := filepath.Join(tmp, fmt.Sprintf("hugo-%d.json", len(s.Pages)))
	gen := strings.TrimSuffix(path, ".json") + "-generated"
	os.RemoveAll(gen)
	cfg, err := site.HugoConfigFor(s, site.Options{BaseURL: addr}, gen)
	if err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, data, 0o644)
}

// quiet waits until the server has used no CPU for a second (at least 8s, at
// most 3 minutes), so memory is read in the same state for both servers:
// after whatever each does when the writer pauses.
func quiet(pid int) {
	time.Sleep(7 * time.Second)
	deadline := time.Now().Add(3 * time.Minute)
	last := cpuTicks(pid)
	for time.Now().Before(deadline) {
		time.Sleep(time.Second)
		now := cpuTicks(pid)
		if now == last {
			return
		}
		last = now
	}
}

// cpuTicks is the user and system CPU time of a process, in clock ticks.
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(fields[11], 10, 64)
	k, _ := strconv.ParseInt(fields[12], 10, 64)
	return u + k
}

// rss is the resident memory of a process in bytes (Linux), 0 if unknown.
func rss(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the safeguard module")
	}
	return filepath.Dir(mod), nil
}

// copyDir copies a folder tree into a new folder (a missing source is an
// empty folder).
func copyDir(from, to string) error {
	if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return os.CopyFS(to, os.DirFS(from))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := int(p * float64(len(s)-1))
	return s[i]
}

func printResult(w io.Writer, r result) {
	fmt.Fprintf(w, "%-9s %6d articles: ready in %.1f s; save-to-served over %d edits: median %s, min %s, p90 %s, max %s; RSS %d MB after the first build",
		r.tool, r.articles, r.startup.Seconds(), len(r.latencies), ms(percentile(r.latencies, 0.5)), ms(percentile(r.latencies, 0)),
		ms(percentile(r.latencies, 0.9)), ms(percentile(r.latencies, 1)), r.rssFirst>>20)
	defer fmt.Fprintf(w, "%-9s %6d articles: the year's list showed the new summary right after %d of %d saves\n", "", r.articles, r.listsRight, r.listsChecked)
	if r.rssLater > 0 {
		fmt.Fprintf(w, ", %d MB after %d rebuilds (%+.1f%%)", r.rssLater>>20, r.laterN, 100*(float64(r.rssLater)/float64(r.rssFirst)-1))
	}
	fmt.Fprintln(w)
	var parts []string
	for _, k := range []string{"load", "hugo", "newsletter", "rebuild"} {
		if ds := r.stages[k]; len(ds) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", k, ms(percentile(ds, 0.5))))
		}
	}
	if len(parts) > 0 {
		what := "inside the rebuild (--timings), median"
		if r.tool == "hugo" {
			what = "its own rebuild (\"Total in\", after its watcher's batching), median"
		}
		fmt.Fprintf(w, "%-9s %6d articles: %s: %s\n", "", r.articles, what, strings.Join(parts, ", "))
	}
}

func printSummary(w io.Writer, rs []result) {
	fmt.Fprintln(w, "\nsave-to-served, median (safeguard serve / hugo server):")
	for _, a := range rs {
		if a.tool != "safeguard" {
			continue
		}
		for _, b := range rs {
			if b.tool == "hugo" && b.articles == a.articles {
				ma, mb := percentile(a.latencies, 0.5), percentile(b.latencies, 0.5)
				fmt.Fprintf(w, "  %6d articles: %s / %s = %.2f\n", a.articles, ms(ma), ms(mb), float64(ma)/float64(mb))
			}
		}
	}
}
