// Package newsletter turns @Home articles into email-safe HTML fragments and
// their plain-text twins, the editors' preview pages and a manifest, and checks
// every fragment mechanically against the fragment rules (Lint, LintText).
//
// A fragment is pasted inside someone else's email, so it carries everything
// inline. The rules Lint checks ("Must"): 1 no doctype, html, head or body;
// 2 one wrapper div with lang and dir; 3 inline styles only; 4 no script, form,
// iframe, svg, video, audio, picture, details, nav or main; 5 tables only for
// columns, layout tables with role="presentation"; 6 no flex, grid, float,
// position, background images, url(), CSS variables, calc(), rem, vw or negative
// margins, colours as hex or rgb(); 7 nothing wider than 600px, font stacks
// ending in a generic family; 8 links absolute https:, mailto: or tel: with
// text that makes sense alone; 9 images absolute https: with alt and integer
// width and height; 10 contrast of at least 4.5:1 (3:1 large) where colours are
// set; 11 UTF-8 without BOM or control characters, under Gmail's 102 KB clip
// (aim 20 KB); 12 a plain-text twin with headings marked, every address written
// out and lines of 78 characters at most.
//
// The HTML is written straight from the Markdown syntax tree (goldmark; in a
// build the very tree the checks read, see NewDocs) with inline styles, the way GOV.UK Notify renders email, rather than by
// post-processing a web page: what an email cannot carry is turned into
// something safe or reported as an error naming the article's file and line.
//
// Of this module it imports only internal/content, internal/diag,
// internal/imagemeta (a photo's orientation), internal/markdown (the one
// Markdown dialect, shared with the checks) and
// internal/parallel, and never Hugo or fsnotify (its row of the import policy
// in internal/arch).
package newsletter
