package check

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"safeguard/internal/content"
	"safeguard/internal/readability"
)

// siteURL is a link resolved against the page it is on: internal is true when
// it points inside this site, and then path is the site-relative path.
type siteURL struct {
	internal bool
	path     string
	fragment string
	bad      bool // not a valid address at all
}

// resolve reads a link the way a browser on the page would.
func (c *checker) resolve(p *content.Page, dest string) siteURL {
	dest = strings.TrimSpace(dest)
	u, err := url.Parse(dest)
	if err != nil {
		return siteURL{bad: true}
	}
	if u.Scheme != "" || u.Host != "" {
		base, err := url.Parse(c.s.Config.BaseURL)
		// While base_url is still the placeholder, an address on its host
		// is someone else's example, not a page of this site.
		if err != nil || base.Host == "" || c.s.Config.BaseURL == content.DefaultBaseURL || !strings.EqualFold(u.Host, base.Host) || (u.Scheme != "http" && u.Scheme != "https") {
			return siteURL{}
		}
		rel := strings.TrimPrefix(u.Path, strings.TrimSuffix(base.Path, "/"))
		if !strings.HasPrefix(rel, "/") {
			rel = "/" + rel
		}
		return siteURL{internal: true, path: rel, fragment: u.Fragment}
	}
	pageURL := p.URL
	if pageURL == "" {
		pageURL = "/"
	}
	base := &url.URL{Scheme: "https", Host: "site.invalid", Path: pageURL}
	r := base.ResolveReference(u)
	return siteURL{internal: true, path: r.Path, fragment: u.Fragment}
}

