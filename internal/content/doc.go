// Package content is the content model: it reads the site file and every
// Markdown file under content/, checks them against the typed front matter of
// their section (docs/content-model.md), and returns a validated Site.
//
// Load returns a Site only when there are no errors, so nothing downstream ever
// handles half-checked input. This package must not import Hugo, fsnotify or any
// package of this module other than internal/diag.
package content
