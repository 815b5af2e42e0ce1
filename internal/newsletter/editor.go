package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"safeguard/internal/content"
)

// The editors' pages are ordinary web pages (not email): they preview each
// fragment at email width and offer its files. They load only their own script
// and stylesheet, because the site's Content-Security-Policy is default-src 'self'.

func pageStart(b *bytes.Buffer, s *content.Site, title, up string) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>%s</title>
<link rel="stylesheet" href="%seditor.css">
<script src="%scopy.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top"><p>%s: newsletter fragments for editors</p></header>
<main id="main">
`, html.EscapeString(language(s)), html.EscapeString(title), up, up, html.EscapeString(s.Config.Title))
}

func pageEnd(b *bytes.Buffer) {
	b.WriteString("</main>\n</body>\n</html>\n")
}

func kb(n int) string {
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

// issuePage is newsletter/<issue>/index.html.
func issuePage(s *content.Site, iss *Issue, issueBytes int) []byte {
	var b bytes.Buffer
	e := html.EscapeString
	pageStart(&b, s, iss.Title+": fragments for editors – "+s.Config.Title, "../")
	fmt.Fprintf(&b, `<p class="back"><a href="../">All %s issues</a></p>
<h1>%s</h1>
<p>Each article below is ready for the newsletter. Paste the HTML into your email tool’s HTML or code block, or the plain text into a text-only email. Every link already points to the full address.</p>
<p>The whole issue in one piece: <a href="issue.html">HTML of the whole %s issue</a> (%s) and <a href="issue.txt">plain text of the whole %s issue</a>.</p>
`, e(newsletterName(s)), e(iss.Title), e(iss.Title), kb(issueBytes), e(iss.Title))
	for i, f := range iss.all() {
		id := fmt.Sprintf("f%d", i+1)
		lang := otherLanguage(s, f.page)
		summary := "<p" + lang + ">" + e(f.Summary) + "</p>"
		meta := fmt.Sprintf(`On the website: <a href="%s">‘%s’ on the website</a>.`, e(f.URL), e(f.Title))
		if f.Kind == "alert" {
			// An alert has no page on the website to point to, and its
			// message is in the preview: the editor is told why it is
			// here and until when.
			a := f.page.Alert
			summary = ""
			meta = fmt.Sprintf("An urgent notice (%s), at the top of the issue: it shows on every page of the website until %s, and leaves this issue at the first build after.", e(strings.ToLower(noticeLabel(a))), e(untilText(a.Ends)))
		}
		heading := e(f.Title)
		if lang != "" {
			heading = "<span" + lang + ">" + heading + "</span>"
		}
		fmt.Fprintf(&b, `<section class="fragment" aria-labelledby="%[1]s-h">