// target says what a site path is: a published page, a file, a page left
// out of this build (a draft or a scheduled page), or nothing.
func (c *checker) target(sitePath string) (page *content.Page, file bool, skipped *content.Page) {
	if sitePath == "" {
		sitePath = "/"
	}
	withSlash := sitePath
	if !strings.HasSuffix(withSlash, "/") {
		withSlash += "/"
	}
	if p := cmp.Or(c.byURL[sitePath], c.byURL[withSlash]); p != nil {
		return p, false, nil
	}
	if c.files[sitePath] {
		return nil, true, nil
	}
	switch path.Base(sitePath) {
	case "sitemap.xml", "robots.txt", "404.html", "index.xml":
		// made by every build; an index.xml is the feed of a section
		return nil, true, nil
	}
	if p := cmp.Or(c.skip[sitePath], c.skip[withSlash]); p != nil {
		return nil, false, p
	}
	return nil, false, nil
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

func isPDF(p string) bool { return strings.EqualFold(path.Ext(p), ".pdf") }

func (c *checker) checkLinks(p *content.Page, m *bodySummary) {
	// Words of the page's own, outside paragraphs that hold a PDF link.
	pdfBlocks := map[int]bool{}
	for _, l := range m.links {
		if u, err := url.Parse(strings.TrimSpace(l.dest)); err == nil && isPDF(u.Path) && l.block >= 0 {
			pdfBlocks[l.block] = true
		}
	}
	ownWords := 0
	for i := range m.blocks {
		if !pdfBlocks[i] {
			ownWords += countFields(m.blocks[i].text)
		}
	}
	for _, l := range m.links {
		line, col := m.at(l.off)
		dest := strings.TrimSpace(l.dest)
		text := strings.ToLower(strings.Trim(strings.TrimSpace(l.text), ".:!?…»›→> "))
		switch {
		case l.auto || (looksLikeURL(l.text)):
			c.out.Errorf(p.Path, line, col, "link-text", "the web address %s is the link text: screen readers read it out letter by letter (write [words that say where it goes](%s))", short(l.text, 50), short(dest, 60))
		case text == "":
			c.out.Errorf(p.Path, line, col, "link-text", "this link has no text (write words that say where it goes between the [ ])")
		case readability.VagueLinkText(l.text):
			c.out.Errorf(p.Path, line, col, "link-text", "link text %q does not say where the link goes, and screen reader users often list links on their own (write what the reader gets, e.g. [signs to look for](...))", l.text)
		}
		if strings.HasPrefix(strings.ToLower(dest), "http:") {
			c.out.Errorf(p.Path, line, col, "http-link", "%s is a plain http: link, which is not private and may be changed on the way (use https://, and check the site supports it)", short(dest, 60))
		}
		if dest == "" {
			c.out.Errorf(p.Path, line, col, "broken-link", "this link has no address (write the address between the ( ))")
			continue
		}
		u := c.resolve(p, dest)
		if u.bad {
			c.out.Errorf(p.Path, line, col, "broken-link", "%q is not a valid web address (check for spaces or stray characters)", short(dest, 60))
			continue
		}
		if isPDF(u.path) && l.block >= 0 && m.blocks[l.block].links == 1 && ownWords < pdfOwnText {
			c.out.Errorf(p.Path, line, col, "pdf-only", "the PDF %s is the only copy of this content: PDFs are hard to read on phones and with screen readers (put the content on this page in Markdown, and offer the PDF as well if it is needed)", short(dest, 60))
		}
		if !u.internal {
			continue
		}
		if strings.HasPrefix(dest, "#") {
			continue // an anchor on this page: Output checks it against the built page
		}
		page, file, skipped := c.target(u.path)
		switch {
		case page != nil && page.Kind == content.KindContact && !page.IsIndex:
			c.out.Errorf(p.Path, line, col, "broken-link", "%s is a contact, and contacts are not pages of their own (show it with {{< contact %q >}} or link to the contacts page, /contacts/)", short(dest, 60), strings.TrimSuffix(path.Base(page.Path), ".md"))
		case page != nil || file:
		case skipped != nil && c.opts.LeftOutWarn:
			c.out.Warnf(p.Path, line, col, "broken-link", "%s links to %s, which is %s and will not be on the site (publish that page first, or remove the link)", short(dest, 60), skipped.Path, skippedWhy(skipped))
		case skipped != nil:
			c.out.Errorf(p.Path, line, col, "broken-link", "%s links to %s, which is %s and will not be on the site (publish that page first, or remove the link)", short(dest, 60), skipped.Path, skippedWhy(skipped))
		case strings.HasSuffix(u.path, ".md"):
			hint := "link to a page by its address, such as /about/prevent/, not by its file name"
			for _, q := range c.s.Pages {
				if strings.HasSuffix(q.Path, strings.TrimPrefix(path.Clean(strings.TrimPrefix(dest, "./")), "../")) || path.Base(q.Path) == path.Base(u.path) && path.Dir(q.Path) == path.Dir(p.Path) {
					hint = "link to that page by its address: " + q.URL
					break
				}
			}
			c.out.Errorf(p.Path, line, col, "broken-link", "%s is a file name, and the published site has no such address (%s)", short(dest, 60), hint)
		default:
			c.out.Errorf(p.Path, line, col, "broken-link", "%s is not a page or file of this site (check the address: pages are linked as /section/name/, files in the page's folder by their name)", short(dest, 60))
		}
	}
}

func skippedWhy(p *content.Page) string {
	if p.Draft {
		return "a draft"
	}
	if !p.Date.IsZero() {
		return "scheduled for " + ukDate(p.Date)
	}
	return "not published yet"
}

// short shortens s to about n characters for a message.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// sameLanguage reports whether a passage marked lang is in the site's
// language: unmarked passages are, and en-GB, en and en-US are one language.
func sameLanguage(lang, site string) bool {
	if lang == "" {
		return true
	}
	if site == "" {
		site = content.DefaultLanguage
	}
	primary := func(s string) string {
		p, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
		return p
	}
	return primary(lang) == primary(site)
}

// quote quotes the start of a sentence for a message.
func quote(s string) string {
	words := strings.Fields(s)
	if len(words) > 8 {
		return fmt.Sprintf("%q", strings.Join(words[:8], " ")+" …")
	}
	return fmt.Sprintf("%q", strings.Join(words, " "))
}

func (c *checker) checkImages(p *content.Page, m *bodySummary) {
	for _, im := range m.images {
		line, col := m.at(im.off)
		if strings.TrimSpace(im.alt) == "" {
			c.out.Errorf(p.Path, line, col, "image-alt", "image %s has no alt text, so screen reader users miss it (describe it: ![what the image shows](%s); for a purely decorative image put <!-- safeguard-ignore image-alt: decorative --> on the line before)", short(im.dest, 60), short(im.dest, 60))
		}
		dest := strings.TrimSpace(im.dest)
		if strings.HasPrefix(strings.ToLower(dest), "http:") {
			c.out.Errorf(p.Path, line, col, "http-link", "image %s is a plain http: address (put the image in the page's folder and use its file name)", short(dest, 60))
		}
		u := c.resolve(p, dest)
		if u.bad || dest == "" {
			c.out.Errorf(p.Path, line, col, "broken-image", "image address %q is not valid (use the file name of an image in the page's folder)", short(dest, 60))
			continue
		}
		if !u.internal {
			c.out.Errorf(p.Path, line, col, "remote-image", "image %s is loaded from another site, which tells that site who reads this page (save the image in the page's folder and use its file name)", short(dest, 60))
			continue
		}
		if _, file, _ := c.target(u.path); !file {
			c.out.Errorf(p.Path, line, col, "broken-image", "image %s does not exist (put the file in the page's folder, or in static/, and check the spelling)", short(dest, 60))
		}
	}
}

// checkAlerts warns about a quote that starts like a note or warning but
// with a type no output knows: it is published as a plain note.
func (c *checker) checkAlerts(p *content.Page, m *bodySummary) {
	for _, a := range m.alerts {
		line, col := m.at(a.off)
		c.out.Warnf(p.Path, line, col, "alert-type", "[!%s] is not a kind of note, so it is shown as a plain note (use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION])", a.typ)
	}
}

func (c *checker) checkHeadings(p *content.Page, m *bodySummary) {
	prev := 1 // the title is the page's heading 1
	for _, h := range m.headings {
		line, col := m.at(h.off)
		if h.level == 1 {
			c.out.Errorf(p.Path, line, col, "heading-h1", "%q is a second top-level heading: the title is already the page's heading 1 (start sections with ##)", short(h.text, 50))
		} else if h.level > prev+1 {
			c.out.Errorf(p.Path, line, col, "heading-skip", "heading %q is level %d straight after level %d, so screen reader users think something is missing (use %s)", short(h.text, 50), h.level, prev, strings.Repeat("#", prev+1))
		}
		prev = h.level
	}
}

// checkWriting runs the plain-English rules: title and summary length,
// sentence length, passive voice and the page's reading scores.
func (c *checker) checkWriting(p *content.Page, m *bodySummary) {
	if n := utf8.RuneCountInString(p.Title); n > maxTitle {
		line, col := fieldPos(p, "title")
		c.out.Warnf(p.Path, line, col, "long-title", "the title is %d characters; search results and phones cut titles after about %d (shorten it, and put detail in the summary)", n, maxTitle)
	}
	if n := utf8.RuneCountInString(p.Summary); n > maxSummary {
		line, col := fieldPos(p, "summary")
		c.out.Warnf(p.Path, line, col, "long-summary", "the summary is %d characters; lists and search results show about %d (keep it to one or two short sentences)", n, maxSummary)
	}
	var st readability.Stats
	firstOff := -1
	for _, b := range m.blocks {
		if !sameLanguage(p.Language, c.s.Config.Language) || !sameLanguage(b.lang, c.s.Config.Language) {
			continue // the sentence and reading rules are for the site's language
		}
		for s := range readability.Sentences(b.text) {
			st.Add(readability.Stats{Sentences: 1, Words: s.Words, Syllables: s.Syllables})
			off := b.srcOffset(s.Start)
			if firstOff < 0 {
				firstOff = off
			}
			line, col := m.at(off)
			if s.Words > maxSentence {
				c.out.Warnf(p.Path, line, col, "long-sentence", "sentence of %d words: %s (split it into sentences of %d words or fewer)", s.Words, quote(s.Text), maxSentence)
			}
			if phrase := readability.Passive(s.Text); phrase != "" {
				c.out.Warnf(p.Path, line, col, "passive-voice", "%q is passive in %s (say who does it: \"we record calls\" rather than \"calls are recorded\")", strings.Trim(phrase, ".,;:!?"), quote(s.Text))
			}
		}
	}
	if st.Words < minReadingWords || firstOff < 0 {
		return
	}
	target := c.s.Config.ReadingTarget
	t, ok := readingTargets[target]
	if !ok {
		target, t = content.DefaultReadingTarget, readingTargets[content.DefaultReadingTarget]
	}
	ease, grade := st.ReadingEase(), st.Grade()
	if ease >= t.minEase && grade <= t.maxGrade {
		return
	}
	line, col := m.at(firstOff)
	c.out.Warnf(p.Path, line, col, "readability", "this page is hard to read for a %s reader: reading ease %.0f (aim for %.0f or more), grade %.1f (aim for %.0f or less) over %d words (use shorter sentences and everyday words)", target, ease, t.minEase, grade, t.maxGrade, st.Words)
}
