package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"safeguard/internal/content"
	"safeguard/internal/starter"
)

const initSynopsis = `safeguard init FOLDER [--name "Site name"] [--organisation "Council"] [--url https://...] [--organisation-url https://...] [--language en-GB]`

const initHelp = `
Makes a new council's site in FOLDER (a new or empty folder; anything else
is refused, so nothing is ever overwritten): site.yaml from the flags, the
sections (articles, ACT Early, events, contacts, about) with one example page
each, the national contacts (999, the Anti-Terrorist Hotline, the ACT Early
Support Line, the NSPCC helpline) with their sources and today as the day
they were verified, an accessibility statement and a privacy page to
complete, the CI files that check pull requests and publish every hour
(GitHub Actions, Azure Pipelines and GitLab CI: keep the one you use; see
docs/publishing.md), and a README for the team.

In a terminal, init asks for what the flags did not give. The example pages,
the accessibility statement and the privacy page are drafts until their
WRITE-HERE places are written ('safeguard check --drafts' lists them), so the
new site builds and publishes at once.

Exit status: 0 made, 1 FOLDER is not empty, 2 misuse (a missing or wrong
value), 3 could not finish: a system error (a file cannot be written).`

func runInit(_ context.Context, args []string, std stdio) int {
	var o starter.Options
	var today time.Time
	fs := newFlagSet("init", initSynopsis, initHelp, std)
	fs.StringVar(&o.Name, "name", "", "the site's `name`, e.g. \"Safer Borough: Prevent and safeguarding\"")
	fs.StringVar(&o.Organisation, "organisation", "", "the council's `name`, e.g. \"Borough Council\"")
	fs.StringVar(&o.URL, "url", "", "the `address` the site will live at (default "+content.DefaultBaseURL+" until it exists)")
	fs.StringVar(&o.OrganisationURL, "organisation-url", "", "the council's own `website` (default the site's address)")
	fs.StringVar(&o.Language, "language", "", "the site's `language` (default en-GB)")
	fs.Var(dateFlag{&today}, "today", "use this `day` (YYYY-MM-DD) as today")
	pos, code, stop := parseInterleaved(fs, args, std)
	if stop {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(std.err, "safeguard init: give the folder to make, for example: safeguard init safer-borough (see 'safeguard init --help')\n")
		return exitUsage
	}
	o.Dir, o.Version = pos[0], version()
	if !today.IsZero() {
		o.Today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, londonTZ)
	}
	if isTerminal(std.in) {
		if err := ask(std, &o); err != nil {
			fmt.Fprintf(std.err, "safeguard init: %v\n", err)
			return exitUsage
		}
	}
	if o.URL == "" {
		o.URL = content.DefaultBaseURL
	}
	if o.Language == "" {
		o.Language = content.DefaultLanguage
	}
	var missing []string
	if o.Name == "" {
		missing = append(missing, "--name")
	}
	if o.Organisation == "" {
		missing = append(missing, "--organisation")
	}
	if len(missing) > 0 {
		fmt.Fprintf(std.err, "safeguard init: give %s (see 'safeguard init --help')\n", strings.Join(missing, " and "))
		return exitUsage
	}
	if err := o.Validate(); err != nil {
		fmt.Fprintf(std.err, "safeguard init: %v\n", err)
		return exitUsage
	}
	files, err := starter.Create(o)
	switch {
	case errors.Is(err, starter.ErrNotEmpty):
		fmt.Fprintf(std.err, "safeguard init: %v; nothing was written (choose a new folder)\n", err)
		return exitContent
	case err != nil:
		fmt.Fprintf(std.err, "safeguard init: cannot make the site in %s: %v\n", o.Dir, err)
		return exitSystem
	}
	out := &errWriter{w: std.out}
	fmt.Fprintf(out, "Made a new site in %s (%d files).\nNext: cd %s, then 'safeguard check --drafts' lists the WRITE-HERE places to write, and 'safeguard serve' previews the site. README.md says what is where.\n",
		filepath.ToSlash(o.Dir), len(files), o.Dir)
	if out.err != nil {
		fmt.Fprintf(std.err, "safeguard init: made the site in %s, but cannot say so: %v\n", o.Dir, out.err)
		return exitSystem
	}
	return exitOK
}

// isTerminal reports whether r is a terminal a person types into (not a
// pipe, a file or /dev/null).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// ask prompts for each value the flags did not give; an empty answer keeps
// the default shown in brackets.
func ask(std stdio, o *starter.Options) error {
	in := bufio.NewScanner(std.in)
	prompt := func(p *string, question, def string) error {
		if *p != "" {
			return nil
		}
		if def != "" {
			fmt.Fprintf(std.err, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(std.err, "%s: ", question)
		}
		if !in.Scan() {
			return errors.New("no answer (give the values as flags instead; see 'safeguard init --help')")
		}
		*p = strings.TrimSpace(in.Text())
		if *p == "" {
			*p = def
		}
		return nil
	}
	for _, q := range []struct {
		p        *string
		question string
		def      string
	}{
		{&o.Name, "Name of the site", ""},
		{&o.Organisation, "Name of the council", ""},
		{&o.URL, "Address the site will live at", content.DefaultBaseURL},
		{&o.OrganisationURL, "The council's own website", ""},
		{&o.Language, "Language", content.DefaultLanguage},
	} {
		if err := prompt(q.p, q.question, q.def); err != nil {
			return err
		}
	}
	return nil
}
