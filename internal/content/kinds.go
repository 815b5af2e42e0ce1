package content

import (
	"fmt"
	"strings"
)

// commonFields reads the fields every page may have.
func commonFields(c *checker, p *Page, pl place, out *parsed) handlers {
	return handlers{
		"title":   func(n string, v *val) { p.Title, _ = c.text(n, v) },
		"summary": func(n string, v *val) { p.Summary, _ = c.text(n, v) },
		"draft":   func(n string, v *val) { p.Draft, _ = c.boolean(n, v) },
		"slug": func(n string, v *val) {
			if pl.isIndex {
				c.errorf(v.pos, "slug has no effect on a section's _index.md (rename the folder instead, and remove slug)")
				return
			}
			if s, ok := c.name(n, v); ok {
				p.Slug = s
				out.slugPos = v.pos
			}
		},
		"weight":        func(n string, v *val) { p.Weight, _ = c.integer(n, v) },
		"last_reviewed": func(n string, v *val) { p.LastReviewed, _ = c.date(n, v) },

		"review_by": func(n string, v *val) { p.ReviewBy, _ = c.date(n, v) },
		"contacts": func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of contact file names, not %s (write it as [first-contact, second-contact])", n, v.describe())
				return
			}
			for i, it := range v.items {
				in := fmt.Sprintf("%s.%d", n, i)
				c.fields[in] = it.pos
				if s, ok := c.contactRef(in, it); ok {
					p.Contacts = append(p.Contacts, s)
				}
			}
		},
		"quick_exit": func(n string, v *val) { p.QuickExit, _ = c.boolean(n, v) },
		"language":   func(n string, v *val) { p.Language, _ = c.language(n, v) },
		"ignore": func(n string, v *val) {
			p.Ignore = map[string]string{}
			if v.kind != mapVal {
				c.errorf(v.pos, "%s: expected rule names with reasons, not %s (write ignore: {rule-name: \"the reason\"})", n, v.describe())
				return
			}
			for _, e := range v.keys {
				full := n + "." + e.key
				c.fields[full] = e.keyPos
				if _, dup := p.Ignore[e.key]; dup {
					c.errorf(e.keyPos, "%s is written twice (remove one)", full)
					continue
				}
				if e.val.kind == scalarVal && e.val.tag == "null" {
					c.errorf(e.keyPos, "%s has no reason (write why the rule does not apply, in quotes)", full)
					continue
				}
				if r, ok := c.text(full, e.val); ok {
					p.Ignore[e.key] = r
				}
			}
		},
	}
}

// translationFields adds what only a translation (x.cy.md) may say: the
// version of the page it was made from.
func translationFields(c *checker, p *Page, pl place, hs handlers) {
	if pl.lang != "" {
		hs["translated_from_reviewed"] = func(n string, v *val) { p.TranslatedFrom, _ = c.date(n, v) }
	}
}

// layoutField lets a plain page choose a layout; elsewhere the field is
// refused with the reason returned in extra.
func layoutField(c *checker, p *Page, pl place, hs handlers) map[string]string {
	extra := map[string]string{}
	if pl.kind == KindPage && !pl.isIndex {
		hs["layout"] = func(n string, v *val) {
			if l, ok := c.text(n, v); ok {
				if l != "site-map" {
					c.errorf(v.pos, "%s: %q is not a layout (the only layout is site-map; remove the line for a normal page)", n, l)
					return
				}
				p.Layout = l
			}
		}
	} else if pl.isIndex {
		extra["layout"] = "layout is only allowed on plain pages, not on a section's _index.md (remove it)"
	} else {
		extra["layout"] = "layout is only allowed on plain pages (remove it)"
	}
	return extra
}

