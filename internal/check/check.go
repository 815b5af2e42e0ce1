package check

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/markdown"
	"safeguard/internal/parallel"
	"safeguard/internal/rules"
)

// Options fix what "today" is, so date rules are reproducible.
type Options struct {
	// Today is the day dates are measured from; zero means now, in London.
	Today time.Time
	// Cache, when set, keeps each page's parsed Markdown and writing checks
	// between runs. The loader reuses a *content.Page while its file is
	// unchanged, so a preview server that checks after every edit re-reads
	// only the pages that changed.
	Cache *Cache
	// Docs, when set, shares each page's parsed body with the newsletter,
	// which renders from the same tree: a build parses each body once.
	// Nil means each page is parsed here.
	Docs *markdown.Docs
	// LeftOutWarn makes a link to a page left out of the build (a draft, an
	// article dated later) a warning, as content.Options.LeftOutWarn makes
	// that page's own problems: build and the preview publish the rest.
	LeftOutWarn bool
}

// Cache remembers per-page work between runs of Source and Output on
// successive loads of the same site. It is not safe for concurrent use.
type Cache struct {
	md      map[*content.Page]*bodySummary
	writing map[*content.Page]cachedWriting
}

type cachedWriting struct {
	target string
	diags  diag.List
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{md: map[*content.Page]*bodySummary{}, writing: map[*content.Page]cachedWriting{}}
}

// Shrink drops what only Source needs from the cached Markdown (the prose and
// the text itself), keeping the links, images and suppressions Output needs:
// a build calls it after Source so the cache holds little while Hugo runs. A
// later Source parses the shrunk pages again.
func (k *Cache) Shrink() {
	for p, m := range k.md {
		if !m.trimmed {
			k.md[p] = m.shrink()
		}
	}
}

// keep forgets pages that are no longer in the site.
func (k *Cache) keep(s *content.Site) {
	live := make(map[*content.Page]bool, len(s.Pages))
	for _, p := range s.Pages {
		live[p] = true
	}
	for p := range k.md {
		if !live[p] {
			delete(k.md, p)
		}
	}
	for p := range k.writing {
		if !live[p] {
			delete(k.writing, p)
		}
	}
}

// The names, descriptions and switches of the rules are the rulebook's
// (internal/rules), shared with the newsletter and check --help.

// ruleIgnore is the rule name of problems with suppressions themselves; it
// cannot be switched off.
const ruleIgnore = "ignore"

// Limits used by the rules.
const (
	dueWithin       = 30 // days before review_by / verification that a warning starts
	maxSentence     = 25 // words
	maxTitle        = 65 // characters
	maxSummary      = 160
	minReadingWords = 50 // pages with less prose are too short for a fair score
	pdfOwnText      = 50 // words of its own a page needs besides its PDF links
)

// readingTargets are the thresholds of s.Config.ReadingTarget.
var readingTargets = map[string]struct{ minEase, maxGrade float64 }{
	"public":       {60, 9},
	"professional": {40, 13},
}

