// Package starter makes a new council's site (safeguard init): site.yaml,
// the sections with an example page each, the national contacts, the
// accessibility statement and privacy page to complete, the CI files that
// publish on schedule, and a README for the team.
//
// The fixed files are templates under site/ (delimiters [[ ]], so that the
// CI files' own ${{ }} and the pages' {{< >}} pass through); the example
// pages are the built-in starts of internal/archetype, as 'safeguard new'
// makes them.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"

	"safeguard/internal/archetype"
	"safeguard/internal/content"
)

//go:embed all:site
var skeleton embed.FS

// Options are the new site's settings.
type Options struct {
	Dir             string // the folder to create (or an empty one)
	Name            string // the site's title
	URL             string // where it will live
	Organisation    string // the council
	OrganisationURL string // its own website; "" means URL
	Language        string // BCP 47, e.g. en-GB
	Version         string // safeguard's release, pinned in the CI files
	Today           time.Time
}

// ErrNotEmpty is returned when Dir holds anything: init never overwrites.
var ErrNotEmpty = errors.New("not empty")

// Examples are the example pages, one per section, made by the archetypes.
var examples = []struct {
	kind    content.Kind
	title   string
	section string // where a plain page goes ("" for the kind's own section)
}{
	{content.KindArticle, "Example article", ""},
	{content.KindActEarly, "Example ACT Early page", ""},
	{content.KindEvent, "Example event", ""},
	{content.KindPage, "Example page about Prevent", "about"},
}

var (
	languageRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)
	releaseRE  = regexp.MustCompile(`^v?([0-9]+\.[0-9]+\.[0-9]+)$`)
)

// Validate says what is wrong with the options, in words for the person
// who typed them; nil when they are fine.
func (o Options) Validate() error {
	for _, f := range []struct{ name, v string }{{"--name", o.Name}, {"--organisation", o.Organisation}} {
		if strings.TrimSpace(f.v) == "" {
			return fmt.Errorf("%s is empty (give the site's name and the council's name)", f.name)
		}
		if strings.ContainsFunc(f.v, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return fmt.Errorf("%s has a control character or a line break (write it on one line)", f.name)
		}
	}
	for _, f := range []struct{ name, v string }{{"--url", o.URL}, {"--organisation-url", o.OrganisationURL}} {
		if f.v == "" && f.name == "--organisation-url" {
			continue
		}
		if f.name == "--url" {
			// It becomes base_url: refused as the loader would refuse it.
			if err := content.CheckBaseURL(f.v); err != nil {
				return fmt.Errorf("--url: %v", err)
			}
		}
		if strings.Contains(f.v, "@") {
			// Never repeated: what comes before an @ may be a password.
			return fmt.Errorf("%s has an @ in it: a user name or password has no place in a website's address (write it as https://www.example.gov.uk/)", f.name)
		}
		u, err := url.Parse(f.v)
		if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(f.v, " \t\"<>\\") {
			return fmt.Errorf("%s %q is not an https:// address (write it as https://www.example.gov.uk/)", f.name, f.v)
		}
	}
	if !languageRE.MatchString(o.Language) {
		return fmt.Errorf("--language %q is not a language tag (write en-GB, or cy for Welsh)", o.Language)
	}
	return nil
}

// data is what the templates see.
type data struct {
	Options
	Today, ReviewBy, Version, Placeholder string
}

// Create makes the site and returns its files, slash separated and
// relative to Dir. It refuses a Dir that exists and is not an empty folder.
func Create(o Options) ([]string, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.OrganisationURL == "" {
		o.OrganisationURL = o.URL
	}
	if err := emptyDir(o.Dir); err != nil {
		return nil, err
	}
	today := o.Today
	if today.IsZero() {
		today = time.Now().In(london)
	}
	d := data{
		Options:     o,
		Today:       today.Format("2006-01-02"),
		ReviewBy:    today.AddDate(0, 6, 0).Format("2006-01-02"),
		Version:     o.Version,
		Placeholder: content.Placeholder,
	}
	if m := releaseRE.FindStringSubmatch(o.Version); m != nil {
		d.Version = m[1]
	}
	var files []string
	err := fs.WalkDir(skeleton, "site", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(name, "site/")
		b, err := render(name, d)
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if path.Dir(rel) == ".ci" {
			mode = 0o755
		}
		if err := writeNew(o.Dir, rel, b, mode); err != nil {
			return err
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return files, err
	}
	for _, ex := range examples {
		rel, b, diags, err := archetype.Make(archetype.Options{Root: o.Dir, Kind: ex.kind, Title: ex.title, Today: today})
		if err != nil {
			return files, err
		}
		if diags.HasErrors() {
			return files, fmt.Errorf("the example %s would not load: %v", rel, diags)
		}
		if ex.section != "" {
			rel = path.Join("content", ex.section, path.Base(rel))
		}
		if err := archetype.Write(o.Dir, rel, asDraft(b)); err != nil {
			return files, err
		}
		files = append(files, rel)
	}
	return files, nil
}

// asDraft marks a page as a draft: an example stays out of the site (and
// out of 'safeguard check', which 'check --drafts' reports) until a writer
// has written its WRITE-HERE places and deleted the line.
func asDraft(page []byte) []byte {
	rest, ok := bytes.CutPrefix(page, []byte("---\n"))
	if !ok {
		return page
	}
	return append([]byte("---\n# A draft until every WRITE-HERE is written: then delete the next line.\ndraft: true\n"), rest...)
}

// Render returns one file of the new site as Create writes it, for tests
// of the CI files (rel as in Create's list, e.g. ".github/workflows/safeguard.yml").
func Render(rel string, o Options) ([]byte, error) {
	d := data{Options: o, Today: "2026-01-01", ReviewBy: "2026-07-01", Version: o.Version, Placeholder: content.Placeholder}
	if m := releaseRE.FindStringSubmatch(o.Version); m != nil {
		d.Version = m[1]
	}
	return render(path.Join("site", rel), d)
}

func render(name string, d data) ([]byte, error) {
	src, err := skeleton.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Delims("[[", "]]").Option("missingkey=error").
		Funcs(template.FuncMap{"q": archetype.Quote}).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// emptyDir makes dir, or accepts it when it is an empty folder.
func emptyDir(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder: %w", dir, ErrNotEmpty)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s already has files in it: %w", dir, ErrNotEmpty)
	}
	return nil
}

// writeNew writes a file that must not exist yet, making its folders.
func writeNew(root, rel string, b []byte, mode fs.FileMode) error {
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// london is where "today" is.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()
