package site

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/config"

	"safeguard/internal/content"
	"safeguard/internal/markdown"
)

// Options change the site Hugo builds, for a build to disk and a preview
// session alike. What is published (drafts, future articles) is decided by the
// model: the loader left out what its options exclude (content.Site.Skipped)
// and Hugo is told to ignore exactly those files.
type Options struct {
	BaseURL string // overrides site.yaml's base_url when set
	// Today is the moment the pages are built for (site.Params.today), so
	// that the templates decide what is over (an event) at the moment the
	// loader chose what shows (alerts, scheduled articles, the calendars):
	// build's --today, or the time of its load. Zero leaves the templates
	// Hugo's now: a preview session would otherwise see its configuration
	// change, and rebuild everything, at every save.
	Today time.Time
	// NoMinify turns HTML minification off (for debugging templates).
	NoMinify bool
}

// Output says where Build writes; a session's output stays in memory.
type Output struct {
	Dest string // folder to write into; created if missing; should be new or empty
	// OnHTML, when set, is given every HTML file Build writes (Hugo's pages
	// and static/ files; slash path relative to Dest) once it is complete,
	// from many goroutines at once, so a caller can index the output while
	// it is written instead of reading it back.
	OnHTML func(rel string, data []byte)
}

// menuSections are the main menu entries after Home, in order: a menu from
// configuration instead of `range site.Sections`, because the latter makes every
// page depend on every section and full builds grow quadratically.
var menuSections = []struct{ section, name string }{
	{"articles", "Articles"},
	{"act-early", "ACT Early"},
	{"contacts", "Contacts"},
	{"events", "Events"},
	{"about", "About"},
}

// HugoConfig returns the Hugo site configuration for s, as plain maps that
// encode to JSON or TOML, so a benchmark can feed the plain hugo command the same
// configuration. Paths (workingDir, publishDir, themes, caches) are not in it:
// newConfig adds them.
func HugoConfig(s *content.Site, opts Options) map[string]any {
	baseURL := s.Config.BaseURL
	if opts.BaseURL != "" {
		baseURL = opts.BaseURL
	}
	baseURL = content.NormaliseBaseURL(baseURL)
	lang := s.Config.Language
	if lang == "" {
		lang = content.DefaultLanguage
	}
	cfg := map[string]any{
		"baseURL":      baseURL,
		"locale":       lang,
		"title":        s.Config.Title,
		"timeZone":     "Europe/London",
		"disableKinds": []string{"taxonomy", "term"},
		// The model decides what is published: Hugo builds every page it is
		// given and ignores the files the loader skipped.
		"buildDrafts":     true,
		"buildFuture":     true,
		"buildExpired":    true,
		"ignoreFiles":     ignoreFiles(s),
		"enableRobotsTXT": true,
		// Images go through Hugo's image processing (layouts/_markup/render-image.html):
		// files under static/ are assets too, so an image written as
		// /images/x.png is resized like one beside its page.
		"module": map[string]any{"mounts": []any{
			map[string]any{"source": "content", "target": "content"},
			map[string]any{"source": "layouts", "target": "layouts"},
			map[string]any{"source": "assets", "target": "assets"},
			map[string]any{"source": "static", "target": "static"},
			map[string]any{"source": "static", "target": "assets", "files": []string{"**.{jpg,jpeg,png,webp,gif,svg,JPG,JPEG,PNG,WEBP,GIF,SVG}"}},
		}},
		"imaging": map[string]any{"quality": 75},
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Raw HTML in Markdown is never published (goldmark also drops
				// javascript: links when unsafe is off).
				"renderer": map[string]any{"unsafe": false},
				// {lang="cy"} on the line after a paragraph marks a passage
				// in another language (docs/content-model.md); the
				// content checks allow only id, lang and dir.
				"parser": map[string]any{"attribute": map[string]any{"block": true, "title": true},
					// An image alone in a paragraph reaches render-image.html
					// as a block, which can be a <figure> with a caption.
					"wrapStandAloneImageWithinParagraph": false},
			},
		},
		"frontmatter": map[string]any{
			"lastmod": []string{"last_reviewed", ":default"},
		},
		"outputs": map[string]any{
			"home":    []string{"html"},
			"section": []string{"html"},
			"page":    []string{"html"},
		},
		"cascade": []any{
			// One feed only: the articles section.
			map[string]any{
				"outputs": []string{"html", "rss"},
				"target":  map[string]any{"path": "/articles", "kind": "section"},
			},
		},
		// A build is hermetic: templates cannot run programs, fetch from the
		// network or read the environment.
		"security": map[string]any{
			"exec":  map[string]any{"allow": []string{"none"}, "osEnv": []string{"none"}},
			"funcs": map[string]any{"getenv": []string{"none"}},
			"http":  map[string]any{"urls": []string{"none"}, "methods": []string{"none"}},
		},
		// Residents read on phones: a feed of the newest articles; the
		// lists are the newest articles and one page per year (lists.go).
		"services": map[string]any{"rss": map[string]any{"limit": latestCount}},
		"menus":    map[string]any{"main": mainMenu(s)},
		"params":   params(s, opts),
	}
	if !opts.NoMinify {
		cfg["minify"] = map[string]any{"minifyOutput": true}
	}
	if ls := s.Config.Translations(); len(ls) > 0 {
		languages(cfg, s, lang, ls)
	}
	return cfg
}

