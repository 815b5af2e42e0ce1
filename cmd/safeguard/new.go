package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"safeguard/internal/archetype"
	"safeguard/internal/content"
)

const newSynopsis = `safeguard new KIND "Title" [-s SRC] [--address NAME] [--dry-run] [--today YYYY-MM-DD]`

const newHelp = `
Starts a new page: writes content/<section>/<slug>.md with the fields that
kind of page needs, today's date, last_reviewed today and review_by six
months on. The page's address (and the file's name) is made from the title:
accents folded (Gŵyl becomes gwyl), other alphabets written in a-z, emoji
left out. For a title in Arabic, Hebrew, Chinese or Japanese letters, or
to choose another, give it with --address (a-z, 0-9 and -). KIND is one of:

  article     content/articles/     news for residents, can go in @Home
  act-early   content/act-early/    an ACT Early campaign page
  contact     content/contacts/     a way to get help
  event       content/events/       a training or awareness session
  alert       content/alerts/       an urgent notice on every page, from
                                    today for a week (change starts, ends)
  page        content/              any other page

Where you still have to write, the file says WRITE-HERE. 'safeguard check'
and 'safeguard build' report each WRITE-HERE left, so a half-written page is
never published. An existing file is never replaced. The new file's path is
printed (with the source folder in front); with --dry-run the file is printed
instead and nothing is written.

A site may give its own starting file for a kind in archetypes/KIND.md, as
a Go template with {{ .Title }}, {{ .TitleYAML }} (quoted for YAML),
{{ .Slug }}, {{ .Date }}, {{ .LastReviewed }}, {{ .ReviewBy }}, {{ .Start }}
and {{ .Placeholder }}.`

type newOptions struct {
	src     string
	kind    content.Kind
	title   string
	address string
	dryRun  bool
	today   time.Time
}

func runNew(_ context.Context, args []string, std stdio) int {
	var o newOptions
	fs := newFlagSet("new", newSynopsis, newHelp, std)
	sourceFlag(fs, &o.src)
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the file instead of writing it")
	fs.StringVar(&o.address, "address", "", "the page's address, the last part of its web address (a-z, 0-9 and -); made from the title when not given")
	fs.Var(dateFlag{&o.today}, "today", "use this `day` (YYYY-MM-DD) as today")
	// KIND and the title may come before or after the flags.
	pos, code, stop := parseInterleaved(fs, args, std)
	if stop {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(std.err, "safeguard new: give the kind and the title, for example: safeguard new article \"Prevent in schools\" (see 'safeguard new --help')\n")
		return exitUsage
	}
	o.kind, o.title = content.Kind(pos[0]), pos[1]
	if !o.today.IsZero() {
		o.today = time.Date(o.today.Year(), o.today.Month(), o.today.Day(), 0, 0, 0, 0, time.UTC)
	}
	return newPage(o, std)
}

func newPage(o newOptions, std stdio) int {
	if st, err := os.Stat(filepath.Join(o.src, "content")); err != nil || !st.IsDir() {
		fmt.Fprintf(std.err, "safeguard new: %s has no content/ folder (give the source folder with -s)\n", o.src)
		return exitUsage
	}
	if o.address != "" && !content.ValidName(o.address) {
		fmt.Fprintf(std.err, "safeguard new: --address %q may use only a-z, 0-9 and - (for example --address %s)\n", o.address, content.NameFrom(o.address))
		return exitUsage
	}
	if content.DeviceName(o.address) {
		fmt.Fprintf(std.err, "safeguard new: --address %s is a name Windows keeps for a device, so the page's file could not be made there (for example --address %s-page)\n", o.address, o.address)
		return exitUsage
	}
	rel, data, d, err := archetype.Make(archetype.Options{Root: o.src, Kind: o.kind, Title: o.title, Slug: o.address, Today: o.today})
	if errors.Is(err, archetype.ErrNoAddress) {
		fmt.Fprintf(std.err, "safeguard new: no address can be made from the title %q (its letters cannot be written in a-z soundly): give one with --address, for example --address child-protection\n", o.title)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(std.err, "safeguard new: %v\n", err)
		return exitUsage
	}
	if d.HasErrors() {
		d.Sort().Print(std.err)
		fmt.Fprintf(std.err, "safeguard new: the new %s would not load (fix archetypes/%s.md); nothing was written\n", rel, o.kind)
		return exitContent
	}
	if _, err := os.Lstat(filepath.Join(o.src, filepath.FromSlash(rel))); err == nil {
		fmt.Fprintf(std.err, "safeguard new: %s already exists; nothing was written (choose another address with --address, for example --address %s, or edit that file)\n", rel, free(o, rel))
		return exitContent
	}
	if o.dryRun {
		std.out.Write(data)
		return exitOK
	}
	switch err := archetype.Write(o.src, rel, data); {
	case errors.Is(err, archetype.ErrExists):
		fmt.Fprintf(std.err, "safeguard new: %s already exists; nothing was written (choose another address with --address, for example --address %s, or edit that file)\n", rel, free(o, rel))
		return exitContent
	case err != nil:
		fmt.Fprintf(std.err, "safeguard new: cannot write %s: %v\n", rel, err)
		return exitSystem
	}
	fmt.Fprintln(std.out, filepath.ToSlash(filepath.Join(o.src, filepath.FromSlash(rel))))
	return exitOK
}

// free suggests the first address beside the one taken by rel.
func free(o newOptions, rel string) string {
	stem := strings.TrimSuffix(path.Base(rel), ".md")
	return archetype.Free(o.kind, stem, func(r string) bool {
		_, err := os.Lstat(filepath.Join(o.src, filepath.FromSlash(r)))
		return err == nil
	})
}
