package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// onlySafeguard are outputs safeguard writes around Hugo (docs/templates.md):
// the newsletter fragments, the events' calendar files, the hosts' header
// files (_headers, staticwebapp.config.json) and the record of the build
// that deploy reads. Everything else must match.
func onlySafeguard(rel string) bool {
	return rel == "_headers" || rel == "staticwebapp.config.json" || rel == ".safeguard-build.json" ||
		strings.HasPrefix(rel, "newsletter/") || strings.HasSuffix(rel, ".ics")
}

// listFiles returns every file under dir as slash paths, sorted.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(out)
	return out, err
}

func countHTML(files []string) int {
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".html") && !onlySafeguard(f) {
			n++
		}
	}
	return n
}

// compareOutputs fills the page counts, the files only one tool wrote, and a
// byte comparison of a few sample outputs (home, lists, feed, sitemap, one
// page of each kind).
func compareOutputs(r *sizeResult, sg, hugo string) error {
	a, err := listFiles(sg)
	if err != nil {
		return err
	}
	b, err := listFiles(hugo)
	if err != nil {
		return err
	}
	r.sgPages, r.hugoPages = countHTML(a), countHTML(b)
	inB := map[string]bool{}
	for _, f := range b {
		inB[f] = true
	}
	inA := map[string]bool{}
	for _, f := range a {
		inA[f] = true
		if !inB[f] && !onlySafeguard(f) {
			r.onlySG = append(r.onlySG, f)
		}
	}
	for _, f := range b {
		if !inA[f] {
			r.onlyHugo = append(r.onlyHugo, f)
		}
	}
	samples := []string{"index.html", "articles/index.html", "articles/index.xml",
		"contacts/index.html", "events/index.html", "sitemap.xml"}
	pick := func(prefix string) {
		for _, f := range a {
			if strings.HasPrefix(f, prefix) && strings.HasSuffix(f, "/index.html") && strings.Count(f, "/") == 2 {
				samples = append(samples, f)
				return
			}
		}
	}
	for _, p := range []string{"articles/", "act-early/", "events/", "about/"} {
		pick(p)
	}
	for _, f := range samples {
		if !inA[f] || !inB[f] {
			continue // already reported as a file only one tool wrote
		}
		x, err := os.ReadFile(filepath.Join(sg, f))
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(hugo, f))
		if err != nil {
			return err
		}
		if bytes.Equal(x, y) {
			r.same = append(r.same, f)
		} else {
			r.diff = append(r.diff, f)
		}
	}
	return nil
}
