package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
)

// sample is one build by one tool.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user plus system CPU time of the child
	rss    int64         // peak resident memory of the child, in bytes
	stages []stage       // safeguard's own stage times (empty for hugo)
	output string        // what the child printed, for error messages
}

// stage is one entry of safeguard's `timings:` line.
type stage struct {
	name string
	d    time.Duration
}

// measure runs one child process to completion and returns its wall time and
// peak memory. The environment loses every HUGO_ variable so neither tool
// picks up settings from the shell.
func measure(ctx context.Context, dir, bin string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HUGO_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start), output: out.String()}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.rss = int64(ru.Maxrss) * 1024 // Linux reports kilobytes
			s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if err != nil {
		return s, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, tail(s.output, 40))
	}
	return s, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

var stageRe = regexp.MustCompile(`([A-Za-z][\w-]*)\s*[=:]?\s*([0-9][0-9.]*(?:ns|us|µs|ms|s|m|h)(?:[0-9.]+(?:ns|us|µs|ms|s|m))*)`)

// parseTimings finds the `timings:` line safeguard build prints with --timings
// and returns its stages in the order printed. It accepts "load 120ms",
// "load=120ms" and "load: 120ms", separated by spaces, commas or semicolons.
func parseTimings(output string) []stage {
	for line := range strings.SplitSeq(output, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "timings:")
		if !ok {
			continue
		}
		var out []stage
		for _, m := range stageRe.FindAllStringSubmatch(rest, -1) {
			d, err := time.ParseDuration(strings.ReplaceAll(m[2], "us", "µs"))
			if err == nil {
				out = append(out, stage{m[1], d})
			}
		}
		return out
	}
	return nil
}

// median of durations (the lower middle one for an even count, so it is
// always a measured value).
func medianDur(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func medianInt(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}