<h2 id="%[1]s-h">%[2]d. %[11]s</h2>
%[4]s
<p class="meta">From <code>%[5]s</code>. %[6]s</p>
<iframe src="%[7]s.html" title="Email preview of ‘%[3]s’" width="600" height="480" loading="lazy"></iframe>
<ul class="files">
<li><a href="%[7]s.html">HTML of ‘%[3]s’</a> (%[8]s)</li>
<li><a href="%[7]s.txt">Plain text of ‘%[3]s’</a> (%[9]s)</li>
</ul>
<div class="copy" data-copy-panel hidden>
<button type="button" data-copy="%[7]s.html" data-type="html" data-status="%[1]s-s" data-done="HTML of ‘%[3]s’ copied">Copy HTML<span class="visually-hidden"> of ‘%[3]s’</span></button>
<button type="button" data-copy="%[7]s.txt" data-type="text" data-status="%[1]s-s" data-done="Plain text of ‘%[3]s’ copied">Copy plain text<span class="visually-hidden"> of ‘%[3]s’</span></button>
<p class="status" id="%[1]s-s" role="status"></p>
</div>
</section>
`, id, i+1, e(f.Title), summary, e(f.Source), meta, e(f.Slug), kb(f.HTML.Bytes), kb(f.Text.Bytes), lang, heading)
	}
	pageEnd(&b)
	return b.Bytes()
}

// untilText is when an alert stops showing, as its writer put it: an
// all-day end (stored as the next midnight) is "the end of" that day.
func untilText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return "the end of " + t.AddDate(0, 0, -1).Format("2 January 2006")
	}
	return t.Format("15:04 on 2 January 2006")
}

// issuesPage is newsletter/index.html: the issues, newest first.
func issuesPage(s *content.Site, issues []*Issue) []byte {
	var b bytes.Buffer
	e := html.EscapeString
	pageStart(&b, s, newsletterName(s)+" newsletter fragments – "+s.Config.Title, "")
	fmt.Fprintf(&b, "<h1>%s newsletter fragments</h1>\n<p>Articles written for the %s newsletter, ready to paste into an email. Newest issue first.</p>\n<ul class=\"issues\">\n", e(newsletterName(s)), e(newsletterName(s)))
	for _, iss := range issues {
		n := len(iss.Fragments)
		word := "articles"
		if n == 1 {
			word = "article"
		}
		fmt.Fprintf(&b, "<li><a href=\"%s/\">%s</a> (%d %s)</li>\n", e(iss.ID), e(iss.Title), n, word)
	}
	b.WriteString("</ul>\n<p>For email tools and scripts: <a href=\"index.json\">list of every fragment with its checksum (JSON)</a>.</p>\n")
	pageEnd(&b)
	return b.Bytes()
}

const copyJS = `// Copy buttons for the newsletter editors' pages. A file of its own because the
// site's Content-Security-Policy allows no inline script; without JavaScript the
// buttons stay hidden and the links to each file do the job.
(function () {
  'use strict';
  if (!window.fetch || !navigator.clipboard) { return; }
  document.querySelectorAll('[data-copy-panel]').forEach(function (el) { el.hidden = false; });
  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('button[data-copy]');
    if (!btn) { return; }
    var status = document.getElementById(btn.getAttribute('data-status'));
    var asHTML = btn.getAttribute('data-type') === 'html';
    status.textContent = '';
    fetch(btn.getAttribute('data-copy'), { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.text();
    }).then(function (text) {
      // HTML goes on the clipboard both as HTML (pasting into a rich editor shows
      // the article) and as text (pasting into a code block gives the source).
      if (asHTML && window.ClipboardItem && navigator.clipboard.write) {
        return navigator.clipboard.write([new ClipboardItem({
          'text/html': new Blob([text], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' })
        })]);
      }
      return navigator.clipboard.writeText(text);
    }).then(function () {
      status.textContent = btn.getAttribute('data-done') + '.';
    }, function () {
      status.textContent = 'Copying did not work here. Open the file with the link above and copy it from there.';
    });
  });
})();
`

const editorCSS = `/* Newsletter editors' pages. Colours are GOV.UK's; every pair meets WCAG AA. */
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; color: #0b0c0c; background: #ffffff; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #ffdd00; color: #0b0c0c; }
.skip:focus { left: 0; }
.top { background: #0b0c0c; color: #ffffff; padding: 0.75rem 1rem; }
.top p { margin: 0; font-weight: bold; }
main { display: block; max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 2rem; line-height: 1.25; margin: 1rem 0; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.5rem; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus, button:focus { outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; }
code { font-family: Consolas, "Courier New", monospace; }
.meta { color: #505a5f; }
.fragment { border-top: 1px solid #b1b4b6; padding-top: 1rem; margin-top: 2rem; }
iframe { display: block; width: 600px; max-width: 100%; height: 30rem; border: 1px solid #b1b4b6; background: #ffffff; }
.files { padding-left: 1.25rem; }
button { font: inherit; padding: 0.5rem 1rem; margin: 0 0.5rem 0.5rem 0; border: 2px solid #00703c; background: #00703c; color: #ffffff; cursor: pointer; }
button:hover { background: #005a30; border-color: #005a30; }
.status { min-height: 1.5rem; margin: 0; color: #00703c; font-weight: bold; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
`
