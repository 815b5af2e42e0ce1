package site

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bep/logg"
	"github.com/yuin/goldmark/ast"

	"safeguard/internal/content"
	"safeguard/internal/diag"
	"safeguard/internal/markdown"
)

// diagnostics turns what Hugo logged into our own diagnostics. Hugo's words
// never reach a writer: a message Hugo logs about a page is said again in
// plain words at the page's file, line and column; one about a problem we
// report already is dropped; Hugo's advice about its own configuration
// (ignoreLogs, links to its documentation) is removed from anything left.
func (c *logCollector) diagnostics(root string) diag.List {
	c.mu.Lock()
	defer c.mu.Unlock()
	var l diag.List
	seen := map[string]bool{}
	for _, e := range c.entries {
		d, keep := translateLog(root, c.site, e.level, e.message)
		if !keep {
			continue
		}
		if k := d.String(); seen[k] {
			continue // Hugo logs some messages once per output format
		} else {
			seen[k] = true
		}
		l.Add(d)
	}
	return l
}

var (
	// Hugo's advice on silencing a message, appended to messages with an id.
	ignoreLogsAdvice = regexp.MustCompile(`(?s)\s*You can suppress this (?:warning|error) by adding.*$`)
	// "; see https://gohugo.io/…" pointers into Hugo's documentation.
	hugoDocs = regexp.MustCompile(`[;,]?\s*(?:see )?https://gohugo\.io/\S*`)
	// The page a message is about: a quoted file name ending in .md.
	quotedPage = regexp.MustCompile(`"([^"]+\.md)"`)
	// A file position written into a message: name.ext:line:col.
	filePos = regexp.MustCompile(`"?([^\s"]+\.(?:md|html|xml|txt|css|js)):(\d+):(\d+)"?`)

	rawHTMLLog   = regexp.MustCompile(`^Raw HTML omitted while rendering`)
	partialLog   = regexp.MustCompile(`^Doubtful use of partial function in \{\{ partial "([^"]+)"`)
	leafHomeLog  = regexp.MustCompile(`(?i)home page .*leaf bundle`)
	shortcodeLog = regexp.MustCompile(`^\.RenderShortcodes detected inside HTML block`)
)

// translateLog makes one diagnostic of one logged message, or reports that
// it is dropped.
func translateLog(root string, s *content.Site, level logg.Level, msg string) (diag.Diagnostic, bool) {
	msg = ignoreLogsAdvice.ReplaceAllString(msg, "")
	sev := diag.Warning
	if level >= logg.LevelError {
		sev = diag.Error
	}
	d := diag.Diagnostic{Severity: sev, Rule: "hugo"}
	page := pageOf(root, s, msg)
	if page != nil {
		d.Path = page.Path
	}
	switch {
	case rawHTMLLog.MatchString(msg):
		// Raw HTML never reaches the site (goldmark's unsafe is off).
		if page == nil {
			return d, false
		}
		if page.Article != nil && page.Article.Newsletter != nil {
			return d, false // the newsletter reports it, with its line and column
		}
		d.Rule = "raw-html"
		d.Line, d.Col = firstRawHTML(page)
		d.Message = "raw HTML is never published, so it is left out of the page (write it in Markdown instead, or delete it)"
		return d, true
	case shortcodeLog.MatchString(msg):
		return d, false // only with raw HTML, reported above
	case leafHomeLog.MatchString(msg):
		d.Message = "the home page must be content/_index.md (rename index.md to _index.md)"
		return d, true
	}
	if m := partialLog.FindStringSubmatch(msg); m != nil {
		d.Message = "a template calls {{ partial \"" + m[1] + "\" }}: write the name without \"partials/\""
		return d, true
	}
	// Any other message: our path and position when it names them, and
	// Hugo's text without its configuration advice.
	if m := filePos.FindStringSubmatch(msg); m != nil && d.Path == "" {
		d.Path = relPath(root, m[1])
		d.Line, _ = strconv.Atoi(m[2])
		d.Col, _ = strconv.Atoi(m[3])
	}
	msg = hugoDocs.ReplaceAllString(msg, "")
	msg = relMessage(root, cleanMessage(msg))
	if d.Path != "" {
		msg = strings.ReplaceAll(msg, strconv.Quote(d.Path), "this page")
	}
	if msg == "" {
		return d, false
	}
	d.Message = msg
	return d, true
}

// pageOf finds the page of the model that a message names, if any.
func pageOf(root string, s *content.Site, msg string) *content.Page {
	if s == nil {
		return nil
	}
	m := quotedPage.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	name := filepath.ToSlash(m[1])
	if filepath.IsAbs(m[1]) {
		name = relPath(root, m[1])
	}
	name = strings.TrimPrefix(name, "/")
	if !strings.HasPrefix(name, "content/") {
		name = "content/" + name
	}
	for _, p := range s.Pages {
		if p.Path == name {
			return p
		}
	}
	return nil
}

// firstRawHTML is the line and column in the page's file of its first raw
// HTML, or 0, 0 when it cannot be found. The body is read in the project's
// one Markdown dialect (internal/markdown), the one that matches Hugo's.
func firstRawHTML(p *content.Page) (line, col int) {
	src := []byte(p.Body)
	doc := markdown.ParseBody(p.Body, p.ShortcodeSpans).Root
	off := -1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if off >= 0 {
			return ast.WalkStop, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				off = n.Segments.At(0).Start
			}
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return 0, 0
	}
	before := src[:off]
	line = p.BodyLine + strings.Count(string(before), "\n")
	col = utf8.RuneCount(before[strings.LastIndexByte(string(before), '\n')+1:]) + 1
	return line, col
}
