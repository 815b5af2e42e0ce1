package archetype

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// Page is a new page's values, as an archetype template sees them.
type Page struct {
	Kind         content.Kind
	Title        string // as given
	TitleYAML    string // quoted for YAML: title: {{ .TitleYAML }}
	Slug         string
	Date         string // today, YYYY-MM-DD
	LastReviewed string // today
	ReviewBy     string // six months on
	Start        string // an event's start: a month on at 10:00
	Placeholder  string // content.Placeholder
}

// Options say what to make.
type Options struct {
	Root  string       // the source folder
	Kind  content.Kind // one of content.Kinds
	Title string
	Slug  string    // "" means made from Title
	Today time.Time // zero means now, in London
}

// ErrExists is returned when the page's file is already there.
var ErrExists = errors.New("exists")

// ErrNoAddress is returned by Make when no address was given and none can
// be made from the title (see Address): the writer is asked for one.
var ErrNoAddress = errors.New("no address can be made from this title")

// Make returns the new page's path (slash separated, relative to Root) and
// file, checked by the loader in the context of the site: a site whose own
// archetype makes a file the loader refuses gets its diagnostics instead.
func Make(o Options) (string, []byte, diag.List, error) {
	known := false
	for _, k := range content.Kinds {
		known = known || k == o.Kind
	}
	if !known {
		return "", nil, nil, fmt.Errorf("%q is not a kind of page (use one of %s)", o.Kind, kindList())
	}
	title := strings.TrimSpace(o.Title)
	if title == "" {
		return "", nil, nil, errors.New("the title is empty (write it in quotes after the kind)")
	}
	if strings.ContainsFunc(title, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", nil, nil, errors.New("the title has a control character or a line break (write it on one line)")
	}
	slug := o.Slug
	if slug == "" {
		var ok bool
		if slug, ok = Address(title); !ok {
			return "", nil, nil, ErrNoAddress
		}
	}
	if !content.ValidName(slug) {
		return "", nil, nil, fmt.Errorf("%q cannot be a page's address (use only a-z, 0-9 and -)", slug)
	}
	rel, err := File(o.Kind, slug)
	if err != nil {
		return "", nil, nil, err
	}
	today := o.Today
	if today.IsZero() {
		today = time.Now().In(london)
	}
	p := Page{
		Kind:         o.Kind,
		Title:        title,
		TitleYAML:    Quote(title),
		Slug:         slug,
		Date:         today.Format("2006-01-02"),
		LastReviewed: today.Format("2006-01-02"),
		ReviewBy:     addMonths(today, 6).Format("2006-01-02"),
		Start:        addMonths(today, 1).Format("2006-01-02") + "T10:00",
		Placeholder:  content.Placeholder,
	}
	data, err := render(o.Root, rel, p)
	if err != nil {
		return rel, nil, nil, err
	}
	return rel, data, Validate(o.Root, rel, data), nil
}

// london is where "today" is: the site serves the City of London.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()

func kindList() string {
	var s []string
	for _, k := range content.Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// addMonths is the same day n months on, or the last day of that month
// when it is shorter (31 August + 6 months is 28 or 29 February).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, t.Location())
}

// Quote writes s as a YAML double-quoted string.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// render uses the site's archetypes/KIND.md when it has one, else the
// built-in archetype made from the schema.
func render(root, rel string, p Page) ([]byte, error) {
	name := filepath.Join(root, "archetypes", string(p.Kind)+".md")
	st, err := os.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return builtin(rel, p), nil
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("archetypes/%s.md is not a regular file (a link or a folder): replace it with a file", p.Kind)
	case st.Size() > 1<<20:
		return nil, fmt.Errorf("archetypes/%s.md is larger than 1 MB: an archetype is a short template", p.Kind)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(string(p.Kind)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("archetypes/%s.md: %v", p.Kind, strings.TrimPrefix(err.Error(), "template: "))
	}
	var out bytes.Buffer
	if err := t.Execute(&out, p); err != nil {
		return nil, fmt.Errorf("archetypes/%s.md: %v (the values are .Title, .TitleYAML, .Slug, .Date, .LastReviewed, .ReviewBy, .Start and .Placeholder)", p.Kind, strings.TrimPrefix(err.Error(), "template: "))
	}
	return out.Bytes(), nil
}