// articleFields reads an article's own fields: its date, author, topics and
// place in the newsletter.
func articleFields(c *checker, p *Page, out *parsed, hs handlers) (required []string, finish func(seen map[string]*val)) {
	a := &Article{}
	p.Article = a
	required = append(required, "date", "summary")
	hs["date"] = func(n string, v *val) { p.Date, _ = c.date(n, v) }
	hs["author"] = func(n string, v *val) { a.Author, _ = c.text(n, v) }
	hs["topics"] = func(n string, v *val) { a.Topics = c.textList(n, v) }
	hs["newsletter"] = func(n string, v *val) {
		nl := &Newsletter{}
		seen := c.fieldsOf(v, n+".", handlers{
			"issue": func(n string, v *val) {
				if s, ok := c.text(n, v); ok {
					if !issueRE.MatchString(s) {
						c.errorf(v.pos, "%s: %q is not an issue (use YYYY-MM, for example 2020-12)", n, s)
						return
					}
					nl.Issue = s
				}
			},
			"order": func(n string, v *val) {
				if o, ok := c.integer(n, v); ok {
					if o < 1 {
						c.errorf(v.pos, "%s: %d is not a position in the issue (use 1 for the first article, 2 for the next)", n, o)
						return
					}
					nl.Order = o
					out.orderPos = v.pos
				}
			},
		}, nil)
		if v.kind == mapVal {
			c.require(seen, c.fields[n], n+".", "issue", "order")
		}
		if nl.Issue != "" && nl.Order > 0 {
			a.Newsletter = nl
		}
	}
	finish = func(map[string]*val) {
		// An article in the newsletter has its title, summary and author
		// in the plain-text twin, shown exactly as typed: markup there
		// would be refused later by the email rules, far from where it
		// was written, so it is refused here with the field's line.
		if a.Newsletter == nil {
			return
		}
		const why = "an article in the newsletter shows it exactly as typed in the plain-text email"
		c.plainText("title", p.Title, why)
		c.plainText("summary", p.Summary, why)
		c.plainText("author", a.Author, why)
	}
	return required, finish
}

// actEarlyFields reads an ACT Early page's launch date and call to action.
func actEarlyFields(c *checker, p *Page, hs handlers) (required []string) {
	ae := &ActEarly{}
	p.ActEarly = ae
	required = append(required, "summary", "call_to_action")
	hs["launch_date"] = func(n string, v *val) { ae.LaunchDate, _ = c.date(n, v) }
	hs["call_to_action"] = func(n string, v *val) {
		cta := &ae.CallToAction
		seen := c.fieldsOf(v, n+".", handlers{
			"label":   func(n string, v *val) { cta.Label, _ = c.text(n, v) },
			"contact": func(n string, v *val) { cta.Contact, _ = c.contactRef(n, v) },
			"url":     func(n string, v *val) { cta.URL, _ = c.webURL(n, v) },
		}, nil)
		if v.kind != mapVal {
			return
		}
		at := c.fields[n]
		c.require(seen, at, n+".", "label")
		_, hasC := seen["contact"]
		_, hasU := seen["url"]
		switch {
		case hasC && hasU:
			c.errorf(at, "%s has both contact and url (keep only one)", n)
		case !hasC && !hasU:
			c.errorf(at, "%s needs a contact or a url (add contact: with a contact file name, or url: with an https address)", n)
		}
	}
	return required
}

