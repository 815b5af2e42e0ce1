package content

import (
	"slices"
	"strings"
	"time"

	"safeguard/internal/deployconfig"
	"safeguard/internal/markdown"
)

// Kind is what a page is, decided by the section folder it lives in.
type Kind string

// The kinds of page, one per section of docs/content-model.md.
const (
	KindArticle  Kind = "article"   // content/articles/
	KindActEarly Kind = "act-early" // content/act-early/
	KindContact  Kind = "contact"   // content/contacts/
	KindEvent    Kind = "event"     // content/events/
	KindAlert    Kind = "alert"     // content/alerts/
	KindPage     Kind = "page"      // anything else
)

// Options change what Load publishes.
type Options struct {
	Drafts bool      // include draft pages
	Future bool      // include articles dated after Today
	Today  time.Time // the day "future" is measured from; zero means time.Now() in London
	// Now is the moment alerts are shown from (an alert is active when its
	// window holds Now); zero means Today at the time of the load, or
	// time.Now() when Today is zero too.
	Now time.Time
	// LeftOutWarn makes the problems of pages left out (drafts, articles
	// dated later) warnings: build and the preview publish the rest.
	LeftOutWarn bool
}

// Site is the whole validated source folder.
type Site struct {
	Root     string              // absolute path of the source folder
	Config   Config              // from site.yaml
	Pages    []*Page             // every page (contacts included) sorted by Path; excluded drafts/future pages are absent
	Skipped  []*Page             // valid pages left out because they are drafts or dated in the future
	Contacts map[string]*Contact // by file name without .md
	// Now is the moment the site is built for: alerts whose window holds it
	// are shown (Options.Now, or the time of the load).
	Now time.Time
	// Files is the input gate's inventory of every other file (static/,
	// layouts/, assets/, the images and documents of content/): what may be
	// read and published. Nothing opens a file it does not list as Regular.
	Files *Inventory
}

// Config is site.yaml.
type Config struct {
	Title              string
	BaseURL            string // always ends in "/"
	Language           string // e.g. "en-GB"
	Organisation       Organisation
	QuickExitURL       string
	VerifyWithinMonths int
	ReadingTarget      string // "public" or "professional"
	NewsletterName     string // e.g. "@Home"
	EmergencyContact   string // contact file name shown in the header
	// Languages are the languages pages may be translated into (x.cy.md
	// beside x.md), besides Language; nil for a site in one language. A
	// pointer, so that Config stays comparable (use Translations).
	Languages *[]Language
	Path      string // "site.yaml" (relative to Root), for diagnostics

	// Deploy is where safeguard deploy publishes (deployconfig.go); nil
	// without a deploy: section, so that Config stays comparable.
	Deploy *deployconfig.Deploy
}

// Organisation runs the site.
type Organisation struct {
	Name     string
	URL      string
	LogoText string
}

// Pos is a 1-based position in a file (relative to Root, slash separated).
type Pos struct {
	Line, Col int
}

// Page is one Markdown file under content/.
type Page struct {
	Path    string // e.g. "content/articles/prevent.md"
	Kind    Kind
	Section string // first folder under content/, "" for top-level pages
	Slug    string // last part of the URL
	URL     string // site-relative, e.g. "/articles/prevent/" ("/" for the home page)
	IsIndex bool   // an _index.md (a section landing page or the home page)

	Title        string
	Summary      string
	Draft        bool
	Weight       int
	Date         time.Time // zero if absent
	LastReviewed time.Time // zero if absent
	ReviewBy     time.Time // zero if absent
	Contacts     []string  // contact file names from front matter
	QuickExit    bool      // default true
	Layout       string    // "" or "site-map"
	Language     string    // front matter language, e.g. "cy", or the language of a translation; "" when the page is in the site's language
	// Translation is the language of a translated page, from its file name
	// (x.cy.md: "cy"), and Original the path of the page it translates
	// (content/articles/x.md); both "" for a page in the site's language.
	// TranslatedFrom is the last_reviewed date of the original that the
	// translation was made from (translated_from_reviewed).
	Translation    string
	Original       string
	TranslatedFrom time.Time
	Ignore         map[string]string

	Body string // Markdown after the front matter, with the BOM removed and CRLF and CR turned into LF
	// Source is the whole file as it was read, and ModTime its modification
	// time then. Treat Source as read-only: Body may share it.
	Source  []byte
	ModTime time.Time
	// Served is the page file as the website builder reads it: front
	// matter written again from the fields the loader checked, in one
	// unambiguous form, then Body. The website is built from these bytes,
	// not from the disk, so what was checked is exactly what is published
	// (even when the file is saved during a build), and no field the
	// checks did not read can reach the builder.
	Served   []byte
	BodyLine int // line in the file where Body starts
	// ContactShortcodes are the {{< contact "name" >}} calls of Body the
	// loader accepted, with the contact each names and its position in the
	// file: what the checks and the newsletter read to know which contacts
	// a page shows.
	ContactShortcodes []Shortcode
	// ShortcodeSpans are every shortcode of Body, accepted or not, escaped
	// ones included, with their byte offsets, as markdown.Shortcodes found
	// them: the checks and the newsletter parse the body with them
	// (markdown.ParseBody, which blanks them out) and never look for
	// shortcodes again.
	ShortcodeSpans []markdown.Shortcode

	// Fields gives where each front matter field was written, by its name as
	// written ("review_by", "newsletter.issue", "phones.0.number"): the
	// position of the field's name, or of the item for list items ("contacts.0").
	Fields map[string]Pos

	Article  *Article  // set when Kind == KindArticle and not IsIndex
	ActEarly *ActEarly // set when Kind == KindActEarly
	Contact  *Contact  // set when Kind == KindContact and not IsIndex
	Event    *Event    // set when Kind == KindEvent and not IsIndex
	Alert    *Alert    // set when Kind == KindAlert
}