// london is where dates are counted.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// today returns opts.Today (or now) as a London calendar day at midnight UTC,
// the same form as dates in the model.
func (o Options) today() time.Time {
	t := o.Today
	if t.IsZero() {
		t = time.Now().In(london)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// ukDate writes a date the way the site shows it: "18 November 2020".
func ukDate(t time.Time) string { return t.Format("2 January 2006") }

// checker holds what every rule of one run shares.
type checker struct {
	s     *content.Site
	opts  Options
	today time.Time
	files map[string]bool
	md    map[*content.Page]*bodySummary
	byURL map[string]*content.Page // published pages
	skip  map[string]*content.Page // pages left out of this build
	out   diag.List
}

// newChecker prepares a run; full says the run needs each page's prose (Source
// does, Output does not), so a page Shrink trimmed is parsed again.
func newChecker(s *content.Site, opts Options, full bool) *checker {
	c := &checker{s: s, opts: opts, today: opts.today(), md: map[*content.Page]*bodySummary{},
		byURL: map[string]*content.Page{}, skip: map[string]*content.Page{}}
	for _, p := range s.Skipped {
		c.skip[p.URL] = p
	}
	if opts.Cache != nil {
		opts.Cache.keep(s)
	}
	var todo []*content.Page
	for _, p := range s.Pages {
		m := (*bodySummary)(nil)
		if opts.Cache != nil {
			m = opts.Cache.md[p]
		}
		if m == nil || full && m.trimmed {
			m = nil
			todo = append(todo, p)
		}
		c.md[p] = m
		c.byURL[p.URL] = p
	}
	for i, m := range parseAll(todo, opts.Docs) {
		c.md[todo[i]] = m
		if opts.Cache != nil {
			opts.Cache.md[todo[i]] = m
		}
	}
	c.files = c.siteFiles()
	return c
}

// parseAll parses the pages' Markdown on every core; only the summaries are
// kept, never goldmark's trees.
func parseAll(pages []*content.Page, docs *markdown.Docs) []*bodySummary {
	out := make([]*bodySummary, len(pages))
	parallel.Each(len(pages), func(i int) { out[i] = parseMarkdown(pages[i], docs) })
	return out
}

// siteFiles lists the files the site publishes besides pages, by their
// site-relative URL path: static/, and the files of page bundles, from the
// loader's inventory (leftovers are not published).
func (c *checker) siteFiles() map[string]bool {
	files := map[string]bool{}
	for _, f := range c.s.Files.Under("static") {
		if f.Regular() {
			files[strings.TrimPrefix(f.Path, "static")] = true
		}
	}
	// A file belongs to the nearest folder above it with an index.md or
	// _index.md (a folder with its own index is another page's bundle).
	bundles := map[string]*content.Page{}
	for _, p := range append(slices.Clone(c.s.Pages), c.s.Skipped...) {
		if base := path.Base(p.Path); base == "index.md" || base == "_index.md" {
			bundles[path.Dir(p.Path)] = p
		}
	}
	for _, f := range c.s.Files.Under("content") {
		if !f.Regular() {
			continue
		}
		for dir := path.Dir(f.Path); dir != "content" && dir != "."; dir = path.Dir(dir) {
			if p := bundles[dir]; p != nil {
				files[strings.TrimSuffix(p.URL, "/")+"/"+strings.TrimPrefix(f.Path, dir+"/")] = true
				break
			}
		}
	}
	return files
}

// fieldPos is where a front matter field was written, or the first line.
func fieldPos(p *content.Page, names ...string) (int, int) {
	for _, n := range names {
		if pos, ok := p.Fields[n]; ok && pos.Line > 0 {
			return pos.Line, pos.Col
		}
	}
	return 1, 1
}

// Source checks the validated model and the Markdown of every published page.
// Problems with the built pages (anchors, links the templates make, orphan
// pages) are Output's.
func Source(s *content.Site, opts Options) diag.List {
	if s == nil {
		return nil
	}
	c := newChecker(s, opts, true)
	// Pages are checked on every core, each into its own list, which are
	// joined in page order; the cache is written afterwards, here alone.
	type pageOut struct {
		out     diag.List
		writing *cachedWriting
	}
	outs := make([]pageOut, len(s.Pages))
	parallel.Each(len(s.Pages), func(i int) {
		p := s.Pages[i]
		pc := *c
		pc.out = nil
		m := c.md[p]
		pc.checkIgnores(p, m)
		pc.checkLinks(p, m)
		pc.checkImages(p, m)
		pc.checkHeadings(p, m)
		pc.checkAlerts(p, m)
		pc.checkAttributes(p, m)
		pc.checkUnsafeLinks(p, m)
		pc.checkReview(p, m)
		pc.checkPlaceholders(p)
		outs[i].writing = pc.writing(p, m)
		outs[i].out = pc.out
	})
	for i, p := range s.Pages {
		c.out.Append(outs[i].out)
		if w := outs[i].writing; w != nil && opts.Cache != nil {
			opts.Cache.writing[p] = *w
		}
	}
	c.checkContacts()
	c.checkTranslations()
	c.checkRequiredPages()
	c.checkLeftOut()
	return c.suppress(c.out)
}

// checkLeftOut reports, with LeftOutWarn, the placeholders a draft (or a
// later article) still holds, as warnings naming it: build and the preview
// list what is left to write without stopping the rest of the site.
func (c *checker) checkLeftOut() {
	if !c.opts.LeftOutWarn {
		return
	}
	for _, p := range c.s.Skipped {
		pc := *c
		pc.out = nil
		pc.checkPlaceholders(p)
		for _, x := range pc.out {
			c.out.Warnf(x.Path, x.Line, x.Col, x.Rule, "%s (%s)", x.Message, content.LeftOutWhy(p))
		}
	}
}

// requiredPages are the pages every page's header and footer link to. The theme
// leaves out a link to a page that does not exist (a folder with only a few
// articles still builds), so their absence is reported here instead.
var requiredPages = []struct{ url, file, why string }{
	{"/contacts/", "content/contacts/_index.md", "contacts page: every page links to it as the way to get help"},
	{"/accessibility/", "content/accessibility.md", "accessibility statement: the Public Sector Bodies Accessibility Regulations 2018 require one"},
	{"/privacy/", "content/privacy.md", "privacy page: residents need to know the site keeps nothing about them"},
	{"/cookies/", "content/cookies.md", "cookies page: it says the site sets none and how to browse more safely"},
}

func (c *checker) checkRequiredPages() {
	have := map[string]bool{}
	for _, p := range c.s.Pages {
		have[p.URL] = true
	}
	for _, r := range requiredPages {
		if !have[r.url] {
			c.out.Warnf(r.file, 0, 0, "missing-page", "the site has no %s (add %s)", r.why, r.file)
		}
	}
}

// writing runs the writing rules, which depend only on the page and the
// reading target, from the cache when it has them. It returns what to cache
// when they ran (the caller stores it: pages are checked concurrently).
func (c *checker) writing(p *content.Page, m *bodySummary) *cachedWriting {
	k := c.opts.Cache
	target := c.s.Config.ReadingTarget
	if k != nil {
		if w, ok := k.writing[p]; ok && w.target == target {
			c.out.Append(w.diags)
			return nil
		}
	}
	before := len(c.out)
	c.checkWriting(p, m)
	return &cachedWriting{target: target, diags: slices.Clone(c.out[before:])}
}

// suppress drops diagnostics a page switched off, for the page or one line
// (the rulebook's Switches, which the newsletter reads too).
func (c *checker) suppress(l diag.List) diag.List {
	byPath := map[string]*content.Page{}
	for _, p := range c.s.Pages {
		byPath[p.Path] = p
	}
	var out diag.List
	for _, d := range l {
		if p := byPath[d.Path]; p != nil && c.switches(p).Off(d) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// switches are the rules a page switched off.
func (c *checker) switches(p *content.Page) rules.Switches {
	sw := rules.Switches{Page: p.Ignore, BodyLine: p.BodyLine}
	if m := c.md[p]; m != nil {
		sw.Lines = m.ignores
	}
	return sw
}

// checkIgnores reports suppressions without a reason or for a rule that does
// not exist, so nothing is switched off by accident or silently.
func (c *checker) checkIgnores(p *content.Page, m *bodySummary) {
	names := make([]string, 0, len(p.Ignore))
	for n := range p.Ignore {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		line, col := fieldPos(p, "ignore."+n, "ignore")
		if r, ok := rules.Lookup(n); !ok {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %q is not a rule of safeguard check (use one of: %s)", n, rules.SwitchableNames())
		} else if !r.Switchable() {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %s cannot be switched off, because %s (fix what it reports instead)", n, r.Fixed)
		} else if strings.TrimSpace(p.Ignore[n]) == "" {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %s has no reason (write why the rule does not apply, e.g. %s: \"quoted from the law\")", n, n)
		}
	}
	for _, ig := range m.ignores {
		line := p.BodyLine + ig.Line
		r, known := rules.Lookup(ig.Rule)
		switch {
		case ig.Rule == "":
			c.out.Errorf(p.Path, line, ig.Col, ruleIgnore, "safeguard-ignore names no rule (write <!-- safeguard-ignore rule-name: reason -->)")
		case !known:
			c.out.Errorf(p.Path, line, ig.Col, ruleIgnore, "safeguard-ignore: %q is not a rule of safeguard check (use one of: %s)", ig.Rule, rules.SwitchableNames())
		case !r.Switchable():
			c.out.Errorf(p.Path, line, ig.Col, ruleIgnore, "safeguard-ignore: %s cannot be switched off, because %s (fix what it reports instead)", ig.Rule, r.Fixed)
		case ig.Reason == "":
			c.out.Errorf(p.Path, line, ig.Col, ruleIgnore, "safeguard-ignore %s has no reason (write <!-- safeguard-ignore %s: why it does not apply -->)", ig.Rule, ig.Rule)
		}
	}
}

// needsReview reports whether a published page must carry review_by: every
// page with text of its own. Contacts carry verified_on instead, and a
// section or home page with no text of its own is only a generated list.
// (A draft is in the Site only when drafts are being published.)
func needsReview(p *content.Page, m *bodySummary) bool {
	if p.Kind == content.KindContact && !p.IsIndex || p.Kind == content.KindAlert {
		return false // a contact has verified_on; an alert ends by itself
	}
	return !p.IsIndex || m.words(nil) > 0
}

func (c *checker) checkReview(p *content.Page, m *bodySummary) {
	if !needsReview(p, m) {
		return
	}
	if p.ReviewBy.IsZero() {
		line, col := fieldPos(p, "title")
		c.out.Errorf(p.Path, line, col, "review-missing", "this page has no review date, so it could go out of date unnoticed (add review_by: YYYY-MM-DD, the day someone must check it again)")
		return
	}
	line, col := fieldPos(p, "review_by")
	rb := day(p.ReviewBy)
	switch {
	case rb.Before(c.today):
		c.out.Errorf(p.Path, line, col, "review-overdue", "review_by %s has passed: residents may be reading out-of-date safeguarding information (check the page is still right, then set last_reviewed to today and review_by to a new date)", ukDate(rb))
	case !rb.After(c.today.AddDate(0, 0, dueWithin)):
		c.out.Warnf(p.Path, line, col, "review-due", "review due on %s, in %s (check the page is still right, then set last_reviewed and a new review_by)", ukDate(rb), inDays(c.today, rb))
	}
}

func inDays(from, to time.Time) string {
	n := int(to.Sub(from).Hours() / 24)
	switch n {
	case 0:
		return "0 days (today)"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// verifyMonths is how long a contact's details count as verified.
func verifyMonths(s *content.Site) int {
	if m := s.Config.VerifyWithinMonths; m > 0 {
		return m
	}
	return content.DefaultVerifyWithin
}

// contactLimit is the last day a contact's details count as verified.
func contactLimit(s *content.Site, ct *content.Contact) time.Time {
	return day(ct.VerifiedOn).AddDate(0, verifyMonths(s), 0)
}

func (c *checker) checkContacts() {
	used := c.usedContacts()
	names := make([]string, 0, len(c.s.Contacts))
	for n := range c.s.Contacts {
		names = append(names, n)
	}
	slices.Sort(names)
	months := verifyMonths(c.s)
	for _, n := range names {
		ct := c.s.Contacts[n]
		p := ct.Page
		if p == nil {
			continue
		}
		if !ct.VerifiedOn.IsZero() {
			limit := contactLimit(c.s, ct)
			line, col := fieldPos(p, "verified_on")
			switch {
			case limit.Before(c.today):
				c.out.Errorf(p.Path, line, col, "contact-overdue", "%s was last verified on %s, more than %d months ago: a wrong number can stop someone getting help (check the details at the source, then set verified_on to the day you checked)", ct.Title, ukDate(day(ct.VerifiedOn)), months)
			case !limit.After(c.today.AddDate(0, 0, dueWithin)):
				c.out.Warnf(p.Path, line, col, "contact-due", "%s must be verified again by %s, in %s (check the details at the source, then set verified_on to the day you checked)", ct.Title, ukDate(limit), inDays(c.today, limit))
			}
		}
		if !used[n] {
			line, col := fieldPos(p, "title")
			c.out.Warnf(p.Path, line, col, "unused-contact", "no page uses the contact %q (add it to a page's contacts: list or text with {{< contact %q >}}, or delete it if it is no longer needed)", n, n)
		}
	}
}

// usedContacts are the contacts named by a page's contacts:, a contact
// shortcode, a call to action or the site's emergency contact. The contacts
// page lists every contact, so it does not count.
func (c *checker) usedContacts() map[string]bool {
	used := map[string]bool{}
	if c.s.Config.EmergencyContact != "" {
		used[c.s.Config.EmergencyContact] = true
	} else {
		used[content.DefaultEmergencyContact] = true
	}
	for _, p := range append(slices.Clone(c.s.Pages), c.s.Skipped...) {
		if p.Kind == content.KindContact {
			continue
		}
		for _, n := range p.Contacts {
			used[n] = true
		}
		for _, sc := range p.ContactShortcodes {
			if sc.Name == "contact" && len(sc.Args) > 0 {
				used[sc.Args[0]] = true
			}
		}
		if p.ActEarly != nil && p.ActEarly.CallToAction.Contact != "" {
			used[p.ActEarly.CallToAction.Contact] = true
		}
	}
	return used
}