// contactFields reads a contact's ways to get in touch and where they were
// checked.
func contactFields(c *checker, p *Page, pl place, hs handlers) (required []string, finish func(seen map[string]*val)) {
	ct := &Contact{Name: p.Slug, Page: p}
	if pl.bundle {
		ct.Name = pl.dirs[len(pl.dirs)-1]
	} else {
		ct.Name = pl.stem
	}
	p.Contact = ct
	required = append(required, "summary", "source", "verified_on")
	hs["phones"] = func(n string, v *val) {
		if v.kind != listVal {
			c.errorf(v.pos, "%s: expected a list of numbers, not %s (write each as - number: \"020 7332 3808\")", n, v.describe())
			return
		}
		for i, it := range v.items {
			in := fmt.Sprintf("%s.%d", n, i)
			c.fields[in] = it.pos
			var ph Phone
			if it.kind == scalarVal {
				c.errorf(it.pos, "%s: write the number as - number: %q", in, it.text)
				continue
			}
			seen := c.fieldsOf(it, in+".", handlers{
				"number": func(n string, v *val) {
					if s, ok := c.text(n, v); ok {
						tel, problem := checkPhone(s)
						if problem != "" {
							if strings.HasPrefix(problem, "write it as") {
								c.errorf(v.pos, "%s: %q is not in the usual groups (%s)", n, s, problem)
							} else {
								c.errorf(v.pos, "%s: %q is not a UK phone number (%s)", n, s, problem)
							}
							return
						}
						ph.Number, ph.Tel = s, tel
					}
				},
				"label":     func(n string, v *val) { ph.Label, _ = c.text(n, v) },
				"textphone": func(n string, v *val) { ph.Textphone, _ = c.boolean(n, v) },
			}, nil)
			if it.kind == mapVal {
				c.require(seen, it.pos, in+".", "number")
			}
			ct.Phones = append(ct.Phones, ph)
		}
	}
	hs["email"] = func(n string, v *val) { ct.Email, _ = c.email(n, v) }
	hs["url"] = func(n string, v *val) { ct.URL, _ = c.webURL(n, v) }
	hs["hours"] = func(n string, v *val) { ct.Hours, _ = c.text(n, v) }
	hs["emergency"] = func(n string, v *val) { ct.Emergency, _ = c.boolean(n, v) }
	hs["source"] = func(n string, v *val) { ct.Source, _ = c.webURL(n, v) }
	hs["verified_on"] = func(n string, v *val) { ct.VerifiedOn, _ = c.date(n, v) }
	finish = func(seen map[string]*val) {
		a := len(seen["phones"].itemsOrNil()) > 0
		_, b := seen["email"]
		_, u := seen["url"]
		if !a && !b && !u {
			c.errorf(c.opener, "a contact needs at least one of phones, email or url (add one)")
		}
		ct.Title, ct.Summary = p.Title, p.Summary
		// A contact is shown on every page that lists it, in HTML and
		// in the newsletter's plain text: markup in its text would be
		// blamed on those pages, so it is refused here, where it is.
		const why = "a contact's text is shown exactly as typed"
		c.plainText("title", ct.Title, why)
		c.plainText("summary", ct.Summary, why)
		c.plainText("hours", ct.Hours, why)
		for i, ph := range ct.Phones {
			c.plainText(fmt.Sprintf("phones.%d.label", i), ph.Label, why)
		}
	}
	return required, finish
}

// eventFields reads an event's times, place, audience, status and booking.
func eventFields(c *checker, p *Page, hs handlers) (required []string, finish func(seen map[string]*val)) {
	ev := &Event{Status: "scheduled"}
	p.Event = ev
	required = append(required, "start", "audience")
	hs["start"] = func(n string, v *val) { ev.Start, ev.AllDay, _ = c.dateTime(n, v) }
	hs["end"] = func(n string, v *val) { ev.End, _, _ = c.dateTime(n, v) }
	hs["online"] = func(n string, v *val) { ev.Online, _ = c.boolean(n, v) }
	hs["place"] = func(n string, v *val) { ev.Place, _ = c.text(n, v) }
	hs["audience"] = func(n string, v *val) { ev.Audience, _ = c.text(n, v) }
	hs["status"] = func(n string, v *val) {
		if s, ok := c.text(n, v); ok {
			switch s {
			case "planned", "scheduled", "held", "cancelled":
				ev.Status = s
			default:
				c.errorf(v.pos, "%s: %q is not a status (use planned, scheduled, held or cancelled)", n, s)
			}
		}
	}
	hs["booking"] = func(n string, v *val) {
		bk := &Booking{}
		seen := c.fieldsOf(v, n+".", handlers{
			"url":   func(n string, v *val) { bk.URL, _ = c.webURL(n, v) },
			"email": func(n string, v *val) { bk.Email, _ = c.email(n, v) },
		}, nil)
		if v.kind == mapVal && len(seen) == 0 {
			c.errorf(c.fields[n], "%s needs a url or an email (add url: with an https address, or email:)", n)
		}
		ev.Booking = bk
	}
	finish = func(seen map[string]*val) {
		_, on := seen["online"]
		_, pc := seen["place"]
		if !on && !pc {
			c.errorf(c.opener, "an event needs online: true or a place (add place: with where it is held, or online: true)")
		}
		if on && !ev.Online && !pc {
			c.errorf(c.fields["online"], "an event that is not online needs a place (add place: with where it is held)")
		}
		if !ev.End.IsZero() && !ev.Start.IsZero() && ev.End.Before(ev.Start) {
			c.errorf(c.fields["end"], "end is before start (check both dates)")
		}
	}
	return required, finish
}