// Shortcode is one shortcode call the loader accepted in a page body,
// {{< name args >}} (today only contact takes one).
type Shortcode struct {
	Name string
	Args []string
	Pos  Pos // of the opening {{
}

// Article is the article-only front matter.
type Article struct {
	Author     string
	Topics     []string
	Newsletter *Newsletter // nil when not in an issue
}

// Newsletter places an article in an @Home issue.
type Newsletter struct {
	Issue string // "YYYY-MM"
	Order int
}

// ActEarly is the campaign-page front matter.
type ActEarly struct {
	CallToAction CallToAction
	LaunchDate   time.Time
}

// CallToAction is the button on a campaign page: to a contact or an https URL.
type CallToAction struct {
	Label   string
	Contact string
	URL     string
}

// Contact is one way to get help.
type Contact struct {
	Name       string // the file name without .md
	Title      string
	Summary    string
	Phones     []Phone
	Email      string
	URL        string
	Hours      string
	Emergency  bool
	Source     string
	VerifiedOn time.Time
	Page       *Page
}

// Phone is a UK number as written (in its usual groups) plus its tel: form.
type Phone struct {
	Number    string // as written, e.g. "0800 011 3764"
	Tel       string // e.g. "+448000113764" or "999"
	Label     string
	Textphone bool
}

// Name is what a line is called before its number, on the web page and in
// the newsletter alike: "Textphone" for a textphone (whatever its label, so
// that a deaf reader finds it), otherwise its label, or "Phone".
func (p Phone) Name() string {
	switch {
	case p.Textphone:
		return "Textphone"
	case p.Label != "":
		return p.Label
	}
	return "Phone"
}

// Note is what is said after a textphone's number: its own label, when it
// has one other than "Textphone" ("Relay UK").
func (p Phone) Note() string {
	if p.Textphone && p.Label != "Textphone" {
		return p.Label
	}
	return ""
}

// Event is a training or awareness session.
type Event struct {
	Start    time.Time
	End      time.Time // zero if absent
	AllDay   bool      // Start was written as a date only
	Online   bool
	Place    string
	Audience string
	Booking  *Booking
	Status   string // planned, scheduled, held, cancelled
}

// Booking says how to book an event.
type Booking struct {
	URL   string
	Email string
}

// Alert is an urgent notice ("Our helpline is closed 24-26 December; in an
// emergency call 999"): the page's title is its heading and its body the
// message. It is shown at the top of every page, of the newsletter issues
// whose month its window overlaps and of the feed, from Starts until Ends;
// it is never a page of its own, so it vanishes by itself at the first build
// after Ends.
type Alert struct {
	Severity string    // "information" or "warning"
	Starts   time.Time // London time
	Ends     time.Time // London time; after Starts
	Link     *AlertLink
}

// AlertLink is where an alert sends a reader for more: an https address or
// a page of this site ("/contacts/").
type AlertLink struct {
	Label string
	URL   string
}

// Active reports whether the alert's window holds t (Starts <= t < Ends).
func (a *Alert) Active(t time.Time) bool {
	return !t.Before(a.Starts) && t.Before(a.Ends)
}

// Alerts returns the site's alerts, soonest start first: those active at
// s.Now, and those still to come.
func (s *Site) Alerts() (active, upcoming []*Page) {
	for _, p := range s.Pages {
		a := p.Alert
		switch {
		case a == nil:
		case a.Active(s.Now):
			active = append(active, p)
		case s.Now.Before(a.Starts):
			upcoming = append(upcoming, p)
		}
	}
	byStart := func(a, b *Page) int {
		if c := a.Alert.Starts.Compare(b.Alert.Starts); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	}
	slices.SortFunc(active, byStart)
	slices.SortFunc(upcoming, byStart)
	return active, upcoming
}
