// Package rules is the one rulebook a writer meets: every rule's name, what it
// protects, where it applies (the web page, the newsletter's fragment and
// text twin, or both) and whether a page may switch it off. The checks, the
// newsletter, check --help, its JSON report, the validation of ignore: and the
// rules section of docs/content-model.md all read All; a test holds the
// documentation equal to it.
//
// A rule switched off for a page (ignore: {rule: "reason"} in its front
// matter, or <!-- safeguard-ignore rule: reason --> on the line before) is off
// for every output made from the page: Switches answers for all of them.
package rules

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"safeguard/internal/diag"
)

// Output says which outputs of a page a rule looks at.
type Output int

const (
	// Web is the page on the website.
	Web Output = 1 << iota
	// Email is the newsletter's fragment and its plain-text twin.
	Email
	// Files is what the site is built from: files, front matter, dates.
	Files
)

func (o Output) String() string {
	switch o {
	case Web | Email:
		return "web and email"
	case Email:
		return "email only"
	case Web:
		return "web only"
	}
	return "files"
}

// Rule is one rule of the book.
type Rule struct {
	Name     string
	Severity diag.Severity
	Where    Output
	// Fixed says why a page cannot switch the rule off (empty: it can):
	// the rule protects readers, or without it nothing can be built.
	Fixed    string
	Protects string // what the rule is for, in a writer's words
}

// Switchable reports whether a page may switch the rule off, with a reason.
func (r Rule) Switchable() bool { return r.Fixed == "" }

const (
	fixedScript  = "it keeps script off readers' screens"
	fixedPrivate = "it keeps keys and passwords off the site, where anyone could fetch them"
	fixedRemote  = "it keeps other sites from learning who reads the page"
	fixedBuild   = "without it the page cannot be built as written"
	fixedFile    = "it is about an image file, which no page's switch covers (change the file)"
)