// alertNotFields are the fields every page has that an alert does not.
var alertNotFields = []string{"summary", "slug", "weight", "contacts", "quick_exit", "layout", "last_reviewed", "review_by"}

// alertFields reads an urgent notice's severity, window and link. Its body
// is the message.
func alertFields(c *checker, p *Page, pl place, hs handlers, extra map[string]string) (required []string, finish func(seen map[string]*val)) {
	// An alert is not a page: the fields that place or describe a page
	// mean nothing for it.
	for _, f := range alertNotFields {
		delete(hs, f)
		extra[f] = f + " has no effect on an alert, which is shown on every page and has no page of its own (remove it)"
	}
	if pl.isIndex || pl.bundle || len(pl.dirs) != 1 {
		c.errorf(c.opener, "alerts are shown on every page and have no page or folder of their own (write each alert as one file directly in content/alerts/, and remove this one)")
	}
	al := &Alert{}
	p.Alert = al
	required = append(required, "severity", "starts", "ends")
	hs["severity"] = func(n string, v *val) {
		if s, ok := c.text(n, v); ok {
			switch s {
			case "information", "warning":
				al.Severity = s
			default:
				c.errorf(v.pos, "%s: %q is not a severity (use information, or warning when readers must act or stay safe)", n, s)
			}
		}
	}
	hs["starts"] = func(n string, v *val) { al.Starts, _, _ = c.dateTime(n, v) }
	hs["ends"] = func(n string, v *val) {
		var allDay bool
		al.Ends, allDay, _ = c.dateTime(n, v)
		if allDay { // "ends: 2026-12-26" means at the end of that day
			al.Ends = al.Ends.AddDate(0, 0, 1)
		}
	}
	hs["link"] = func(n string, v *val) {
		lk := &AlertLink{}
		seen := c.fieldsOf(v, n+".", handlers{
			"label": func(n string, v *val) { lk.Label, _ = c.text(n, v) },
			"url": func(n string, v *val) {
				if v.kind == scalarVal && strings.HasPrefix(v.text, "/") {
					if safeURL(v.text) {
						lk.URL = v.text
					} else {
						c.errorf(v.pos, "%s: %q is not an address on this site (write it as /folder/page/, with a-z, 0-9 and -)", n, v.text)
					}
					return
				}
				lk.URL, _ = c.webURL(n, v)
			},
		}, nil)
		if v.kind == mapVal {
			c.require(seen, c.fields[n], n+".", "label", "url")
		}
		if lk.Label != "" && lk.URL != "" {
			al.Link = lk
		}
	}
	finish = func(map[string]*val) {
		if !al.Starts.IsZero() && !al.Ends.IsZero() && !al.Ends.After(al.Starts) {
			c.errorf(c.fields["ends"], "ends is not after starts (check both dates and times)")
		}
		if strings.TrimSpace(p.Body) == "" {
			c.errorf(c.opener, "an alert needs a message (write it below the --- line: what has changed and what readers should do)")
		}
		// The heading is shown in the newsletter's plain text and in the
		// feed exactly as typed.
		c.plainText("title", p.Title, "an alert's title is shown exactly as typed in the newsletter and the feed")
	}
	return required, finish
}
