package newsletter

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/emailcheck"
)

// An urgent notice (content/alerts/) at the top of an issue is a one-cell
// layout table like a note's (styleAlert), with the website's notice
// colours: a thick claret border for a warning, a thin navy one for
// information, so the two differ in more than colour; the heading says
// which in words ("Warning: …", "Important: …").
const (
	styleNoticeWarn      = "padding:16px 16px 0 16px;border:5px solid #8a1538;background-color:#ffffff;"
	styleNoticeInfo      = "padding:16px 16px 0 16px;border:2px solid #1f2a44;background-color:#ffffff;"
	styleNoticeHeading   = "margin:0 0 16px 0;font-family:" + fontStack + ";font-size:19px;line-height:25px;font-weight:bold;color:#0b0c0c;"
	styleNoticeWarnLabel = "color:#8a1538;" // 9.4:1 on white
	styleNoticeInfoLabel = "color:#1f2a44;" // 14.6:1 on white
)

// noticeLabel is the word that says how serious an alert is, as on the
// website's banner.
func noticeLabel(a *content.Alert) string {
	if a.Severity == "warning" {
		return "Warning"
	}
	return "Important"
}

// issueAlerts are the alerts at the top of issue id: those showing when the
// site is built (s.Now, as on the website) whose window falls at least
// partly in the issue's month, soonest start first. So the issue made now
// carries the notices in force now that matter to the month's readers; a
// past issue never gains one, and an alert that has ended leaves the issue
// at the next build, as it leaves the website.
func issueAlerts(s *content.Site, id string) []*content.Page {
	var y, m int
	if _, err := fmt.Sscanf(id, "%d-%d", &y, &m); err != nil || m < 1 || m > 12 {
		return nil
	}
	active, _ := s.Alerts()
	var out []*content.Page
	for _, p := range active {
		if p.Translation != "" {
			continue // the issue is in the site's language, as its articles
		}
		a := p.Alert
		from := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, a.Starts.Location())
		if a.Starts.Before(from.AddDate(0, 1, 0)) && a.Ends.After(from) {
			out = append(out, p)
		}
	}
	return out
}

// renderAlert renders an alert as a fragment and its plain-text twin. An
// alert has no page of its own, so there is no closing link to one; a
// relative link in its message resolves against the home page, and its own
// link (link:) is made absolute.
func renderAlert(s *content.Site, p *content.Page) output {
	r, ok := newRenderer(s, p, strings.TrimSuffix(s.Config.BaseURL, "/")+"/", nil)
	if !ok {
		return output{diags: r.diags}
	}
	a := p.Alert
	label := noticeLabel(a)
	box, labelStyle := styleNoticeInfo, styleNoticeInfoLabel
	if a.Severity == "warning" {
		box, labelStyle = styleNoticeWarn, styleNoticeWarnLabel
	}
	var href string
	if a.Link != nil {
		href = a.Link.URL
		if strings.HasPrefix(href, "/") { // a page of this site: the loader checked its form
			href = r.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(href, "/")}).String()
		}
	}

	var h bytes.Buffer
	r.openWrapper(&h)
	fmt.Fprintf(&h, `<table role="presentation" style="%s">`+"\n"+`<tr><td style="%s">`+"\n", styleAlert, box)
	fmt.Fprintf(&h, `<h2 style="%s"><span%s style="%s">%s:</span> %s</h2>`+"\n", styleNoticeHeading, r.chrome, labelStyle, label, html.EscapeString(p.Title))
	r.blocksHTML(&h, r.doc.Root)
	if href != "" {
		fmt.Fprintf(&h, `<p style="%s"><a href="%s" style="%s">%s</a></p>`+"\n", styleP, html.EscapeString(href), styleA, html.EscapeString(a.Link.Label))
	}
	h.WriteString("</td></tr>\n</table>\n</div>\n")

	r.quiet = true
	var t textOut
	t.heading(label+": "+p.Title, 2)
	r.blocksText(&t, r.doc.Root)
	if href != "" {
		t.para(linkText(a.Link.Label, href, true))
	}
	text := emailcheck.QuoteMarkup(t.bytes())
	return output{html: asciiHTML(h.Bytes()), text: text, diags: r.diags.Sort(), switched: r.switched}
}