// languages makes the site multilingual, Hugo's way, when site.yaml lists
// languages: the site's own language is the default, published at the root;
// each other is published under /code/ from the translations (x.cy.md) the
// loader found, with its name in itself, its direction and a main menu whose
// sections are the default language's (a section seldom has every page
// translated). The menu's names and the rest of the site's own words come
// from the theme's i18n/ files.
func languages(cfg map[string]any, s *content.Site, lang string, ls []content.Language) {
	def := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	all := map[string]any{def: map[string]any{
		"weight": 1, "locale": lang, "label": s.Config.LanguageName(), "direction": markdown.Direction(lang),
	}}
	for i, l := range ls {
		menu := []any{map[string]any{"name": "Home", "pageRef": "/", "weight": 1, "identifier": "home"}}
		for _, m := range mainMenu(s)[1:] {
			e := m.(map[string]any)
			menu = append(menu, map[string]any{"name": e["name"], "url": e["pageRef"].(string) + "/", "weight": e["weight"], "identifier": e["identifier"]})
		}
		all[l.Code] = map[string]any{
			"weight": i + 2, "locale": l.Code, "label": l.Name, "direction": l.Direction(),
			"menus": map[string]any{"main": menu},
		}
	}
	cfg["languages"] = all
	cfg["defaultContentLanguage"] = def
	cfg["defaultContentLanguageInSubdir"] = false
	// Hugo would write /en/ as a redirect to the home page: a page with no
	// landmarks that sends a browser to the full address.
	cfg["disableDefaultLanguageRedirect"] = true
}

// ignoreFiles is Hugo's ignoreFiles setting: one pattern matching the files of
// the pages the loader left out (drafts, future articles) and of the contacts.
// Contacts are never pages of their own: templates show them from
// site.Params.contacts, and their url field would be taken by Hugo as the
// page's address. Alerts are not pages either: the active ones are in
// site.Params.alerts.
func ignoreFiles(s *content.Site) []string {
	var alts []string
	add := func(p *content.Page) {
		alts = append(alts, strings.ReplaceAll(regexp.QuoteMeta(p.Path), "/", `[/\\]`))
	}
	for _, p := range s.Skipped {
		add(p)
	}
	for _, p := range s.Pages {
		if p.Kind == content.KindContact && !p.IsIndex || p.Kind == content.KindAlert {
			add(p)
		}
	}
	if len(alts) == 0 {
		return []string{}
	}
	return []string{`(?:^|[/\\])(?:` + strings.Join(alts, "|") + `)$`}
}

// mainMenu lists Home and the sections of menuSections that exist in s.
func mainMenu(s *content.Site) []any {
	menu := []any{map[string]any{"name": "Home", "pageRef": "/", "weight": 1, "identifier": "home"}}
	have := map[string]bool{}
	for _, p := range s.Pages {
		have[p.Section] = true
	}
	for i, m := range menuSections {
		if !have[m.section] {
			continue
		}
		menu = append(menu, map[string]any{
			"name":       m.name,
			"pageRef":    "/" + m.section,
			"weight":     i + 2,
			"identifier": m.section,
		})
	}
	return menu
}

