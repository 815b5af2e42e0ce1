package content

import (
	"fmt"
	"net/http"
	"strings"

	"safeguard/internal/deployconfig"
	"safeguard/internal/diag"
)

// The deploy: section's types and the storage services' table live in
// internal/deployconfig, which the deploy reads too; this file checks the
// section as written in site.yaml.

// ReadConfig reads and checks only site.yaml in root: commands that work on a
// finished build (deploy --from) need the settings, not the content. It
// reads the file as Load does (the same size limit, link and file-type
// rules, and messages).
func ReadConfig(root string) (Config, diag.List) {
	var d diag.List
	cfg, _ := NewLoader(root, Options{}).loadConfig(&d)
	return cfg, d
}

// withoutSecrets reports every field of map m whose name looks like a
// credential and returns m without them, so they are not reported twice.
func (c *checker) withoutSecrets(m *val, prefix string) *val {
	if m == nil || m.kind != mapVal {
		return m
	}
	out := *m
	out.keys = nil
	for _, e := range m.keys {
		if env := deployconfig.SecretEnv(e.key); env != "" {
			c.errorf(e.keyPos, "%s: %s", prefix+e.key, deployconfig.SecretMessage(env, ""))
			continue
		}
		out.keys = append(out.keys, e)
	}
	return &out
}

// deployText is c.text that also refuses a credential in the value.
func (c *checker) deployText(name string, v *val) (string, bool) {
	s, ok := c.text(name, v)
	if !ok {
		return "", false
	}
	if what, env := deployconfig.SecretInText(s); what != "" {
		c.errorf(v.pos, "%s: %s", name, deployconfig.SecretMessage(env, what))
		return "", false
	}
	return s, true
}

// deployURL checks a target's address (deployconfig.CheckURL).
func (c *checker) deployURL(name string, v *val) (string, bool) {
	s, ok := c.deployText(name, v)
	if !ok {
		return "", false
	}
	if msg := deployconfig.CheckURL(s); msg != "" {
		c.errorf(v.pos, "%s: %s", name, msg)
		return "", false
	}
	return s, true
}

// glob checks an include:, exclude: or path: pattern.
func (c *checker) glob(name string, v *val) (string, bool) {
	s, ok := c.deployText(name, v)
	if !ok {
		return "", false
	}
	if msg := deployconfig.CheckGlob(s); msg != "" {
		c.errorf(v.pos, "%s: %s", name, msg)
		return "", false
	}
	return s, true
}

// deploy reads the deploy: section.
func (c *checker) deploy(n string, v *val) deployconfig.Deploy {
	d := deployconfig.Deploy{MaxDeletePercent: deployconfig.DefaultMaxDeletePercent}
	v = c.withoutSecrets(v, n+".")
	seen := c.fieldsOf(v, n+".", handlers{
		"max_delete_percent": func(n string, v *val) {
			if p, ok := c.integer(n, v); ok {
				if p < 0 || p > 100 {
					c.errorf(v.pos, "%s: %d is not a share of the site (write a percentage from 0 to 100, such as 25)", n, p)
					return
				}
				d.MaxDeletePercent = p
			}
		},
		"headers": func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of rules, not %s (write each rule as - path: followed by set:)", n, v.describe())
				return
			}
			for i, it := range v.items {
				if r, ok := c.headerRule(fmt.Sprintf("%s.%d", n, i), it); ok {
					d.Headers = append(d.Headers, r)
				}
			}
		},
		"targets": func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of targets, not %s (write each target as - name: ... with its url: on the next line)", n, v.describe())
				return
			}
			firstAt := map[string]Pos{}
			for i, it := range v.items {
				t, ok := c.deployTarget(fmt.Sprintf("%s.%d", n, i), it)
				if !ok {
					continue
				}
				if p, dup := firstAt[t.Name]; dup {
					c.errorf(it.pos, "%s.%d.name: %q is used twice (give each target its own name; the first is on line %d)", n, i, t.Name, p.Line)
					continue
				}
				firstAt[t.Name] = it.pos
				d.Targets = append(d.Targets, t)
			}
		},
	}, nil)
	if v != nil && v.kind == mapVal {
		c.require(seen, c.fields[n], n+".", "targets")
	}
	return d
}

