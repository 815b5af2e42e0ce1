// Package newsletter turns @Home articles into email-safe HTML fragments and
// their plain-text twins, the editors' preview pages and a manifest, and checks
// every fragment against the rules of docs/newsletter.md (Lint).
//
// The HTML is written straight from the Markdown syntax tree with inline styles,
// the way GOV.UK Notify renders email, rather than by post-processing a web page:
// what an email client cannot carry is turned into something safe or reported as
// an error naming the article's file and line.
//
// This package must not import Hugo (github.com/gohugoio/...), fsnotify or any
// package of this module other than internal/content and internal/diag.
package newsletter