// params is site.Params: the contract in docs/templates.md.
func params(s *content.Site, opts Options) map[string]any {
	contacts := make(map[string]any, len(s.Contacts))
	for name, c := range s.Contacts {
		phones := make([]any, 0, len(c.Phones))
		for _, ph := range c.Phones {
			phones = append(phones, map[string]any{
				"number":    ph.Number,
				"tel":       ph.Tel,
				"label":     ph.Label,
				"textphone": ph.Textphone,
				"name":      ph.Name(), // as the newsletter says it (content.Phone)
				"note":      ph.Note(),
			})
		}
		contacts[name] = map[string]any{
			"title":       c.Title,
			"summary":     c.Summary,
			"phones":      phones,
			"email":       c.Email,
			"url":         c.URL,
			"hours":       c.Hours,
			"emergency":   c.Emergency,
			"source":      c.Source,
			"verified_on": dateString(c.VerifiedOn),
			"anchor":      "contact-" + name,
		}
	}
	logo := s.Config.Organisation.LogoText
	if logo == "" {
		logo = s.Config.Organisation.Name
	}
	return map[string]any{
		"organisation": map[string]any{
			"name":      s.Config.Organisation.Name,
			"url":       s.Config.Organisation.URL,
			"logo_text": logo,
		},
		"quick_exit_url":    s.Config.QuickExitURL,
		"emergency_contact": s.Config.EmergencyContact,
		"newsletter_name":   s.Config.NewsletterName,
		"contacts":          contacts,
		"alerts":            alertParams(s),
		"today":             todayParam(opts),
	}
}

// todayParam is site.Params.today: Options.Today in RFC 3339 (London time),
// or "" for the templates to use Hugo's now (layouts/_partials/today.html).
func todayParam(opts Options) string {
	if opts.Today.IsZero() {
		return ""
	}
	return opts.Today.In(content.London).Format(time.RFC3339)
}

// alertParams are the alerts showing when the site is built (s.Now), soonest
// start first: what layouts/_partials/alerts.html shows at the top of every
// page and rss.xml at the top of the feed.
func alertParams(s *content.Site) []any {
	active, _ := s.Alerts()
	out := make([]any, 0, len(active))
	for _, p := range active {
		a := p.Alert
		m := map[string]any{
			"id":       "alert-" + p.Slug,
			"title":    p.Title,
			"message":  p.Body,
			"severity": a.Severity,
			"language": p.Language,
			"starts":   a.Starts.Format(time.RFC3339),
			"ends":     a.Ends.Format(time.RFC3339),
		}
		if a.Link != nil {
			m["link"] = map[string]any{"label": a.Link.Label, "url": a.Link.URL}
		}
		out = append(out, m)
	}
	return out
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Where the built-in theme and Hugo's caches live. They are absolute paths in
// the in-memory layer of the source file system (see newFs), outside any real
// folder, so nothing is ever read from or written to these places on disk.
var (
	themesDir = filepath.Join(string(filepath.Separator), "_safeguard", "themes")
	cacheDir  = filepath.Join(string(filepath.Separator), "_safeguard", "cache")
	// configFile is the (empty) configuration file Hugo is told to load.
	configFile = filepath.Join(string(filepath.Separator), "_safeguard", "hugo.toml")
)

// themeName is the folder of the built-in theme under themesDir.
const themeName = "builtin"

// newConfig is HugoConfig plus the paths of one build: the source folder as
// Hugo's working folder, dest as its publish folder, the built-in theme and the
// caches in memory. watch makes the HugoSites reusable for incremental rebuilds
// (a preview session).
func newConfig(s *content.Site, opts Options, dest string, watch bool) config.Provider {
	cfg := hmaps.Params(HugoConfig(s, opts))
	cfg["workingDir"] = s.Root
	cfg["publishDir"] = dest
	cfg["themesDir"] = themesDir
	cfg["theme"] = themeName
	cfg["cacheDir"] = cacheDir
	// Processed resources go to the in-memory layer, not into the source folder.
	cfg["resourceDir"] = filepath.Join(cacheDir, "resources")
	// The lock file would be written into the source folder.
	cfg["noBuildLock"] = true
	if watch {
		cfg["internal"] = hmaps.Params{"watch": true}
	}
	// The generated lists (GeneratedContent), from the memory layer.
	withGeneratedMount(cfg, generatedDir)
	return config.NewFrom(cfg)
}
