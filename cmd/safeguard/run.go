package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"safeguard/internal/diag"
)

// Exit codes: every command returns one of these, and the README and each
// command's --help say so.
const (
	exitOK      = 0 // success
	exitContent = 1 // the content (or the build) has errors
	exitUsage   = 2 // the command line is wrong
	exitSystem  = 3 // could not finish: a system error (a file or folder that cannot be written, the watcher or server failing)
)

// errWriter remembers the first error of the writes through it, so a
// command can tell that its output was lost (a full disk, a closed pipe)
// after printing with functions that do not report one.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// stdio is the only place commands read input and write output, so tests can run
// a command twice in one process.
type stdio struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// command is one subcommand: its name, a one-line summary for `safeguard --help`,
// and the function that parses its own flags and does the work.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, std stdio) int
}

func commands() []command {
	return []command{
		{"build", "build the website and newsletter fragments into a folder", runBuild},
		{"check", "report stale, unclear or broken content", runCheck},
		{"status", "list drafts, scheduled pages, reviews due and contacts to re-verify", runStatus},
		{"newsletter", "write an @Home issue's fragments to a folder or standard output", runNewsletter},
		{"deploy", "publish the site to Azure, S3, Google Cloud Storage or a folder", runDeploy},
		{"new", "start a new page of a kind, ready to write", runNew},
		{"init", "make a new council's site, with the CI files that publish it", runInit},
		{"serve", "preview the site with live reload while you edit", runServe},
		{"version", "print the version of safeguard and of Hugo", runVersion},
	}
}

const mainUsage = `safeguard turns safeguarding content written in Markdown into an accessible
website and email-safe newsletter fragments.

Usage:
  safeguard <command> [flags]

Commands:
%s
Run 'safeguard <command> --help' for the flags of one command.
Content format: docs/content-model.md.
`

func run(args []string, std stdio) int {
	if len(args) == 0 {
		printMainUsage(std.err)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		printMainUsage(std.out)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return c.run(ctx, args[1:], std)
		}
	}
	fmt.Fprintf(std.err, "safeguard: unknown command %q (run 'safeguard --help' to see the commands)\n", name)
	return exitUsage
}

func printMainUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// newFlagSet makes a flag set that reports errors instead of exiting, and prints
// usage (a synopsis, a description and every flag) to the right stream.
func newFlagSet(name, synopsis, description string, std stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(std.err)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns (exit code, true) when the command must stop:
// 0 after --help (printed to stdout), 2 after a misuse, including an argument
// that is not a flag.
func parseFlags(fs *flag.FlagSet, args []string, std stdio) (int, bool) {
	if code, stop := parseFlagsPositional(fs, args, std); stop {
		return code, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(std.err, "safeguard %s: unexpected argument %q (flags start with -; see 'safeguard %s --help')\n", fs.Name(), fs.Arg(0), fs.Name())
		return exitUsage, true
	}
	return 0, false
}

// parseFlagsPositional is parseFlags that leaves arguments to the caller
// (safeguard new KIND "Title").
func parseFlagsPositional(fs *flag.FlagSet, args []string, std stdio) (int, bool) {
	// flag prints the usage itself on -help, to stderr; print it here instead,
	// once, to the right stream.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(std.out)
		fs.Usage()
		return exitOK, true
	}
	if err != nil {
		fs.Usage() // flag already printed the problem
		return exitUsage, true
	}
	return 0, false
}

// parseInterleaved parses flags that may come before, between or after
// the arguments (safeguard new KIND "Title" -s site), and returns the
// arguments; stop as parseFlags.
func parseInterleaved(fs *flag.FlagSet, args []string, std stdio) (pos []string, code int, stop bool) {
	for {
		if code, stop := parseFlagsPositional(fs, args, std); stop {
			return nil, code, true
		}
		if fs.NArg() == 0 {
			return pos, 0, false
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// sourceFlags adds -s/--source, shared by every command that reads content.
func sourceFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "s", ".", "source `folder` holding content/ (and optionally site.yaml, layouts/, assets/, static/)")
	fs.StringVar(p, "source", ".", "same as -s")
}

// printDiagnostics sorts and prints diagnostics and returns the exit code they imply.
func printDiagnostics(w io.Writer, l diag.List) int {
	l = l.Sort()
	l.Print(w)
	return exitFor(l)
}

// exitFor is the exit code diagnostics imply: exitContent when any error
// is the content's, exitSystem when every error is the machine's or a bug
// (diag.System, diag.Internal: nothing to fix in the content), exitOK
// otherwise.
func exitFor(l diag.List) int {
	errs := l.Errors()
	if len(errs) == 0 {
		return exitOK
	}
	for _, d := range errs {
		if d.Class == diag.Content {
			return exitContent
		}
	}
	return exitSystem
}