// All is every rule, in the order docs/content-model.md and check --help list
// them: the rules for the text of a page (web and email), those for email
// only, and those for the site's files.
var All = []Rule{
	{"unsafe-link", diag.Error, Web | Email, fixedScript, "a link or image to a javascript:, vbscript:, data: or file: address, which could run script or read the reader's files"},
	{"attribute", diag.Error, Web | Email, fixedScript, "a Markdown attribute other than {#id} on a heading or lang/dir on a block, or an id used twice: others could carry script or break the layout"},
	{"remote-image", diag.Error, Web | Email, fixedRemote, "an image loaded from another site: that site would learn who reads the page (the site and the newsletter load nothing from other hosts)"},
	{"broken-link", diag.Error, Web | Email, "", "a link to a page or file of this site that does not exist, or an address that is not valid"},
	{"broken-anchor", diag.Error, Web | Email, "", "a link to a heading (page#heading) that is not on the page"},
	{"broken-image", diag.Error, Web | Email, "", "an image file that does not exist, or one the newsletter cannot size (not PNG, JPEG, GIF or WebP)"},
	{"image-alt", diag.Error, Web | Email, "", "an image without alt text, which screen reader users and email readers with images off miss"},
	{"link-text", diag.Error, Web | Email, "", `link text that does not say where it goes ("click here", "read more", a bare web address)`},
	{"http-link", diag.Error, Web | Email, "", "a plain http: link, which is not private and which email clients flag as unsafe"},
	{"heading-skip", diag.Error, Web | Email, "", "a heading level skipped (## then ####), so screen reader users think something is missing"},
	{"heading-h1", diag.Error, Web | Email, "", "a # heading in the text: the title is the only top-level heading"},
	{"pdf-only", diag.Error, Web | Email, "", "a PDF offered as the only copy of content: PDFs are hard to read on phones and with screen readers"},
	{"placeholder", diag.Error, Web | Email, "", "a WRITE-HERE placeholder from safeguard new still in the page"},
	{"raw-html", diag.Warning, Web | Email, "", "HTML written in the Markdown: it is never published, so its words are missing from the page and the newsletter"},
	{"review-missing", diag.Error, Web | Email, "", "a published page with no review_by date, which could go out of date unnoticed"},
	{"review-overdue", diag.Error, Web | Email, "", "a published page whose review_by date has passed"},
	{"contact-overdue", diag.Error, Web | Email, "", "a contact whose verified_on is older than verify_within_months: a wrong number can stop someone getting help"},
	{"review-due", diag.Warning, Web | Email, "", "a page whose review_by date is within 30 days"},
	{"contact-due", diag.Warning, Web | Email, "", "a contact that must be re-verified within 30 days"},
	{"readability", diag.Warning, Web | Email, "", "a page harder to read than the site's reading target"},
	{"long-sentence", diag.Warning, Web | Email, "", "a sentence of more than 25 words"},
	{"passive-voice", diag.Warning, Web | Email, "", "a sentence in the passive voice, which hides who does what"},
	{"long-title", diag.Warning, Web | Email, "", "a title of more than 65 characters, which search results and phones cut"},
	{"translation-stale", diag.Warning, Web, "", "a translation made from an older version of its page (the page's last_reviewed is after the translation's translated_from_reviewed): readers of that language may be reading out-of-date advice"},
	{"alert-type", diag.Warning, Web | Email, "", "a quote starting [!TYPE] of a type other than NOTE, TIP, IMPORTANT, WARNING or CAUTION, which is shown as a note"},
	{"long-summary", diag.Warning, Web | Email, "", "a summary of more than 160 characters, which lists and search results cut"},
	{"orphan-page", diag.Warning, Web, "", "a page that no other page or menu links to, so residents can only find it by searching"},
	{"unused-contact", diag.Warning, Web, "", "a contact no page uses"},
	{"missing-page", diag.Warning, Web, "", "no contacts page, accessibility statement, privacy or cookies page (every page's header and footer link to them)"},

	{"email-link", diag.Error, Email, "", "a link an email cannot carry: only https:, mailto:, tel: and the site's own pages work from an inbox"},
	{"newsletter-wide-table", diag.Warning, Email, "", "a table of more than 3 columns, too wide for email on a phone: the email shows it as one block of \"Column: value\" lines per row"},
	{"newsletter-footnote", diag.Error, Email, "", "a footnote marker [^name] with no note, which would show as typed"},
	{"newsletter-long-word", diag.Error, Email, fixedBuild, "a word longer than a line of an email's plain text can hold"},
	{"newsletter-characters", diag.Error, Email, fixedBuild, "a character email cannot carry (a control character, or a byte that is not UTF-8)"},
	{"newsletter-unsupported", diag.Error, Email, fixedBuild, "Markdown the newsletter cannot show"},
	{"newsletter-shortcode", diag.Error, Email, fixedBuild, "a shortcode other than {{< contact >}}, which the newsletter cannot show"},
	{"newsletter-contact", diag.Error, Email, fixedBuild, "a contact in contacts: that does not exist"},
	{"newsletter-slug", diag.Error, Email, fixedBuild, "two articles of an issue with one slug, or a slug the issue's own files use: one fragment would overwrite another"},
	{"newsletter-order", diag.Warning, Email, "", "two articles of an issue with the same newsletter order"},
	{"newsletter-size", diag.Warning, Email, "", "an article or issue over the newsletter's size aim (20 KB), or over Gmail's 102 KB clipping limit"},
	{"newsletter-base-url", diag.Error, Email, fixedBuild, "a base_url that is not an https:// address, so the newsletter's links cannot be made absolute"},

	{"unsafe-file", diag.Error, Files, fixedScript, "an SVG, HTML or XML file in a page folder that could run script"},
	{"image-size", diag.Error, Files, fixedBuild, "an image over 10 MB or 40 megapixels, too large to process"},
	{"image-gps", diag.Warning, Files, fixedFile, "a photo that records where it was taken (GPS): the site publishes it without, but the file still has it"},
	{"image-animation", diag.Warning, Files, fixedFile, "an animated GIF that loops forever or plays longer than 5 seconds, which distracts and can make readers unwell (WCAG 2.2.2)"},
	{"front-matter", diag.Error, Files, fixedBuild, "front matter that cannot be read, or a field with a wrong value"},
	{"content-file", diag.Error, Files, fixedBuild, "a content file that cannot be read as a page"},
	{"reference", diag.Error, Files, fixedBuild, "a contact, page or shortcode named that does not exist"},
	{"url", diag.Error, Files, fixedBuild, "an address in front matter or site.yaml that is not valid"},
	{"file", diag.Error, Files, fixedBuild, "a file of the site that cannot be read or is not a regular file"},
	{"static-replaces-page", diag.Error, Files, fixedBuild, "a page whose address a file in static/ also takes (static/about/index.html for /about/): the file would replace the page"},
	{"never-publish", diag.Error, Files, fixedPrivate, "a secret in the source folder (a private key, .env, .git/, a password file) is an error; hidden files and the leftovers of editors and operating systems are left out with a warning"},
	{"ignore", diag.Error, Files, "it guards the switches themselves", "an ignore: or safeguard-ignore with no reason, or for a rule that does not exist or cannot be switched off"},
}

