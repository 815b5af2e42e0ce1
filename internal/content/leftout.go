package content

import (
	"time"

	"safeguard/internal/diag"
)

// Problems of a page left out of the build (a draft, or an article dated
// after today) are warnings when Options.LeftOutWarn is set: the page is not
// published, so they must not stop the rest of the site going out (build,
// the preview). check and status leave it off and gate on them as errors.
// This file is the one place that decision is made for the loader.

// leftOut says the page is not published by this load: a draft without
// Options.Drafts, or an article dated after today without Options.Future.
func (l *Loader) leftOut(p *Page) bool {
	today := l.opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	y, m, dd := today.In(london).Date()
	todayStart := time.Date(y, m, dd, 0, 0, 0, 0, london)
	return p.Draft && !l.opts.Drafts || p.Kind == KindArticle && !l.opts.Future && p.Date.After(todayStart)
}

// leftOutWarns reports whether the problems of a page, given what could be
// read of it, are warnings: LeftOutWarn is on and the page is left out.
func (l *Loader) leftOutWarns(p *Page) bool {
	return l.opts.LeftOutWarn && p != nil && l.leftOut(p)
}

// warnLeftOut adds one problem of a left-out page as a warning that says
// why it does not stop the build.
func warnLeftOut(d *diag.List, p *Page, line, col int, rule, msg string) {
	d.Warnf(p.Path, line, col, rule, "%s (%s)", msg, LeftOutWhy(p))
}

// LeftOutWhy says why a problem of a left-out page is only a warning, in
// the words every such warning ends with (the checks use them too).
func LeftOutWhy(p *Page) string {
	if p.Draft {
		return "this draft is not published; fix it before it is published"
	}
	return "this article is scheduled for later and not published; fix it before it is published"
}

// skipBroken lists the left-out pages that had problems among the skipped
// ones, so the build leaves their files out as it does every draft's.
func skipBroken(site *Site, broken []*Page) {
	if site == nil {
		return
	}
	for _, p := range broken {
		cp := *p
		site.Skipped = append(site.Skipped, &cp)
	}
}