// builtin writes the fields the loader requires for the file (from
// content.Schema), the review dates, and a placeholder for the text.
func builtin(rel string, p Page) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	ph := func(what string) string { return Quote(p.Placeholder + ": " + what) }
	for _, f := range content.Schema(rel) {
		var v string
		switch f.Name {
		case "title":
			v = p.TitleYAML
		case "summary":
			v = ph("one or two sentences that say what this page is for")
		case "last_reviewed":
			v = p.LastReviewed
		case "review_by":
			v = p.ReviewBy
		case "starts": // an alert shows from today, for a week
			v = p.Date
		case "ends":
			v = weekOn(p.Date)
		default:
			if !f.Required {
				continue
			}
			v = value(f, p, ph)
		}
		if strings.HasPrefix(v, "\n") {
			fmt.Fprintf(&b, "%s:%s\n", f.Name, v)
		} else {
			fmt.Fprintf(&b, "%s: %s\n", f.Name, v)
		}
	}
	// The rules that ask for one field of several: a contact needs a way
	// to reach it, an event a place (or online: true).
	switch p.Kind {
	case content.KindContact:
		fmt.Fprintf(&b, "url: %s\n", Quote("https://example.invalid/"+p.Placeholder+"-the-contact-web-page"))
	case content.KindEvent:
		fmt.Fprintf(&b, "place: %s\n", ph("where it is held, or write online: true instead"))
	}
	b.WriteString("---\n\n")
	if p.Kind == content.KindAlert {
		b.WriteString(p.Placeholder + ": say what has changed and what readers should do, in one or two short sentences.\n")
		return b.Bytes()
	}
	b.WriteString(p.Placeholder + ": write the text of the page here, in place of this line. Use short sentences and plain words.\n\n")
	b.WriteString("## A heading\n\nStart a heading with ## and a list item with -.\n")
	return b.Bytes()
}

// value is a required field's first value.
func value(f content.Field, p Page, ph func(string) string) string {
	switch f.Type {
	case content.TypeDate:
		return p.Date
	case content.TypeDateTime:
		return p.Start
	case content.TypeURL:
		return Quote("https://example.invalid/" + p.Placeholder + "-" + content.NameFrom(f.Label))
	case content.TypeInt:
		return "1"
	case content.TypeBool:
		return "false"
	case content.TypeChoice:
		return f.Choices[0]
	case content.TypeGroup:
		var parts []string
		for _, g := range f.Fields {
			switch {
			case g.Required:
				parts = append(parts, g.Name+": "+value(g, p, ph))
			case f.Name == "call_to_action" && g.Name == "url":
				// A campaign page's button goes to the campaign's own site
				// until the writer chooses a contact.
				parts = append(parts, "url: "+Quote("https://actearly.uk/"))
			}
		}
		return "\n  " + strings.Join(parts, "\n  ")
	}
	return ph(strings.ToLower(f.Label))
}

// weekOn is the day seven days after day (YYYY-MM-DD).
func weekOn(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, 7).Format("2006-01-02")
}

// Validate loads the site with data as the file rel and returns the
// loader's diagnostics about that file (problems of other files are not its
// business here).
func Validate(root, rel string, data []byte) diag.List {
	fsys := Overlay{FS: os.DirFS(root), Name: rel, Data: data}
	_, d := content.NewLoaderFS(fsys, root, content.Options{Drafts: true, Future: true}).Load()
	var out diag.List
	for _, x := range d {
		if x.Path == rel {
			out.Add(x)
		}
	}
	return out
}

// Write creates the file, refusing to replace one that exists or to write
// through a symbolic link. Folders under content/ are made as needed.
func Write(root, rel string, data []byte) error {
	if err := SafeDir(root, path.Dir(rel), true); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(root, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return ErrExists
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	return f.Close()
}

// SafeDir makes sure the folder rel (slash separated, under content/) is a
// real folder inside root, with no symbolic link on the way; with create,
// missing folders are made.
func SafeDir(root, rel string, create bool) error {
	if rel != "content" && !strings.HasPrefix(rel, "content/") || strings.Contains(rel, "..") {
		return fmt.Errorf("%s is not inside content/", rel)
	}
	cur := root
	for _, part := range strings.Split(rel, "/") {
		cur = filepath.Join(cur, part)
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) && create {
			if err := os.Mkdir(cur, 0o755); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link: pages are only written inside the source folder", strconv.Quote(filepath.ToSlash(cur)))
		}
		if !st.IsDir() {
			return fmt.Errorf("%s is not a folder", filepath.ToSlash(cur))
		}
	}
	return nil
}
