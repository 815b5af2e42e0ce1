package check

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	dialect "safeguard/internal/markdown"
	"safeguard/internal/parallel"
)

// Options fix what "today" is, so date rules are reproducible.
type Options struct {
	// Today is the day dates are measured from; zero means now, in London.
	Today time.Time
	// FS, when set, is the source folder (static/ and page bundle files are
	// looked up in it); nil means os.DirFS(s.Root). Tests pass an fstest.MapFS.
	FS fs.FS
	// Cache, when set, keeps each page's parsed Markdown and writing checks
	// between runs. The loader reuses a *content.Page while its file is
	// unchanged, so a preview server that checks after every edit re-reads
	// only the pages that changed.
	Cache *Cache
	// Docs, when set, shares each page's parsed body with the newsletter,
	// which renders from the same tree: a build parses each body once.
	// Nil means each page is parsed here.
	Docs *dialect.Docs
}

// Cache remembers per-page work between runs of Source and Output on
// successive loads of the same site. It is not safe for concurrent use.
type Cache struct {
	md      map[*content.Page]*markdown
	writing map[*content.Page]cachedWriting
}

type cachedWriting struct {
	target string
	diags  diag.List
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{md: map[*content.Page]*markdown{}, writing: map[*content.Page]cachedWriting{}}
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

// Rule is one check: its name (used in diagnostics and to switch it off), its
// severity and what it is for.
type Rule struct {
	Name     string
	Severity diag.Severity
	Doc      string
}

// Rules lists every rule, errors first. A page may switch any of them off with
// a reason (docs/content-model.md, "In the text").
var Rules = []Rule{
	{ruleUnsafeLink, diag.Error, "a link or image to a javascript:, vbscript:, data: or file: address (cannot be switched off)"},
	{ruleUnsafeFile, diag.Error, "an SVG, HTML or XML file in a page folder that could run script (cannot be switched off)"},
	{ruleAttribute, diag.Error, "a Markdown attribute other than {#id} on a heading or lang/dir on a block, or an id used twice (cannot be switched off)"},
	{"broken-link", diag.Error, "a link to a page or file of this site that does not exist"},
	{"broken-anchor", diag.Error, "a link to a heading (page#heading) that is not on the page"},
	{"broken-image", diag.Error, "an image file that does not exist"},
	{"remote-image", diag.Error, "an image loaded from another site (the site loads nothing from other hosts)"},
	{"image-alt", diag.Error, "an image without alt text"},
	{"heading-skip", diag.Error, "a heading level skipped (## then ####)"},
	{"heading-h1", diag.Error, "a # heading in the text (the title is the only top-level heading)"},
	{"link-text", diag.Error, `link text that does not say where it goes ("click here", "read more", a bare web address)`},
	{"http-link", diag.Error, "a plain http: link"},
	{"pdf-only", diag.Error, "a PDF offered as the only copy of content"},
	{"placeholder", diag.Error, "a WRITE-HERE placeholder from safeguard new still in the page"},
	{"review-missing", diag.Error, "a published page with no review_by date"},
	{"review-overdue", diag.Error, "a published page whose review_by date has passed"},
	{"contact-overdue", diag.Error, "a contact whose verified_on is older than verify_within_months"},
	{"review-due", diag.Warning, "a page whose review_by date is within 30 days"},
	{"contact-due", diag.Warning, "a contact that must be re-verified within 30 days"},
	{"readability", diag.Warning, "a page harder to read than the site's reading target"},
	{"long-sentence", diag.Warning, "a sentence of more than 25 words"},
	{"passive-voice", diag.Warning, "a sentence in the passive voice"},
	{"long-title", diag.Warning, "a title of more than 65 characters"},
	{"translation-stale", diag.Warning, "a translation made from an older version of its page (the page's last_reviewed is after the translation's translated_from_reviewed)"},
	{"alert-type", diag.Warning, "a quote starting [!TYPE] of a type other than NOTE, TIP, IMPORTANT, WARNING or CAUTION"},
	{"long-summary", diag.Warning, "a summary of more than 160 characters"},
	{"orphan-page", diag.Warning, "a page that no other page or menu links to"},
	{"unused-contact", diag.Warning, "a contact no page uses"},
	{"missing-page", diag.Warning, "no contacts page, accessibility statement, privacy or cookies page (every page's header and footer link to them)"},
}

// ruleIgnore is the rule name of problems with suppressions themselves; it
// cannot be switched off.
const ruleIgnore = "ignore"

// switchable reports whether a page may switch a rule off: not the rules
// that keep script and layout-breaking markup off the site.
func switchable(rule string) bool {
	return rule != ruleIgnore && rule != ruleUnsafeLink && rule != ruleAttribute && rule != ruleUnsafeFile
}

// Limits used by the rules.
const (
	dueWithin       = 30 // days before review_by / verification that a warning starts
	maxSentence     = 25 // words
	maxTitle        = 65 // characters
	maxSummary      = 160
	minReadingWords = 50 // pages with less prose are too short for a fair score
	pdfOwnText      = 50 // words of its own a page needs besides its PDF links
	defaultMonths   = 12
)

// readingTargets are the thresholds of s.Config.ReadingTarget.
var readingTargets = map[string]struct{ minEase, maxGrade float64 }{
	"public":       {60, 9},
	"professional": {40, 13},
}

func knownRule(name string) bool {
	return slices.ContainsFunc(Rules, func(r Rule) bool { return r.Name == name })
}

// ruleNames lists the rules a page may switch off.
func ruleNames() string {
	var names []string
	for _, r := range Rules {
		if !switchable(r.Name) {
			continue
		}
		names = append(names, r.Name)
	}
	return strings.Join(names, ", ")
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
	fsys  fs.FS // the source folder
	files map[string]bool
	md    map[*content.Page]*markdown
	byURL map[string]*content.Page // published pages
	// audited are the SVG, HTML and XML files of page folders, published
	// as they are: Source reads each and reports script (files.go).
	audited []string
	skip    map[string]*content.Page // pages left out of this build
	out     diag.List
}

// newChecker prepares a run; full says the run needs each page's prose (Source
// does, Output does not), so a page Shrink trimmed is parsed again.
func newChecker(s *content.Site, opts Options, full bool) *checker {
	c := &checker{s: s, opts: opts, today: opts.today(), fsys: opts.FS, md: map[*content.Page]*markdown{},
		byURL: map[string]*content.Page{}, skip: map[string]*content.Page{}}
	for _, p := range s.Skipped {
		c.skip[p.URL] = p
	}
	if c.fsys == nil && s.Root != "" {
		c.fsys = os.DirFS(s.Root)
	}
	if opts.Cache != nil {
		opts.Cache.keep(s)
	}
	var todo []*content.Page
	for _, p := range s.Pages {
		m := (*markdown)(nil)
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
func parseAll(pages []*content.Page, docs *dialect.Docs) []*markdown {
	out := make([]*markdown, len(pages))
	parallel.Each(len(pages), func(i int) { out[i] = parseMarkdown(pages[i], docs) })
	return out
}

// siteFiles lists the files the site publishes besides pages: static/ and
// the files of page bundles, by their site-relative URL path.
func (c *checker) siteFiles() map[string]bool {
	files := map[string]bool{}
	if c.fsys == nil {
		return files
	}
	_ = fs.WalkDir(c.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files[strings.TrimPrefix(p, "static")] = true
		}
		return nil
	})
	for _, p := range append(slices.Clone(c.s.Pages), c.s.Skipped...) {
		base := path.Base(p.Path)
		if base != "index.md" && base != "_index.md" {
			continue
		}
		dir := path.Dir(p.Path)
		_ = fs.WalkDir(c.fsys, dir, func(f string, d fs.DirEntry, err error) error {
			if err != nil || f == dir {
				return nil
			}
			if d.IsDir() {
				// a folder with its own index is another page's bundle
				if _, err := fs.Stat(c.fsys, path.Join(f, "index.md")); err == nil {
					return fs.SkipDir
				}
				if _, err := fs.Stat(c.fsys, path.Join(f, "_index.md")); err == nil {
					return fs.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(f, ".md") {
				files[strings.TrimSuffix(p.URL, "/")+"/"+strings.TrimPrefix(f, dir+"/")] = true
				if Audited(f) && d.Type().IsRegular() {
					c.audited = append(c.audited, f)
				}
			}
			return nil
		})
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
	c.checkBundleFiles()
	return c.suppress(c.out)
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
func (c *checker) writing(p *content.Page, m *markdown) *cachedWriting {
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

// suppress drops diagnostics a page switched off, for the page or one line.
func (c *checker) suppress(l diag.List) diag.List {
	byPath := map[string]*content.Page{}
	for _, p := range c.s.Pages {
		byPath[p.Path] = p
	}
	var out diag.List
	for _, d := range l {
		p := byPath[d.Path]
		if p == nil || !switchable(d.Rule) {
			out = append(out, d)
			continue
		}
		if reason, ok := p.Ignore[d.Rule]; ok && strings.TrimSpace(reason) != "" {
			continue
		}
		if c.lineIgnored(p, d) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func (c *checker) lineIgnored(p *content.Page, d diag.Diagnostic) bool {
	m := c.md[p]
	if m == nil || d.Line == 0 {
		return false
	}
	for _, ig := range m.ignores {
		line := p.BodyLine + ig.line
		if ig.rule == d.Rule && ig.reason != "" && (d.Line == line || d.Line == line+1) {
			return true
		}
	}
	return false
}

// checkIgnores reports suppressions without a reason or for a rule that does
// not exist, so nothing is switched off by accident or silently.
func (c *checker) checkIgnores(p *content.Page, m *markdown) {
	names := make([]string, 0, len(p.Ignore))
	for n := range p.Ignore {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		line, col := fieldPos(p, "ignore."+n, "ignore")
		if !knownRule(n) {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %q is not a rule of safeguard check (use one of: %s)", n, ruleNames())
		} else if !switchable(n) {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %s cannot be switched off, because it keeps script and broken layout off the site (fix what it reports instead)", n)
		} else if strings.TrimSpace(p.Ignore[n]) == "" {
			c.out.Errorf(p.Path, line, col, ruleIgnore, "ignore: %s has no reason (write why the rule does not apply, e.g. %s: \"quoted from the law\")", n, n)
		}
	}
	for _, ig := range m.ignores {
		line := p.BodyLine + ig.line
		switch {
		case ig.rule == "":
			c.out.Errorf(p.Path, line, ig.col, ruleIgnore, "safeguard-ignore names no rule (write <!-- safeguard-ignore rule-name: reason -->)")
		case !knownRule(ig.rule):
			c.out.Errorf(p.Path, line, ig.col, ruleIgnore, "safeguard-ignore: %q is not a rule of safeguard check (use one of: %s)", ig.rule, ruleNames())
		case !switchable(ig.rule):
			c.out.Errorf(p.Path, line, ig.col, ruleIgnore, "safeguard-ignore: %s cannot be switched off, because it keeps script and broken layout off the site (fix what it reports instead)", ig.rule)
		case ig.reason == "":
			c.out.Errorf(p.Path, line, ig.col, ruleIgnore, "safeguard-ignore %s has no reason (write <!-- safeguard-ignore %s: why it does not apply -->)", ig.rule, ig.rule)
		}
	}
}

// needsReview reports whether a published page must carry review_by: every
// page with text of its own. Contacts carry verified_on instead, and a
// section or home page with no text of its own is only a generated list.
// (A draft is in the Site only when drafts are being published.)
func needsReview(p *content.Page, m *markdown) bool {
	if p.Kind == content.KindContact && !p.IsIndex {
		return false
	}
	return !p.IsIndex || m.words(nil) > 0
}

func (c *checker) checkReview(p *content.Page, m *markdown) {
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

// contactLimit is the last day a contact's details count as verified.
func contactLimit(s *content.Site, ct *content.Contact) time.Time {
	months := s.Config.VerifyWithinMonths
	if months <= 0 {
		months = defaultMonths
	}
	return day(ct.VerifiedOn).AddDate(0, months, 0)
}

func (c *checker) checkContacts() {
	used := c.usedContacts()
	names := make([]string, 0, len(c.s.Contacts))
	for n := range c.s.Contacts {
		names = append(names, n)
	}
	slices.Sort(names)
	months := c.s.Config.VerifyWithinMonths
	if months <= 0 {
		months = defaultMonths
	}
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
		used["emergency"] = true
	}
	for _, p := range append(slices.Clone(c.s.Pages), c.s.Skipped...) {
		if p.Kind == content.KindContact {
			continue
		}
		for _, n := range p.Contacts {
			used[n] = true
		}
		for _, sc := range p.Shortcode {
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
