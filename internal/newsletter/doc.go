// Package newsletter turns @Home articles into email-safe HTML fragments and
// their plain-text twins, the editors' preview pages and a manifest, and checks
// every fragment mechanically against the fragment rules with
// internal/emailcheck (which lists them), one Checker per Generator.
//
// The HTML is written straight from the Markdown syntax tree (goldmark; in a
// build the very tree the checks read, see NewDocs) with inline styles, the way GOV.UK Notify renders email, rather than by
// post-processing a web page: what an email cannot carry is turned into
// something safe or reported naming the article's file, line and column,
// under the name the rulebook (internal/rules) gives the same mistake on the
// web page; a rule the page switched off is off in the email too.
package newsletter
