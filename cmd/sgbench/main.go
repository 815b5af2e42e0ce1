package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

// options are sgbench's flags.
type options struct {
	sizes      []int  // articles per generated site
	runs       int    // builds per tool and size
	seed       int64  // generator seed
	safeguard  string // prebuilt safeguard binary; empty builds ./cmd/safeguard
	hugo       string // prebuilt hugo binary; empty builds github.com/gohugoio/hugo
	work       string // parent of the temporary folder; empty means os.TempDir
	keep       bool   // keep the temporary folder
	cpuProfile string // write a CPU profile of an in-process build of the largest size
	memProfile string // write a heap profile (after that build) to this file
}

const usage = `Usage: go run ./cmd/sgbench [flags]

Generates sites of the given sizes, builds each with 'safeguard build' and with
the plain 'hugo' command of the same Hugo version (same content, templates and
configuration), alternating the two, and prints median wall time, peak memory,
ratios, pages per second and safeguard's stage times, then the targets.

Flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func runMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "sgbench:", err)
		return 2
	}
	if err := run(ctx, opts, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "sgbench:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("sgbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	sizes := fs.String("sizes", "1000,10000,50000", "comma-separated `list` of article counts")
	fs.IntVar(&o.runs, "runs", 3, "builds per tool and size (alternating safeguard and hugo); 0 with -cpuprofile only profiles")
	fs.Int64Var(&o.seed, "seed", 1, "generator seed")
	fs.StringVar(&o.safeguard, "safeguard", "", "use this safeguard `binary` instead of building ./cmd/safeguard")
	fs.StringVar(&o.hugo, "hugo", "", "use this hugo `binary` instead of building github.com/gohugoio/hugo")
	fs.StringVar(&o.work, "work", "", "parent `folder` for the temporary files (default: the system's)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary folder (its path is printed)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "after the runs, build the largest size once in-process and write a CPU profile to `file`")
	fs.StringVar(&o.memProfile, "memprofile", "", "with the in-process build, write the heap profile taken at its largest live heap to `file`")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see -help)", fs.Arg(0))
	}
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a positive whole number", f)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.runs < 0 || o.runs == 0 && o.cpuProfile == "" && o.memProfile == "" {
		return o, errors.New("-runs must be at least 1 (0 only with -cpuprofile or -memprofile, to profile without timed runs)")
	}
	return o, nil
}
