package gen

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"safeguard/internal/parallel"
)

// Options say what to generate. The same Options give byte-identical folders.
type Options struct {
	// Articles is how many files to write under content/articles/ (at least 1).
	// Everything else scales with it: about one event per 10 articles, one
	// plain page per 50, one contact per 100, one ACT Early page per 500.
	Articles int
	// Seed picks titles, dates, text and images.
	Seed int64
	// Today is the day dates are measured from: articles are dated before it,
	// review_by after it, contacts verified within the year before it. Zero means
	// today's date in London, so a folder written today loads without errors today.
	Today time.Time
}

// Summary says what Write wrote, so benchmarks can pick files to edit and know
// what to expect from a build.
type Summary struct {
	// Articles are the published articles' Markdown files, slash paths relative to
	// the folder (for example "content/articles/spotting-the-signs-at-home.md" or
	// "content/articles/a-safer-city-an-update/index.md"), in generation order.
	Articles []string
	// URLs are the site-relative addresses of the published articles, in the same
	// order as Articles ("/articles/spotting-the-signs-at-home/").
	URLs []string
	// Drafts and Future count the articles left out of a default build.
	Drafts, Future int
	// Issues counts newsletter issues; InIssues the articles placed in them.
	Issues, InIssues int
	// Pages counts published Markdown pages of every kind other than contacts,
	// section landing pages and the home page included.
	Pages int
	// Contacts, Events, ActEarly and Plain count files of each kind (not _index.md).
	Contacts, Events, ActEarly, Plain int
	// Images counts the PNG files written into page bundles.
	Images int
	// Files and Bytes count everything written.
	Files int
	Bytes int64
}

// Write fills dir (created if missing; existing files with the same names are
// replaced) with site.yaml and content/ as described by opts.
func Write(dir string, opts Options) (Summary, error) {
	if opts.Articles < 1 {
		return Summary{}, errors.New("gen: Options.Articles must be at least 1")
	}
	today := opts.Today
	if today.IsZero() {
		loc, err := time.LoadLocation("Europe/London")
		if err != nil {
			loc = time.UTC
		}
		today = time.Now().In(loc)
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)

	p := newPlan(opts.Seed, opts.Articles, today)
	for _, d := range []string{"articles", "act-early", "contacts", "events", "about"} {
		if err := os.MkdirAll(filepath.Join(dir, "content", d), 0o755); err != nil {
			return Summary{}, err
		}
	}
	files := p.files()

	var (
		mu    sync.Mutex
		first error
		bytes int64
		count int
	)
	parallel.Each(len(files), func(i int) {
		f := files[i]
		data := f.make(p.rng(f.path))
		path := filepath.Join(dir, filepath.FromSlash(f.path))
		err := os.MkdirAll(filepath.Dir(path), 0o755)
		if err == nil {
			err = os.WriteFile(path, data, 0o644)
		}
		mu.Lock()
		if err != nil && first == nil {
			first = err
		}
		bytes += int64(len(data))
		count++
		mu.Unlock()
	})
	if first != nil {
		return Summary{}, fmt.Errorf("gen: %w", first)
	}
	s := p.summary
	s.Files, s.Bytes = count, bytes
	return s, nil
}

// file is one output file; make gets a random source of its own (seeded from
// the plan's seed and the path), so files can be written in any order, in
// parallel, and still come out the same.
type file struct {
	path string
	make func(r *rand.Rand) []byte
}

// plan is everything decided up front (names, dates, links), before any text:
// pages link to each other, so every address must be known first.
type plan struct {
	seed     int64
	today    time.Time
	articles []*article
	contacts []*contact
	acts     []*simplePage
	events   []*event
	plain    []*simplePage
	summary  Summary

	// links are pages any body may link to: [title, url].
	links [][2]string
}

type article struct {
	path, url, slug, title string
	slugField              bool // write slug: in front matter (file named differently)
	bundle                 bool
	draft, future          bool
	date                   time.Time
	issue                  string
	order                  int
}

type contact struct {
	name, title string
	phones      []phone
	real        bool
	summary     string
	hours       string
	email, url  string
	source      string
	emergency   bool
}

type phone struct {
	number, label string
	textphone     bool
}

type simplePage struct {
	path, url, title, layout string
	weight                   int
	quickExitOff             bool
}

type event struct {
	path, url, title string
	start, end       time.Time
	timed            bool
	online           bool
	place, audience  string
	status           string
	bookingURL       bool
}

