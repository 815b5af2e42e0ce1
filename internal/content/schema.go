package content

import (
	"path"
	"strings"
)

// Placeholder marks a place a writer has still to fill in, in a file made by
// `safeguard new`. The checks report every one left, so a page cannot be
// published with it.
const Placeholder = "WRITE-HERE"

// FieldType says what a front matter field holds, so that tools which write
// front matter (safeguard new, the editor of safeguard serve) offer the
// right control and write the value in the form the loader reads.
type FieldType string

// The field types. Each matches one of the loader's checks.
const (
	TypeText     FieldType = "text"     // one line of text
	TypeDate     FieldType = "date"     // YYYY-MM-DD
	TypeDateTime FieldType = "datetime" // YYYY-MM-DD or YYYY-MM-DDTHH:MM, London time
	TypeBool     FieldType = "bool"
	TypeInt      FieldType = "int"
	TypeName     FieldType = "name"     // a-z, 0-9 and -
	TypeURL      FieldType = "url"      // https only
	TypeEmail    FieldType = "email"    // an address, no display name
	TypeContact  FieldType = "contact"  // one contact's file name
	TypeContacts FieldType = "contacts" // a list of contact file names
	TypeList     FieldType = "list"     // a list of text
	TypeIssue    FieldType = "issue"    // YYYY-MM
	TypeLanguage FieldType = "language" // a language tag such as cy
	TypeChoice   FieldType = "choice"   // one of Choices
	TypeGroup    FieldType = "group"    // a group of Fields
	TypePhones   FieldType = "phones"   // a list of groups of Fields
	TypeRules    FieldType = "rules"    // rule names with reasons (ignore:)
)

// Field is one front matter field a kind of page may have.
type Field struct {
	Name     string
	Type     FieldType
	Required bool     // the loader reports it missing
	Label    string   // for a form, in plain words
	Hint     string   // what to write, in plain words
	Choices  []string // TypeChoice
	Fields   []Field  // TypeGroup and TypePhones: the fields of the group
}

