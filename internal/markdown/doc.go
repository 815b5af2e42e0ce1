// Package markdown is the one Markdown dialect of this project: the goldmark
// set-up that matches what Hugo renders on the website (GFM tables,
// strikethrough, bare links and task lists, footnotes, definition lists,
// typographic quotes, heading attributes such as {#id} and block attributes
// such as {lang="ar" dir="rtl"} on the line after a block).
//
// The checks and the newsletter parse bodies with it, so a construct that
// works on the web page is seen the same way by the checks and comes out in the
// email instead of as literal syntax.
//
// Shortcodes are part of the dialect: Shortcodes is the one scanner (byte
// offsets, escaped ones, problems); the loader keeps its result on each page
// and no later stage scans again. ParseBody replaces each shortcode by a
// placeholder of the same length and lines before goldmark runs, as Hugo
// puts a placeholder token in its place, so positions need no mapping. A
// build parses each body once: Docs hands the same Doc to the checks and the
// newsletter, and nobody changes a tree after parsing. Hugo's own set-up
// (markup/goldmark) is the one it follows.
package markdown