// Lookup finds a rule by name.
func Lookup(name string) (Rule, bool) {
	i := slices.IndexFunc(All, func(r Rule) bool { return r.Name == name })
	if i < 0 {
		return Rule{}, false
	}
	return All[i], true
}

// Switchable reports whether a page may switch the named rule off: a rule
// of the book that protects no reader.
func Switchable(name string) bool {
	r, ok := Lookup(name)
	return ok && r.Switchable()
}

// SwitchableNames lists the rules a page may switch off, for messages.
func SwitchableNames() string {
	var names []string
	for _, r := range All {
		if r.Switchable() {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, ", ")
}

// LineIgnore is one <!-- safeguard-ignore rule: reason --> comment in a body.
type LineIgnore struct {
	Line   int // body-relative, 0-based
	Col    int // 1-based, in characters
	Rule   string
	Reason string
}

// ignoreWord is in every suppression comment ignoreRE reads.
const ignoreWord = "safeguard-ignore"

// ignoreRE reads a line-level suppression comment.
var ignoreRE = regexp.MustCompile(`<!--\s*safeguard-ignore\b\s*([^:\s]*)\s*(?::\s*(.*?))?\s*-->`)

// LineIgnores finds the suppression comments of a body, for the checks and
// the newsletter alike.
func LineIgnores(body string) []LineIgnore {
	if !strings.Contains(body, ignoreWord) {
		return nil // suppressions are rare: only lines naming one are read
	}
	var out []LineIgnore
	for i, line := range strings.Split(body, "\n") {
		if !strings.Contains(line, ignoreWord) {
			continue
		}
		for _, sm := range ignoreRE.FindAllStringSubmatchIndex(line, -1) {
			ig := LineIgnore{Line: i, Col: utf8.RuneCountInString(line[:sm[0]]) + 1, Rule: line[sm[2]:sm[3]]}
			if sm[4] >= 0 {
				ig.Reason = strings.TrimSpace(line[sm[4]:sm[5]])
			}
			out = append(out, ig)
		}
	}
	return out
}

// Switches are the rules one page switched off: for the page in its front
// matter, and line by line in its body.
type Switches struct {
	Page     map[string]string // ignore: rule -> reason
	Lines    []LineIgnore
	BodyLine int // the file's line of the body's first line
}

// Off reports whether d, about the page, is switched off: a switchable rule,
// with a reason, for the page or for d's line (the comment's line or the one
// after it).
func (s Switches) Off(d diag.Diagnostic) bool {
	if !Switchable(d.Rule) {
		return false
	}
	if reason, ok := s.Page[d.Rule]; ok && strings.TrimSpace(reason) != "" {
		return true
	}
	if d.Line == 0 {
		return false
	}
	for _, ig := range s.Lines {
		line := s.BodyLine + ig.Line
		if ig.Rule == d.Rule && ig.Reason != "" && (d.Line == line || d.Line == line+1) {
			return true
		}
	}
	return false
}

// Filter is l without the diagnostics s switches off.
func (s Switches) Filter(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if !s.Off(d) {
			out = append(out, d)
		}
	}
	return out
}
