package deployconfig

import (
	"fmt"
	"path"
	"strings"
)

// DefaultMaxDeletePercent is the largest share of the live site that one
// deploy may delete without --force: a wrong source folder must not be able
// to wipe what residents read.
const DefaultMaxDeletePercent = 25

// Deploy is site.yaml's deploy: section: where `safeguard deploy` publishes.
// Credentials are never part of it; they come from the environment.
type Deploy struct {
	Targets          []Target
	MaxDeletePercent int // deletes above this share of the live files need --force
	// Headers are rules that give matching files other object headers than
	// the built-in policy (see HeaderRule).
	Headers []HeaderRule
}

// Target is one place the site is published to.
type Target struct {
	Name string
	// URL is a gocloud.dev blob address: azblob://CONTAINER, s3://BUCKET?region=R,
	// gs://BUCKET or file:///ABSOLUTE/FOLDER.
	URL string
	// Include and Exclude are globs (see Match) over the site's paths: only
	// matching files are uploaded, and only matching files on the target
	// are deleted, so files placed by hand in a shared bucket are left alone.
	Include, Exclude string
	// CloudFrontDistribution, when set, is invalidated after a deploy.
	CloudFrontDistribution string
	// FrontDoor, when its Endpoint is set, names the Azure Front Door endpoint
	// whose cache is purged after a deploy.
	FrontDoor FrontDoor
	// GoogleCDN, when its URLMap is set, names the Google Cloud load
	// balancer whose Cloud CDN cache is invalidated after a deploy.
	GoogleCDN GoogleCDN
	Line      int // of the target in site.yaml, for messages
}

// FrontDoor names an Azure Front Door (Standard/Premium) endpoint.
type FrontDoor struct {
	Subscription  string
	ResourceGroup string
	Profile       string
	Endpoint      string
}

// GoogleCDN names the URL map of a Google Cloud load balancer with Cloud CDN.
type GoogleCDN struct {
	Project string
	URLMap  string
}

// Scheme is the URL's scheme: azblob, s3, gs or file.
func (t Target) Scheme() string {
	s, _, _ := strings.Cut(t.URL, "://")
	return s
}

// Selects says whether the target's include and exclude globs let key (a
// slash path in the site, without a leading slash) be uploaded or deleted.
func (t Target) Selects(key string) bool {
	if t.Include != "" && !Match(t.Include, key) {
		return false
	}
	return t.Exclude == "" || !Match(t.Exclude, key)
}

// Target finds a target by name; with name "" it is the first one.
func (d Deploy) Target(name string) (Target, bool) {
	for _, t := range d.Targets {
		if name == "" || t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// Names lists the targets' names in the order site.yaml gives them.
func (d Deploy) Names() []string {
	var out []string
	for _, t := range d.Targets {
		out = append(out, t.Name)
	}
	return out
}

// Match reports whether the slash path key matches the glob pattern: as
// path.Match, one segment at a time, where a segment ** matches any number
// of segments (files/** is everything under files/, **/*.pdf every PDF),
// and {a,b} matches either (as Hugo's globs do). A leading slash in the
// pattern is ignored: patterns are written as the site's addresses.
func Match(pattern, key string) bool {
	for _, p := range expand(pattern) {
		if matchSegs(strings.Split(strings.TrimPrefix(p, "/"), "/"), strings.Split(key, "/")) {
			return true
		}
	}
	return false
}

// expand spells out the {a,b} alternatives of a pattern.
func expand(pattern string) []string {
	open := strings.IndexByte(pattern, '{')
	if open < 0 {
		return []string{pattern}
	}
	end := strings.IndexByte(pattern[open:], '}')
	if end < 0 {
		return []string{pattern}
	}
	end += open
	var out []string
	for _, alt := range strings.Split(pattern[open+1:end], ",") {
		out = append(out, expand(pattern[:open]+alt+pattern[end+1:])...)
	}
	return out
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			if len(pat) == 1 {
				return true
			}
			for i := range len(segs) + 1 {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// CheckGlob returns a message when pattern is not a glob Match can use.
func CheckGlob(pattern string) string {
	for _, p := range expand(pattern) {
		for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
			if _, err := path.Match(seg, ""); err != nil || strings.ContainsAny(seg, "{}") {
				return fmt.Sprintf("%q is not a pattern (write paths with * for any name, ** for any folders and {a,b} for either, such as files/** or **/*.{pdf,docx})", pattern)
			}
		}
	}
	return ""
}