func (p *plan) rng(key string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(key))
	return rand.New(rand.NewPCG(uint64(p.seed), h.Sum64()))
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func newPlan(seed int64, n int, today time.Time) *plan {
	p := &plan{seed: seed, today: today}
	r := p.rng("plan")
	slugs := map[string]int{}
	unique := func(base string) string {
		slugs[base]++
		if c := slugs[base]; c > 1 {
			return fmt.Sprintf("%s-%d", base, c)
		}
		return base
	}

	// Contacts: four real national ones (numbers as the loader groups them), then made-up local services whose
	// numbers come from Ofcom's drama ranges (never a real line).
	p.contacts = []*contact{
		{name: "emergency", title: "Emergency", real: true, emergency: true,
			summary: "Call 999 if someone is in danger now or a crime is happening.",
			phones:  []phone{{number: "999"}}, source: "https://actearly.uk/contact"},
		{name: "act-early-support-line", title: "ACT Early Support Line", real: true,
			summary: "Call if you are worried someone close to you is being drawn into extremism.",
			phones:  []phone{{number: "0800 011 3764"}}, hours: "9am to 5pm, every day",
			url: "https://actearly.uk/", source: "https://actearly.uk/contact"},
		{name: "police-non-emergency", title: "Police non-emergency number", real: true,
			summary: "Call 101 to talk to the police when it is not an emergency.",
			phones:  []phone{{number: "101"}, {number: "18001 101", label: "Textphone", textphone: true}},
			hours:   "24 hours", source: "https://www.cityoflondon.police.uk/"},
		{name: "nspcc-helpline", title: "NSPCC helpline", real: true,
			summary: "Call if you are worried about a child.",
			phones:  []phone{{number: "0808 800 5000"}}, email: "help@nspcc.org.uk",
			url: "https://www.nspcc.org.uk/", source: "https://www.nspcc.org.uk/"},
	}
	nFake := clamp(n/100, 4, 1000)
	names := map[string]int{}
	for i := range nFake {
		area, service := pick(r, contactAreas), pick(r, contactServices)
		name := slugify(area + " " + service)
		names[name]++
		if c := names[name]; c > 1 {
			name = fmt.Sprintf("%s-%d", name, c)
		}
		c := &contact{name: name, title: area + " " + service,
			summary: "Get in touch for advice from the " + area + " " + service + ".",
			source:  "https://www.example.org/services/" + name}
		// 020 7946 0000-0999 and 0808 157 0000-0999 are reserved for drama.
		if i%2 == 0 {
			c.phones = []phone{{number: fmt.Sprintf("020 7946 0%03d", (i/2)%1000)}}
		} else {
			c.phones = []phone{{number: fmt.Sprintf("0808 157 0%03d", (i/2)%1000)}}
		}
		if i%3 == 0 {
			c.email = name + "@example.org"
		}
		if i%4 == 1 {
			c.url = "https://www.example.org/services/" + name
		}
		if i%5 == 2 {
			c.hours = "Monday to Friday, 9am to 5pm"
		}
		p.contacts = append(p.contacts, c)
	}
	p.summary.Contacts = len(p.contacts)

	// Articles: dated over the past months, about six per monthly issue until
	// the span reaches 50 years, then issues grow.
	spanDays := clamp(n/24, 12, 600) * 30
	for i := range n {
		a := &article{title: pick(r, titleStarts) + ": " + pick(r, titleEnds)}
		a.slug = unique(slugify(a.title))
		a.date = today.AddDate(0, 0, -1-r.IntN(spanDays))
		a.draft = i%97 == 50
		a.future = !a.draft && i%89 == 44
		if a.future {
			a.date = today.AddDate(0, 0, 1+r.IntN(60))
		}
		switch {
		case i%3 == 0:
			a.bundle = true
			a.path = "content/articles/" + a.slug + "/index.md"
		case i%7 == 3:
			a.slugField = true
			a.path = "content/articles/" + a.date.Format("2006-01-02") + "-" + a.slug + ".md"
		default:
			a.path = "content/articles/" + a.slug + ".md"
		}
		a.url = "/articles/" + a.slug + "/"
		if i%4 == 0 && !a.draft && !a.future {
			a.issue = a.date.Format("2006-01")
		}
		p.articles = append(p.articles, a)
	}
	// Orders within an issue follow publication date, then generation order.
	byIssue := map[string][]*article{}
	for _, a := range p.articles {
		if a.issue != "" {
			byIssue[a.issue] = append(byIssue[a.issue], a)
		}
	}
	for _, as := range byIssue {
		slices.SortStableFunc(as, func(x, y *article) int { return x.date.Compare(y.date) })
		for k, a := range as {
			a.order = k + 1
		}
		p.summary.InIssues += len(as)
	}
	p.summary.Issues = len(byIssue)

	// ACT Early: the campaign's four pages, then one more per 500 articles.
	actTitles := []string{"ACT Early", "Signs to look for", "How to share a concern", "What happens next"}
	for i := range 4 + n/500 {
		t := ""
		if i < len(actTitles) {
			t = actTitles[i]
		} else {
			t = "ACT Early: " + pick(r, titleEnds)
		}
		s := unique(slugify(t))
		p.acts = append(p.acts, &simplePage{path: "content/act-early/" + s + ".md", url: "/act-early/" + s + "/", title: t, weight: i + 1})
	}

	// Events: from the start of the article span to six months ahead.
	for i := range max(3, n/10) {
		e := &event{title: pick(r, eventKinds) + ": " + pick(r, audiences)}
		s := unique(slugify(e.title))
		e.path, e.url = "content/events/"+s+".md", "/events/"+s+"/"
		day := today.AddDate(0, 0, 180-r.IntN(spanDays+180))
		e.audience = pick(r, audiences)
		e.timed = i%3 != 0
		if e.timed {
			e.start = day.Add(time.Duration(9+r.IntN(9)) * time.Hour)
			e.end = e.start.Add(time.Duration(1+r.IntN(3)) * time.Hour)
		} else {
			e.start = day
			e.end = day.AddDate(0, 0, r.IntN(2))
		}
		e.online = i%2 == 0
		if !e.online {
			e.place = pick(r, places)
		}
		e.bookingURL = i%3 != 2
		switch {
		case !day.After(today):
			e.status = "held"
			if i%10 == 7 {
				e.status = "cancelled"
			}
		case day.Sub(today) > 120*24*time.Hour && i%2 == 1:
			e.status = "planned"
		case i%5 == 0:
			e.status = "" // the default, scheduled
		default:
			e.status = "scheduled"
		}
		p.events = append(p.events, e)
	}

	// Plain pages: the required four at the top, the rest about the work.
	p.plain = []*simplePage{
		{path: "content/accessibility.md", url: "/accessibility/", title: "Accessibility statement", quickExitOff: true},
		{path: "content/privacy.md", url: "/privacy/", title: "Privacy notice", quickExitOff: true},
		{path: "content/cookies.md", url: "/cookies/", title: "Cookies", quickExitOff: true},
		{path: "content/site-map.md", url: "/site-map/", title: "Site map", layout: "site-map"},
	}
	for i := range n / 50 {
		t := aboutTitles[i%len(aboutTitles)]
		if i >= len(aboutTitles) {
			t += ": " + pick(r, titleEnds)
		}
		s := unique(slugify(t))
		p.plain = append(p.plain, &simplePage{path: "content/about/" + s + ".md", url: "/about/" + s + "/", title: t, weight: i + 1})
	}

	for _, a := range p.articles {
		if !a.draft && !a.future {
			p.links = append(p.links, [2]string{a.title, a.url})
			p.summary.Articles = append(p.summary.Articles, a.path)
			p.summary.URLs = append(p.summary.URLs, a.url)
		}
		if a.draft {
			p.summary.Drafts++
		}
		if a.future {
			p.summary.Future++
		}
		if a.bundle {
			p.summary.Images++
		}
	}
	for _, s := range p.acts {
		p.links = append(p.links, [2]string{s.title, s.url})
	}
	for _, e := range p.events {
		p.links = append(p.links, [2]string{e.title, e.url})
	}
	for _, s := range p.plain {
		p.links = append(p.links, [2]string{s.title, s.url})
	}
	p.summary.ActEarly, p.summary.Events, p.summary.Plain = len(p.acts), len(p.events), len(p.plain)
	// Published pages: articles, ACT Early, events, plain, plus the home page,
	// the about section and the four section landing pages.
	p.summary.Pages = len(p.summary.Articles) + len(p.acts) + len(p.events) + len(p.plain) + 1 + 5
	return p
}