// Schema lists the front matter fields a page may have, by the path it has
// under content/ ("content/articles/x.md"), in the order a form shows them.
// A test proves it is the same set the loader checks, with the same
// required fields, so that tools writing front matter cannot drift from it.
func Schema(file string) []Field {
	pl := placeOf(path.Clean(file))
	f := []Field{
		{Name: "title", Type: TypeText, Required: true, Label: "Title", Hint: "Under 65 characters. Say what the page is about in plain words."},
		{Name: "summary", Type: TypeText, Label: "Summary", Hint: "One or two sentences, under 160 characters. It is shown in lists and search results."},
	}
	more := func(fs ...Field) { f = append(f, fs...) }
	switch {
	case pl.kind == KindArticle && !pl.isIndex:
		f[1].Required = true
		more(Field{Name: "date", Type: TypeDate, Required: true, Label: "Date", Hint: "The day the article is published."},
			Field{Name: "author", Type: TypeText, Label: "Author", Hint: "The team that wrote it, for example Community Safety Team."},
			Field{Name: "topics", Type: TypeList, Label: "Topics", Hint: "One topic a line, for example Prevent."},
			Field{Name: "newsletter", Type: TypeGroup, Label: "@Home newsletter", Hint: "Leave both empty if the article is not in a newsletter issue.", Fields: []Field{
				{Name: "issue", Type: TypeIssue, Required: true, Label: "Issue", Hint: "The month of the issue, as YYYY-MM, for example 2020-12."},
				{Name: "order", Type: TypeInt, Required: true, Label: "Order in the issue", Hint: "1 for the first article, 2 for the next."},
			}})
	case pl.kind == KindActEarly:
		f[1].Required = true
		more(Field{Name: "launch_date", Type: TypeDate, Label: "Launch date", Hint: "The day the campaign started, if it matters to readers."},
			Field{Name: "call_to_action", Type: TypeGroup, Required: true, Label: "Call to action", Hint: "The button on the page: to a contact or to a web address, not both.", Fields: []Field{
				{Name: "label", Type: TypeText, Required: true, Label: "Button text", Hint: "What the button says, for example Call the ACT Early Support Line."},
				{Name: "contact", Type: TypeContact, Label: "Contact", Hint: "The contact the button calls."},
				{Name: "url", Type: TypeURL, Label: "Web address", Hint: "Starting with https://"},
			}})
	case pl.kind == KindContact && !pl.isIndex:
		f[1].Required = true
		more(Field{Name: "phones", Type: TypePhones, Label: "Phone numbers", Hint: "UK numbers in their usual groups, for example 0800 011 3764.", Fields: []Field{
			{Name: "number", Type: TypeText, Required: true, Label: "Number"},
			{Name: "label", Type: TypeText, Label: "Label", Hint: "For example Out of hours."},
			{Name: "textphone", Type: TypeBool, Label: "Textphone"},
		}},
			Field{Name: "email", Type: TypeEmail, Label: "Email address"},
			Field{Name: "url", Type: TypeURL, Label: "Web address", Hint: "Starting with https://"},
			Field{Name: "hours", Type: TypeText, Label: "Opening hours", Hint: "For example Monday to Friday, 9am to 5pm."},
			Field{Name: "emergency", Type: TypeBool, Label: "This is an emergency contact"},
			Field{Name: "source", Type: TypeURL, Required: true, Label: "Where these details were checked", Hint: "The https:// address of the page you checked them on."},
			Field{Name: "verified_on", Type: TypeDate, Required: true, Label: "Checked on", Hint: "The day you checked the details."})
	case pl.kind == KindAlert:
		f[0].Hint = "The heading of the notice, for example Our helpline is closed 24 to 26 December."
		f = f[:1] // an alert's message is its text; it has no summary
		more(Field{Name: "severity", Type: TypeChoice, Required: true, Label: "How urgent", Hint: "information, or warning when readers must act or stay safe.", Choices: []string{"information", "warning"}},
			Field{Name: "starts", Type: TypeDateTime, Required: true, Label: "Show from", Hint: "A date, or a date and time in London, for example 2026-12-24T09:00."},
			Field{Name: "ends", Type: TypeDateTime, Required: true, Label: "Show until", Hint: "A date (shown to the end of that day), or a date and time in London."},
			Field{Name: "link", Type: TypeGroup, Label: "Link", Hint: "Optional: where readers find more.", Fields: []Field{
				{Name: "label", Type: TypeText, Required: true, Label: "Link text", Hint: "Say where it goes, for example Other ways to get help."},
				{Name: "url", Type: TypeText, Required: true, Label: "Link address", Hint: "Starting with https://, or a page of this site such as /contacts/."},
			}})
	case pl.kind == KindEvent && !pl.isIndex:
		more(Field{Name: "start", Type: TypeDateTime, Required: true, Label: "Starts", Hint: "A date, or a date and time in London, for example 2026-12-07T10:00."},
			Field{Name: "end", Type: TypeDateTime, Label: "Ends", Hint: "Leave empty if it is not known."},
			Field{Name: "online", Type: TypeBool, Label: "The event is online"},
			Field{Name: "place", Type: TypeText, Label: "Place", Hint: "Where it is held, if it is not online."},
			Field{Name: "audience", Type: TypeText, Required: true, Label: "Who it is for", Hint: "For example Teachers and school staff."},
			Field{Name: "status", Type: TypeChoice, Label: "Status", Choices: []string{"planned", "scheduled", "held", "cancelled"}},
			Field{Name: "booking", Type: TypeGroup, Label: "Booking", Hint: "How to book: a web address or an email address.", Fields: []Field{
				{Name: "url", Type: TypeURL, Label: "Booking web address", Hint: "Starting with https://"},
				{Name: "email", Type: TypeEmail, Label: "Booking email address"},
			}})
	}
	if pl.kind == KindAlert {
		more(Field{Name: "language", Type: TypeLanguage, Label: "Language", Hint: "Only when the notice is not in the site's language: a tag such as cy for Welsh."},
			Field{Name: "draft", Type: TypeBool, Label: "Draft", Hint: "A draft is not published."},
			Field{Name: "ignore", Type: TypeRules, Label: "Checks switched off", Hint: "Rule names with the reason each does not apply."})
		return f
	}
	more(Field{Name: "contacts", Type: TypeContacts, Label: "Contacts shown on the page", Hint: "Choose the ways to get help that this page lists."},
		Field{Name: "last_reviewed", Type: TypeDate, Label: "Last reviewed", Hint: "The day someone last checked the page is right."},
		Field{Name: "review_by", Type: TypeDate, Label: "Review by", Hint: "The day the page must be checked again."})
	if !pl.isIndex {
		more(Field{Name: "slug", Type: TypeName, Label: "Address", Hint: "The last part of the page's web address: a-z, 0-9 and -."})
	}
	if pl.lang != "" {
		more(Field{Name: "translated_from_reviewed", Type: TypeDate, Label: "Translated from the version reviewed on", Hint: "The last reviewed date of the page this translates, when the translation was made."})
	}
	if pl.kind == KindPage && !pl.isIndex {
		more(Field{Name: "layout", Type: TypeChoice, Label: "Layout", Hint: "Leave empty for a normal page.", Choices: []string{"site-map"}})
	}
	more(Field{Name: "language", Type: TypeLanguage, Label: "Language", Hint: "Only when the page is not in the site's language: a tag such as cy for Welsh or bn for Bengali."},
		Field{Name: "weight", Type: TypeInt, Label: "Position in lists", Hint: "A lower number comes first."},
		Field{Name: "quick_exit", Type: TypeBool, Label: "Show the quick exit button", Hint: "Keep it on unless there is a reason."},
		Field{Name: "draft", Type: TypeBool, Label: "Draft", Hint: "A draft is not published."},
		Field{Name: "ignore", Type: TypeRules, Label: "Checks switched off", Hint: "Rule names with the reason each does not apply."})
	return f
}

// onFieldTable, when set (by a test), sees the fields the loader knows for a
// file and those it requires, to prove Schema lists the same.
var onFieldTable func(file string, hs handlers, required []string)

// KindOf is the kind of page a file under content/ is, from its path.
func KindOf(file string) Kind { return placeOf(path.Clean(file)).kind }

// IsIndex says whether a file is a section's (or the home page's) _index.md.
func IsIndex(file string) bool { return placeOf(path.Clean(file)).isIndex }

// SectionOf is the folder under content/ a kind of page lives in ("" for a
// plain page).
func SectionOf(k Kind) string {
	switch k {
	case KindArticle:
		return "articles"
	case KindActEarly:
		return "act-early"
	case KindContact:
		return "contacts"
	case KindEvent:
		return "events"
	case KindAlert:
		return "alerts"
	}
	return ""
}

// Kinds lists every kind of page, in the order docs/content-model.md has them.
var Kinds = []Kind{KindArticle, KindActEarly, KindContact, KindEvent, KindAlert, KindPage}

// ValidName reports whether s can be a slug or a contact's file name.
func ValidName(s string) bool { return validName(s) }

// NameFrom makes a slug from a title: lower case, a-z, 0-9 and hyphens.
func NameFrom(title string) string { return strings.Trim(suggestName(title), "-") }
