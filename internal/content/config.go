package content

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Defaults used when site.yaml is missing or leaves a field out.
const (
	DefaultTitle            = "Safeguarding information"
	DefaultBaseURL          = "https://example.org/"
	DefaultLanguage         = "en-GB"
	DefaultQuickExitURL     = "https://www.bbc.co.uk/weather"
	DefaultVerifyWithin     = 12
	DefaultReadingTarget    = "public"
	DefaultNewsletterName   = "@Home"
	DefaultEmergencyContact = "emergency"
)

// ConfigFile is the site file's name, at the top of the source folder.
const ConfigFile = "site.yaml"

func defaultConfig() Config {
	return Config{
		Title:              DefaultTitle,
		BaseURL:            DefaultBaseURL,
		Language:           DefaultLanguage,
		QuickExitURL:       DefaultQuickExitURL,
		VerifyWithinMonths: DefaultVerifyWithin,
		ReadingTarget:      DefaultReadingTarget,
		NewsletterName:     DefaultNewsletterName,
		EmergencyContact:   DefaultEmergencyContact,
		Path:               ConfigFile,
	}
}

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z]{4})?$`)

// parseConfig reads site.yaml. explicitEmergency says the file named an
// emergency contact (so that a missing one is an error), at emergencyPos.
func parseConfig(b []byte) (cfg Config, errs []posErr, emergency *ref) {
	cfg = defaultConfig()
	if line, col, nul, bad := firstBad(b); nul || bad {
		if nul {
			return cfg, []posErr{{Pos{line, col}, "the file contains a NUL byte (save the file as UTF-8 text, without NUL bytes)"}}, nil
		}
		return cfg, []posErr{{Pos{line, col}, "the file is not UTF-8 text (save the file as UTF-8)"}}, nil
	}
	b = normalizeEOL(trimBOM(b))
	root, terrs := parseYAML(b, 0)
	for _, e := range terrs {
		errs = append(errs, posErr{Pos{e.line, e.col}, strings.Replace(e.msg, "the front matter", "site.yaml", 1)})
	}
	if root == nil {
		return cfg, errs, nil
	}
	if root.kind != mapVal {
		errs = append(errs, posErr{root.pos, "site.yaml must be a list of fields (write each as name: value on its own line)"})
		return cfg, errs, nil
	}
	c := &checker{path: ConfigFile, where: ConfigFile, opener: Pos{1, 0}, fields: map[string]Pos{}}
	root = c.withoutSecrets(root, "") // credentials belong in the environment (deployconfig.go)
	seen := c.fieldsOf(root, "", handlers{
		"title": func(n string, v *val) {
			if s, ok := c.text(n, v); ok {
				cfg.Title = s
			}
		},
		"base_url": func(n string, v *val) {
			if s, ok := c.baseURL(n, v); ok {
				cfg.BaseURL = s
			}
		},
		"language": func(n string, v *val) {
			if s, ok := c.text(n, v); ok {
				if !langRE.MatchString(s) {
					c.errorf(v.pos, "%s: %q is not a language tag (use a tag such as en-GB)", n, s)
					return
				}
				cfg.Language = s
			}
		},
		"organisation": func(n string, v *val) {
			seen := c.fieldsOf(v, n+".", handlers{
				"name":      func(n string, v *val) { cfg.Organisation.Name, _ = c.text(n, v) },
				"url":       func(n string, v *val) { cfg.Organisation.URL, _ = c.webURL(n, v) },
				"logo_text": func(n string, v *val) { cfg.Organisation.LogoText, _ = c.text(n, v) },
			}, nil)
			if v.kind == mapVal {
				c.require(seen, c.fields[n], n+".", "name", "url")
			}
		},
		"quick_exit_url": func(n string, v *val) {
			if s, ok := c.webURL(n, v); ok {
				cfg.QuickExitURL = s
			}
		},
		"verify_within_months": func(n string, v *val) {
			if m, ok := c.integer(n, v); ok {
				if m < 1 {
					c.errorf(v.pos, "%s: %d is too small (use a number of months such as 12)", n, m)
					return
				}
				cfg.VerifyWithinMonths = m
			}
		},
		"reading_target": func(n string, v *val) {
			if s, ok := c.text(n, v); ok {
				if s != "public" && s != "professional" {
					c.errorf(v.pos, "%s: %q is not a reading target (use public or professional)", n, s)
					return
				}
				cfg.ReadingTarget = s
			}
		},
		"newsletter_name": func(n string, v *val) {
			if s, ok := c.text(n, v); ok {
				cfg.NewsletterName = s
			}
		},
		"deploy": func(n string, v *val) { d := c.deploy(n, v); cfg.Deploy = &d },
		"languages": func(n string, v *val) {
			if ls := c.languagesOf(n, v, cfg.Language); len(ls) > 0 {
				cfg.Languages = &ls
			}
		},
		"emergency_contact": func(n string, v *val) {
			if s, ok := c.name(n, v); ok {
				cfg.EmergencyContact = s
				emergency = &ref{s, v.pos}
			}
		},
	}, nil)
	c.require(seen, Pos{1, 0}, "", "title", "base_url", "organisation")
	return cfg, append(errs, c.errs...), emergency
}

// baseURL accepts what CheckBaseURL accepts, and always ends it in "/".
func (c *checker) baseURL(name string, v *val) (string, bool) {
	s, ok := c.text(name, v)
	if !ok {
		return "", false
	}
	if err := CheckBaseURL(s); err != nil {
		c.errorf(v.pos, "%s: %v", name, err)
		return "", false
	}
	return NormaliseBaseURL(s), true
}

// CheckBaseURL says what is wrong with s as the address a site is published
// at, in words for whoever wrote it, or nil. It is the one check of
// site.yaml's base_url and of the commands' --base-url, so both refuse the
// same mistakes with the same words. http:// is accepted for a preview
// served locally (the newsletter asks for https:// on top). The address
// prefixes every link, so a query or fragment would break them all. A user
// name or password is never repeated: the message lands in terminals and CI
// logs, as the address would have landed in every published page.
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err == nil && u.User != nil:
		u.User = nil
		return fmt.Errorf("the address holds a user name or password before @, which would be published in every page (use the address without it: %s)", u.String())
	case err != nil && strings.Contains(s, "@"):
		return errors.New("that is not a web address, and it may hold a password before @ (use the site's address alone, e.g. https://example.org/)")
	case err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || !validHost(u.Hostname()) || strings.ContainsAny(s, " \t\"<>\\"):
		return fmt.Errorf("%q is not a web address (write it in full, such as https://example.org/)", s)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%q has a query or fragment (use the address of the site's home page)", s)
	}
	return nil
}

// NormaliseBaseURL makes a base URL end in "/", as every page URL is
// appended to it.
func NormaliseBaseURL(s string) string {
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}