// headerRule reads one rule of deploy.headers (deployconfig.HeaderRule).
func (c *checker) headerRule(n string, v *val) (deployconfig.HeaderRule, bool) {
	r := deployconfig.HeaderRule{Line: v.pos.Line}
	if v.kind != mapVal {
		c.errorf(v.pos, "%s: expected a rule with path: and set:, not %s", n, v.describe())
		return r, false
	}
	before := len(c.errs)
	seen := c.fieldsOf(v, n+".", handlers{
		"path": func(n string, v *val) { r.Path, _ = c.glob(n, v) },
		"set": func(n string, v *val) {
			if v.kind != mapVal {
				c.errorf(v.pos, "%s: expected headers and their values, such as Cache-Control: public, max-age=86400, not %s", n, v.describe())
				return
			}
			r.Set = map[string]string{}
			for _, e := range v.keys {
				s, ok := c.deployText(n+"."+e.key, e.val)
				if !ok {
					continue
				}
				if msg := deployconfig.CheckHeader(e.key, s); msg != "" {
					c.errorf(e.keyPos, "%s.%s: %s", n, e.key, msg)
					continue
				}
				r.Set[http.CanonicalHeaderKey(e.key)] = s
			}
		},
	}, nil)
	c.require(seen, v.pos, n+".", "path", "set")
	return r, len(c.errs) == before
}

func (c *checker) deployTarget(n string, v *val) (deployconfig.Target, bool) {
	t := deployconfig.Target{Line: v.pos.Line}
	if v.kind != mapVal {
		c.errorf(v.pos, "%s: expected a target with name: and url:, not %s", n, v.describe())
		return t, false
	}
	before := len(c.errs)
	v = c.withoutSecrets(v, n+".")
	seen := c.fieldsOf(v, n+".", handlers{
		"name":    func(n string, v *val) { t.Name, _ = c.name(n, v) },
		"url":     func(n string, v *val) { t.URL, _ = c.deployURL(n, v) },
		"include": func(n string, v *val) { t.Include, _ = c.glob(n, v) },
		"exclude": func(n string, v *val) { t.Exclude, _ = c.glob(n, v) },
		"google_cdn": func(n string, v *val) {
			v = c.withoutSecrets(v, n+".")
			seen := c.fieldsOf(v, n+".", handlers{
				"project": func(n string, v *val) { t.GoogleCDN.Project, _ = c.deployText(n, v) },
				"url_map": func(n string, v *val) { t.GoogleCDN.URLMap, _ = c.deployText(n, v) },
			}, nil)
			if v.kind == mapVal {
				c.require(seen, c.fields[n], n+".", "project", "url_map")
			}
		},
		"cloudfront_distribution": func(n string, v *val) {
			if s, ok := c.deployText(n, v); ok {
				if strings.ContainsAny(s, " /:") {
					c.errorf(v.pos, "%s: %q is not a CloudFront distribution ID (copy the ID, such as E2QWRUHAPOMQZL, from the CloudFront console)", n, s)
					return
				}
				t.CloudFrontDistribution = s
			}
		},
		"front_door": func(n string, v *val) {
			v = c.withoutSecrets(v, n+".")
			seen := c.fieldsOf(v, n+".", handlers{
				"subscription":   func(n string, v *val) { t.FrontDoor.Subscription, _ = c.deployText(n, v) },
				"resource_group": func(n string, v *val) { t.FrontDoor.ResourceGroup, _ = c.deployText(n, v) },
				"profile":        func(n string, v *val) { t.FrontDoor.Profile, _ = c.deployText(n, v) },
				"endpoint":       func(n string, v *val) { t.FrontDoor.Endpoint, _ = c.deployText(n, v) },
			}, nil)
			if v.kind == mapVal {
				c.require(seen, c.fields[n], n+".", "resource_group", "profile", "endpoint")
			}
		},
	}, nil)
	c.require(seen, v.pos, n+".", "name", "url")
	if t.CloudFrontDistribution != "" && t.URL != "" && t.Scheme() != "s3" {
		c.errorf(c.fields[n+".cloudfront_distribution"], "%s.cloudfront_distribution: CloudFront serves S3 buckets; this target is %s:// (remove the line, or use an s3:// url)", n, t.Scheme())
	}
	if t.GoogleCDN.URLMap != "" && t.URL != "" && t.Scheme() != "gs" {
		c.errorf(c.fields[n+".google_cdn"], "%s.google_cdn: Cloud CDN here serves Google Cloud Storage buckets; this target is %s:// (remove the section, or use a gs:// url)", n, t.Scheme())
	}
	return t, len(c.errs) == before
}
